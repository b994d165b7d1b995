import io
import json
import os
import time

import pytest
from corpus import corpus_articles

from summarizer.batch.local import process_files, run_ordered
from summarizer.cli.main import main
from summarizer.options import PipelineOptions


def run(argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def article_files(tmp_path_factory):
    """Every corpus article as a file, with an unreadable and an empty one among them."""
    folder = tmp_path_factory.mktemp("articles")
    paths = []
    for i, (article_id, text) in enumerate(corpus_articles()):
        path = folder / f"{i:02d}_{article_id}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    binary, empty = folder / "05_binary.txt", folder / "17_empty.txt"
    binary.write_bytes(b"\x00\x01\x02 not text")
    empty.write_text("", encoding="utf-8")
    paths[5:5] = [str(binary)]
    paths[17:17] = [str(empty)]
    return paths


@pytest.mark.parametrize("command", ["facts", "summarize"])
@pytest.mark.slow
def test_jobs_2_gives_the_output_of_jobs_1(article_files, command):
    one = run([command, *article_files, "--format", "jsonl", "--jobs", "1"])
    two = run([command, *article_files, "--format", "jsonl", "--jobs", "2"])
    assert one == two
    code, out, err = two
    assert code == 1
    ids = [json.loads(line)["id"] for line in out.splitlines()]
    readable = [p for p in article_files if "binary" not in p and "empty" not in p]
    assert ids == [p.rsplit("/", 1)[1].removesuffix(".txt") for p in readable]
    assert err.splitlines() == [
        f"summarizer: {article_files[5]}: looks like a binary file, not text",
        f"summarizer: {article_files[17]}: empty text",
    ]


@pytest.mark.slow
def test_digest_with_jobs_2_is_the_digest_of_jobs_1(article_files, tmp_path):
    outputs = {}
    for jobs in ("1", "2"):
        target = tmp_path / f"digest{jobs}.json"
        code, _, err = run(["digest", *article_files, "--out", str(target), "--jobs", jobs])
        assert code == 1
        assert "looks like a binary file" in err and "empty text" in err
        outputs[jobs] = json.loads(target.read_text(encoding="utf-8"))
    assert outputs["1"] == outputs["2"]
    assert len(outputs["2"]["entries"]) == len(article_files) - 2
    assert [f["source"] for f in outputs["2"]["failed"]] == [article_files[5], article_files[17]]


@pytest.mark.slow
def test_results_stream_in_input_order_past_the_in_flight_window(article_files):
    names = article_files[:12]  # more than the 2 x 4 articles in flight
    outcomes = list(process_files(names, _normalized_length, PipelineOptions(), jobs=2))
    assert [o.name for o in outcomes] == names
    assert [o.record["id"] for o in outcomes if o.record] == [
        n.rsplit("/", 1)[1].removesuffix(".txt") for n in names if "binary" not in n
    ]
    inline = list(process_files(names, _normalized_length, PipelineOptions(), jobs=1))
    assert outcomes == inline


def _normalized_length(pipeline, article):
    return {"id": article.id, "chars": len(pipeline.normalize(article).normalized.text)}


def test_jobs_must_be_positive(article_files):
    code, _, err = run(["facts", article_files[0], "--jobs", "0"])
    assert code == 2
    assert "must be a positive integer" in err


@pytest.mark.slow
def test_with_other_threads_running_workers_are_not_forked(article_files):
    """Forking beside a live thread is unsafe: the workers start afresh and give the same results."""
    import threading

    from summarizer.batch.local import _pool_context

    names = article_files[:4]
    release = threading.Event()
    waiter = threading.Thread(target=release.wait)
    waiter.start()
    try:
        assert _pool_context().get_start_method() != "fork"
        outcomes = list(process_files(names, _normalized_length, PipelineOptions(), jobs=2))
    finally:
        release.set()
        waiter.join()
    assert outcomes == list(process_files(names, _normalized_length, PipelineOptions(), jobs=1))


def _pid_after_a_pause(pipeline, article):
    time.sleep(0.05)  # longer than this process takes to queue the next items
    return os.getpid()


@pytest.mark.slow
def test_jobs_2_runs_articles_in_this_process_and_one_worker(article_files):
    names = [n for n in article_files if "binary" not in n and "empty" not in n][:12]
    outcomes = list(process_files(names, _pid_after_a_pause, PipelineOptions(), jobs=2))
    pids = [o.record for o in outcomes]
    assert len(set(pids)) == 2
    assert os.getpid() in pids
    assert 0 < pids.count(os.getpid()) < len(names)


def _square_unless_seven(options, number):
    if number == 7:
        raise ValueError("seven")
    return number * number


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_failing_item_stops_the_run_after_the_results_before_it(jobs):
    results = []
    with pytest.raises(ValueError, match="seven"):
        for result in run_ordered(range(20), _square_unless_seven, PipelineOptions(), jobs):
            results.append(result)
    assert results == [n * n for n in range(7)]


def test_a_digest_of_one_file_starts_no_workers(article_files, tmp_path, monkeypatch):
    import summarizer.batch.local as local

    def no_pool(*args, **kwargs):
        raise AssertionError("a worker pool was started for one article")

    monkeypatch.setattr(local, "ProcessPoolExecutor", no_pool)
    target = tmp_path / "one.json"
    code, _, err = run(["digest", article_files[0], "--out", str(target), "--jobs", "2"])
    assert (code, err) == (0, f"wrote {target}\n")
    assert len(json.loads(target.read_text(encoding="utf-8"))["entries"]) == 1
