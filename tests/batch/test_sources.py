import json
import tracemalloc

import pytest

from summarizer.batch.sources import expand_inputs, iter_items, position


def test_jsonl_records_and_bad_lines_each_become_one_item(tmp_path):
    feed = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "a1", "text": "快手营收增长。", "url": "https://x/a1"}).encode(),
        b"",  # blank lines are skipped, not errors
        b"{not json",
        json.dumps({"id": "a3", "text": "   "}).encode(),
        # GB18030: 营 happens to be a valid UTF-8 pair, 收 is not (its second byte, at 24)
        b'{"id": "a4", "text": "' + "营收".encode("gb18030") + b'"}',
        json.dumps({"text": "没有编号的文章。", "published": "2024-05-01T08:00:00"}).encode(),
        json.dumps({"id": 7, "text": "数字编号。", "published": "last week"}).encode(),
        b"[1, 2]",
    ]
    feed.write_bytes(b"\n".join(lines) + b"\n")
    items = list(iter_items([str(feed)]))
    where = str(feed)
    assert [(i.id, i.source, i.error) for i in items] == [
        ("a1", f"{where}:1", None),
        ("feed:3", f"{where}:3", f"{where}:3: not JSON (Expecting property name enclosed in double quotes)"),
        ("a3", f"{where}:4", f"{where}:4: no text"),
        ("feed:5", f"{where}:5", f"{where}:5: not UTF-8 (byte 24)"),
        ("feed:6", f"{where}:6", None),
        ("7", f"{where}:7", None),
        ("feed:8", f"{where}:8", f"{where}:8: not a JSON object"),
    ]  # fmt: skip
    assert items[0].text == "快手营收增长。" and items[0].url == "https://x/a1"
    assert items[4].published == "2024-05-01"
    assert items[5].published is None  # not a date: left out rather than guessed at
    assert [i.position for i in items] == [position(0, n) for n in (1, 3, 4, 5, 6, 7, 8)]


def test_parquet_rows_are_items_and_a_table_without_text_is_one_error(tmp_path):
    pa = pytest.importorskip("pyarrow", reason="Parquet needs the 'ray' extra (pyarrow)")
    import pyarrow.parquet as pq

    good = tmp_path / "good.parquet"
    pq.write_table(
        pa.table({"id": ["p1", "p2", None], "text": ["文章一。", None, "文章三。"]}), good
    )
    bad = tmp_path / "bad.parquet"
    pq.write_table(pa.table({"id": ["x"], "body": ["文章。"]}), bad)
    items = list(iter_items([str(good), str(bad)]))
    assert [(i.id, i.text, i.error) for i in items] == [
        ("p1", "文章一。", None),
        ("p2", None, f"{good}:2: no text"),
        ("good:3", "文章三。", None),
        ("bad", None, f"{bad}: no 'text' column"),
    ]
    assert [i.position for i in items] == [
        position(0, 1),
        position(0, 2),
        position(0, 3),
        position(1),
    ]


def test_folders_and_globs_expand_to_article_and_record_files(tmp_path):
    folder = tmp_path / "in"
    (folder / "deep").mkdir(parents=True)
    for name in ("b.txt", "a.html", "deep/c.jsonl", "notes.md", "deep/d.parquet"):
        (folder / name).write_text("x", encoding="utf-8")
    assert expand_inputs([str(folder)]) == [
        str(folder / "a.html"),
        str(folder / "b.txt"),
        str(folder / "deep" / "c.jsonl"),
        str(folder / "deep" / "d.parquet"),
    ]
    assert expand_inputs([str(folder / "*.txt"), str(folder / "**" / "*.jsonl")]) == [
        str(folder / "b.txt"),
        str(folder / "deep" / "c.jsonl"),
    ]
    # a name that matches nothing stays, so reading it reports the missing file
    assert expand_inputs([str(folder / "none-*.txt")]) == [str(folder / "none-*.txt")]


def test_a_large_feed_is_read_one_record_at_a_time(tmp_path):
    feed = tmp_path / "big.jsonl"
    record = json.dumps({"id": "x", "text": "营收增长。" * 2000}, ensure_ascii=False)
    with feed.open("w", encoding="utf-8") as out:
        for _ in range(1500):  # about 45 MB
            out.write(record + "\n")
    tracemalloc.start()
    try:
        items = iter_items([str(feed)])
        first = next(items)
        second = next(items)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert first.text == second.text and len(first.text) == 10000
    assert peak < 2_000_000
