"""The digest as one self-contained HTML file: inline CSS, inline SVG charts, no external assets."""

from __future__ import annotations

import html
import io
from collections.abc import Iterator

from summarizer.digest.build import (
    Digest,
    company_of,
    metric_label,
    named_entities,
)
from summarizer.digest.entry import DigestEntry, entry_text
from summarizer.figures.fact import Fact

_STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 2rem auto; max-width: 60rem;
       color: #1b1f24; line-height: 1.5; padding: 0 1rem; }
h1 { font-size: 1.6rem; } h2 { border-bottom: 2px solid #1f5f99; padding-bottom: .2rem; margin-top: 2.5rem; }
article { border: 1px solid #d8dee4; border-radius: 6px; padding: .5rem 1rem 1rem; margin: 1rem 0; }
.headline { font-weight: 600; } .source { color: #57606a; font-size: .9rem; }
table { border-collapse: collapse; margin: .5rem 0; font-size: .9rem; }
th, td { border: 1px solid #d8dee4; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #f3f6f9; } .conflict { background: #fff1e5; }
.warnings { color: #9a6700; font-size: .9rem; } .failed { color: #cf222e; }
.chart svg { max-width: 100%; height: auto; }
"""


def _facts_table(facts: list[Fact], company: str = "") -> str:
    if not facts:
        return ""
    rows = "".join(
        f"<tr><td>{escape(metric_label(f, company))}</td><td>{escape(f.period or '')}</td>"
        f"<td>{escape(f.text_en)}</td><td lang='zh'>{escape(f.evidence)}</td></tr>"
        for f in facts
    )
    return f"<table><tr><th>metric</th><th>period</th><th>figure</th><th>source text</th></tr>{rows}</table>"


def html_entry(entry: DigestEntry) -> str:
    """The entry's ``<article>``."""
    english = entry.english
    parts = [
        f"<article id='{escape(entry.id)}'>",
        f"<h3 lang='zh'>{escape(entry.title or entry.id)}</h3>",
    ]
    parts.append(f"<p class='source'>Source: {escape(entry.source)}</p>")
    if english:
        parts.append(
            f"<p class='headline'>{escape(english.headline)}</p><p>{escape(english.text)}</p>"
        )
    parts.append(f"<p lang='zh'><strong>中文摘要</strong> {escape(entry.summary_zh)}</p>")
    parts.append(_facts_table(entry.facts, company_of(entry)))
    for label, entities in named_entities(entry):
        names = []
        for e in entities:
            name = escape(e.en)
            if e.pinyin_fallback:
                name += f" <small>({escape(e.zh)}, pinyin)</small>"
            elif e.note and e.kind == "person":
                name += f" <small>({escape(e.note)})</small>"
            names.append(name)
        parts.append(f"<p><strong>{label}:</strong> {', '.join(names)}</p>")
    if entry.warnings:
        items = "".join(f"<li>{escape(w)}</li>" for w in entry.warnings)
        parts.append(
            f"<details class='warnings'><summary>Warnings ({len(entry.warnings)})</summary><ul>{items}</ul></details>"
        )
    parts.append("</article>")
    return "".join(parts)


def _metric_section(table: dict) -> str:
    rows = []
    for row in table["periods"]:
        values = " vs ".join(
            f"{escape(v['text_en'])} <small>[{escape(', '.join(v['sources']))}]</small>"
            for v in row["values"]
        )
        css = " class='conflict'" if row["conflict"] else ""
        flag = "<strong>conflict:</strong> " if row["conflict"] else ""
        rows.append(f"<tr{css}><td>{escape(row['period'])}</td><td>{flag}{values}</td></tr>")
    chart = chart_svg(table)
    chart_html = f"<div class='chart'>{chart}</div>" if chart else ""
    return (
        f"<h3>{escape(table['subject'])}: {escape(table['metric'])}</h3>"
        f"<table><tr><th>period</th><th>figure [sources]</th></tr>{''.join(rows)}</table>{chart_html}"
    )


def html_parts(digest: Digest) -> Iterator[str]:
    """The page in pieces: one entry or one metric table at a time."""
    yield (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>Investor digest {escape(digest.generated)}</title><style>{_STYLE}</style></head>"
        f"<body><h1>Investor digest <small>({escape(digest.generated)})</small></h1>"
        f"<p>{len(digest.entries)} articles.</p>"
    )
    if digest.failures:
        items = "".join(
            f"<li><code>{escape(f['source'])}</code>: {escape(f['error'])}</li>"
            for f in digest.failures
        )
        yield f"<section class='failed'><h2>Not processed</h2><ul>{items}</ul></section>"
    for company, entries in digest.companies().items():
        yield f"<section><h2>{escape(company)}</h2>"
        yield from (entry_text(e, "html", html_entry) for e in entries)
        yield "</section>"
    tables = digest.metric_tables()
    if tables:
        yield "<section><h2>Key figures across articles</h2>"
        yield from (_metric_section(table) for table in tables)
        yield "</section>"
    yield "</body></html>\n"


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
        # no date, and element ids from a fixed salt: the same digest gives the same file
        with matplotlib.rc_context({"svg.hashsalt": "summarizer-digest"}):
            figure.savefig(buffer, format="svg", metadata={"Date": None})
    finally:
        plt.close(figure)
    svg = buffer.getvalue()
    return svg[svg.index("<svg") :]


def escape(text: str) -> str:
    return html.escape(text, quote=True)
