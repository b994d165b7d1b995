"""Reporting periods in Chinese financial news: 2024年第三季度, 第3季, Q3, 上半年, 前三季度, 全年, 截至6月30日."""

from __future__ import annotations

import re
from dataclasses import dataclass

_CN_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}

_YEAR = r"(?:(?P<year>(?:19|20)\d{2})\s*(?:年度?|财年|财政年度)?|(?P<rel>今年|去年|明年|上年|本年|前年)|FY(?P<fy>(?:20)?\d{2}))"
_PERIOD = re.compile(
    rf"(?:{_YEAR})?\s*(?:"
    r"(?P<same>同期)"
    r"|第?(?P<q>[一二三四1-4])季度?"
    r"|(?P<qq>[Qq][1-4])(?:季度)?"
    r"|(?P<h>上半年|下半年|中期|首半年)"
    r"|(?P<nine>前三季度|前三季|首三季度|首三季)"
    r"|(?P<fy_word>全年|全财年|财年|年度)"
    r"|截至(?P<d_year>\d{4}年)?(?P<d_month>\d{1,2})月(?P<d_day>\d{1,2})日"
    r"|(?<![自从于])(?P<month>\d{1,2})月(?!\d{1,2}日|份?\d|底|初|中旬|以来)"
    r")"
)
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_BARE_YEAR = re.compile(r"((?:19|20)\d{2})年")


@dataclass(frozen=True)
class Period:
    """A period such as 2024Q3, 2024H1, 2024FY, 2024-9M, 2024-06-30 or 2025-02."""

    year: int | None
    kind: str  # Q, H, FY, 9M, M, D, SAME (同期: same period, year given)
    number: int = 0
    day: int = 0

    def label(self) -> str:
        """2024Q3, 2024H1, 2024FY ...; without a known year just Q3, H1, FY."""
        year = str(self.year) if self.year else ""
        if self.kind == "Q":
            return f"{year}Q{self.number}"
        if self.kind == "H":
            return f"{year}H{self.number}"
        if self.kind == "FY":
            return f"{year}FY"
        if self.kind == "9M":
            return f"{year}-9M"
        if self.kind == "M":
            return f"{year}-{self.number:02d}" if year else f"M{self.number:02d}"
        if self.kind == "D":
            return (
                f"{year}-{self.number:02d}-{self.day:02d}"
                if year
                else f"{self.number:02d}-{self.day:02d}"
            )
        return year

    def english(self) -> str:
        year = str(self.year) if self.year else ""
        ordinal = {1: "first", 2: "second", 3: "third", 4: "fourth"}
        if self.kind == "Q":
            return f"the {ordinal[self.number]} quarter" + (f" of {year}" if year else "")
        if self.kind == "H":
            return f"the {ordinal[self.number]} half" + (f" of {year}" if year else "")
        if self.kind == "FY":
            return f"full-year {year}".strip() if year else "the full year"
        if self.kind == "9M":
            return "the first nine months" + (f" of {year}" if year else "")
        if self.kind == "M":
            return f"{MONTHS[self.number - 1]} {year}".strip()
        if self.kind == "D":
            return f"{MONTHS[self.number - 1]} {self.day}, {year}".strip()
        return year


@dataclass(frozen=True)
class PeriodMention:
    start: int
    end: int
    period: Period
    relative_year: str = ""


def article_years(text: str, published_year: int | None = None) -> tuple[int | None, int | None]:
    """(reporting year, current year) implied by an article.

    The reporting year is the first year stated; the current year, for 今年 /
    去年, is the latest year stated, plus one when the article reports that
    year's full-year results (they come out the next spring).
    """
    years = [int(y) for y in _BARE_YEAR.findall(text)]
    if published_year:
        return (years[0] if years else published_year), published_year
    if not years:
        return None, None
    latest = max(years)
    full_year_results = re.search(rf"{latest}年(?:全年|度|财年)(?:财报|业绩|年报|报告)", text)
    return years[0], latest + 1 if full_year_results else latest


def find_periods(sentence: str) -> list[PeriodMention]:
    mentions: list[PeriodMention] = []
    for m in _PERIOD.finditer(sentence):
        if not m.group(0).strip():
            continue
        if re.search(r"自$", sentence[: m.start()]) or re.match(
            r".{0,4}(?:以来|开始|起)", sentence[m.end() :]
        ):
            continue  # 自今年6月问世以来: a start date, not the period a figure covers
        year = None
        if m.group("year"):
            year = int(m.group("year"))
        elif m.group("fy"):
            fy = m.group("fy")
            year = int(fy) if len(fy) == 4 else 2000 + int(fy)
        rel = m.group("rel") or ""
        if m.group("same"):
            period = Period(year, "SAME")
        elif m.group("q"):
            period = Period(year, "Q", _CN_NUM[m.group("q")])
        elif m.group("qq"):
            period = Period(year, "Q", int(m.group("qq")[1]))
        elif m.group("h"):
            period = Period(year, "H", 2 if m.group("h") == "下半年" else 1)
        elif m.group("nine"):
            period = Period(year, "9M")
        elif m.group("fy_word"):
            if m.group("fy_word") == "年度" and year is None:
                continue
            period = Period(year, "FY")
        elif m.group("d_month"):
            d_year = int(m.group("d_year")[:4]) if m.group("d_year") else year
            period = Period(d_year, "D", int(m.group("d_month")), int(m.group("d_day")))
        elif m.group("month"):
            month = int(m.group("month"))
            if not 1 <= month <= 12:
                continue
            period = Period(year, "M", month)
        else:
            continue
        mentions.append(PeriodMention(m.start(), m.end(), period, rel))
    return mentions


def resolve_year(
    mention: PeriodMention, sticky_year: int | None, current_year: int | None
) -> Period:
    """Fill in a missing year: 今年 / 去年 from the current year, else the year in force."""
    period = mention.period
    if period.year is not None:
        return period
    offsets = {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "前年": -2, "明年": 1}
    if mention.relative_year and current_year:
        year = current_year + offsets[mention.relative_year]
    elif period.kind == "M" and current_year:
        year = current_year
    else:
        year = sticky_year or current_year
    return Period(year, period.kind, period.number, period.day)
