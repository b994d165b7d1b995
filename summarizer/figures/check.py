"""Checking the numbers in an English text against the Chinese source.

Every number in the English must match a figure of the source after unit
scaling (RMB 31.1 billion = 311亿元), and every key figure of the source should
appear in the English. This is what catches "RMB 311 billion".
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from summarizer.figures.facts import Fact
from summarizer.figures.numbers import AMOUNT_PATTERN, quantity_from_match

_SCALES = {
    "thousand": Decimal("1e3"),
    "k": Decimal("1e3"),
    "million": Decimal("1e6"),
    "mn": Decimal("1e6"),
    "m": Decimal("1e6"),
    "billion": Decimal("1e9"),
    "bn": Decimal("1e9"),
    "b": Decimal("1e9"),
    "trillion": Decimal("1e12"),
    "tn": Decimal("1e12"),
}
_CURRENCY_WORDS = {
    "rmb": "CNY",
    "cny": "CNY",
    "yuan": "CNY",
    "usd": "USD",
    "us$": "USD",
    "$": "USD",
    "dollars": "USD",
    "hkd": "HKD",
    "hk$": "HKD",
    "gbp": "GBP",
    "£": "GBP",
    "pounds": "GBP",
    "eur": "EUR",
    "€": "EUR",
    "euros": "EUR",
    "twd": "TWD",
    "nt$": "TWD",
    "jpy": "JPY",
    "yen": "JPY",
    "krw": "KRW",
    "won": "KRW",
    "aud": "AUD",
    "sgd": "SGD",
    "cad": "CAD",
    "chf": "CHF",
}
_ENGLISH_NUMBER = re.compile(
    r"(?P<cur>RMB|CNY|USD|US\$|HKD|HK\$|GBP|EUR|TWD|NT\$|JPY|KRW|AUD|SGD|CAD|CHF|\$|£|€)?\s?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<scale>thousand|million|billion|trillion|bn|mn|tn|[kmb])\b)?"
    r"(?P<pp>\s?percentage points?|\s?pp\b)?"
    r"(?P<pct>\s?%|\s?per\s?cent(?!age)|\s?percent(?!age))?"
    r"(?:\s(?P<after>yuan|dollars|pounds|euros))?",
    re.IGNORECASE,
)
_MONTHS = "january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec"
_DATE_BEFORE = re.compile(rf"\b(?:{'|'.join(_MONTHS.split())})\.?\s*$", re.IGNORECASE)
_NOT_A_FIGURE_BEFORE = re.compile(r"(?:\bQ|\bH|[A-Za-z]-?|\bno\.\s?|#|\d{4}/)$", re.IGNORECASE)
# the characters a match of either ends with (right before a number, or before a space after
# "no."): ASCII letters and the four others [A-Za-z] matches ignoring case, and the marks
_MARK_ENDS = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz\u0130\u0131\u017f\u212a-.#/"
)
_MONTH_ENDS = frozenset(month[-1] for month in _MONTHS.split())
_TOLERANCE = Decimal("0.005")
_YEAR = re.compile(r"(?:19|20)\d\d")
_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)\b")
# Longer than any cue above ("september." and a line break): how far back they are looked for.
_CUE_WINDOW = 12
# the longest mark (1234/, no. and a space) and a line break: where one can start (a search
# from there still sees the character before it, for \b)
_MARK_WINDOW = 6
# every match of _ENGLISH_NUMBER holds a digit, at most this far from its start (US$ and a space)
_DIGIT = re.compile(r"\d")
_DIGIT_REACH = 4


# made for every number of every entry and never changed: not frozen, whose __init__ sets each
# field through object.__setattr__ at three times the cost; hashed by value as before
@dataclass(unsafe_hash=True)
class EnglishNumber:
    text: str
    value: Decimal
    unit: str  # a currency code, "%" or "" (a count)


@dataclass
class FigureCheck:
    """Numbers in the English with no source figure, and key figures the English drops."""

    unmatched: list[EnglishNumber] = field(default_factory=list)
    dropped: list[Fact] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.unmatched and not self.dropped

    def warnings(self) -> list[str]:
        notes = [f"figure {n.text!r} matches no figure in the source" for n in self.unmatched]
        notes += [
            f"key figure dropped: {f.metric} {f.text_en} ({f.evidence})" for f in self.dropped
        ]
        return notes


def english_numbers(text: str) -> list[EnglishNumber]:
    """Figures in English text; years, dates, quarter and model numbers are left out."""
    numbers: list[EnglishNumber] = []
    for m in _english_number_matches(text):
        # every group at once (one call, not one per group); the cheap tests first, the
        # number read only for a figure that is kept
        cur, raw, scale, pp, pct, after = m.groups()
        if not (cur or scale or pct or pp) and _YEAR.fullmatch(raw):
            continue  # a year
        if _ORDINAL_SUFFIX.match(text, m.end()):  # 1st, 3rd: read in place, no copy of the rest
            continue
        if _ends_with_non_figure_cue(text, m.start("cur") if cur else m.start("num")):
            continue
        value = Decimal(raw.replace(",", ""))
        if scale:
            value *= _SCALES[scale.lower()]
        currency = (cur or after or "").lower()
        unit = "pp" if pp else "%" if pct else _CURRENCY_WORDS.get(currency, "")
        numbers.append(EnglishNumber(m.group(0).strip(), value, unit))
    return numbers


def _english_number_matches(text: str) -> Iterator[re.Match[str]]:
    """``_ENGLISH_NUMBER.finditer(text)``, its places found faster: the engine cannot skip to
    a match whose first characters are optional, so each search starts just before the next
    digit, where its match starts (no match starts earlier: each holds a digit near its start)."""
    position = 0
    while (digit := _DIGIT.search(text, position)) is not None:
        m = _ENGLISH_NUMBER.search(text, max(position, digit.start() - _DIGIT_REACH))
        yield m  # a digit alone is a number: a match at or before it is always found
        position = m.end()


def _ends_with_non_figure_cue(text: str, cut: int) -> bool:
    """Whether ``text[:cut]`` ends with a quarter, model or list mark (Q3, H1, no. 5) or a month.

    Both patterns are anchored at the end: they are searched in the last few characters
    only (``\\b`` still sees the character before), so a long English text costs linear time.
    """
    # most numbers follow a space after a word: one look at the characters before the cut
    # tells whether either pattern can end there, before the pattern is tried
    last = text[cut - 1 : cut]
    may_be_marked = (
        last in _MARK_ENDS or last == "\n" or (last.isspace() and text[cut - 2 : cut - 1] == ".")
    )
    if may_be_marked and _NOT_A_FIGURE_BEFORE.search(text, max(0, cut - _MARK_WINDOW), cut):
        return True
    word_end = cut
    while word_end > 0 and text[word_end - 1].isspace():
        word_end -= 1
    month_end = word_end - 1 if text[word_end - 1 : word_end] == "." else word_end
    if text[month_end - 1 : month_end].lower() not in _MONTH_ENDS:
        return False
    return _DATE_BEFORE.search(text, max(0, word_end - _CUE_WINDOW), cut) is not None


def _stated_amounts(chinese_text: str) -> list[tuple[Decimal, str]]:
    """Every amount written in the Chinese text, in base units, with its unit."""
    values: list[tuple[Decimal, str]] = []
    for m in AMOUNT_PATTERN.finditer(chinese_text):
        if not m.group("number"):
            continue
        quantity = quantity_from_match(m)
        if quantity is not None:
            values.append((quantity.value, quantity.unit))
    return values


def _fact_values(facts: Iterable[Fact]) -> list[tuple[Decimal, str]]:
    """The values, changes and point moves of the key figures."""
    values: list[tuple[Decimal, str]] = []
    for fact in facts:
        if fact.value is not None:
            values.append((fact.value, fact.unit or ""))
        for pct in (fact.yoy_pct, fact.qoq_pct, fact.mom_pct):
            if pct is not None:
                values.append((abs(pct), "%"))
        for points in (fact.yoy_pp, fact.qoq_pp):
            if points is not None:
                values.append((abs(points), "pp"))
    return values


def _close(a: Decimal, b: Decimal) -> bool:
    """Within tolerance; signs aside, since English writes a loss as "a loss of RMB 225 million"."""
    a, b = abs(a), abs(b)
    return abs(a - b) <= _TOLERANCE * max(b, Decimal(1))


def _compatible(english_unit: str, source_unit: str) -> bool:
    if english_unit in ("%", "pp") or source_unit in ("%", "pp"):
        return english_unit == source_unit
    if english_unit and source_unit and len(source_unit) == 3 and source_unit.isupper():
        return english_unit == source_unit
    return True


def check_figures(english: str, chinese_text: str, facts: list[Fact]) -> FigureCheck:
    """Compare the figures of ``english`` with those of the Chinese source and its key facts."""
    found = english_numbers(english)
    result = FigureCheck()
    # most English figures are the key figures' own: the whole source is read for the rest only
    unmatched = _unmatched(found, _fact_values(facts))
    if unmatched:
        result.unmatched = _unmatched(unmatched, _stated_amounts(chinese_text))
    # each key figure looks for an English number near it by bisection, not by a scan
    magnitudes = sorted(abs(n.value) for n in found)
    for fact in facts:
        wanted = (
            [fact.value]
            if fact.value is not None
            else [abs(p) for p in (fact.yoy_pct, fact.qoq_pct) if p is not None]
        )
        if wanted and not any(_close(v, w) for w in wanted for v in _near(magnitudes, w)):
            result.dropped.append(fact)
    return result


def _near(magnitudes: list[Decimal], value: Decimal) -> list[Decimal]:
    """The sorted ``magnitudes`` that may be within the tolerance of ``value``: a window twice
    as wide as the tolerance, so ``_close`` decides on every one that can be close."""
    size = abs(value)
    margin = _TOLERANCE * max(size, Decimal(1)) * 2
    return magnitudes[
        bisect_left(magnitudes, size - margin) : bisect_right(magnitudes, size + margin)
    ]


def _unmatched(
    numbers: list[EnglishNumber], values: list[tuple[Decimal, str]]
) -> list[EnglishNumber]:
    """The English numbers no value comes close to (within the tolerance, units compatible)."""
    sources = sorted((abs(v), u) for v, u in values)
    magnitudes = [v for v, _ in sources]
    missing = []
    for number in numbers:
        # only source values within the tolerance can match: find them by bisection, not by a scan
        size = abs(number.value)
        margin = _TOLERANCE * max(size, Decimal(1)) * 2
        low = bisect_left(magnitudes, size - margin)
        high = bisect_right(magnitudes, size + margin)
        if not any(
            _close(number.value, v) and _compatible(number.unit, u) for v, u in sources[low:high]
        ):
            missing.append(number)
    return missing
