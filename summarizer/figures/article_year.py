"""The year an article reports on, and the year it speaks in (for 今年 and 去年)."""

from __future__ import annotations

import re
from collections import Counter

from summarizer.figures.periods import _CN_NUM

_PERIOD_YEAR = re.compile(
    r"((?:19|20)\d{2})\s?(?:年\s?(?:第?[一二三四1-4]\s?季|前三季|上半年|下半年|中期|全年|度|财年|Q[1-4])|Q[1-4]|/\d{2}\s?财年)"
)
_FORWARD_NEAR = re.compile(r"目标|预计|预期|预估|有望|可望|上看|将|料")
# (a year's first digit opens each pattern, the lookbehinds run after it, over it: the regex
# engine skips to the places a 1 or a 2 stands, and most of those fail on the next character)
_YEAR_WORD = re.compile(r"((?:1(?<!\d.)9|2(?<!\d.)0)\d{2})\s?年(?!\s?同期)")
_RANGE_BEFORE = re.compile(r"[-–至~]\s?$")
_RANGE_OR_START_AFTER = re.compile(r"\s?(?:[-–至~]\s?\d|起|以来|开始)")


def _forward_years(text: str) -> list[int]:
    """Years named in forward-looking context, outside ranges (2024年至2029年) and comparisons."""
    found = []
    for m in _YEAR_WORD.finditer(text):
        before, after = text[max(0, m.start() - 8) : m.start()], text[m.end() : m.end() + 14]
        if _RANGE_BEFORE.search(before) or _RANGE_OR_START_AFTER.match(after):
            continue  # range ends and start points (自2024年起) are not the year reported on
        if _FORWARD_NEAR.search(before) or _FORWARD_NEAR.search(after):
            found.append(int(m.group(1)))
    return found


_BASE_YEAR = re.compile(r"(?:较|比|相比|对比)\s?((?:19|20)\d{2})\s?年(?!\s?同期)")
_ANY_YEAR = re.compile(
    r"((?:1(?<![\d~–-].)(?<![^截]至.)9|2(?<![\d~–-].)(?<![^截]至.)0)\d{2})\s?(?:年(?!\s?同期|\s?[至~–-]\s?\d)|[-–至]\s?(?:19|20)\d{2}\s?年)"
)


# the first results period an article names without a year, and the month it ends
_BARE_PERIOD = re.compile(
    r"第?(?P<q>[一二三四1-4])季度?|Q(?P<qq>[1-4])|(?P<nine>前三季度?)|(?P<h1>上半年|中期)|(?P<h2>下半年)"
)


def _ends_after(text: str, month: int) -> bool:
    """Whether the first period the text reports on (not one it looks ahead to) ends after
    ``month`` of the year: then its figures, being results, are of the year before."""
    for m in _BARE_PERIOD.finditer(text):
        if _FORWARD_NEAR.search(text, max(0, m.start() - 8), m.start()):
            continue  # 预计第四季度…: a forecast's period, not the one reported on
        if m.group("q") or m.group("qq"):
            end = 3 * _CN_NUM[m.group("q") or m.group("qq")]
        else:
            end = 9 if m.group("nine") else 6 if m.group("h1") else 12
        return end > month
    return False


# annual results (全年, 末期息, 年度业绩) in an article that names no month or quarter
# (a dateline's day, 3月14日, is not a month reported on)
_LAST_YEAR_RESULTS = re.compile(
    r"^(?!.*(?:季|\d{1,2}\s?月(?!\s?\d{1,2}\s?日)|上半年|中期业绩))"
    r"(?=.*(?:全年|末期息|年度业绩|年报))",
    re.S,
)


def article_years(
    text: str, published_year: int | None = None, published_month: int | None = None
) -> tuple[int | None, int | None]:
    """(reporting year, current year): the year the results are for, and the year the article speaks in.

    The reporting year is the one named most often with a period (2025年第三季度, 2025Q3),
    else the first year stated; the current year, for 今年 / 去年, is the publication
    year, else the reporting year (plus one when the article reports that year's
    full-year results, which come out the next spring).
    """
    head = text[:6000]
    counted = Counter(int(y) for y in _PERIOD_YEAR.findall(head))
    # (every year named is read only where no year of a period, of a comparison or of a
    # forecast decides: most articles name a period's year)
    if counted:
        reporting = max(counted, key=lambda y: (counted[y], -head.find(str(y))))
    elif bases := [int(y) for y in _BASE_YEAR.findall(head)]:
        reporting = max(bases) + 1  # 较2024年的6.85兆元: the year compared with is the one before
    elif ahead := _forward_years(head):
        reporting = min(ahead)  # targets are for this year or later: 2025年销售目标, 2026年将达
    elif years := [int(y) for y in _ANY_YEAR.findall(head)]:
        reporting = min(years)
    elif published_year and _LAST_YEAR_RESULTS.search(head) and (published_month or 12) <= 4:
        # 全年溢利…末期息 written in March: annual results come out after the year they are of
        reporting = published_year - 1
    elif published_year and published_month and _ends_after(head, published_month):
        # 第四季度营收… written in February: results are of a period already over, last year's
        reporting = published_year - 1
    else:
        reporting = published_year
    if published_year:
        return reporting, published_year
    if reporting is None:
        return None, None
    full_year_results = re.search(rf"{reporting}\s?年(?:全年|度|财年)(?:财报|业绩|年报|报告)", text)
    return reporting, reporting + 1 if full_year_results else reporting
