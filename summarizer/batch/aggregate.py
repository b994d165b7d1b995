"""The cross-article digest of a batch, built from its rows without holding them.

Rows arrive in any order (the Ray engine finishes them out of order). Each successful
row's entry is rendered in the digest's formats as it arrives; the first ones' texts stay
in memory, each one after those goes to a temporary spool file. Memory keeps an index
(order, where the texts are, company), the failures, and the table facts grouped by
(subject, metric): all the tables need. The tables come from that group-by with
``metric_table``, locally or as a Ray Data ``groupby``; the renderers then read the
texts back one entry at a time.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import BinaryIO

from summarizer.batch.rows import digest_entry
from summarizer.digest.build import company_of, metric_table, table_facts
from summarizer.digest.entry import DigestEntry, RenderedEntry
from summarizer.digest.render import render_parts, rendered_entry, write_atomic

# Rows already in a resumed results file come before every new row, in file order.
RESUMED_ORDER = -(1 << 62)
# A digest of up to this many entries also keeps them in memory (a few MB): the renderers read
# each entry three times, and a day's batch of news is that size; larger batches stream
KEPT_IN_MEMORY = 512

TableKey = tuple[str, str]
FactGroups = dict[TableKey, list[dict]]
TablesFrom = Callable[[FactGroups], list[dict]]


def tables_locally(groups: FactGroups) -> list[dict]:
    """Each group's table, in (subject, metric) order."""
    return [
        metric_table(subject, metric, groups[subject, metric]) for subject, metric in sorted(groups)
    ]


class DigestSink:
    """Takes each row once, in any order, with its order in the batch.

    Each entry is rendered in ``formats`` as it arrives (``rendered_entry``) and only those
    texts are kept: writing the digest at the end copies them, the rendering having been
    done while the articles were processed, not after the last one. The digest can be
    written in those formats only.
    """

    def __init__(self, formats: Sequence[str], kept_in_memory: int | None = None) -> None:
        self.kept_in_memory = KEPT_IN_MEMORY if kept_in_memory is None else kept_in_memory
        self.formats = tuple(dict.fromkeys(formats))
        # closed (and so deleted) by close(); the digest reads entries back from it
        self._spool = tempfile.TemporaryFile("w+b")  # noqa: SIM115
        self._index: list[tuple[int, int, str]] = []
        self._failures: list[tuple[int, dict]] = []
        self._kept: dict[int, RenderedEntry] = {}
        # a spooled entry's id and the byte length of each format's text
        self._spooled: dict[int, tuple[str, tuple[int, ...]]] = {}
        self.fact_groups: FactGroups = defaultdict(list)

    def add(self, row: dict, order: int, entry: DigestEntry | None = None) -> None:
        """``entry`` is the row's entry when already made (``DigestEntry.from_result``)."""
        if row.get("error") is not None:
            source = row["source"]
            message = row["error"].removeprefix(f"{source}: ")
            self._failures.append((order, {"source": source, "error": message}))
            return
        if entry is None:
            entry = DigestEntry.from_dict(digest_entry(row))
        rendered = rendered_entry(entry, self.formats)
        if len(self._kept) < self.kept_in_memory:
            # kept entries are never read back from the spool: none written; their keys
            # (below zero) stay apart from the spool's offsets
            where = -1 - len(self._kept)
            self._kept[where] = rendered
        else:
            # each format's text as it is written, one after the other: read back (one
            # format at a time) without decoding anything but that text
            self._spool.seek(0, 2)
            where = self._spool.tell()
            texts = [rendered.texts[fmt].encode("utf-8") for fmt in self.formats]
            self._spool.write(b"".join(texts))
            self._spooled[where] = (rendered.id, tuple(map(len, texts)))
        self._index.append((order, where, company_of(entry)))
        for key, fact in table_facts(entry, order):
            self.fact_groups[key].append(fact)

    def digest(self, tables: TablesFrom = tables_locally, generated: str | None = None):
        """The digest so far; ``tables`` turns the fact groups into tables."""
        self._index.sort()
        self._failures.sort(key=lambda pair: pair[0])
        return SpooledDigest(
            self._read,
            [(offset, company) for _, offset, company in self._index],
            [failure for _, failure in self._failures],
            tables(self.fact_groups),
            generated or dt.date.today().isoformat(),
        )

    def _read(self, where: int) -> RenderedEntry:
        """An entry by where it is: kept in memory (below zero) or at an offset in the spool."""
        if where < 0:
            return self._kept[where]
        entry_id, lengths = self._spooled[where]
        return RenderedEntry(entry_id, _SpooledTexts(self._spool, where, self.formats, lengths))

    def close(self) -> None:
        self._spool.close()


class _SpooledTexts(Mapping[str, str]):
    """A spooled entry's texts, each read from the spool when a renderer asks for it."""

    def __init__(
        self, spool: BinaryIO, where: int, formats: tuple[str, ...], lengths: tuple[int, ...]
    ) -> None:
        self._spool = spool
        self._where = where
        self._formats = formats
        self._lengths = lengths

    def __getitem__(self, fmt: str) -> str:
        if fmt not in self._formats:
            raise KeyError(fmt)
        number = self._formats.index(fmt)
        self._spool.seek(self._where + sum(self._lengths[:number]))
        return self._spool.read(self._lengths[number]).decode("utf-8")

    def __iter__(self) -> Iterator[str]:
        return iter(self._formats)

    def __len__(self) -> int:
        return len(self._formats)


class _Entries:
    """Entries read back from the spool when iterated: sized, never all in memory."""

    def __init__(self, read: Callable[[int], RenderedEntry], offsets: list[int]) -> None:
        self._read = read
        self._offsets = offsets

    def __len__(self) -> int:
        return len(self._offsets)

    def __iter__(self) -> Iterator[RenderedEntry]:
        return (self._read(offset) for offset in self._offsets)


class SpooledDigest:
    """What the renderers read of a Digest, with the entries on disk."""

    def __init__(
        self,
        read: Callable[[int], RenderedEntry],
        index: list[tuple[int, str]],
        failures: list[dict],
        tables: list[dict],
        generated: str,
    ) -> None:
        self._read = read
        self._index = index
        self.failures = failures
        self._tables = tables
        self.generated = generated
        self.entries = _Entries(read, [offset for offset, _ in index])

    def companies(self) -> dict[str, _Entries]:
        groups: dict[str, list[int]] = defaultdict(list)
        for offset, company in self._index:
            groups[company].append(offset)
        ordered = sorted(groups.items(), key=lambda kv: (kv[0] == "Other", kv[0]))
        return {name: _Entries(self._read, offsets) for name, offsets in ordered}

    def metric_tables(self) -> list[dict]:
        return self._tables


def write_digest(digest: SpooledDigest, path: str, fmt: str) -> None:
    """Write one rendering piece by piece; the file appears complete or not at all."""
    write_atomic(path, render_parts(digest, fmt))
