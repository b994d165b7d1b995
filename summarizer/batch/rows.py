"""One row per article: the schema both engines produce and both writers (JSONL, Parquet) store.

A row is ``ArticleResult.to_dict()`` with every field present (``None`` when the
article has none), plus ``url`` from the input record and ``error`` for an article
that failed. Nested values (facts, the English entry, names) stay Python objects in a
row; Parquet and Ray blocks carry them as JSON text (``encode_row``), so the column
types never depend on what one batch happened to contain.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Protocol

from summarizer.text.reading import InputError

PYARROW_HINT = "Parquet needs pyarrow: pip install 'zh-digest-summarizer[ray]'"


class MissingExtra(InputError):
    """An optional extra the options need is not installed (exit status 2)."""


def pyarrow_modules():
    """(pyarrow, pyarrow.parquet), or MissingExtra saying how to install them."""
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise MissingExtra(PYARROW_HINT) from None
    return pyarrow, pyarrow.parquet


# (name, kind) in the order of ArticleResult.to_dict(): "text" is a string column, "json"
# a nested value stored as JSON text, "texts" a list of strings.
ROW_FIELDS: tuple[tuple[str, str], ...] = (
    ("id", "text"),
    ("source", "text"),
    ("url", "text"),
    ("title", "text"),
    ("script", "text"),
    ("published", "text"),
    ("summary_zh", "text"),
    ("sentences", "json"),
    ("method", "text"),
    ("facts", "json"),
    ("summary_en", "text"),
    ("terms", "json"),
    ("english", "json"),
    ("people", "json"),
    ("products", "json"),
    ("companies", "json"),
    ("removed", "json"),
    ("warnings", "texts"),
    ("error", "text"),
)
FIELD_NAMES = tuple(name for name, _ in ROW_FIELDS)
_JSON_FIELDS = frozenset(name for name, kind in ROW_FIELDS if kind == "json")
ROW_FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet"}


def result_row(record: dict, url: str | None = None) -> dict:
    """The row of an article the pipeline processed (``record`` is ``ArticleResult.to_dict()``)."""
    row = {name: record.get(name) for name in FIELD_NAMES}
    row["url"] = url
    return row


def error_row(article_id: str, source: str, message: str, url: str | None = None) -> dict:
    """The row of an article that could not be processed; ``message`` says why."""
    row = dict.fromkeys(FIELD_NAMES)
    row.update(id=article_id, source=source, url=url, warnings=[], error=message)
    return row


def digest_entry(row: dict) -> dict:
    """A successful row as the digest takes it: the fields ``to_dict()`` gives, in its order."""
    return {name: value for name, value in row.items() if value is not None and name != "error"}


def encode_row(row: dict) -> dict:
    """Nested values as JSON text: the form with fixed column types (Parquet, Ray blocks)."""
    return {
        name: json.dumps(row.get(name), ensure_ascii=False)
        if name in _JSON_FIELDS and row.get(name) is not None
        else row.get(name)
        for name in FIELD_NAMES
    }


def decode_row(flat: dict) -> dict:
    """The inverse of ``encode_row``."""
    row = {}
    for name in FIELD_NAMES:
        value = flat.get(name)
        if name in _JSON_FIELDS and value is not None:
            value = json.loads(value)
        elif name == "warnings":
            value = list(value) if value is not None else []
        row[name] = value
    return row


def arrow_schema():
    """The Parquet schema of a row."""
    pa, _ = pyarrow_modules()

    types = {"text": pa.string(), "json": pa.string(), "texts": pa.list_(pa.string())}
    return pa.schema([(name, types[kind]) for name, kind in ROW_FIELDS])


def row_format(path: str) -> str | None:
    """ "jsonl" or "parquet" for a rows output, by its extension; None for anything else."""
    return ROW_FORMATS.get(Path(path).suffix.lower())


class RowWriter(Protocol):
    def write(self, row: dict) -> None: ...

    def close(self) -> None: ...


class JsonlRowWriter:
    """One JSON object a line, flushed as written: a killed job leaves whole lines (and at
    most one partial last line, which ``--resume`` cuts off)."""

    def __init__(self, path: str, append: bool = False) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        if append:
            _drop_partial_last_line(path)
        self._out = open(path, "a" if append else "w", encoding="utf-8")  # noqa: SIM115

    def write(self, row: dict) -> None:
        self._out.write(json.dumps(row, ensure_ascii=False) + "\n")
        self._out.flush()

    def close(self) -> None:
        self._out.close()


class ParquetRowWriter:
    """A Parquet dataset folder of part files, each written whole (temporary name, then renamed):
    a killed job loses at most the rows not yet in a part. pyarrow and pandas read the folder
    as one table (``pyarrow.parquet.read_table("results.parquet")``)."""

    def __init__(self, path: str, append: bool = False, rows_per_part: int = 1000) -> None:
        pyarrow_modules()  # before anything is written
        self._folder = Path(path)
        if self._folder.is_file():
            raise OSError(f"{path}: a file is in the way; Parquet results are a folder of parts")
        self._folder.mkdir(parents=True, exist_ok=True)
        parts = _parquet_parts(self._folder)
        if not append:
            for part in parts:
                part.unlink()
            parts = []
        self._next = 1 + max((int(p.stem.split("-")[1]) for p in parts), default=-1)
        self._rows_per_part = rows_per_part
        self._pending: list[dict] = []

    def write(self, row: dict) -> None:
        self._pending.append(encode_row(row))
        if len(self._pending) >= self._rows_per_part:
            self._flush()

    def _flush(self) -> None:
        if not self._pending:
            return
        pa, pq = pyarrow_modules()
        table = pa.Table.from_pylist(self._pending, schema=arrow_schema())
        target = self._folder / f"part-{self._next:05d}.parquet"
        handle, temp = tempfile.mkstemp(dir=self._folder, prefix=".part-", suffix=".tmp")
        os.close(handle)
        try:
            pq.write_table(table, temp)
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        self._next += 1
        self._pending = []

    def close(self) -> None:
        self._flush()


def open_writer(path: str, append: bool = False) -> RowWriter:
    if row_format(path) == "parquet":
        return ParquetRowWriter(path, append)
    return JsonlRowWriter(path, append)


def read_rows(path: str) -> Iterator[dict]:
    """The rows already in a results file (JSONL) or folder (Parquet), streaming; a partial
    last JSONL line (a killed job's) is left out."""
    if not Path(path).exists():
        return
    if row_format(path) == "parquet":
        _, pq = pyarrow_modules()
        for part in _parquet_parts(Path(path)):
            for batch in pq.ParquetFile(part).iter_batches(batch_size=256):
                for flat in batch.to_pylist():
                    yield decode_row(flat)
        return
    with open(path, "rb") as lines:
        for line in lines:
            if not line.endswith(b"\n"):
                break
            yield json.loads(line)


def done_ids(path: str) -> set[str]:
    """Ids of the articles a results file already holds, for ``--resume``."""
    if row_format(path) == "parquet" and Path(path).is_dir():
        _, pq = pyarrow_modules()
        return {
            value
            for part in _parquet_parts(Path(path))
            for value in pq.read_table(part, columns=["id"]).column("id").to_pylist()
        }
    return {row["id"] for row in read_rows(path)}


def write_rows(path: str, rows: Iterable[dict]) -> None:
    writer = open_writer(path)
    try:
        for row in rows:
            writer.write(row)
    finally:
        writer.close()


def _parquet_parts(folder: Path) -> list[Path]:
    return sorted(folder.glob("part-*.parquet")) if folder.is_dir() else []


def _drop_partial_last_line(path: str) -> None:
    """Cut a line a killed writer left half written, so appended rows start on their own line."""
    if not Path(path).is_file():
        return
    with open(path, "rb+") as file:
        size = file.seek(0, os.SEEK_END)
        if size == 0:
            return
        position = size
        while position > 0:
            step = min(65536, position)
            file.seek(position - step)
            chunk = file.read(step)
            newline = chunk.rfind(b"\n")
            if newline >= 0:
                file.truncate(position - step + newline + 1)
                return
            position -= step
        file.truncate(0)
