"""The Ray engine gives the local engine's rows and digest, with and without a model stage.
Slow: it starts Ray."""

import io
import json
import os
import subprocess
import sys

import pytest
from conftest import SHARED
from corpus import corpus_articles

from summarizer.batch.rows import read_rows
from summarizer.cli.main import main

ray = pytest.importorskip("ray", reason="the Ray engine needs the 'ray' extra")
pytestmark = pytest.mark.slow


def run(argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def local_ray():
    # glossary-constrained decoding breaks a tiny random model's ties in set order, which
    # follows the string hash seed: fixed here and in the local run it is compared with
    ray.init(
        num_cpus=2,
        include_dashboard=False,
        log_to_driver=False,
        runtime_env={"env_vars": {"PYTHONHASHSEED": "0"}},
    )
    yield
    ray.shutdown()


def test_ray_gives_the_rows_and_digest_of_the_local_engine(local_ray, tmp_path):
    inputs = [str(SHARED / "seeds"), str(SHARED / "eval" / "dev.jsonl")]
    results = {}
    for engine in ("local", "ray"):
        outs = [tmp_path / f"{engine}.{suffix}" for suffix in ("jsonl", "md", "json")]
        args = ["digest", *inputs, "--engine", engine, "--jobs", "2"]
        code, _, err = run(args + [a for out in outs for a in ("--out", str(out))])
        assert code == 0, err
        rows = sorted(read_rows(str(outs[0])), key=lambda r: r["id"])
        results[engine] = (
            rows,
            outs[1].read_text(encoding="utf-8"),
            json.loads(outs[2].read_text()),
        )
    assert len(results["local"][0]) == 5 + 22
    assert all(r["error"] is None for r in results["local"][0])
    assert results["ray"] == results["local"]


def test_with_a_translator_the_model_stage_runs_apart_and_gives_the_same_rows(
    local_ray, tiny_marian, tmp_path
):
    feed = tmp_path / "feed.jsonl"
    short = [(i, t) for i, t in corpus_articles() if i.startswith("d")][:2]
    feed.write_text(
        "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in short), encoding="utf-8"
    )
    rows = {}
    for engine in ("local", "ray"):
        out = tmp_path / f"{engine}.jsonl"
        args = ["digest", str(feed), "--engine", engine, "--translator", str(tiny_marian)]
        args += ["--out", str(out)]
        if engine == "local":
            env = {**os.environ, "PYTHONHASHSEED": "0"}
            done = subprocess.run(
                [sys.executable, "-m", "summarizer", *args], env=env, capture_output=True, text=True
            )
            assert done.returncode == 0, done.stderr
        else:
            code, _, err = run(args)
            assert code == 0, err
        rows[engine] = sorted(read_rows(str(out)), key=lambda r: r["id"])
    assert [r["english"]["source"] for r in rows["local"]] == [f"translation ({tiny_marian})"] * 2
    assert rows["ray"] == rows["local"]
