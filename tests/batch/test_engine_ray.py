"""The Ray engine gives the local engine's rows and digest; on a two-node cluster it spreads the
work and loses no article when a worker process is killed. Slow: each starts Ray."""

import io
import json
import os
import signal
import time
from collections import Counter
from pathlib import Path

import pytest
from conftest import SHARED
from corpus import corpus_articles

from summarizer.batch.engine_local import RowWork
from summarizer.batch.local import PipelineSpec
from summarizer.batch.rows import read_rows
from summarizer.cli.main import main

ray = pytest.importorskip("ray", reason="the Ray engine needs the 'ray' extra")
pytestmark = pytest.mark.slow


def run(argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


@pytest.fixture
def two_node_cluster():
    from ray.cluster_utils import Cluster

    cluster = Cluster(
        initialize_head=True, head_node_args={"num_cpus": 1, "include_dashboard": False}
    )
    cluster.add_node(num_cpus=1)
    ray.init(address=cluster.address, log_to_driver=False)
    yield cluster
    ray.shutdown()
    cluster.shutdown()


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


def _article_workers() -> list[int]:
    """Process ids of the Ray actors that process articles (by their process titles)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                title = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if title.startswith(b"ray::MapWorker(MapBatches(ArticleRows))"):
                found.append(int(entry.name))
    return found


def test_a_cluster_spreads_the_work_and_a_killed_worker_loses_nothing(two_node_cluster, tmp_path):
    from summarizer.batch.engine_ray import ray_rows
    from summarizer.batch.run import BatchPlan

    short = [(i, t) for i, t in corpus_articles() if i.startswith("d")]
    feed = tmp_path / "feed.jsonl"
    ids = [f"{article_id}-{copy}" for copy in range(4) for article_id, _ in short]
    with feed.open("w", encoding="utf-8") as out:
        for copy in range(4):
            for article_id, text in short:
                out.write(json.dumps({"id": f"{article_id}-{copy}", "text": text}) + "\n")
    plan = BatchPlan(
        inputs=(str(feed),),
        row_outputs=(),
        digest_outputs=(),
        spec=PipelineSpec(),
        work=RowWork(200),
        engine="ray",
        ray_workers=2,
    )
    per_node: Counter = Counter()
    seen, killed = [], None
    for _, row in ray_rows(plan, set(), per_node):
        seen.append(row)
        if killed is None and len(seen) >= 8:
            workers = _article_workers()
            assert len(workers) == 2
            killed = workers[0]
            os.kill(killed, signal.SIGKILL)
            time.sleep(0.5)
    assert killed is not None
    assert sorted(r["id"] for r in seen) == sorted(ids)  # each exactly once
    assert all(r["error"] is None for r in seen)
    assert len(per_node) == 2 and sum(per_node.values()) == len(ids)
