"""Batch investor digests: entries grouped by company, metric tables across periods, charts.

The digest is built from typed entries (entry.py: summaries, English, facts and
names, never whole article texts). Markdown, HTML (one self-contained file with
inline SVG charts) and JSON are renderings of one model.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from summarizer.digest.english import Entity
from summarizer.digest.entry import DigestEntry
from summarizer.digest.segments import segment_english
from summarizer.figures.fact import Fact
from summarizer.figures.numbers import Quantity, render_quantity
from summarizer.pipeline import ArticleResult, Outcome

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
_AGREE = 0.005  # two figures within 0.5% are the same figure


@dataclass
class Digest:
    entries: list[DigestEntry] = field(default_factory=list)
    failures: list[dict] = field(default_factory=list)
    generated: str = field(default_factory=lambda: dt.date.today().isoformat())

    @classmethod
    def from_outcomes(
        cls, outcomes: Iterable[Outcome], on_each: Callable[[Outcome], None] | None = None
    ) -> Digest:
        """The digest of a stream of outcomes, in order; a failed article is listed, not fatal."""
        digest = cls()
        for outcome in outcomes:
            if on_each is not None:
                on_each(outcome)
            if outcome.error is not None:
                digest.fail(outcome.name, outcome.error)
            else:
                digest.entries.append(as_entry(outcome.record))
        return digest

    def fail(self, source: str, message: str) -> None:
        """Record an article that could not go in; ``message`` may start with "SOURCE: "."""
        self.failures.append({"source": source, "error": message.removeprefix(f"{source}: ")})

    def companies(self) -> dict[str, list[DigestEntry]]:
        groups: dict[str, list[DigestEntry]] = defaultdict(list)
        for entry in self.entries:
            groups[company_of(entry)].append(entry)
        return dict(sorted(groups.items(), key=lambda kv: (kv[0] == "Other", kv[0])))

    def metric_tables(self) -> list[dict]:
        """One table per (subject, metric): each period's figure with every source citing it."""
        groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
        for order, entry in enumerate(self.entries):
            for key, cell in table_facts(entry, order):
                groups[key].append(cell)
        return [
            metric_table(subject, metric, groups[subject, metric])
            for subject, metric in sorted(groups)
        ]

    def to_dict(self) -> dict:
        return {
            "generated": self.generated,
            "articles": len(self.entries),
            "failed": self.failures,
            "companies": {
                name: [e.id for e in entries] for name, entries in self.companies().items()
            },
            "entries": [e.to_dict() for e in self.entries],
            "metrics": self.metric_tables(),
        }


def table_facts(entry: DigestEntry, order: int) -> list[tuple[tuple[str, str], dict]]:
    """What the cross-article tables need of one entry: each dated figure with its table's
    (subject, metric) key. A batch can group these without keeping its entries; ``order``
    (the entry's place in the batch) keeps the sources in batch order."""
    found = []
    for index, fact in enumerate(entry.facts):
        if fact.value is None or not fact.period:
            continue
        key = (fact.subject or company_of(entry), metric_label(fact))
        cell = {
            "order": order,
            "index": index,
            "period": fact.period,
            "value": float(fact.value),
            "unit": fact.unit,
            "text_en": _short(fact),
            "source": entry.id,
        }
        found.append((key, cell))
    return found


def metric_table(subject: str, metric: str, cells: Iterable[dict]) -> dict:
    """One (subject, metric) table from its ``table_facts`` cells, given in any order: figures
    within 0.5% of each other are one figure with several sources; two in a period conflict."""
    periods: dict[str, list[dict]] = defaultdict(list)
    for cell in sorted(cells, key=lambda c: (c["order"], c["index"])):
        values = periods[cell["period"]]
        same = next(
            (v for v in values if _agrees(v["value"], cell["value"]) and v["unit"] == cell["unit"]),
            None,
        )
        if same is not None:
            same["sources"].append(cell["source"])
        else:
            values.append(
                {
                    "value": cell["value"],
                    "unit": cell["unit"],
                    "text_en": cell["text_en"],
                    "sources": [cell["source"]],
                }
            )
    rows = [
        {"period": period, "values": periods[period], "conflict": len(periods[period]) > 1}
        for period in sorted(periods, key=period_sort_key)
    ]
    return {"subject": subject, "metric": metric, "periods": rows}


def as_entry(record: DigestEntry | ArticleResult | dict) -> DigestEntry:
    """A digest entry from a pipeline result, a results-file record or an entry."""
    if isinstance(record, DigestEntry):
        return record
    if isinstance(record, dict):
        return DigestEntry.from_dict(record)
    return DigestEntry.from_result(record)


def company_of(entry: DigestEntry) -> str:
    """The company an entry is about: the subject most of its facts have, else the most named company."""
    subjects: dict[str, int] = defaultdict(int)
    for fact in entry.facts:
        if fact.subject:
            subjects[fact.subject] += 1
    if subjects:
        return max(subjects, key=subjects.__getitem__)
    return entry.companies[0].en if entry.companies else "Other"


def metric_label(fact: Fact, company: str = "") -> str:
    """The metric as a table names it: a segment's figure says whose it is, and so does a figure
    of another company or product than the entry's (Kling AI revenue in a Kuaishou entry)."""
    label = fact.metric
    if fact.segment:
        english = segment_english(fact.segment)
        label = f"{english} {label}" if english else f"{label} ({fact.segment})"
    if fact.qualifier in ("low end", "high end"):
        label = f"{label} ({fact.qualifier})"  # a range's two ends, not two figures in conflict
    if fact.analyst:
        label = f"{label} ({fact.analyst})"  # each broker's estimate is its own row
    subject = fact.subject
    return f"{subject} {label}" if company and subject and subject != company else label


def period_sort_key(period: str) -> tuple:
    """Q2 2024 < H1 2024 < Q3 2024 < 9M 2024 < FY2024: by year, then by where the period ends."""
    from summarizer.figures.score import parse_period

    key = parse_period(period)
    if key is None or key.year is None:
        return (9999, 13, period)
    ends = {"Q": 3 * key.number, "H": 6 * key.number, "9M": 9, "FY": 12, "M": key.number}
    end = ends.get(key.kind, key.number // 100 if key.kind == "D" else 13)
    return (key.year, end, key.kind != "FY", period)


def _agrees(a: float, b: float) -> bool:
    return abs(a - b) <= _AGREE * max(abs(b), 1.0)


def _short(fact: Fact) -> str:
    return render_quantity(
        Quantity(Decimal(str(float(fact.value))), fact.unit or "", fact.qualifier), with_noun=False
    )


def collect_inputs(paths: Iterable[str]) -> list[str]:
    """Files as given, and article files (.txt, .html) inside folders, sorted."""
    found: list[str] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found += sorted(
                str(p)
                for p in path.rglob("*")
                if p.suffix.lower() in ARTICLE_SUFFIXES and p.is_file()
            )
        else:
            found.append(name)
    return found


def named_entities(entry: DigestEntry) -> list[tuple[str, list[Entity]]]:
    """The entry's people, products and companies, each kind that has any, labelled."""
    kinds = (("People", entry.people), ("Products", entry.products), ("Companies", entry.companies))
    return [(label, names) for label, names in kinds if names]
