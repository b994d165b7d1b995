"""The CLI under bad options, broken model folders and interruption: one line, the right exit code."""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from summarizer.cli.main import main

ARTICLE = "星河科技今日公布第三季度业绩，营收同比增长11.4%至311亿元。\n董事长表示将继续投入研发，扩大海外业务。\n"


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_translate_takes_a_long_paragraph_as_text(tiny_marian):
    paragraph = (
        "快手第三季度营收同比增长11.4%至311亿元，" * 5
    )  # 295 bytes: past the 255-byte name limit
    assert len(paragraph.encode()) > 255
    code, out, err = run(
        ["translate", paragraph, "--model", str(tiny_marian), "--format", "json"]
        + ["--no-bundled-glossary"]
    )
    assert code == 0, err
    assert json.loads(out)["source"] == paragraph


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            ["--port", "70000"],
            "summarizer: invalid setting: --port 70000: Input should be less than or equal to 65535\n",
        ),
        (
            ["--queue-size", "-1"],
            "summarizer: invalid setting: --queue-size -1: Input should be greater than or equal to 0\n",
        ),
        (["--glossary", "/no/such.tsv"], "summarizer: /no/such.tsv:0: no such glossary file\n"),
    ],
)
def test_serve_with_bad_settings_is_one_line(options, message):
    assert run(["serve", *options]) == (1, "", message)


def _broken_folder(tmp_path: Path, tiny_marian: Path, problem: str) -> Path:
    folder = tmp_path / problem
    shutil.copytree(tiny_marian, folder)
    if problem == "no-weights":
        (folder / "model.safetensors").unlink()
    elif problem == "no-tokenizer":
        for name in ("source.spm", "target.spm", "vocab.json"):
            (folder / name).unlink()
    elif problem == "invalid-json":
        (folder / "config.json").write_text('{"model_type": "marian",', encoding="utf-8")
    elif problem == "not-seq2seq":
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        (folder / "config.json").write_text(json.dumps(config | {"model_type": "bert"}))
    elif problem == "truncated-weights":
        weights = folder / "model.safetensors"
        weights.write_bytes(weights.read_bytes()[:1000])
    return folder


@pytest.mark.parametrize(
    ("problem", "reason"),
    [
        (
            "no-weights",
            "no weights (model.safetensors or pytorch_model.bin); the download is incomplete",
        ),
        ("no-tokenizer", "no tokenizer files (tokenizer.json, spiece.model, source.spm, ...)"),
        (
            "invalid-json",
            "config.json is not valid JSON (Expecting property name enclosed in double quotes: "
            "line 1 column 25 (char 24))",
        ),
        (
            "not-seq2seq",
            "a bert model is not a sequence-to-sequence model (an encoder-only or decoder-only model); it cannot summarise or translate",
        ),
        ("truncated-weights", "model.safetensors is damaged or truncated ("),
    ],
)
def test_a_broken_model_folder_is_one_line_naming_it(tmp_path, tiny_marian, problem, reason):
    folder = _broken_folder(tmp_path, tiny_marian, problem)
    code, out, err = run(["translate", "快手", "--model", str(folder)])
    assert code == 1 and out == ""
    assert err.startswith(f"summarizer: {folder}: {reason}")
    assert err.count("\n") == 1 and "Traceback" not in err


def _interrupted_batch(tmp_path: Path, fmt: str, sig: signal.Signals) -> tuple[int, str, str]:
    """Start a long summarize batch, send ``sig`` once it has written a record."""
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    command = [sys.executable, "-m", "summarizer", "summarize", "--format", fmt]
    process = subprocess.Popen(
        command + [str(article)] * 3000,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=os.environ | {"PYTHONUNBUFFERED": "1"},
    )
    first = process.stdout.readline() + process.stdout.readline()  # "[" and a record, or a line
    time.sleep(0.3)
    process.send_signal(sig)
    # read on through the same buffered stream: communicate() would skip what readline buffered
    rest = process.stdout.read()
    err = process.stderr.read()
    process.wait(timeout=60)
    return process.returncode, (first + rest).decode(), err.decode()


@pytest.mark.parametrize(
    ("sig", "code", "message"),
    [
        (signal.SIGINT, 130, "summarizer: interrupted; output so far is complete\n"),
        (signal.SIGTERM, 143, "summarizer: terminated; output so far is complete\n"),
    ],
)
@pytest.mark.slow
def test_an_interrupted_json_batch_ends_cleanly_with_valid_json(tmp_path, sig, code, message):
    status, out, err = _interrupted_batch(tmp_path, "json", sig)
    assert (status, err) == (code, message)
    records = json.loads(out)
    assert 1 <= len(records) < 3000 and {r["id"] for r in records} == {"a"}


@pytest.mark.slow
def test_an_interrupted_jsonl_batch_leaves_whole_lines(tmp_path):
    status, out, err = _interrupted_batch(tmp_path, "jsonl", signal.SIGTERM)
    assert status == 143 and err == "summarizer: terminated; output so far is complete\n"
    assert out.endswith("\n")
    assert all(json.loads(line)["id"] == "a" for line in out.splitlines())


def test_serve_with_a_broken_model_folder_is_one_line(tmp_path, tiny_marian):
    folder = _broken_folder(tmp_path, tiny_marian, "no-weights")
    code, out, err = run(["serve", "--translator", str(folder)])
    assert (code, out) == (1, "")
    assert err == (
        f"summarizer: {folder}: no weights (model.safetensors or pytorch_model.bin); "
        "the download is incomplete\n"
    )


def test_serve_with_workers_checks_model_folders_before_starting(tmp_path, tiny_marian):
    folder = _broken_folder(tmp_path, tiny_marian, "invalid-json")
    code, _, err = run(["serve", "--workers", "2", "--translator", str(folder)])
    assert code == 1 and err.startswith(f"summarizer: {folder}: config.json is not valid JSON")


def test_control_characters_in_file_names_are_spelled_out(tmp_path):
    article = tmp_path / "a\x1b[31m\u202eb.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    empty = tmp_path / "e\x1b[2J.txt"
    empty.write_text(" ", encoding="utf-8")
    code, out, err = run(["summarize", str(article), str(article), str(empty)])
    assert code == 1
    assert out.startswith("== a\\x1b[31m\\u202eb ==\n")
    assert err == f"summarizer: {tmp_path}/e\\x1b[2J.txt: empty text\n"


@pytest.mark.slow
def test_an_interrupted_digest_leaves_no_output_file(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for i in range(20000):
        (folder / f"{i:04d}.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out" / "digest.json"
    process = subprocess.Popen(
        [sys.executable, "-m", "summarizer", "digest", str(folder), "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    time.sleep(4)  # started, and well inside the batch
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert err.decode().endswith("summarizer: interrupted; output so far is complete\n")
    assert not out.exists()
    assert not out.parent.exists() or list(out.parent.iterdir()) == []
