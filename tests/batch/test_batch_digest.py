"""``summarizer digest`` with the local engine: record inputs, rows out, resume, the digest."""

import io
import json
import sys

import pytest
from corpus import corpus_articles

import summarizer.batch.aggregate as aggregate
import summarizer.batch.engine_ray as engine_ray
from summarizer.batch.engine_local import RowWork, item_row
from summarizer.batch.rows import digest_entry, read_rows
from summarizer.batch.sources import record_item
from summarizer.cli.main import main
from summarizer.digest.build import Digest, as_entry
from summarizer.digest.render import render
from summarizer.pipeline import Pipeline
from summarizer.text.reading import Article, read_article

# the dev set's short articles: a few seconds for the whole file
DEV = [(i, t) for i, t in corpus_articles() if i.startswith("d")][:6]


def run(argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def write_feed(path, records, extra_lines=()):
    lines = [json.dumps(r, ensure_ascii=False) for r in records] + list(extra_lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_feed_gives_a_row_per_article_and_an_error_row_per_bad_record(tmp_path):
    pytest.importorskip("pyarrow", reason="Parquet needs the 'ray' extra (pyarrow)")
    feed = write_feed(
        tmp_path / "feed.jsonl",
        [{"id": i, "text": t, "url": f"https://news/{i}"} for i, t in DEV[:2]]
        + [{"id": "blank", "text": ""}],
        ["{broken"],
    )
    rows_jsonl, rows_parquet = tmp_path / "out" / "rows.jsonl", tmp_path / "out" / "rows.parquet"
    digest_json = tmp_path / "out" / "digest.json"
    code, _, err = run(
        ["digest", str(feed)]
        + ["--out", str(rows_jsonl), "--out", str(rows_parquet), "--out", str(digest_json)]
    )
    assert code == 1  # some inputs failed; the others are all there
    assert err.splitlines() == [
        f"summarizer: {feed}:3: no text",
        f"summarizer: {feed}:4: not JSON (Expecting property name enclosed in double quotes)",
        f"wrote {digest_json}",
    ]
    rows = list(read_rows(str(rows_jsonl)))
    assert [(r["id"], r["error"]) for r in rows] == [
        (DEV[0][0], None),
        (DEV[1][0], None),
        ("blank", f"{feed}:3: no text"),
        ("feed:4", f"{feed}:4: not JSON (Expecting property name enclosed in double quotes)"),
    ]
    assert list(read_rows(str(rows_parquet))) == rows
    pipeline = Pipeline()
    for row, (article_id, text) in zip(rows, DEV[:2]):
        source = f"{feed}:{rows.index(row) + 1}"
        expected = pipeline.process(Article(article_id, text, source, "utf-8")).to_dict()
        assert digest_entry(row) == {**expected, "url": f"https://news/{article_id}"}
    digest = json.loads(digest_json.read_text(encoding="utf-8"))
    assert digest["articles"] == 2
    assert digest["failed"] == [
        {"source": f"{feed}:3", "error": "no text"},
        {"source": f"{feed}:4", "error": "not JSON (Expecting property name enclosed in double quotes)"},
    ]  # fmt: skip


def test_the_digest_is_the_one_built_from_every_entry_in_memory(tmp_path):
    files = []
    for article_id, text in DEV[:4]:
        path = tmp_path / f"{article_id}.txt"
        path.write_text(text, encoding="utf-8")
        files.append(str(path))
    (tmp_path / "empty.txt").write_text(" ", encoding="utf-8")
    files.insert(2, str(tmp_path / "empty.txt"))
    outs = {fmt: tmp_path / f"digest.{fmt}" for fmt in ("md", "json")}
    code, _, _ = run(
        ["digest", *files, "--jobs", "2", *[a for o in outs.values() for a in ("--out", str(o))]]
    )
    assert code == 1
    pipeline = Pipeline()
    expected = Digest(entries=[])
    for name in files:
        if name.endswith("empty.txt"):
            expected.fail(name, f"{name}: empty text")
        else:
            expected.entries.append(as_entry(pipeline.process(read_article(name))))
    written = json.loads(outs["json"].read_text(encoding="utf-8"))
    expected.generated = written["generated"]
    assert written == json.loads(render(expected, "json"))
    assert outs["md"].read_text(encoding="utf-8") == render(expected, "markdown")


def test_resume_skips_the_ids_already_written_and_appends_the_rest(tmp_path):
    feed = write_feed(tmp_path / "feed.jsonl", [{"id": i, "text": t} for i, t in DEV])
    whole = tmp_path / "whole.jsonl"
    assert run(["digest", str(feed), "--out", str(whole)])[0] == 0
    for suffix in ("jsonl", "parquet"):
        if suffix == "parquet":
            pytest.importorskip("pyarrow", reason="Parquet needs the 'ray' extra (pyarrow)")
        rows = tmp_path / f"rows.{suffix}"
        assert run(["digest", str(feed), "--out", str(rows), "--limit", "2"])[0] == 0
        if suffix == "jsonl":
            with rows.open("a", encoding="utf-8") as out:
                out.write('{"id": "d03_hon')  # the half line a killed job leaves
        digest = tmp_path / f"digest-{suffix}.json"
        code, _, _ = run(
            ["digest", str(feed), "--out", str(rows), "--out", str(digest), "--resume"]
        )
        assert code == 0
        ids = [r["id"] for r in read_rows(str(rows))]
        assert ids == [i for i, _ in DEV]  # each exactly once: two first, then the rest
        assert list(read_rows(str(rows))) == list(read_rows(str(whole)))
        # the digest covers the rows of both runs
        assert json.loads(digest.read_text(encoding="utf-8"))["articles"] == len(DEV)


def test_resume_needs_a_rows_file(tmp_path):
    feed = write_feed(tmp_path / "feed.jsonl", [{"id": "a", "text": DEV[0][1]}])
    code, _, err = run(["digest", str(feed), "--out", str(tmp_path / "d.md"), "--resume"])
    assert code == 1
    assert err == "summarizer: --resume needs a .jsonl or .parquet --out file to resume from\n"


def test_a_records_publication_date_anchors_this_year():
    text = "快手发布公告。\n今年第三季度，快手总营收同比增长11.4%至311亿元。"
    record = {"id": "k", "text": text, "published": "2024-11-20"}
    row = item_row(Pipeline(), record_item(record, "feed:1", 1, "feed:1"), RowWork())
    assert [(f["metric"], f["period"]) for f in row["facts"]][0] == ("revenue", "Q3 2024")
    undated = item_row(Pipeline(), record_item({"id": "k", "text": text}, "f", 1, "f"), RowWork())
    assert undated["facts"][0]["period"] != "Q3 2024"


def test_an_article_that_breaks_the_pipeline_is_an_error_row(tmp_path, monkeypatch):
    feed = write_feed(tmp_path / "feed.jsonl", [{"id": i, "text": t} for i, t in DEV[:3]])
    real = Pipeline.process

    def fragile(self, article, *args, **kwargs):
        if article.id == DEV[1][0]:
            raise ZeroDivisionError("division by zero")
        return real(self, article, *args, **kwargs)

    monkeypatch.setattr(Pipeline, "process", fragile)
    rows_path = tmp_path / "rows.jsonl"
    code, _, err = run(["digest", str(feed), "--out", str(rows_path), "--jobs", "1"])
    assert code == 1
    message = f"{feed}:2: failed (ZeroDivisionError: division by zero)"
    assert err == f"summarizer: {message}\n"
    rows = list(read_rows(str(rows_path)))
    assert [(r["id"], r["error"]) for r in rows] == [
        (DEV[0][0], None),
        (DEV[1][0], message),
        (DEV[2][0], None),
    ]


def test_the_ray_engine_without_ray_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setattr(engine_ray, "ray", None)
    feed = write_feed(tmp_path / "feed.jsonl", [{"id": "a", "text": DEV[0][1]}])
    code, out, err = run(["digest", str(feed), "--engine", "ray"])
    assert (code, out) == (2, "")
    assert err == (
        "summarizer: the ray engine needs Ray: pip install 'zh-digest-summarizer[ray]'\n"
    )


def test_parquet_without_pyarrow_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow now fails
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    feed = write_feed(tmp_path / "feed.jsonl", [{"id": "a", "text": DEV[0][1]}])
    code, _, err = run(["digest", str(feed), "--out", str(tmp_path / "rows.parquet")])
    assert code == 2
    assert err == "summarizer: Parquet needs pyarrow: pip install 'zh-digest-summarizer[ray]'\n"
    assert not (tmp_path / "rows.parquet").exists()


@pytest.mark.parametrize("name", ["rows.csv", "digest.pdf"])
def test_an_unknown_output_format_is_one_line(tmp_path, name):
    feed = write_feed(tmp_path / "feed.jsonl", [{"id": "a", "text": DEV[0][1]}])
    code, _, err = run(["digest", str(feed), "--out", str(tmp_path / name)])
    assert code == 1
    assert err == (
        f"summarizer: {tmp_path / name}: unknown output format; use .md, .html or .json "
        "(digest), .jsonl or .parquet (rows)\n"
    )


def test_a_ray_address_nothing_listens_on_is_one_line_at_once(tmp_path):
    ray = pytest.importorskip("ray", reason="the Ray engine needs the 'ray' extra")
    if ray.is_initialized():
        ray.shutdown()  # a running Ray would be reused, and the address never looked at
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "a", "text": "快手第三季度营收同比增长11.4%至311亿元。"}\n', "utf-8")
    code, out, err = run(["digest", str(feed), "--engine", "ray", "--address", "127.0.0.1:1"])
    assert code == 1 and out == ""
    assert err.startswith("summarizer: cannot reach the Ray cluster at 127.0.0.1:1: ")
    assert err.count("\n") == 1


def test_a_digest_read_back_from_its_spool_is_the_one_kept_in_memory(tmp_path, monkeypatch):
    files = []
    for article_id, text in DEV[:3]:
        path = tmp_path / f"{article_id}.txt"
        path.write_text(text, encoding="utf-8")
        files.append(str(path))
    written = {}
    for kept in (aggregate.KEPT_IN_MEMORY, 0):
        monkeypatch.setattr(aggregate, "KEPT_IN_MEMORY", kept)
        outs = [tmp_path / f"{kept}.{fmt}" for fmt in ("md", "json", "html")]
        code, _, _ = run(
            ["digest", *files, "--jobs", "1", *[a for o in outs for a in ("--out", str(o))]]
        )
        assert code == 0
        written[kept] = [o.read_text(encoding="utf-8") for o in outs]
    assert written[0] == written[aggregate.KEPT_IN_MEMORY]
