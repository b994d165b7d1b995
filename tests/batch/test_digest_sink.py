"""DigestSink keeps the first entries in memory and spools the rest, and reads both back."""

from corpus import corpus_articles

from summarizer.batch.aggregate import DigestSink
from summarizer.batch.engine_local import RowWork, item_row, local_rows
from summarizer.batch.sources import SourceItem
from summarizer.digest.render import render
from summarizer.options import PipelineOptions
from summarizer.pipeline import Pipeline

# four short dev articles and one that cannot be read, in the order the batch lists them
DEV = [(i, t) for i, t in corpus_articles() if i.startswith("d")][:4]


def items() -> list[SourceItem]:
    found = [SourceItem(n, i, f"{i}.txt", text=t) for n, (i, t) in enumerate(DEV)]
    found.append(SourceItem(len(DEV), "gone", "gone.txt", error="gone.txt: no such file"))
    return found


def rows() -> list[tuple[int, dict]]:
    pipeline = Pipeline()
    return [(item.position, item_row(pipeline, item, RowWork())) for item in items()]


def digest_text(sink: DigestSink, finished: list[tuple[int, dict]]) -> str:
    # rows finish out of order, as the Ray engine's do
    for position, row in reversed(finished):
        sink.add(row, position)
    digest = sink.digest(generated="2025-01-02")
    return "".join(render(digest, fmt) for fmt in ("markdown", "json"))


def test_entries_kept_in_memory_and_spooled_make_the_same_digest():
    finished = rows()
    written = {}
    for kept in (0, 2, 100):
        sink = DigestSink(kept_in_memory=kept)
        try:
            written[kept] = digest_text(sink, finished)
            sink._spool.seek(0)
            records = sink._spool.read().splitlines()
        finally:
            sink.close()
        # only the entries past those kept are written to the spool; the failure never is
        assert len(records) == max(0, len(DEV) - kept), kept
    assert written[0] == written[2] == written[100]
    for article_id, _ in DEV:
        assert article_id in written[0]
    assert "gone.txt" in written[0]


def test_entries_made_with_the_rows_give_the_digest_read_from_the_rows():
    # one process: each processed article's entry comes with its row, made from the result
    finished = list(local_rows(items(), PipelineOptions(), RowWork(), jobs=1))
    assert [entry is None for _, _, entry in finished] == [False] * len(DEV) + [True]
    from_rows, with_entries = DigestSink(), DigestSink()
    try:
        for position, row, entry in finished:
            from_rows.add(row, position)
            with_entries.add(row, position, entry)
        written = [
            [
                render(sink.digest(generated="2025-01-02"), fmt)
                for fmt in ("markdown", "json", "html")
            ]
            for sink in (from_rows, with_entries)
        ]
    finally:
        from_rows.close()
        with_entries.close()
    assert written[0] == written[1]
    assert f'"{DEV[0][0]}"' in written[1][1]  # the JSON lists its id


def test_entries_rendered_as_they_arrive_write_the_same_digest():
    """A sink told its formats keeps each entry's texts instead of the entry; kept in memory
    or spooled, the files are those rendered from the entries at the end."""
    finished = rows()
    formats = ("markdown", "json", "html")
    plain = DigestSink()
    try:
        for position, row in reversed(finished):
            plain.add(row, position)
        expected = [render(plain.digest(generated="2025-01-02"), fmt) for fmt in formats]
    finally:
        plain.close()
    for kept in (0, 2, 100):
        sink = DigestSink(kept_in_memory=kept, formats=formats)
        try:
            for position, row in reversed(finished):
                sink.add(row, position)
            written = [render(sink.digest(generated="2025-01-02"), fmt) for fmt in formats]
            spooled = sink._spool.seek(0, 2)
        finally:
            sink.close()
        assert written == expected, kept
        assert (spooled > 0) == (kept < len(DEV)), kept
    assert "## " in expected[0] and '"entries": [' in expected[1] and "<article" in expected[2]
