"""Reporting periods in Chinese financial news.

Quarters (2024年第三季度, 第3季, 三季度, Q3, 2025Q3, 4Q24), halves (上半年, 中期), nine
months (前三季度, 首三季, Q1-3), full and fiscal years (全年, 财年, 2025/26财年), months
(10月), cumulative months (前11月, 1-8月), balance-sheet dates (截至6月30日), and the
relative words (今年, 去年同期, 上季, 季内, 期内). Fiscal years that do not follow the
calendar are recognised from the text itself: a "second quarter" that ends on
30 September belongs to a year that starts in April.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CN_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTHS = (
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
)

_YEAR = (
    r"(?:(?P<year>(?:19|20)\d{2})\s?(?:/(?P<fy_end>\d{2})\s?)?(?:年度?|(?P<fiscal_word>财年|财政年度))?"
    r"|(?P<rel>今年|去年|明年|上年|本年|前年|对上一年)|FY(?P<fy>(?:20)?\d{2}))"
)
# every character a period mention can start with: the year forms, a space, and the first
# characters of the alternatives below (a digit covers 1-9月, Q1-Q3's digits and 6月30日)
_PERIOD_FIRST = r"[\s\d今去明上本前对F同首Qq单第一二三四下中全财年截累季当期报迄目以至末底半]"
# and the two characters a mention can start with: a common first character (上, 年, 一, a
# digit) passes the test above far more often than a mention starts there
_PERIOD_FIRST_TWO = (
    # a year (2025), a month or a span of months (10月, 1-9月), a quarter (3季度); a space,
    # then a mention's first character; then the words
    rf"(?:19|20)\d|\d{{1,2}}\s?[月\-–~至]|[1-4][财季]|\s{_PERIOD_FIRST}"
    r"|今年|去年|明年|上[年半季]|本[年季期]|前[年三九\d]|对上"
    r"|FY|同期|首[三九半\d]|[Qq][1-4]|单[第一二三四1-4季]|第[一二三四1-4]|[一二三四][财季]|下半|中期"
    r"|全[年财]|财年|年[度初报]|截至|累计|季内|当季|期内|报告|迄今|目前|以来|至今|[末底]|半年"
)
_PERIOD_START = f"(?={_PERIOD_FIRST})(?={_PERIOD_FIRST_TWO})"
_PERIOD = re.compile(
    # one character test rejects each place no mention can start, before any alternative is tried
    rf"{_PERIOD_START}(?:{_YEAR})?\s?(?:"
    r"(?P<same>同期)"
    r"|(?P<nine>前三季度|前三季|首三季度|首三季|Q1\s?[-–~]\s?Q?3|1\s?[-–~]\s?3季度|1-9月|前9月|[前首](?:九|9)个月)"
    r"|(?<![上下前])单?第?(?P<q>[一二三四1-4])财?季度?(?!度?末)"  # not 上一季: the one before
    # 截至三季度末: the balance-sheet date that ends the quarter
    r"|(?P<q_end>[一二三四1-4])季度?末"
    # 第3合并营收: a quarter whose 季 the source dropped
    r"|第(?P<q_typo>[1-4一二三四])(?=\s?(?:合并)?(?:营收|营业收入|收入|获利|净利|税后))"
    r"|(?<!\d)(?P<dm>\d{1,2})\s?月\s?(?P<dd>\d{1,2})\s?日"
    r"|(?P<qq>[Qq][1-4])(?:季度)?"
    r"|(?P<h>上半年|下半年|中期|首半年|上半财年|半年度|半年报)"  # 半年度: an A-share's first half
    r"|(?P<fy_word>全年|全财年|财年|年度|年报)"
    r"|截至(?P<d_year>\d{4}\s?年)?\s?(?P<d_month>\d{1,2})\s?月\s?(?P<d_day>\d{1,2})\s?日"
    r"(?:止?(?P<span>三个月|六个月|半年|九个月|十二个月|财政年度|年度|财年|全年))?"
    # a span of months: 1-8月, and two months added up (10月及11月营收合计)
    r"|(?:累计)?(?:[前首](?P<ytd>\d{1,2})个?月|(?P<from_m>\d{1,2})\s?(?:[-–~至]|月\s?(?:及|和|与)"
    r"(?=\s?\d{1,2}\s?月[^，。；\d]{0,8}(?:合计|共计|合共|加总)))\s?(?P<to_m>\d{1,2})\s?月)"
    r"|(?<![自从\d])(?P<month>\d{1,2})\s?月(?:份)?(?!\s?\d{1,2}\s?日|初|中旬|以来)"
    r"|(?P<cur>上季|季内|单季|当季|本季度|本季|期内|报告期内|本期)"
    # 2024年末, 去年底: the balance-sheet date that ends the year (not 2024年末期息, a dividend)
    r"|(?<=[\d今去上明本前]年)(?P<ye>末|底)(?!期)"
    r"|(?P<now>截至目前|截至发稿|迄今为止|迄今|目前)"
    # 今年以来累计交付: the year so far, up to the month the article reports
    r"|(?P<so_far>(?<=今年)\s?(?:以来|至今|迄今)|年初至今|年初以来)"
    r")"
)
# a year alone before what it measures: 2026年成长至15.85元, 今年EPS将达, 明年收入
# (each alternative opens with a character, the lookbehind after it, so that the regex engine
# skips to the places a 1, a 2, 今 or 明 stands; the year or the word is the match's start)
_YEAR_ALONE = re.compile(
    r"(?:1(?<!\d.)9\d{2}\s?年|2(?<!\d.)0\d{2}\s?年"
    r"|今年(?!\s?(?:以来|至今|迄今))|明年(?!\s?(?:以来|至今|迄今)))(?:的)?"
    r"(?=\s?(?:(?<=的)\d|[^，,。；;\d]{0,12}?(?:EPS|每股|营收|收入|净利|纯利|盈利|销量|销售|交付|PE|市盈率|资本开支|资本支出"
    r"|研发|利润|亏损|毛利|股息|分红|出货)"
    r"|将|成长|增长|预计|有望|可望|达|目标))"
)
_YEAR_Q = re.compile(
    r"(?<![\d])(?P<year>20\d{2})\s?Q(?P<q>[1-4])|(?<![\d])(?P<q2>[1-4])Q(?P<y2>\d{2})(?!\d)"
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# the day a share price is of, in the words of market reports
_TRADING_DAY = re.compile(
    r"(?P<today>今日|今天|今|现价|当日|盘前|盘中|盘后)|(?P<before>昨日|昨天|昨|隔晚|前一交易日)"
    r"|(?:周|星期)(?P<weekday>[一二三四五六日])|(?P<ytd>年内|今年以来|年初至今)"
)

# 吉利(00175.HK) -0.680 (-3.594%): a portal's quote right after the stock code
QUOTE_BEFORE = re.compile(r"[（(][0-9A-Z]{4,6}(?:\.HK)?[)）]\s?[+-][\d.]+\s?[（(]\s?[+-]?$")


def trading_day(text: str, year: int | None) -> Period | None:
    """The day a price or a price move is of: 今日 → report day, 隔晚 → day before, 周一, 年内 → YTD."""
    if QUOTE_BEFORE.search(text):
        return Period(None, "REL", 1)  # a quote printed with the stock: the page's own day
    found = None
    for m in _TRADING_DAY.finditer(text):
        found = m
    if found is None:
        return None
    if found.group("today"):
        return Period(None, "REL", 1)
    if found.group("before"):
        return Period(None, "REL", 2)
    if found.group("weekday"):
        return Period(None, "REL", 3 + "一二三四五六日".index(found.group("weekday")))
    return Period(year, "REL", 10)


_BARE_YEAR = re.compile(r"((?:19|20)\d{2})\s?年")
_COMPARISON_BASE = re.compile(r"(?:较|比|相比|对比|相较|高于|低于)\s?$")
# 与去年同期持平 / 相比: the period compared with (not 11月和12月, two periods)
_WITH_BASE = re.compile(r"(?:与|和|跟)\s?$")
_COMPARED_AFTER = re.compile(r"\s?(?:相比|相较|比较|基本持平|持平|相当|一致)")
_FROM_BASE = re.compile(r"(?:从|由)\s?$")  # 从去年同期的18%降至14%, not 从前三季度整体来看


# made by the hundred per article and never changed: not frozen, whose __init__ sets each
# field through object.__setattr__ at three times the cost; hashed by value as before
@dataclass(unsafe_hash=True)
class Period:
    """A period: Q (number 1-4), H (1-2), 9M, FY, M (month), YTD (months 1..number), D (date).

    ``fiscal_start`` is the first month of a fiscal year that does not start in January.
    """

    year: int | None
    kind: str  # Q, H, 9M, FY, M, YTD, D, SAME (同期), CUR (the period in force)
    number: int = 0
    day: int = 0
    fiscal_start: int = 1
    first_month: int = 0  # for YTD spans such as 1-8月

    def _relative(self) -> str:
        names = {1: "report day", 2: "day before report", 10: "YTD"}
        if self.number in names:
            label = names[self.number]
            return f"{label} {self.year}" if self.number == 10 and self.year else label
        return WEEKDAYS[self.number - 3]

    def _fiscal(self) -> str:
        if self.fiscal_start == 1 or self.year is None:
            return str(self.year) if self.year else ""
        return f"FY{self.year}/{(self.year + 1) % 100:02d}"

    def label(self) -> str:
        """Q3 2025, H1 2025, 9M 2025, FY2025, Oct 2025, Jan-Nov 2025, Sep 30 2025; Q2 FY2025/26."""
        year = self._fiscal()
        if self.kind == "Q":
            return f"Q{self.number} {year}".strip()
        if self.kind == "H":
            return f"H{self.number} {year}".strip()
        if self.kind == "9M":
            return f"9M {year}".strip()
        if self.kind == "FY":
            return f"FY{self.year}" if self.fiscal_start == 1 and self.year else f"{year or 'FY'}"
        if self.kind == "M":
            return f"{MONTH_ABBR[self.number - 1]} {self.year or ''}".strip()
        if self.kind == "YTD":
            first = MONTH_ABBR[(self.first_month or 1) - 1]
            return f"{first}-{MONTH_ABBR[self.number - 1]} {self.year or ''}".strip()
        if self.kind in ("D", "DAY"):
            return f"{MONTH_ABBR[self.number - 1]} {self.day} {self.year or ''}".strip()
        if self.kind == "REL":
            return self._relative()
        return str(self.year or "")

    def english(self) -> str:
        """Words for a sentence: 'the third quarter of 2025', 'October 2025', 'fiscal 2025/26'."""
        ordinal = {1: "first", 2: "second", 3: "third", 4: "fourth"}
        year = self._fiscal()
        of_year = f" of {'fiscal ' if self.fiscal_start != 1 else ''}{year}" if year else ""
        if self.kind == "Q":
            return f"the {ordinal[self.number]} quarter{of_year}"
        if self.kind == "H":
            return f"the {ordinal[self.number]} half{of_year}"
        if self.kind == "9M":
            return f"the first nine months{of_year}"
        if self.kind == "FY":
            return f"fiscal {year}" if self.fiscal_start != 1 else f"full-year {year}".strip()
        if self.kind == "M":
            return f"{MONTHS[self.number - 1]} {self.year or ''}".strip()
        if self.kind == "YTD":
            first = MONTHS[(self.first_month or 1) - 1]
            return f"{first}-{MONTHS[self.number - 1]} {self.year or ''}".strip()
        if self.kind in ("D", "DAY"):
            return f"{MONTHS[self.number - 1]} {self.day}, {self.year or ''}".strip(", ")
        if self.kind == "REL":
            return self._relative()
        return str(self.year or "")

    def with_year(self, year: int | None) -> Period:
        return Period(year, self.kind, self.number, self.day, self.fiscal_start, self.first_month)


# relative years that name the year before the one in force
YEAR_BEFORE = ("去年", "上年", "对上一年")


# made by the hundred per article and never changed: not frozen, whose __init__ sets each
# field through object.__setattr__ at three times the cost; hashed by value as before
@dataclass(unsafe_hash=True)
class PeriodMention:
    start: int
    end: int
    period: Period
    relative_year: str = ""
    comparison: bool = (
        False  # 较去年同期, 较2024年第三季度: the base of a change, not a figure's period
    )
    standalone: bool = False  # a year alone (2026年成长至…): dates its figure, never the article


# every match of _PERIOD, _YEAR_ALONE and _YEAR_Q holds one of these (同期, 季, 3月, 上半年,
# Q3, 第3, 截至, 迄今, 目前): a sentence without any names no period, and is not searched
PERIOD_CHARACTERS = frozenset("期季月年Qq第截今目")
_PERIOD_CHARACTER = re.compile(f"[{''.join(sorted(PERIOD_CHARACTERS))}]")


# find_periods' tests around a mention, compiled once
_SINCE_BEFORE = re.compile(r"自\s?$")
_STARTS_AFTER = re.compile(r".{0,4}(?:以来|开始|起)")
_SINCE_OR_WITHIN = re.compile(r"\s?(?:以来|内)")
_AMOUNT_AFTER = re.compile(r"\s?的?\s?[\d约近超逾]")


def find_periods(sentence: str, fiscal_start: int = 1) -> list[PeriodMention]:
    """Period mentions in order; years are filled in later by ``resolve_year``."""
    mentions: list[PeriodMention] = []
    if not _PERIOD_CHARACTER.search(sentence):
        return mentions
    for m in _YEAR_Q.finditer(sentence) if "Q" in sentence else ():  # 2025Q3, 3Q25
        if m.group("year"):
            period = Period(int(m.group("year")), "Q", int(m.group("q")), fiscal_start=fiscal_start)
        else:
            period = Period(
                2000 + int(m.group("y2")), "Q", int(m.group("q2")), fiscal_start=fiscal_start
            )
        mentions.append(_mention(sentence, m.start(), m.end(), period, ""))
    for m in _YEAR_ALONE.finditer(sentence):
        rel, year = _year_alone(m.group())
        alone = _mention(sentence, m.start(), m.end(), Period(year, "FY"), rel)
        mentions.append(
            PeriodMention(alone.start, alone.end, alone.period, rel, alone.comparison, True)
        )
    for m in _PERIOD.finditer(sentence):
        if not m.group(0).strip():
            continue
        # a fuller mention (截至2024年6月30日) replaces a year-alone one inside it
        mentions = [x for x in mentions if not (x.standalone and m.start() <= x.start < m.end())]
        if any(x.start <= m.start() < x.end for x in mentions):
            continue
        # (自, a space and a line end at most: three characters before the mention)
        if _SINCE_BEFORE.search(sentence, max(0, m.start() - 3), m.start()) or _STARTS_AFTER.match(
            sentence, m.end()
        ):
            continue  # 自今年6月问世以来: a start date, not the period a figure covers
        period = _period_of(m, fiscal_start)
        if period is None:
            # a year alone: 2024年的6.85兆元, 2026年成长至15.85元
            if m.group("year") and not m.group("fy_end"):
                period = Period(int(m.group("year")), "FY", fiscal_start=1)
            elif (
                m.group("rel") in ("今年", "明年", "本年")
                and _SINCE_OR_WITHIN.match(sentence, m.end()) is None
            ):
                period = Period(None, "FY")
            else:
                continue
        mentions.append(_mention(sentence, m.start(), m.end(), period, m.group("rel") or ""))
    return sorted(mentions, key=lambda x: x.start)


def _year_alone(found: str) -> tuple[str, int | None]:
    """(今年 or 明年, else ""; the year written, else None) of a match of _YEAR_ALONE."""
    head = found[:2]
    return (head, None) if head in ("今年", "明年") else ("", int(found[:4]))


def _mention(sentence: str, start: int, end: int, period: Period, rel: str) -> PeriodMention:
    before = sentence[max(0, start - 4) : start]
    comparison = (
        bool(_COMPARISON_BASE.search(before))
        or bool(_FROM_BASE.search(before) and _AMOUNT_AFTER.match(sentence, end, end + 4))
        or bool(_WITH_BASE.search(before) and _COMPARED_AFTER.match(sentence, end))
    )
    return PeriodMention(start, end, period, rel, comparison)


def _period_of(m: re.Match[str], fiscal_start: int) -> Period | None:
    year = None
    if m.group("year"):
        year = int(m.group("year"))
    elif m.group("fy"):
        fy = m.group("fy")
        year = int(fy) if len(fy) == 4 else 2000 + int(fy)
    fiscal = fiscal_start if (m.group("fy_end") or fiscal_start != 1) else 1
    if m.group("fy_end"):
        fiscal = fiscal_start if fiscal_start != 1 else 4
    elif year and m.group("fiscal_word") and fiscal_start != 1:
        year -= 1  # 2026财年 of a year from April is the one ending in 2026: FY2025/26
    if m.group("same"):
        return Period(year, "SAME")
    if m.group("nine"):
        return Period(year, "9M", fiscal_start=fiscal)
    if m.group("q") or m.group("q_typo"):
        return Period(year, "Q", _CN_NUM[m.group("q") or m.group("q_typo")], fiscal_start=fiscal)
    if m.group("ye"):
        if year is None and not m.group("rel"):
            return None  # 末 after a number that is no year
        return Period(year, "D", 12, 31)
    if m.group("q_end") and fiscal_start == 1:
        month = 3 * _CN_NUM[m.group("q_end")]
        return Period(year, "D", month, 31 if month in (3, 12) else 30)
    if m.group("dm"):
        month, day = int(m.group("dm")), int(m.group("dd"))
        return Period(year, "DAY", month, day) if 1 <= month <= 12 and 1 <= day <= 31 else None
    if m.group("qq"):
        return Period(year, "Q", int(m.group("qq")[1]), fiscal_start=fiscal)
    if m.group("h"):
        return Period(year, "H", 2 if m.group("h") == "下半年" else 1, fiscal_start=fiscal)
    if m.group("fy_word"):
        if m.group("fy_word") == "年度" and year is None:
            return None
        return Period(year, "FY", fiscal_start=fiscal)
    if m.group("d_month"):
        d_year = int(m.group("d_year").strip()[:4]) if m.group("d_year") else year
        month, day = int(m.group("d_month")), int(m.group("d_day"))
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        if m.group("span"):
            return _span_ending(m.group("span"), d_year, month, fiscal_start)
        return Period(d_year, "D", month, day)
    if m.group("ytd"):
        month = int(m.group("ytd"))
        return Period(year, "YTD", month) if 1 <= month <= 12 else None
    if m.group("from_m"):
        first, last = int(m.group("from_m")), int(m.group("to_m"))
        if not (1 <= first < last <= 12):
            return None
        if (first, last) == (1, 9):
            return Period(year, "9M")
        return Period(year, "YTD", last, first_month=first)
    if m.group("month"):
        month = int(m.group("month"))
        return Period(year, "M", month) if 1 <= month <= 12 else None
    if m.group("cur"):
        return Period(year, "CUR")
    if m.group("now"):
        return Period(None, "NOW")
    if m.group("so_far"):
        return Period(year, "SO_FAR")
    return None


_SPAN_MONTHS = {"三个月": 3, "六个月": 6, "半年": 6, "九个月": 9}


def _span_ending(span: str, year: int | None, month: int, fiscal_start: int) -> Period:
    """截至9月30日止三个月 → the quarter ending there; 截至3月31日止年度 → the fiscal year
    ending there. A fiscal year is named by the year it starts in (FY2024/25)."""
    months = _SPAN_MONTHS.get(span, 12)
    if months == 12:
        fiscal_start = month % 12 + 1
    start_year = year if year is None or month >= fiscal_start else year - 1
    if fiscal_start == 1:
        start_year = year
    if months == 12:
        return Period(start_year, "FY", fiscal_start=fiscal_start)
    if months == 9:
        return Period(start_year, "9M", fiscal_start=fiscal_start)
    number = ((month - fiscal_start) % 12) // months + 1
    return Period(start_year, "Q" if months == 3 else "H", number, fiscal_start=fiscal_start)


def resolve_year(
    mention: PeriodMention, sticky_year: int | None, current_year: int | None
) -> Period:
    """Fill in a missing year: 今年 / 去年 from the current year, else the year in force."""
    period = mention.period
    if period.year is not None:
        return period
    offsets = {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "对上一年": -1, "前年": -2, "明年": 1}
    if mention.relative_year and current_year:
        year = current_year + offsets[mention.relative_year]
    elif period.kind in ("M", "YTD", "DAY") and current_year:
        year = current_year
    else:
        year = sticky_year or current_year
    return period.with_year(year)


_THIS_AND_NEXT_YEAR = re.compile(r"今明[两二]年")
_YEAR_RANGE = re.compile(r"((?:19|20)\d{2})\s?[-–至~]\s?((?:19|20)?\d{2})\s?年")


def listed_years(sentence: str, current_year: int | None) -> list[int]:
    """The years a list of figures runs over: 2023-2025年 → 2023, 2024, 2025; 今明两年 → this and next."""
    m = _YEAR_RANGE.search(sentence)
    if m:
        first, last = int(m.group(1)), int(m.group(2))
        last = last if last > 100 else first // 100 * 100 + last
        if 0 < last - first <= 5:
            return list(range(first, last + 1))
    if current_year and _THIS_AND_NEXT_YEAR.search(sentence):
        return [current_year, current_year + 1]
    return []
