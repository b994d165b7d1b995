"""How a figure relates to its clause: change words, levels, conversions, periods and subjects nearby."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from summarizer.figures.companies import CompanyMention
from summarizer.figures.fact import Fact
from summarizer.figures.first_chars import with_first_character_test
from summarizer.figures.metrics import (
    ADJUSTED_CUE,
    FORWARD_CUE,
    MONEY,
    PRICE,
    RATIO,
    MetricMention,
)
from summarizer.figures.periods import (
    YEAR_BEFORE,
    Period,
    PeriodMention,
)
from summarizer.figures.quantities import CURRENCY_WORDS, VERBAL_CHANGE, Quantity

HAS_FIGURE = re.compile(
    r"[\d０-９]|[一二两三四五六七八九][成千百十]|[千百十][万亿]|持平|翻倍|翻番|一倍"
)
# a clause ends at a punctuation mark, a bar or a run of two or more spaces: written as one
# character class first (a space counts only when more follow), so the regex engine skips to
# the places where one stands instead of trying every alternative at every place
CLAUSE_BREAK = re.compile(r"[，,；;：:。！？!?│|\s](?:(?<=\s)\s+|(?<!\s))")
UP = r"增长速度|增速|增长|增加|上升|提升|提高|上涨|成长|增|升|涨|扩大|回升|走高|大涨|上扬|改善"
DOWN = r"下降|减少|下滑|下跌|降低|衰退|收窄|减|降|跌|暴跌|大跌|萎缩|缩减|回落|倒退"
YOY = r"同比|按年|年增|年减|较去年同期|较上年同期|比去年同期|与去年同期相比|年比|较2\d{3}年"
QOQ = r"环比|按季|季增|季减|较上季|较上一季|较前一季|连续"
MOM = r"月增|月减|环比上月|较上月"
# (this one and EXPECTATION_MET open with an optional or grouped word: a first-character test
# spares trying every alternative at each place)
CHANGE_BEFORE = with_first_character_test(
    re.compile(
        rf"(?:(?P<basis>{YOY}|{QOQ}|{MOM})[^，,；;%％、]{{0,8}}?)?(?:(?P<up>{UP})|(?P<down>{DOWN}))"
        r"(?:了|约|近|超过|超|逾|幅度|达|为|分别)*\s?[+-]?$"
    )
)
# a figure in brackets right after another: its conversion, (1.54亿美元), （约合7亿美元）
CONVERSION = re.compile(r"\s?[（(]\s?(?:约合|合|约|折合)?\s?(?:人民币|美元|港元|港币)?\s?")
RANGE_GAP = re.compile(r"\s?[至到~～-]\s?-?")  # a sign may open the second end: -32亿元至-26亿元
SIGNED = re.compile(r"[（(]\s?[+-]\s?$")
LEVEL_LINK = re.compile(r"(?:至|到|为|达|达到|是|报|收|录得|在)\s?(?:约|近|超过|超|逾)?\s?$")
OLD_VALUE = re.compile(r"(?:由|从)\s?[^，,；;]{0,6}$")


@dataclass
class SentenceContext:
    text: str
    index: int
    offset: int
    metrics: list[MetricMention]
    periods: list[tuple[PeriodMention, Period]]
    subjects: list[CompanyMention]
    fallback_subject: CompanyMention | None
    sticky: Period | None
    clause_starts: list[int]
    forward_from: int  # position of the first forward-looking cue, or len(text)
    years: list[int]  # the years a list of figures runs over (2023-2025年, 今明两年)
    listed: list = field(default_factory=list)
    hong_kong: bool = False  # the article quotes Hong Kong listings: prices in 元 are HKD
    facts_so_far: list = field(default_factory=list)
    hk_listed: set = field(default_factory=set)  # names written with a Hong Kong stock code
    respective: dict = field(default_factory=dict)  # figure start → its company in a paired list
    # clause start → whether the clause holds a forward cue: read once for all its figures
    clause_cues: dict = field(default_factory=dict)

    def clause_start(self, position: int) -> int:
        """Where the clause holding ``position`` starts (``clause_starts`` ascend from 0)."""
        return self.clause_starts[bisect.bisect_right(self.clause_starts, position) - 1]


# results measured against expectations are results: 低于彭博一致预期, 符合预期, 优于预期
EXPECTATION_MET = with_first_character_test(
    re.compile(
        r"(?:符合|优于|低于|高于|超出?|不及|胜|好于|逊于)(?:[^，,。；;]{0,6})?(?:一致)?(?:预期|预估|财测)|一致预期|市场预期"
    )
)


def blank(match: re.Match[str]) -> str:
    return "　" * len(match.group(0))  # same length, so positions stay


def forward_cue(text: str) -> re.Match[str] | None:
    """The first forward-looking cue, expectations met (符合预期, all with 预 or 财) not counted."""
    if "预" in text or "财" in text:
        text = EXPECTATION_MET.sub(blank, text)
    return FORWARD_CUE.search(text)


# 5.4及3.9个百分点: the second figure of a list takes its wording from the first
LISTED_AFTER_FIGURE = re.compile(r"[\d.]+\s?(?:%|个百分点|百分点)?\s?(?:及|和|与|、)\s?$")
# 按年及按季分别跌5.4及3.9个百分点: two bases, then one figure for each in order
PAIRED_BASES = re.compile(rf"(?:{YOY})\s?(?:及|和|与|、)\s?(?P<second>{QOQ})\s?分别")


GROWTH_RATE = re.compile(
    r"(?:增速|增幅|增长率|成长率)\s?(?:将|预计|预期|有望|可望|料|会)?\s?"
    r"(?:维持|保持|达到|达|为|介于|落在)?\s?(?:在|于)?\s?(?:约|近|超过|逾)?\s?$"
)
SINCE_YEAR_END = re.compile(r"(?:较|比)(?:上年|去年)?(?:年末|年底|末|底|年初)")
# the patterns below run for every figure: compiled once
_CHANGE_WORD_END = re.compile(rf"(?:{UP}|{DOWN})(?:了)?\s?$")
_CHANGE_AMOUNT_END = re.compile(rf"(?:{UP}|{DOWN})(?:了)?(?:约|近|超过|超|逾)?\s?$")
_BASIS_CUE = re.compile(rf"{YOY}|{QOQ}|{MOM}")
_QOQ = re.compile(QOQ)
_MOM = re.compile(MOM)


def as_change(s: str, clause_start: int, q: Quantity) -> tuple[str, int] | None:
    """(basis, sign) when the quantity is a change: 同比增长11.4%, 年减3.05%, (+7.5%), 季增0.52个百分点."""
    if q.unit not in ("%", "pp", "x"):
        return None
    if VERBAL_CHANGE.fullmatch(s, q.start, q.end):
        # 同比持平, 按年翻倍: the words are the change; its basis is the one named before it
        return _basis(s[max(clause_start, q.start - 40) : q.start], ""), 1
    before = s[max(clause_start, q.start - 16) : q.start]
    if q.unit == "%" and GROWTH_RATE.search(before):
        # 收入增速将维持在10%至15%之间: a growth rate stated as a level is a change
        return _basis(s[max(clause_start, q.start - 40) : q.start], ""), 1
    if LEVEL_LINK.search(before) and q.unit == "%" and not _CHANGE_WORD_END.search(before):
        return None  # 提升至13.9%: the new level, not the change
    if q.unit == "x" and not _CHANGE_WORD_END.search(before):
        return None  # 19倍PE: a multiple, not growth
    if SINCE_YEAR_END.search(s, max(clause_start, q.start - 16), q.start):
        return (
            None  # 较上年末下降0.04个百分点: a move since the balance-sheet date, not on the year
        )
    match = CHANGE_BEFORE.search(before)
    if match is None:
        if SIGNED.search(before) and q.value != 0:
            return "yoy", 1  # 收入1986.57亿元(+7.5%): research notes give the change in brackets
        if q.unit == "pp" and not LISTED_AFTER_FIGURE.search(before):
            return "yoy", 1
        return None
    window = s[max(clause_start, q.start - 40) : q.start]
    basis = _basis(window, match.group("basis") or "")
    sign = -1 if match.group("down") else 1
    if q.value < 0:
        sign = 1
    return basis, sign


def _basis(window: str, found: str) -> str:
    """yoy, qoq or mom: the basis word given with the change, else the last one before it."""
    if not found:
        cues = [m.group(0) for m in _BASIS_CUE.finditer(window)]
        found = cues[-1] if cues else ""
    if _QOQ.fullmatch(found):
        return "qoq"
    if _MOM.fullmatch(found):
        return "mom"
    return "yoy"


FILLER = re.compile(
    rf"[^\u4e00-\u9fff]|{YOY}|{QOQ}|{MOM}|{UP}|{DOWN}|再|继续|同时|此外|其中|并且|并|而|且|则|也|还|亦|仍|"
    r"首次|实现|预估|预计|预期|将|大关|关口|进一步|分别|至|达到|达|为|约|近|超过|超|逾|突破|了|到|于|由|从|的|录得|幅度|大幅|微幅|各|贡献|"
    r"年|季度|季|第|上半年|下半年|全年|前三季度|月份|月|同期|去年|今年|单季|当季|本季|期内|"
    r"人民币|美元|港元|港币|新台币|台币"
)


_FIGURES = re.compile(r"[\d.,]+\s?(?:港元|美元|亿元|万元|元|亿|万|%|％)?")


def names_its_own(before: str) -> bool:
    """A clause that names something of its own before its figure inherits no metric."""
    # figures listed before it (由23元及43元上调至27元及60元) name nothing; taking them and
    # the filler out only shortens it, so five characters or fewer name nothing either way
    return len(before) > 5 and len(FILLER.sub("", _FIGURES.sub("", before))) > 5


def is_change_amount(before: str) -> bool:
    return bool(_CHANGE_AMOUNT_END.search(before))


MONTH_LABEL = re.compile(r"[A-Z][a-z]{2}(?: \d{4})?")  # Nov 2025, or Nov where no year is known


def apply_change(fact: Fact, q: Quantity, basis: str, sign: int) -> bool:
    amount = q.value * sign
    if q.unit == "x":
        if fact.change_times is None:
            fact.change_times = amount
            return True
        return False
    key = {"yoy": "yoy", "qoq": "qoq", "mom": "mom"}[basis]
    if key == "qoq" and MONTH_LABEL.fullmatch(fact.period or ""):
        key = "mom"  # 11月交付…环比增长8.1%: the period before a month is a month
    attr = f"{key}_pp" if q.unit == "pp" else f"{key}_pct"
    if q.unit == "pp" and fact.kind != RATIO:
        return False
    if attr == "mom_pp":
        return False
    if getattr(fact, attr) is not None:
        return False
    setattr(fact, attr, amount)
    return True


def looks_ahead(s: str, q: Quantity, ctx: SentenceContext) -> bool:
    """A forecast, target or guidance: a forward-looking cue in the figure's own clause
    (营收将介于…, 以…为目标), or in the clause that frames the sentence (公司预期，…; 展望第四季，…)."""
    breaks = ctx.clause_starts
    after = bisect.bisect_right(breaks, q.start)  # breaks ascend from 0
    start = breaks[after - 1]
    end = breaks[after] if after < len(breaks) else len(s) + 1
    cued = ctx.clause_cues.get(start)
    if cued is None:
        cued = ctx.clause_cues[start] = forward_cue(s[start:end]) is not None
    if cued:
        return True
    if any(start <= m.start < end and m.relative_year in YEAR_BEFORE for m, _ in ctx.periods):
        return False  # 预计…，上年同期亏损58.6亿元: last year's actual, given beside the forecast
    first_clause_end = breaks[1] if len(breaks) > 1 else len(s)
    return ctx.forward_from < first_clause_end


_COUNTED_TOTAL = re.compile(r"交付|销量|出货|销售量")
_COUNTED_TOTAL_EN = {"交付": "deliveries", "销量": "sales", "出货": "shipments", "销售量": "sales"}
_REVENUE_WORD = re.compile(r"营收|收入|营业额|销售额")


UNDERLYING = re.compile(r"(?:基础|核心)\s?$")
_UNDERLYING_WORD = re.compile("基础|核心")
_CLAUSE_END = re.compile(r"[，,；;。]")
# 按非美国通用会计准则，… / 按国际财务报告准则计，…: the basis of the figures after it
ACCOUNTING_BASIS = re.compile(
    r"按(?:照)?\s?(?P<non>非)?(?:美国通用会计准则|美国公认会计准则|国际财务报告准则|公认会计准则"
    r"|通用会计准则|GAAP|IFRS)\s?(?:计算|计)?\s?[，,]",
    re.I,
)


def metric_name(ctx: SentenceContext, metric: MetricMention, q: Quantity) -> str:
    s = ctx.text
    name = metric.name
    window = s[max(0, metric.start - 30) : metric.start]
    window = _CLAUSE_END.split(window)[-1]
    after = s[metric.end : metric.end + 12]
    adjusted = ADJUSTED_CUE.search(window) or ADJUSTED_CUE.match(after.lstrip("(（"))
    # (every basis opens with 按: most sentences have none)
    bases = list(ACCOUNTING_BASIS.finditer(s, 0, metric.start)) if "按" in s else []
    if not adjusted and bases and bases[-1].group("non"):
        # 按非美国通用会计准则，…净利润为1.12亿美元，…每股ADS收益: the basis opens the sentence
        adjusted = bases[-1]
    if adjusted and name in (
        "net profit",
        "net loss",
        "EPS",
        "net margin",
        "operating profit",
        "EBITDA",
        "EBITA",
    ):
        recurring = "扣非" in adjusted.group(0) or "非经常" in adjusted.group(0)
        name = ("recurring " if recurring else "adjusted ") + name
    elif name in ("net profit", "EPS") and (
        core := UNDERLYING.search(window) or _UNDERLYING_WORD.search(s[metric.start : metric.end])
    ):
        # Hong Kong developers' and insurers' 基础溢利 / 核心盈利: profit before revaluations
        name = ("underlying " if core.group(0).startswith("基础") else "core ") + name
    if name == "consensus":
        name = "consensus estimate"
    if name == "share of revenue" and s[metric.start : metric.end] in ("占比", "比重"):
        # a bare share is of what the sentence counts: 问界系列占比超八成 among deliveries
        counted = _COUNTED_TOTAL.search(s)
        if counted and not _REVENUE_WORD.search(s):
            name = f"share of {_COUNTED_TOTAL_EN[counted.group(0)]}"
    if name.startswith("share of") and s.startswith("占", metric.start):
        # 研发投入3.42亿元，占营业收入的比例为18.34%: the share is the amount just named
        earlier = [m for m in ctx.metrics if m.end <= metric.start]
        if (
            earlier
            and earlier[-1].kind == MONEY
            and earlier[-1].name != "revenue"
            and len(CLAUSE_BREAK.findall(s, earlier[-1].end, metric.start)) <= 1
        ):
            name = f"{earlier[-1].name} as {name}"
    if (
        looks_ahead(s, q, ctx)
        and metric.kind != PRICE
        and "consensus" not in name
        and name != "guidance"
    ):
        name = f"{name} forecast"
    if name == "guidance":
        name = "revenue guidance"
    if name == "share buybacks forecast" or (
        name == "share buybacks" and q.qualifier in ("up to", "at least")
    ):
        # 回购计划资金上限, 回购不超过50亿美元, 不低于1亿元: an authorisation with its ceiling or
        # floor, neither a forecast nor buybacks done in a period
        name = "share buyback programme"
    return name


_OF_GAP = re.compile(r"\s?的?\s?")


def period_for(position: int, ctx: SentenceContext, level: bool = False) -> Period | None:
    if level:
        # 较2024年的6.85兆元: a figure inside a comparison is of the period compared with
        last = [(m, p) for m, p in ctx.periods if m.end <= position]
        if (
            last
            and last[-1][0].comparison
            and _OF_GAP.fullmatch(ctx.text[last[-1][0].end : position])
        ):
            return last[-1][1]
    clause_start = ctx.clause_start(position)
    before = [
        (m, p)
        for m, p in ctx.periods
        if m.start < position
        and not m.comparison
        # 去年同期为盈利28.2亿元，经调整亏损3.59亿元: a year-ago clause dates only itself, unless
        # it is the label of what follows its colon (上年同期：-0.8亿元)
        and not (
            m.period.kind == "SAME"
            and m.start < clause_start
            and not _LABEL_COLON.fullmatch(ctx.text, m.end, clause_start)
        )
        # a day dates prices and events, not results: 10月30日，…营收
        and p.kind != "DAY"
    ]
    if before:
        return before[-1][1]
    after = [(m, p) for m, p in ctx.periods if m.start >= position and not m.comparison]
    if after and after[0][0].start - position < 3:
        return after[0][1]
    return ctx.sticky


_LIST_JOIN = re.compile(r"\s?(?:及|和|与|、|以及)\s?")
_LABEL_COLON = re.compile(r"\s?[：:]\s?")


def respective_subjects(
    s: str, quantities: list[Quantity], subjects: list[CompanyMention]
) -> dict[int, CompanyMention]:
    """吉利及小鹏目标价由23元及43元上调至27元及60元: a list of figures as long as a list of
    companies before it pairs with it in order. Maps each such figure's start to its company."""
    company_lists: list[list[CompanyMention]] = []
    for mention in subjects:
        last = company_lists[-1] if company_lists else None
        if last and _LIST_JOIN.fullmatch(s[last[-1].end : mention.start]):
            last.append(mention)
        else:
            company_lists.append([mention])
    company_lists = [c for c in company_lists if len(c) >= 2]
    if not company_lists:
        return {}
    runs: list[list[Quantity]] = []
    for q in quantities:
        last = runs[-1] if runs else None
        if last and q.unit == last[-1].unit and _LIST_JOIN.fullmatch(s[last[-1].end : q.start]):
            last.append(q)
        else:
            runs.append([q])
    paired: dict[int, CompanyMention] = {}
    for run in runs:
        lists = [c for c in company_lists if c[-1].end <= run[0].start]
        if lists and len(lists[-1]) == len(run) >= 2:
            paired.update((q.start, company) for q, company in zip(run, lists[-1]))
    return paired


def subject_for(
    position: int, metric: MetricMention, ctx: SentenceContext
) -> CompanyMention | None:
    if position in ctx.respective:
        return ctx.respective[position]
    before = [m for m in ctx.subjects if m.end <= position and not m.source_cue]
    if before:
        return before[-1]
    # 据快手财报，从Q1收入约1.5亿元…可以看到，可灵AI的收入…: the company whose same metric the
    # sentence goes on to name is the figures' own
    for later in (m for m in ctx.subjects if m.start > position and not m.source_cue):
        if any(
            other.name == metric.name
            and other.start > position
            and 0 <= other.start - later.end <= 1
            for other in ctx.metrics
        ):
            return later
    return ctx.fallback_subject


_BRACKETED = re.compile(r"[（(][^）)]*[）)]")
_CURRENCY_NAME = re.compile(r"人民币|美元|港元|港币|新台币|台币")
_HONG_KONG_PRICE = re.compile(r"港股|港元|\(0\d{4}\)|（0\d{4}）|\.HK|恒生")


def clause_currency(s: str, position: int, clause_start: int) -> str:
    """以美元计算, 人民币1,131亿元: a currency named earlier in the clause for a bare 元.

    Conversions in brackets (约台币338亿) name another currency and are not read.
    """
    window = _BRACKETED.sub("", s[clause_start:position])
    named = _CURRENCY_NAME.findall(window)
    return CURRENCY_WORDS[named[-1]] if named else ""


def hong_kong_price(s: str, hong_kong_article: bool) -> bool:
    """A price in 元 quoted the Hong Kong way; 现价 only in an article on Hong Kong listings
    (mainland notes say 较现价有23%的上升空间 of a price in renminbi)."""
    return bool(_HONG_KONG_PRICE.search(s)) or (hong_kong_article and "现价" in s)


# between an amount and the noun it modifies: nothing, or 的 and a few words (的开发、注册和销售)
_MODIFIER_GAP = re.compile(r"\s?(?:的[^，,；;。：:\d%％]{0,10})?")
CURRENCY_CODES = frozenset(CURRENCY_WORDS.values())


def named_after(ctx: SentenceContext, q: Quantity) -> MetricMention | None:
    """The money metric an amount stands before as its modifier (获得1.5亿美元首付款)."""
    for m in ctx.metrics:
        if m.start < q.end:
            continue
        if not _MODIFIER_GAP.fullmatch(ctx.text, q.end, m.start):
            return None
        if m.kind == MONEY:
            return m  # past words of the modifier that name metrics too (销售里程碑付款)
    return None
