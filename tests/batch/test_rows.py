import pytest

from summarizer.batch.rows import (
    FIELD_NAMES,
    JsonlRowWriter,
    ParquetRowWriter,
    decode_row,
    digest_entry,
    done_ids,
    encode_row,
    error_row,
    read_rows,
    result_row,
)

RECORD = {
    "id": "k1",
    "source": "feed.jsonl:1",
    "title": "快手",
    "script": "zh-Hans",
    "summary_zh": "快手营收增长。",
    "sentences": [0, 2],
    "method": "extractive",
    "facts": [{"subject": "Kuaishou", "value": 31.1e9, "period": "Q3 2024", "unit": "CNY"}],
    "english": {"headline": "Kuaishou", "text": "Revenue rose."},
    "people": [],
    "products": [],
    "companies": [{"en": "Kuaishou", "zh": "快手"}],
    "removed": [],
    "warnings": ["no key figures found"],
}


def test_a_row_has_every_field_and_its_entry_is_the_record_again():
    row = result_row(RECORD, url="https://x/k1")
    assert tuple(row) == FIELD_NAMES
    assert row["error"] is None and row["published"] is None and row["url"] == "https://x/k1"
    entry = digest_entry(row)
    assert entry == {**RECORD, "url": "https://x/k1"}
    # the digest's JSON keeps to_dict()'s field order
    assert [k for k in entry if k != "url"] == list(RECORD)
    assert decode_row(encode_row(row)) == row


def test_an_error_row_has_the_same_fields():
    row = error_row("a3", "feed.jsonl:4", "feed.jsonl:4: no text")
    assert tuple(row) == FIELD_NAMES
    assert (row["id"], row["error"], row["warnings"], row["facts"]) == (
        "a3",
        "feed.jsonl:4: no text",
        [],
        None,
    )
    assert decode_row(encode_row(row)) == row


def test_appending_to_jsonl_drops_a_half_written_last_line(tmp_path):
    path = tmp_path / "rows.jsonl"
    writer = JsonlRowWriter(str(path))
    writer.write(result_row(RECORD))
    writer.close()
    with path.open("a", encoding="utf-8") as out:
        out.write('{"id": "half')  # what a killed job leaves
    assert [r["id"] for r in read_rows(str(path))] == ["k1"]
    writer = JsonlRowWriter(str(path), append=True)
    writer.write(error_row("a3", "s", "s: no text"))
    writer.close()
    assert [r["id"] for r in read_rows(str(path))] == ["k1", "a3"]
    assert done_ids(str(path)) == {"k1", "a3"}


def test_parquet_rows_are_whole_parts_and_read_back_the_same(tmp_path):
    pytest.importorskip("pyarrow", reason="Parquet needs the 'ray' extra (pyarrow)")
    path = tmp_path / "rows.parquet"
    rows = [result_row({**RECORD, "id": f"k{n}"}) for n in range(5)]
    rows.append(error_row("bad", "s", "s: empty text"))
    writer = ParquetRowWriter(str(path), rows_per_part=4)
    for row in rows:
        writer.write(row)
    writer.close()
    assert sorted(p.name for p in path.iterdir()) == ["part-00000.parquet", "part-00001.parquet"]
    assert list(read_rows(str(path))) == rows
    assert done_ids(str(path)) == {"k0", "k1", "k2", "k3", "k4", "bad"}
    appended = ParquetRowWriter(str(path), append=True)
    appended.write(result_row({**RECORD, "id": "k9"}))
    appended.close()
    assert [r["id"] for r in read_rows(str(path))][-2:] == ["bad", "k9"]
    ParquetRowWriter(str(path)).close()  # a fresh run starts an empty dataset
    assert list(read_rows(str(path))) == []
