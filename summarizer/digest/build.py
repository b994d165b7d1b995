"""Batch investor digests: entries grouped by company, metric tables across periods, charts.

The digest is built from each article's result dictionary (the CLI's JSON), so
a batch holds summaries and facts, never whole article texts. Markdown, HTML (one
self-contained file with inline SVG charts) and JSON are renderings of one model.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import os
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from summarizer.figures.numbers import Quantity, render_quantity

FORMATS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
}
ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
_AGREE = 0.005  # two figures within 0.5% are the same figure


@dataclass
class Digest:
    entries: list[dict]
    failures: list[dict] = field(default_factory=list)
    generated: str = field(default_factory=lambda: dt.date.today().isoformat())

    def fail(self, source: str, message: str) -> None:
        """Record an article that could not go in; ``message`` may start with "SOURCE: "."""
        self.failures.append({"source": source, "error": message.removeprefix(f"{source}: ")})

    def companies(self) -> dict[str, list[dict]]:
        groups: dict[str, list[dict]] = defaultdict(list)
        for entry in self.entries:
            groups[company_of(entry)].append(entry)
        return dict(sorted(groups.items(), key=lambda kv: (kv[0] == "Other", kv[0])))

    def metric_tables(self) -> list[dict]:
        """One table per (subject, metric): each period's figure with every source citing it."""
        groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
        for order, entry in enumerate(self.entries):
            for key, fact in table_facts(entry, order):
                groups[key].append(fact)
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
                name: [e["id"] for e in entries] for name, entries in self.companies().items()
            },
            "entries": self.entries,
            "metrics": self.metric_tables(),
        }


def table_facts(entry: dict, order: int) -> list[tuple[tuple[str, str], dict]]:
    """The facts of one entry that the cross-article tables show, each with its table's
    (subject, metric) key: all a table needs, so a batch can group them without its entries.
    ``order`` is the entry's place in the batch; tables list sources in that order."""
    found = []
    for index, fact in enumerate(entry.get("facts", [])):
        if fact.get("value") is None or not fact.get("period"):
            continue
        key = (fact["subject"] or company_of(entry), metric_label(fact))
        found.append(
            (
                key,
                {
                    "order": order,
                    "index": index,
                    "period": fact["period"],
                    "value": fact["value"],
                    "unit": fact["unit"],
                    "text_en": _short(fact),
                    "source": entry["id"],
                },
            )
        )
    return found


def metric_table(subject: str, metric: str, facts: Iterable[dict]) -> dict:
    """The table of one (subject, metric) from its ``table_facts``, in any order: figures
    within 0.5% of each other are one figure with several sources; two in a period conflict."""
    periods: dict[str, list[dict]] = defaultdict(list)
    for fact in sorted(facts, key=lambda f: (f["order"], f["index"])):
        values = periods[fact["period"]]
        same = next(
            (v for v in values if _agrees(v["value"], fact["value"]) and v["unit"] == fact["unit"]),
            None,
        )
        if same is not None:
            same["sources"].append(fact["source"])
        else:
            values.append(
                {
                    "value": fact["value"],
                    "unit": fact["unit"],
                    "text_en": fact["text_en"],
                    "sources": [fact["source"]],
                }
            )
    rows = [
        {"period": period, "values": periods[period], "conflict": len(periods[period]) > 1}
        for period in sorted(periods, key=period_sort_key)
    ]
    return {"subject": subject, "metric": metric, "periods": rows}


def company_of(entry: dict) -> str:
    """The company an entry is about: the subject most of its facts have, else the most named company."""
    subjects: dict[str, int] = defaultdict(int)
    for fact in entry.get("facts", []):
        if fact.get("subject"):
            subjects[fact["subject"]] += 1
    if subjects:
        return max(subjects, key=subjects.__getitem__)
    companies = entry.get("companies") or []
    return companies[0]["en"] if companies else "Other"


def metric_label(fact: dict, company: str = "") -> str:
    """The metric as a table names it: a segment's figure says whose it is, and so does a figure
    of another company or product than the entry's (Kling AI revenue in a Kuaishou entry)."""
    segment = fact.get("segment")
    label = f"{fact['metric']} ({segment})" if segment else fact["metric"]
    subject = fact.get("subject")
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


def _short(fact: dict) -> str:
    from decimal import Decimal

    unit = fact.get("unit") or ""
    return render_quantity(
        Quantity(Decimal(str(fact["value"])), unit, fact.get("qualifier", "")), with_noun=False
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


def write_atomic(path: str | Path, content: str | Iterable[str]) -> None:
    """Write a file so that it appears complete or not at all; ``content`` may come in pieces."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            for part in [content] if isinstance(content, str) else content:
                out.write(part)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def render(digest: Digest, fmt: str) -> str:
    return "".join(render_parts(digest, fmt))


def render_parts(digest: Digest, fmt: str) -> Iterator[str]:
    """The rendering in pieces, so a digest of any size is written without being built whole.

    ``digest`` may be any object with Digest's reading side: ``generated``, ``failures``,
    ``entries`` (a sized iterable), ``companies()`` and ``metric_tables()``.
    """
    if fmt == "json":
        return _json_parts(digest)
    if fmt == "html":
        from summarizer.digest.html import html_parts

        return html_parts(digest)
    return _rstripped(_joined(markdown_lines(digest), "\n"), "\n")


def _json_parts(digest: Digest) -> Iterator[str]:
    """``json.dumps(digest.to_dict(), indent=2)``, one entry at a time."""

    def dumped(value: object, level: int) -> str:
        # JSON text has no raw line breaks inside strings: every break starts a nested line
        text = json.dumps(value, ensure_ascii=False, indent=2)
        return text.replace("\n", "\n" + "  " * level)

    companies = {name: [e["id"] for e in entries] for name, entries in digest.companies().items()}
    yield (
        f'{{\n  "generated": {dumped(digest.generated, 1)},\n  "articles": {len(digest.entries)},'
        f'\n  "failed": {dumped(digest.failures, 1)},\n  "companies": {dumped(companies, 1)},'
        '\n  "entries": ['
    )
    separator = "\n    "
    for entry in digest.entries:
        yield separator + dumped(entry, 2)
        separator = ",\n    "
    yield ("\n  ]" if separator != "\n    " else "]") + ",\n  "
    yield f'"metrics": {dumped(digest.metric_tables(), 1)}\n}}\n'


def _joined(parts: Iterable[str], separator: str) -> Iterator[str]:
    """``separator.join(parts)`` as a stream."""
    for number, part in enumerate(parts):
        yield separator + part if number else part


def _rstripped(parts: Iterable[str], end: str) -> Iterator[str]:
    """``"".join(parts).rstrip() + end`` as a stream: trailing blanks are held back until
    something follows them."""
    pending = ""
    for part in parts:
        pending += part
        kept = pending.rstrip()
        if kept:
            yield kept
            pending = pending[len(kept) :]
    yield end


# Markdown and inline HTML both act on these; a backslash makes each one literal
# (CommonMark escapes any ASCII punctuation), so article text cannot inject markup.
_MARKDOWN_SPECIAL = str.maketrans({ch: "\\" + ch for ch in "\\`*_[]<>|#~!&"})


def md(text: object) -> str:
    """Text as literal Markdown on one line: special characters escaped, line breaks as spaces."""
    return " ".join(str(text).translate(_MARKDOWN_SPECIAL).split())


def _cell(row: dict) -> str:
    parts = [f"{md(v['text_en'])} \\[{md(', '.join(v['sources']))}\\]" for v in row["values"]]
    text = " vs ".join(parts)
    return f"**conflict:** {text}" if row["conflict"] else text


def render_markdown(digest: Digest) -> str:
    return render(digest, "markdown")


def markdown_lines(digest: Digest) -> Iterator[str]:
    yield from [f"# Investor digest ({digest.generated})", "", f"{len(digest.entries)} articles."]
    if digest.failures:
        yield from ["", "## Not processed", ""]
        yield from (f"- {md(f['source'])}: {md(f['error'])}" for f in digest.failures)
    for company, entries in digest.companies().items():
        yield from ["", f"## {md(company)}"]
        for entry in entries:
            yield from _markdown_entry(entry)
    tables = digest.metric_tables()
    if tables:
        yield from ["", "## Key figures across articles", ""]
        for table in tables:
            yield from [
                f"### {md(table['subject'])}: {md(table['metric'])}",
                "",
                "| period | figure (sources) |",
                "| --- | --- |",
            ]
            yield from (f"| {md(row['period'])} | {_cell(row)} |" for row in table["periods"])
            yield ""


def _markdown_entry(entry: dict) -> list[str]:
    english = entry.get("english", {})
    title = md(entry.get("title") or entry["id"])
    lines = ["", f"### {title}", "", f"Source: {md(entry['source'])}", ""]
    if english:
        lines += [f"**{md(english['headline'])}**", "", md(english["text"]), ""]
    lines += [f"Chinese summary: {md(entry.get('summary_zh', ''))}", ""]
    facts = entry.get("facts", [])
    if facts:
        company = company_of(entry)
        lines += ["| metric | period | figure | source text |", "| --- | --- | --- | --- |"]
        lines += [
            f"| {md(metric_label(f, company))} | {md(f.get('period') or '')} | {md(f['text_en'])} "
            f"| {md(f['evidence']['text'])} |"
            for f in facts
        ]
        lines.append("")
    for label, key in (("People", "people"), ("Products", "products"), ("Companies", "companies")):
        names = [_entity(e) for e in entry.get(key, [])]
        if names:
            lines.append(f"- {label}: {', '.join(names)}")
    if entry.get("warnings"):
        lines += ["", "Warnings:"] + [f"- {md(w)}" for w in entry["warnings"]]
    return lines


def _entity(entity: dict) -> str:
    if entity.get("pinyin_fallback"):
        return f"{md(entity['en'])} ({md(entity['zh'])}, pinyin)"
    return (
        f"{md(entity['en'])} ({md(entity['note'])})"
        if entity.get("note") and entity["kind"] == "person"
        else md(entity["en"])
    )


def chart_svg(table: dict) -> str | None:
    """An inline SVG line chart of one metric across two or more periods, or None."""
    points = [(row["period"], row["values"][0]["value"]) for row in table["periods"]]
    if len(points) < 2:
        return None
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    unit = table["periods"][0]["values"][0]["unit"]
    scale, suffix = (
        (1e9, " bn")
        if max(v for _, v in points) >= 1e9
        else (1e6, " m")
        if max(v for _, v in points) >= 1e6
        else (1, "")
    )
    figure, axes = plt.subplots(figsize=(5.5, 2.6), dpi=100)
    try:
        axes.plot(
            [p for p, _ in points], [v / scale for _, v in points], marker="o", color="#1f5f99"
        )
        axes.set_title(f"{table['subject']}: {table['metric']}", fontsize=10)
        axes.set_ylabel(f"{unit}{suffix}".strip() or "value", fontsize=9)
        axes.grid(alpha=0.3)
        figure.tight_layout()
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg")
    finally:
        plt.close(figure)
    svg = buffer.getvalue()
    return svg[svg.index("<svg") :]


def escape(text: str) -> str:
    return html.escape(text, quote=True)
