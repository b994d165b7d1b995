"""Where a batch's articles come from: files, folders and globs of .txt/.html, JSONL records and
Parquet tables, read as a stream (one record, or one Parquet batch, at a time).

Each input becomes a ``SourceItem``. A file is only named here and read by the worker that
processes it; a record carries its text. A record that cannot be an article (not JSON,
not UTF-8, no text) becomes an item with ``error`` set and its id or line, so it ends as
an error row instead of stopping the batch.
"""

from __future__ import annotations

import glob
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from summarizer.digest.build import ARTICLE_SUFFIXES
from summarizer.text.reading import Article, InputError, read_article

JSONL_SUFFIXES = (".jsonl", ".ndjson")
PARQUET_SUFFIXES = (".parquet",)
RECORD_COLUMNS = ("id", "text", "url", "published")
# A position is (input number << 32) + record number: one integer that orders the items
# the way the inputs list them, whichever worker or engine produced them.
_RECORD_BITS = 32
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class SourceItem:
    """One article to process: a file to read, or a record's text; or why it cannot be one."""

    position: int
    id: str
    source: str
    path: str | None = None
    text: str | None = None
    url: str | None = None
    published: str | None = None
    error: str | None = None


def position(input_number: int, record_number: int = 0) -> int:
    return (input_number << _RECORD_BITS) + record_number


def expand_inputs(paths: Sequence[str]) -> list[str]:
    """Each argument as the inputs it names: a folder's article and record files (sorted), a
    glob's matches (sorted), a file as given. Names only: nothing is read here."""
    found: list[str] = []
    suffixes = ARTICLE_SUFFIXES + JSONL_SUFFIXES + PARQUET_SUFFIXES
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found += sorted(
                str(p) for p in path.rglob("*") if p.suffix.lower() in suffixes and p.is_file()
            )
        elif not path.exists() and glob.has_magic(name):
            # no match keeps the pattern, so the batch reports it instead of skipping it
            found += sorted(glob.glob(name, recursive=True)) or [name]
        else:
            found.append(name)
    return found


def input_kind(name: str) -> str:
    """ "jsonl", "parquet" or "file" (one article a file)."""
    suffix = Path(name).suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in PARQUET_SUFFIXES:
        return "parquet"
    return "file"


def iter_items(inputs: Sequence[str]) -> Iterator[SourceItem]:
    """Every article of the expanded inputs, in order, streaming."""
    for number, name in enumerate(inputs):
        kind = input_kind(name)
        if kind == "jsonl":
            yield from iter_jsonl(name, number)
        elif kind == "parquet":
            yield from iter_parquet(name, number)
        else:
            yield SourceItem(position(number), Path(name).stem, name, path=name)


def iter_jsonl(name: str, input_number: int) -> Iterator[SourceItem]:
    """The records of a JSON-lines file, one line at a time; blank lines are skipped."""
    try:
        lines = open(name, "rb")  # noqa: SIM115 - closed below; bytes so bad UTF-8 is one line's error
    except OSError as exc:
        yield _unreadable(name, input_number, exc)
        return
    with lines:
        for line_number, line in enumerate(lines, 1):
            if line.strip():
                yield _record_item(line, name, input_number, line_number)


def _record_item(line: bytes, name: str, input_number: int, line_number: int) -> SourceItem:
    where = f"{name}:{line_number}"
    at = position(input_number, line_number)
    fallback_id = f"{Path(name).stem}:{line_number}"
    try:
        record = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as exc:
        return SourceItem(at, fallback_id, where, error=f"{where}: not UTF-8 (byte {exc.start})")
    except json.JSONDecodeError as exc:
        return SourceItem(at, fallback_id, where, error=f"{where}: not JSON ({exc.msg})")
    if not isinstance(record, dict):
        return SourceItem(at, fallback_id, where, error=f"{where}: not a JSON object")
    return record_item(record, where, at, fallback_id)


def record_item(record: dict, where: str, at: int, fallback_id: str) -> SourceItem:
    """The item of one record with ``id``, ``text`` and optionally ``url`` and ``published``."""
    article_id = record.get("id")
    article_id = str(article_id) if article_id not in (None, "") else fallback_id
    url = record.get("url") if isinstance(record.get("url"), str) else None
    published = record.get("published")
    # an ISO date anchors 今年/去年; anything else is left out rather than guessed at
    published = str(published)[:10] if _ISO_DATE.match(str(published or "")) else None
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return SourceItem(at, article_id, where, url=url, error=f"{where}: no text")
    return SourceItem(at, article_id, where, text=text, url=url, published=published)


def iter_parquet(name: str, input_number: int, batch_rows: int = 256) -> Iterator[SourceItem]:
    """The rows of a Parquet file with a ``text`` column (and ``id``, ``url``, ``published``
    when present), one record batch at a time."""
    from summarizer.batch.rows import pyarrow_modules

    _, pq = pyarrow_modules()
    try:
        table = pq.ParquetFile(name)
    except (OSError, ValueError) as exc:  # pyarrow's ArrowInvalid is a ValueError
        yield _unreadable(name, input_number, exc)
        return
    columns = [c for c in RECORD_COLUMNS if c in table.schema_arrow.names]
    if "text" not in columns:
        yield _unreadable(name, input_number, "no 'text' column")
        return
    row_number = 0
    for batch in table.iter_batches(batch_size=batch_rows, columns=columns):
        for record in batch.to_pylist():
            row_number += 1
            where = f"{name}:{row_number}"
            fallback_id = f"{Path(name).stem}:{row_number}"
            yield record_item(record, where, position(input_number, row_number), fallback_id)


def _unreadable(name: str, input_number: int, why: object) -> SourceItem:
    reason = getattr(why, "strerror", None) or why
    return SourceItem(position(input_number), Path(name).stem, name, error=f"{name}: {reason}")


def item_article(item: SourceItem, encoding: str | None = None) -> Article:
    """The article an item names; InputError or OSError when it cannot be read."""
    if item.error is not None:
        raise InputError(item.error)
    if item.path is not None:
        return read_article(item.path, encoding)
    return Article(item.id, item.text or "", item.source, "utf-8", published=item.published)
