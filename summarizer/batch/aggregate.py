"""The cross-article digest of a batch, built from its rows without holding them.

Rows arrive in any order (the Ray engine finishes them out of order). The first
successful rows' entries stay in memory, each one after those goes to a temporary spool
file; memory keeps an index (order, where the entry is, company), the failures, and the
table facts grouped by (subject, metric): all the tables need. The tables come from that group-by with ``metric_table``, locally or as a
Ray Data ``groupby``; the renderers then read the entries back one at a time.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterator

from summarizer.batch.rows import digest_entry
from summarizer.digest.build import company_of, metric_table, table_facts
from summarizer.digest.entry import DigestEntry
from summarizer.digest.render import render_parts, write_atomic

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
    """Takes each row once, in any order, with its order in the batch."""

    def __init__(self, kept_in_memory: int | None = None) -> None:
        self.kept_in_memory = KEPT_IN_MEMORY if kept_in_memory is None else kept_in_memory
        # closed (and so deleted) by close(); the digest reads entries back from it
        self._spool = tempfile.TemporaryFile("w+b")  # noqa: SIM115
        self._index: list[tuple[int, int, str]] = []
        self._failures: list[tuple[int, dict]] = []
        self._kept: dict[int, DigestEntry] = {}
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
        if len(self._kept) < self.kept_in_memory:
            # kept entries are never read back from the spool: none written; their keys
            # (below zero) stay apart from the spool's offsets
            where = -1 - len(self._kept)
            self._kept[where] = entry
        else:
            self._spool.seek(0, 2)
            where = self._spool.tell()
            record = json.dumps(entry.to_dict(), ensure_ascii=False)
            self._spool.write(record.encode("utf-8") + b"\n")
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

    def _read(self, where: int) -> DigestEntry:
        """An entry by where it is: kept in memory (below zero) or at an offset in the spool."""
        if where < 0:
            return self._kept[where]
        self._spool.seek(where)
        return DigestEntry.from_dict(json.loads(self._spool.readline()))

    def close(self) -> None:
        self._spool.close()


class _Entries:
    """Entries read back from the spool when iterated: sized, never all in memory."""

    def __init__(self, read: Callable[[int], DigestEntry], offsets: list[int]) -> None:
        self._read = read
        self._offsets = offsets

    def __len__(self) -> int:
        return len(self._offsets)

    def __iter__(self) -> Iterator[DigestEntry]:
        return (self._read(offset) for offset in self._offsets)


class SpooledDigest:
    """What the renderers read of a Digest, with the entries on disk."""

    def __init__(
        self,
        read: Callable[[int], DigestEntry],
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
