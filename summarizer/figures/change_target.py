"""Which figure a change belongs to: its clause's, a range's end, a list's place, never the base."""

from __future__ import annotations

import re
from decimal import Decimal

from summarizer.figures.clauses import DOWN, UP, SentenceContext
from summarizer.figures.fact import Fact
from summarizer.figures.quantities import Quantity

# the base of a comparison: 较2024年的6.85兆元成长约21% (the change is the figure's before it)
COMPARISON_BASE = re.compile(
    r"(?:较|比|相比|相较于?)\s?(?:\d{4}\s?年|去年|上年|前年|上季度?|去年同期|上年同期)?的?\s?"
    r"[\d.,]+\s?(?:万亿|亿|万|兆|千)?\s?(?:元|美元|港元|人民币|新台币)?$"
)


# 季增0%至6%, 年减3%至增9%: the two ends of a range of changes, the second with its own word
CHANGE_RANGE_START = re.compile(
    rf"\s?[至到~～-]\s?(?:(?P<up>{UP})|(?P<down>{DOWN}))?\s?(?P<number>\d+(?:\.\d+)?)\s?[%％]"
)
CHANGE_RANGE_END = re.compile(rf"[\d.]+\s?[%％]\s?[至到~～-]\s?(?:{UP}|{DOWN})?\s?$")


def change_target(
    clause_facts, sentence_facts, q, metric, clause_metrics, ctx: SentenceContext, sign: int = 1
) -> Fact | None:
    """The figure a change belongs to: its clause's, else the sentence's last when no new metric
    intervenes; never the base it is measured against (较2024年的6.85兆元成长21%)."""
    # 净亏损18.5亿元，亏损按年扩大21%: a clause that names the same metric again adds no new one
    again = (
        len(clause_metrics) == 1
        and metric is not None
        and bool(sentence_facts)
        and sentence_facts[-1].metric == metric.name
    )
    candidates = clause_facts or ([] if clause_metrics and not again else sentence_facts)
    if not candidates:
        return None
    last = candidates[-1]
    clause_start = ctx.clause_start(q.start)
    own = [
        p
        for m, p in ctx.periods
        if clause_start <= m.start < q.start and not m.comparison and p.kind not in ("SAME", "CUR")
    ]
    if own and own[-1].label() != last.period:
        return None  # 去年全年营收为520亿元，今年目标增长15%: a change of its own period
    end = last.span[1] - ctx.offset
    based = COMPARISON_BASE.search(ctx.text, max(0, end - 40), end)
    if based:
        # 介乎3亿至3.5亿港元，较去年同期的5.2亿港元下降33%至42%: past the base to the range
        candidates = [f for f in sentence_facts if f.span < last.span]
    if _SLASH_LIST.search(ctx.text, 0, q.start) or _SLASH_LIST_NEXT.match(ctx.text, q.end):
        # 净利润分别为12.3/15.6/18.9亿元，同比增长25%/27%/21%: the changes follow the figures in order
        listed = [f for f in candidates if f.metric == last.metric and f.value is not None]
        free = [f for f in listed if not f.has_change()]
        if len(listed) >= 2:
            return free[0] if free else None
    end_of_range = range_end(candidates[-2:], q, sign, ctx.text)
    if end_of_range is not None:
        return end_of_range
    if based:
        earlier = [f for f in candidates if f.metric == last.metric]
        return earlier[-1] if earlier else None
    return last


_SLASH_LIST = re.compile(r"\d\s?[%％]\s?/\s?$")
_SLASH_LIST_NEXT = re.compile(r"\s?/\s?[\d.]+\s?[%％]")


def range_end(pair: list[Fact], q: Quantity, sign: int, text: str) -> Fact | None:
    """Which end of a range of figures (低端, 高端) a change of a range of changes is of: the
    lower change goes with the lower figure, whichever the writer put first (增长30%至47%,
    下降33%至42%, 年减3%至增9%)."""
    if [f.qualifier for f in pair] != ["low end", "high end"]:
        return None
    following = CHANGE_RANGE_START.match(text, q.end)
    if following:
        other = Decimal(following.group("number")) * (
            1 if following.group("up") else -1 if following.group("down") else sign
        )
        return pair[0] if q.value * sign <= other else pair[1]
    if CHANGE_RANGE_END.search(text, 0, q.start):
        free = [f for f in pair if not f.has_change()]
        return free[0] if free else pair[1]
    return None
