"""Figures that say nothing new: the same figure read twice, a round mark beside the exact one."""

from __future__ import annotations

import re
from decimal import Decimal

from summarizer.figures.fact import Fact


def dedupe(facts: list[Fact]) -> list[Fact]:
    seen: set[tuple] = set()
    unique: list[Fact] = []
    for fact in facts:
        key = (
            fact.subject,
            fact.metric,
            fact.segment,
            fact.period,
            fact.value,
            fact.yoy_pct,
            fact.qoq_pct,
            fact.mom_pct,
            fact.yoy_pp,
            fact.qoq_pp,
        )
        if key not in seen:
            seen.add(key)
            unique.append(fact)
    exact = {
        (f.subject, f.metric, f.segment, f.period): f.value
        for f in unique
        if f.value is not None and not f.qualifier
    }
    return [f for f in unique if not _bound_of(f, exact)]


_BROKEN_THROUGH = re.compile(r"突破\s?[\d.,]+\s?(?:万亿|亿|万|兆)?\s?\D{0,3}$")


def _bound_of(fact: Fact, exact: dict[tuple, Decimal]) -> bool:
    """连续三个月交付量突破3万辆 beside 交付新车36,728辆: a round mark broken through, for a
    figure the article also states exactly for the same thing and period, says nothing more."""
    if fact.qualifier != "more than" or fact.value is None or not fact.period:
        return False
    if not _BROKEN_THROUGH.search(fact.evidence):
        return False  # 乐道贡献超1.7万辆, 一度跌超12%: a bound of something else, or of a moment
    stated = exact.get((fact.subject, fact.metric, fact.segment, fact.period))
    return stated is not None and stated > fact.value and not fact.has_change()
