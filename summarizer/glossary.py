"""Glossaries: names of people, products and companies with their fixed English forms.

A glossary file is a TSV with the header ``zh, en, kind, aliases, note``, or a
plain two-column TSV / CSV (source, target) as cloud translation glossaries
are written. The Chinese side is converted to Simplified, so one entry matches
Simplified and Traditional text. Matching scans the text once, longest term
first, without overlaps.
"""

from __future__ import annotations

import bisect
import csv
import functools
import io
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from summarizer.errors import SummarizerError
from summarizer.paths import data_dir
from summarizer.text.script import to_simplified

if TYPE_CHECKING:
    from summarizer.text.segmenter import Segmenter

KINDS = ("person", "product", "company", "org", "other")
FULL_COLUMNS = ("zh", "en", "kind", "aliases", "note")
_LANGUAGE_HEADER = re.compile(r"^(zh|en)([-_][A-Za-z]+)*$|^(source|target|term|translation)$", re.I)
_LATIN = re.compile(r"[A-Za-z0-9]")


def bundled_glossary_dir() -> Path:
    """The bundled glossary folder (override: SUMMARIZER_GLOSSARY_DIR)."""
    override = os.environ.get("SUMMARIZER_GLOSSARY_DIR")
    return Path(override) if override else data_dir("glossary")


class GlossaryError(SummarizerError):
    """A malformed glossary file; the message names the file and line."""

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line


@dataclass(frozen=True)
class Term:
    """One glossary entry. ``zh`` and ``aliases`` are stored in Simplified script."""

    zh: str
    en: str
    kind: str = "other"
    aliases: tuple[str, ...] = ()
    note: str = ""
    origin: str = ""

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.zh, *self.aliases)

    def to_dict(self) -> dict:
        return {
            "zh": self.zh,
            "en": self.en,
            "kind": self.kind,
            "aliases": list(self.aliases),
            "note": self.note,
        }


# made by the hundred per article and never changed: not frozen, whose __init__ sets each
# field through object.__setattr__ at three times the cost; hashed by value as before
@dataclass(unsafe_hash=True)
class TermMatch:
    """A glossary term found in a text: character span, the text there, and the entry."""

    start: int
    end: int
    surface: str
    term: Term


@dataclass
class Glossary:
    """A merged set of terms with a one-pass longest-match index over their Chinese forms."""

    terms: list[Term] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._by_form: dict[str, Term] = {}
        for term in self.terms:
            for form in term.forms:
                self._by_form.setdefault(form, term)
        buckets: dict[str, list[str]] = {}
        for form in self._by_form:
            buckets.setdefault(form[0], []).append(form)
        # one pattern: each first character once, then the rest of the forms starting with it,
        # longest first, so the engine takes the longest form at each place and goes on after it
        # (leftmost-longest, in one pass in C). Every alternative opening with a literal lets the
        # engine skip the places no form starts at in its own scan, and tries one character per
        # first character there rather than every form
        by_first = "|".join(
            _latin_bounded_first(first)
            + "(?:"
            + "|".join(map(_latin_bounded_rest, sorted(forms, key=len, reverse=True)))
            + ")"
            for first, forms in buckets.items()
        )
        self._forms = re.compile(by_first) if buckets else None

    def __len__(self) -> int:
        return len(self.terms)

    def lookup(self, zh: str) -> Term | None:
        """The entry whose Chinese form or alias is ``zh`` (any script)."""
        return self._by_form.get(to_simplified(zh))

    def forms(self) -> list[str]:
        return list(self._by_form)

    @functools.cached_property
    def segmenter(self) -> Segmenter:
        """jieba's words with this glossary's names as words, built on first use."""
        from summarizer.text.segmenter import Segmenter

        return Segmenter(self.forms())

    def match(self, text: str) -> list[TermMatch]:
        """Leftmost-longest, non-overlapping matches in Simplified ``text``."""
        if self._forms is None:
            return []
        by_form = self._by_form
        return [
            TermMatch(m.start(), m.end(), m.group(), by_form[m.group()])
            for m in self._forms.finditer(text)
        ]

    def merged_with(self, other: Glossary) -> Glossary:
        """A glossary where ``other``'s entries override this one's; overrides are reported."""
        conflicts = list(self.conflicts) + list(other.conflicts)
        overriding = {form: t for t in other.terms for form in t.forms}
        kept: list[Term] = []
        for term in self.terms:
            clash = next((overriding[f] for f in term.forms if f in overriding), None)
            if clash is None:
                kept.append(term)
            elif clash.en != term.en:
                conflicts.append(
                    f"{term.zh}: {term.en!r} ({term.origin}) overridden by {clash.en!r} ({clash.origin})"
                )
        return Glossary(terms=kept + list(other.terms), conflicts=conflicts)


class TextMatches:
    """A glossary's matches in one text, found once; a span's matches are read from them.

    The figures, the names and the summary all look at the same article's sentences;
    scanning the article once and slicing saves a scan per sentence per stage.
    """

    def __init__(self, glossary: Glossary, text: str) -> None:
        self.glossary = glossary
        self.text = text
        self.matches = glossary.match(text)
        self._starts = [m.start for m in self.matches]

    def within(self, start: int, end: int) -> list[TermMatch]:
        """Exactly ``glossary.match(text[start:end])``, with offsets into the span."""
        first = bisect.bisect_left(self._starts, start)
        last = bisect.bisect_left(self._starts, end, first)
        if self._cut(start, end, first, last):
            # an edge cuts a term or a Latin word, where the span alone matches otherwise
            return self.glossary.match(self.text[start:end])
        return [
            TermMatch(m.start - start, m.end - start, m.surface, m.term)
            for m in self.matches[first:last]
        ]

    def covers(self, position: int) -> bool:
        """Whether a match holds the character at ``position`` (a few are asked: found by
        bisection, not marked for the whole text)."""
        at = bisect.bisect_right(self._starts, position) - 1
        return at >= 0 and self.matches[at].end > position

    def cuts(self, start: int, end: int) -> bool:
        """Whether the span alone may match otherwise than the whole text does there: an edge
        cuts a term or a Latin word."""
        first = bisect.bisect_left(self._starts, start)
        return self._cut(start, end, first, bisect.bisect_left(self._starts, end, first))

    def _cut(self, start: int, end: int, first: int, last: int) -> bool:
        matches, text = self.matches, self.text
        return (
            (first > 0 and matches[first - 1].end > start)
            or (last > first and matches[last - 1].end > end)
            or _joins_latin(text, start)
            or _joins_latin(text, end)
        )


def _joins_latin(text: str, at: int) -> bool:
    """Latin letters or digits on both sides of ``at``: a span edge there splits a word."""
    return 0 < at < len(text) and bool(_LATIN.match(text[at - 1]) and _LATIN.match(text[at]))


# A form is matched so that it does not start or end inside a longer Latin word (Kwai in
# Kwaipilot): a Latin letter or digit at its edge has none beside it. The test before its first
# character is made after reading it (a lookbehind over both), so the pattern opens with a literal.


def _latin_bounded_first(first: str) -> str:
    """A form's first character, with nothing Latin before it where it is Latin."""
    return re.escape(first) + ("(?<![A-Za-z0-9].)" if _LATIN.match(first) else "")


def _latin_bounded_rest(form: str) -> str:
    """The rest of ``form`` after its first character, with nothing Latin after it where its
    last character is Latin."""
    return re.escape(form[1:]) + ("(?![A-Za-z0-9])" if _LATIN.match(form[-1]) else "")


def parse_glossary(content: str, path: str = "<glossary>") -> Glossary:
    """Parse glossary text (full TSV, two-column TSV or CSV); errors name the line."""
    lines = content.lstrip("\ufeff").splitlines()
    first = next((ln for ln in lines if ln.strip() and not ln.startswith("#")), "")
    delimiter = "\t" if "\t" in first else ","
    rows = [
        (number, row)
        for number, row in enumerate(
            csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter), 1
        )
        if row and any(cell.strip() for cell in row) and not row[0].startswith("#")
    ]
    if not rows:
        raise GlossaryError(path, 1, "no entries")
    header = [cell.strip().lower() for cell in rows[0][1]]
    if header[:2] == ["zh", "en"] and len(header) > 2:
        unknown = [h for h in header if h not in FULL_COLUMNS]
        if unknown:
            raise GlossaryError(
                path, rows[0][0], f"unknown column(s) {unknown}; expected {list(FULL_COLUMNS)}"
            )
        columns = header
        body = rows[1:]
    else:
        columns = ["zh", "en"]
        is_header = len(header) == 2 and all(_LANGUAGE_HEADER.match(h) for h in header)
        body = rows[1:] if is_header else rows
    terms: list[Term] = []
    conflicts: list[str] = []
    seen: dict[str, Term] = {}
    for number, row in body:
        term = _parse_row(row, columns, path, number)
        for form in term.forms:
            earlier = seen.get(form)
            if earlier and earlier.en != term.en:
                conflicts.append(
                    f"{form}: {earlier.en!r} ({earlier.origin}) and {term.en!r} ({term.origin})"
                )
            seen.setdefault(form, term)
        terms.append(term)
    return Glossary(terms=terms, conflicts=conflicts)


def _parse_row(row: Sequence[str], columns: Sequence[str], path: str, number: int) -> Term:
    cells = [cell.strip() for cell in row]
    if len(cells) > len(columns) and any(cells[len(columns) :]):
        raise GlossaryError(path, number, f"{len(cells)} columns, expected at most {len(columns)}")
    if len(cells) < 2:
        raise GlossaryError(path, number, "needs a Chinese term and its English form")
    values = dict(zip(columns, cells))
    zh, en = values.get("zh", ""), values.get("en", "")
    if not zh:
        raise GlossaryError(path, number, "empty Chinese term")
    if not en:
        raise GlossaryError(path, number, f"empty English form for {zh!r}")
    kind = values.get("kind") or "other"
    if kind not in KINDS:
        raise GlossaryError(path, number, f"unknown kind {kind!r}; use one of {', '.join(KINDS)}")
    aliases = tuple(
        dict.fromkeys(
            to_simplified(a.strip()) for a in values.get("aliases", "").split("|") if a.strip()
        )
    )
    simplified = to_simplified(zh)
    return Term(
        zh=simplified,
        en=en,
        kind=kind,
        aliases=tuple(a for a in aliases if a != simplified),
        note=values.get("note", ""),
        origin=f"{path}:{number}",
    )


def load_glossary_file(path: str | Path) -> Glossary:
    file_path = Path(path)
    if not file_path.is_file():
        raise GlossaryError(str(path), 0, "no such glossary file")
    try:
        content = file_path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise GlossaryError(str(path), 0, "not UTF-8 text") from exc
    return parse_glossary(content, str(path))


def bundled_files() -> list[Path]:
    folder = bundled_glossary_dir()
    return (
        sorted(p for p in folder.glob("*") if p.suffix in (".tsv", ".csv"))
        if folder.is_dir()
        else []
    )


@functools.cache
def _cached_glossary(paths: tuple[str, ...], include_bundled: bool) -> Glossary:
    merged = Glossary()
    sources = [*(str(p) for p in bundled_files())] if include_bundled else []
    for path in [*sources, *paths]:
        merged = merged.merged_with(load_glossary_file(path))
    return merged


def load_glossaries(paths: Iterable[str | Path] = (), include_bundled: bool = True) -> Glossary:
    """The bundled glossary merged with the user's files, later files overriding earlier ones.

    Loaded once per process for the same files. Its ``segmenter`` keeps the names whole
    (快手 is not split into 快 / 手); nothing is registered with jieba itself.
    """
    return _cached_glossary(tuple(str(p) for p in paths), include_bundled)


# -- what a translation owes the glossary ----------------------------------------------------


@dataclass(frozen=True)
class TermRequirement:
    """One glossary term a source holds: its English form must appear ``required`` times.

    ``positions`` are where each source occurrence starts, as a fraction of the
    source's length (0 = start, 1 = end): a decoder uses them to place a term
    the model does not produce by itself.
    """

    zh: str
    en: str
    required: int
    positions: tuple[float, ...] = ()


@dataclass(frozen=True)
class TermCount:
    """A requirement checked against an output: how many times its English form was found."""

    zh: str
    en: str
    required: int
    found: int

    @property
    def missing(self) -> int:
        return max(0, self.required - self.found)

    @property
    def satisfied(self) -> bool:
        return self.found >= self.required

    def to_dict(self) -> dict:
        return {
            "zh": self.zh,
            "en": self.en,
            "required": self.required,
            "found": self.found,
            "missing": self.missing,
            "satisfied": self.satisfied,
        }


def required_terms(source: str, glossary: Glossary) -> list[TermRequirement]:
    """The English forms ``source`` obliges a translation to carry, one per source occurrence.

    Occurrences are the glossary's leftmost-longest, non-overlapping matches, so
    阿里 inside 阿里云 is not an occurrence of 阿里. Terms sharing an English form
    (a name and its alias entry) are one requirement. Order: first occurrence.
    """
    text = to_simplified(source)
    length = max(len(text), 1)
    by_en: dict[str, tuple[str, list[float]]] = {}
    for match in glossary.match(text):
        zh, positions = by_en.setdefault(match.term.en, (match.term.zh, []))
        positions.append(match.start / length)
    return [
        TermRequirement(zh, en, len(positions), tuple(positions))
        for en, (zh, positions) in by_en.items()
    ]


def english_form_pattern(forms: Iterable[str]) -> re.Pattern[str] | None:
    """One regex finding the English ``forms`` leftmost-longest, never inside a longer Latin word."""
    alternatives = []
    for form in sorted(set(forms), key=len, reverse=True):
        if not form:
            continue
        head = "(?<![A-Za-z0-9])" if _LATIN.match(form[0]) else ""
        tail = "(?![A-Za-z0-9])" if _LATIN.match(form[-1]) else ""
        alternatives.append(f"{head}{re.escape(form)}{tail}")
    return re.compile("|".join(alternatives)) if alternatives else None


def count_terms(output: str, requirements: Sequence[TermRequirement]) -> list[TermCount]:
    """How often ``output`` holds each required English form, counted as the source was.

    Longest form first and without overlaps, among the required forms: "Alibaba
    Cloud" counts for Alibaba Cloud and not also for Alibaba, so a translation
    owing both needs a separate "Alibaba". Case matters (names are fixed forms).
    """
    found: dict[str, int] = dict.fromkeys((r.en for r in requirements), 0)
    pattern = english_form_pattern(found)
    if pattern is not None:
        for match in pattern.finditer(output):
            found[match.group(0)] += 1
    return [TermCount(r.zh, r.en, r.required, found[r.en]) for r in requirements]
