"""The digest as Markdown: entries by company, then each metric's table across periods."""

from __future__ import annotations

import re
from collections.abc import Iterator

from summarizer.digest.build import Digest, company_of, metric_label, named_entities
from summarizer.digest.english import Entity
from summarizer.digest.entry import DigestEntry, entry_text

# Markdown and inline HTML both act on these; a backslash makes each one literal
# (CommonMark escapes any ASCII punctuation), so article text cannot inject markup.
# (looked for with a pattern first: a search skips the text that has none, as most has; text
# with one goes through str.translate, in C, where re.sub with a template expands it in
# Python at every match)
_MARKDOWN_SPECIAL = re.compile(r"[\\`*_\[\]<>|#~!&]")
_ESCAPED = {ord(ch): "\\" + ch for ch in "\\`*_[]<>|#~!&"}


def md(text: object) -> str:
    """Text as literal Markdown on one line: special characters escaped, line breaks as spaces."""
    plain = str(text)
    if _MARKDOWN_SPECIAL.search(plain) is not None:
        plain = plain.translate(_ESCAPED)
    return " ".join(plain.split())


def _cell(row: dict) -> str:
    parts = [f"{md(v['text_en'])} \\[{md(', '.join(v['sources']))}\\]" for v in row["values"]]
    text = " vs ".join(parts)
    return f"**conflict:** {text}" if row["conflict"] else text


def render_markdown(digest: Digest) -> str:
    return "".join(markdown_parts(digest))


def markdown_parts(digest: Digest) -> Iterator[str]:
    """The Markdown in pieces: its lines joined, trailing blank lines off, one newline at the end."""
    pending = ""
    for number, line in enumerate(markdown_lines(digest)):
        pending += ("\n" if number else "") + line
        kept = pending.rstrip()
        if kept:  # blanks are held back until something follows them
            yield kept
            pending = pending[len(kept) :]
    yield "\n"


def markdown_lines(digest: Digest) -> Iterator[str]:
    yield from [f"# Investor digest ({digest.generated})", "", f"{len(digest.entries)} articles."]
    if digest.failures:
        yield from ["", "## Not processed", ""]
        yield from (f"- {md(f['source'])}: {md(f['error'])}" for f in digest.failures)
    for company, entries in digest.companies().items():
        yield from ["", f"## {md(company)}"]
        yield from (entry_text(e, "markdown", markdown_entry) for e in entries)
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


def markdown_entry(entry: DigestEntry) -> str:
    """The entry's lines of the Markdown, from the blank line before its heading."""
    return "\n".join(_markdown_entry(entry))


def _markdown_entry(entry: DigestEntry) -> list[str]:
    english = entry.english
    title = md(entry.title or entry.id)
    lines = ["", f"### {title}", "", f"Source: {md(entry.source)}", ""]
    if english:
        lines += [f"**{md(english.headline)}**", "", md(english.text), ""]
    lines += [f"Chinese summary: {md(entry.summary_zh)}", ""]
    if entry.facts:
        company = company_of(entry)
        lines += ["| metric | period | figure | source text |", "| --- | --- | --- | --- |"]
        lines += [
            f"| {md(metric_label(f, company))} | {md(f.period or '')} | {md(f.text_en)} "
            f"| {md(f.evidence)} |"
            for f in entry.facts
        ]
        lines.append("")
    for label, names in named_entities(entry):
        lines.append(f"- {label}: {', '.join(_entity(e) for e in names)}")
    if entry.warnings:
        lines += ["", "Warnings:"] + [f"- {md(w)}" for w in entry.warnings]
    return lines


def _entity(entity: Entity) -> str:
    if entity.pinyin_fallback:
        return f"{md(entity.en)} ({md(entity.zh)}, pinyin)"
    if entity.note and entity.kind == "person":
        return f"{md(entity.en)} ({md(entity.note)})"
    return md(entity.en)
