"""DigestSink keeps the first entries' texts in memory and spools the rest, and reads both back."""

from corpus import corpus_articles

from summarizer.batch.aggregate import DigestSink
from summarizer.batch.engine_local import RowWork, item_row, local_rows
from summarizer.batch.rows import digest_entry
from summarizer.batch.sources import SourceItem
from summarizer.digest.build import Digest
from summarizer.digest.entry import DigestEntry
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


FORMATS = ("markdown", "json", "html")


def written(sink: DigestSink, finished: list[tuple[int, dict]]) -> list[str]:
    # rows finish out of order, as the Ray engine's do
    for position, row in reversed(finished):
        sink.add(row, position)
    digest = sink.digest(generated="2025-01-02")
    return [render(digest, fmt) for fmt in FORMATS]


def in_memory(finished: list[tuple[int, dict]]) -> list[str]:
    """The same rows as a Digest holding every entry, rendered at the end."""
    digest = Digest(generated="2025-01-02")
    for _, row in finished:
        if row["error"] is not None:
            digest.fail(row["source"], row["error"])
        else:
            digest.entries.append(DigestEntry.from_dict(digest_entry(row)))
    return [render(digest, fmt) for fmt in FORMATS]


def test_entries_kept_in_memory_and_spooled_make_the_digest_of_every_entry_in_memory():
    """Each entry's texts are made as it arrives; kept or spooled, the files are those of
    the entries rendered at the end."""
    finished = rows()
    expected = in_memory(finished)
    for kept in (0, 2, 100):
        sink = DigestSink(FORMATS, kept_in_memory=kept)
        try:
            assert written(sink, finished) == expected, kept
            spooled = sink._spool.seek(0, 2)
        finally:
            sink.close()
        # only the entries past those kept are written to the spool; the failure never is
        assert (spooled > 0) == (kept < len(DEV)), kept
    for article_id, _ in DEV:
        assert f'"{article_id}"' in expected[1]  # the JSON lists each entry's id
    assert "gone.txt" in expected[0] and "gone.txt" in expected[1]
    assert "## " in expected[0] and '"entries": [' in expected[1] and "<article" in expected[2]


def test_entries_made_with_the_rows_give_the_digest_read_from_the_rows():
    # one process: each processed article's entry comes with its row, made from the result
    finished = list(local_rows(items(), PipelineOptions(), RowWork(), jobs=1))
    assert [entry is None for _, _, entry in finished] == [False] * len(DEV) + [True]
    from_rows, with_entries = DigestSink(FORMATS), DigestSink(FORMATS)
    try:
        for position, row, entry in finished:
            from_rows.add(row, position)
            with_entries.add(row, position, entry)
        texts = [
            [render(sink.digest(generated="2025-01-02"), fmt) for fmt in FORMATS]
            for sink in (from_rows, with_entries)
        ]
    finally:
        from_rows.close()
        with_entries.close()
    assert texts[0] == texts[1]
    assert f'"{DEV[0][0]}"' in texts[1][1]  # the JSON lists its id
