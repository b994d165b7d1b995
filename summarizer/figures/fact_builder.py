"""Making a figure's record: its level (value, unit, period, subject, name) or a change alone."""

from __future__ import annotations

import re

from summarizer.figures.clauses import (
    OLD_VALUE,
    RANGE_GAP,
    SentenceContext,
    apply_change,
    clause_currency,
    hong_kong_price,
    metric_name,
    period_for,
    subject_for,
)
from summarizer.figures.fact import Fact
from summarizer.figures.metrics import (
    COUNT,
    PER_SHARE,
    PRICE,
    RATIO,
    MetricMention,
    accepts,
)
from summarizer.figures.periods import (
    Period,
    trading_day,
)
from summarizer.figures.quantities import Quantity
from summarizer.figures.segments import NOT_A_SEGMENT, segment_name


def level_fact(
    ctx: SentenceContext, q: Quantity, metric: MetricMention, currency: str
) -> Fact | None:
    unit = q.unit
    if unit == "CNY" and not q.currency_given:
        clause_start = ctx.clause_start(q.start)
        unit = clause_currency(ctx.text, q.start, clause_start) or currency
        if (
            metric.kind in (PRICE, PER_SHARE)
            and currency == "CNY"
            and hong_kong_price(ctx.text, ctx.hong_kong)
        ):
            unit = "HKD"
        elif metric.kind == PRICE and unit == "CNY":
            # a share or target price of a stock the article writes with a Hong Kong code
            subject = subject_for(q.start, metric, ctx)
            if subject is not None and any(n.endswith(subject.zh) for n in ctx.hk_listed):
                unit = "HKD"
    if unit == "shares" and metric.name == "share buybacks":
        # 回购约2,150万股，耗资约18亿港元: the count of shares bought back, beside their cost
        metric = MetricMention(metric.start, metric.end, "repurchased shares", COUNT)
    if not accepts(metric.kind, unit):
        return None
    name = metric_name(ctx, metric, q)
    if metric.name == "consensus" and ctx.facts_so_far:
        # 营收283.6亿元，低于彭博一致预期292.2亿元: the consensus of the figure just given
        name = f"{ctx.facts_so_far[-1].metric} consensus"
    elif (
        metric.name == "CAGR"
        and (earlier := [m for m in ctx.metrics if m.end <= metric.start])
        and metric.start - earlier[-1].end <= 1
    ):
        name = f"{metric_name(ctx, earlier[-1], q)} CAGR"  # 净利润CAGR
    fact = new_fact(ctx, q, metric, name)
    in_force = period_for(q.start, ctx)
    if in_force is not None and in_force.year:
        # a full-year figure, or a final dividend, is of the year; an interim dividend of its first half
        whole = name.startswith(("full-year", "final dividend"))
        if whole and in_force.kind != "FY":
            full = Period(in_force.year, "FY", fiscal_start=in_force.fiscal_start)
            fact.period, fact.period_en = full.label(), full.english()
        elif name.startswith("interim dividend") and in_force.kind in ("Q", "M", "FY"):
            half = Period(in_force.year, "H", 1, fiscal_start=in_force.fiscal_start)
            fact.period, fact.period_en = half.label(), half.english()
    if q.in_list and len(ctx.years) >= q.list_size > q.list_position:
        period = Period(ctx.years[q.list_position], "FY")
        fact.period, fact.period_en = period.label(), period.english()
    elif not q.in_list and len(ctx.years) >= 2 and metric.kind != PRICE:
        position = sum(1 for f in ctx.listed if f.metric == name)
        if position < len(ctx.years):
            period = Period(ctx.years[position], "FY")
            fact.period, fact.period_en = period.label(), period.english()
        ctx.listed.append(fact)
    if name == "share buyback programme" and q.qualifier in ("up to", "at least"):
        fact.period, fact.period_en = None, ""  # a ceiling has a window, not a reporting period
    elif name.endswith(" forecast"):
        ahead = forecast_period(ctx, q)
        if ahead is not None:
            fact.period, fact.period_en = ahead.label(), ahead.english()
    if name.endswith("CAGR"):
        # a compound growth rate runs over years (2024年至2029年), never a month or a quarter
        span = YEAR_SPAN.search(ctx.text)
        if span:
            fact.period = f"{span.group(1)}-{span.group(2)}"
            fact.period_en = f"{span.group(1)} to {span.group(2)}"
        elif not (fact.period or "").startswith("FY"):
            fact.period, fact.period_en = None, ""
    fact.value = q.value / 10 if PER_TEN_SHARES.match(ctx.text, metric.start) else q.value
    fact.unit = "users" if unit == "" and "users" in name else unit
    if name.endswith("net loss") and q.value < 0:
        fact.value = -q.value
    fact.qualifier = q.qualifier
    if q.list_size == 2 and not ctx.years:
        fact.qualifier = "low end" if q.list_position == 0 else "high end"
    if OLD_VALUE.search(ctx.text[max(0, q.start - 8) : q.start]) and _REVISED_TO.search(
        ctx.text[q.end : q.end + 12]
    ):
        fact.metric = "previous " + fact.metric
    elif WAS_BEFORE.search(ctx.text, max(0, q.start - 6), q.start):
        fact.metric = "previous " + fact.metric  # 上调目标价至38元（原为32元）
    return fact


def change_only(ctx, q, basis, sign, metric, facts, currency) -> None:
    """A change with no figure of its own: 营收年减3.05%, 研发支出同比增加8%."""
    if metric is None or q.unit not in ("%", "x", "pp"):
        return
    if q.unit == "pp" and metric.kind != RATIO:
        return
    fact = new_fact(ctx, q, metric, metric_name(ctx, metric, q))
    if apply_change(fact, q, basis, sign):
        if q.qualifier:
            fact.qualifier = q.qualifier
        previous = facts[-1] if facts else None
        if (
            not fact.qualifier
            and previous is not None
            and previous.value is None
            and not previous.qualifier
            and previous.metric == fact.metric
            and _bases(previous) == _bases(fact)
            and previous.span[1] - ctx.offset <= q.start
            and RANGE_GAP.fullmatch(ctx.text[previous.span[1] - ctx.offset : q.start])
        ):
            # 收入同比增长10%至15%: a range of changes, its two ends as a range of figures
            previous.qualifier, fact.qualifier = "low end", "high end"
        facts.append(fact)


def _bases(fact: Fact) -> tuple[bool, ...]:
    """Which changes a figure carries (year on year, quarter on quarter, ...)."""
    return tuple(
        change is not None
        for change in (fact.yoy_pct, fact.qoq_pct, fact.mom_pct, fact.yoy_pp, fact.qoq_pp)
    )


# a revision after the figure it started from (由32元上调至38元)
_REVISED_TO = re.compile(
    r"上调|下调|调整|增至|降至|升至|提高|提升至|上升至|调高至|调低至|上修至|下修至|转向|改为"
)
# the value a revised figure had, in brackets after the new one
WAS_BEFORE = re.compile(r"[（(]\s?(?:原为|原先为|原来为|原本为|此前为|前值为|原)\s?$")
PER_TEN_SHARES = re.compile(r"每\s?10\s?股")
YEAR_SPAN = re.compile(r"((?:19|20)\d{2})\s?年?\s?(?:至|到|-|–|~)\s?((?:19|20)\d{2})\s?年")
# a name right after 、 and right before its figure, in a list of business lines or regions
LIST_ITEM_NAME = re.compile(r"、\s?([\u4e00-\u9fffA-Za-z]{2,12})\s?$")


def forecast_period(ctx: SentenceContext, q: Quantity) -> Period | None:
    """The period a forecast is of when its own clause names none: the one its sentence's
    forward cue names (预期第3季可望调高股利，…，调高至5.5元可能性高 is of Q3), not an earlier
    clause's actual period (今年上半年…为每股配发5元)."""
    clause_start = ctx.clause_start(q.start)
    if any(clause_start <= m.start < q.start for m, _ in ctx.periods):
        return None
    cue = ctx.forward_from
    named = [p for m, p in ctx.periods if 0 <= m.start - cue <= 4 and m.start < q.start]
    return named[0] if named else None


def respective_periods(ctx: SentenceContext, q: Quantity, clause_start: int) -> list[Period]:
    """The periods a clause lists before 分别 (10月及11月…分别), when it lists two or more."""
    respectively = ctx.text.find("分别", clause_start, q.start)
    if respectively < 0:
        return []
    listed = [
        p
        for m, p in ctx.periods
        if clause_start <= m.start
        and m.end <= respectively
        and p.kind in ("M", "Q", "H", "9M", "YTD")
        and not m.comparison
    ]
    return listed if len(listed) >= 2 else []


# ratios earned over a period, unlike a balance-sheet ratio (不良贷款率, 资本充足率) of a date
_OVER_A_PERIOD = frozenset(
    {
        "net interest margin",
        "gross margin",
        "net margin",
        "operating margin",
        "cost-to-income ratio",
    }
)
_LAST_MONTH = {"Q": 3, "H": 6, "9M": 9, "FY": 12}


def _report_ending_on(report: Period | None, date: Period | None) -> bool:
    """Whether a calendar report period (9M 2025) ends in the month a date or month names."""
    if report is None or date is None or date.kind not in ("M", "D") or report.fiscal_start != 1:
        return False
    if report.kind not in _LAST_MONTH or report.year != date.year:
        return False
    return _LAST_MONTH[report.kind] * max(report.number, 1) == date.number


# the terms of an offer or a deal (2025年度第三期公司债券 names a bond's series, not a period)
_DEAL_TERMS = (
    "offer price",
    "offered shares",
    "amount raised",
    "entry fee",
    "issue size",
    "coupon rate",
    "times subscribed",
    "times oversubscribed",
    "acquisition consideration",
)


def new_fact(ctx: SentenceContext, q: Quantity, metric: MetricMention, name: str) -> Fact:
    s = ctx.text
    period = period_for(q.start, ctx, level=True)
    if metric.name in _OVER_A_PERIOD and _report_ending_on(ctx.sticky, period):
        # 截至9月末，不良贷款率为1.12%；净息差为1.63%: a month's end dates the balance sheet,
        # while a margin is earned over the report's period, which ends there
        period = ctx.sticky
    if name in _DEAL_TERMS or name.startswith(_DEAL_TERMS):
        period = None  # a listing's, a placement's, a bond's or a deal's terms: of no period
    elif metric.kind == PRICE and name.startswith("target price"):
        period = None  # a target price is of no day and no quarter
    elif metric.kind == PRICE:
        # a share price is of a day: only a date in its sentence dates it, never a quarter
        days = [p for m, p in ctx.periods if p.kind in ("D", "DAY") and m.start < q.start]
        period = (
            days[-1] if days else trading_day(s[: q.start], ctx.sticky.year if ctx.sticky else None)
        )
    subject = subject_for(q.start, metric, ctx)
    start = min(metric.start, q.start) if metric.end <= q.start else q.start
    clause_start = ctx.clause_start(q.start)
    listed = respective_periods(ctx, q, clause_start)
    if listed:
        # 10月及11月营收分别为X及Y: the periods pair with the figures in order
        earlier = sum(
            1
            for f in ctx.facts_so_far
            if f.metric == name and f.span[0] >= ctx.offset + clause_start
        )
        period = listed[min(earlier, len(listed) - 1)]
    if start < clause_start and q.start - start > 40:
        start = clause_start
    # 核心盈利 is the core profit, not a profit of a business line called 核心
    segment = "" if name.startswith("core ") else segment_name(s, metric, ctx)
    item = LIST_ITEM_NAME.search(s, max(0, q.start - 16), q.start) if segment else None
    if segment and item and not NOT_A_SEGMENT.search(item.group(1)):
        # 开放平台事业群营收占比45%、系统事业群53%: each item of the list names its own line
        segment = item.group(1)
    return Fact(
        subject=subject.english if subject else "",
        metric=name,
        period=period.label() if period else None,
        value=None,
        unit=None,
        segment=segment,
        sentence=ctx.index,
        span=(ctx.offset + start, ctx.offset + q.end),
        evidence=s[start : q.end],
        period_en=period.english() if period else "",
        kind=metric.kind,
        subject_term=subject.term if subject else None,
    )
