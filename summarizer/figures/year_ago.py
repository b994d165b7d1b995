"""A year-ago clause states the figure just given, a year before: 经调整亏损3.59亿元，去年同期为
盈利39亿元 is an adjusted profit a year ago, though its own word (盈利) is the plain one.

Only the qualifier carries over (adjusted, recurring); whether it was a profit or a loss is what
the clause's own word says.
"""

from __future__ import annotations

import re

from summarizer.figures.fact import Fact

_YEAR_AGO = re.compile(r"^[，,]?\s?(?:而)?(?:去年|上年)同期(?:则)?为")
_BARE = ("net profit", "net loss")
_QUALIFIERS = ("adjusted ", "recurring ")


def carry_year_ago_qualifiers(facts: list[Fact], text: str) -> None:
    """Give a year-ago profit or loss the qualifier of the figure its sentence gave just before."""
    ordered = sorted(facts, key=lambda f: f.span)
    for previous, fact in zip(ordered, ordered[1:]):
        if fact.sentence != previous.sentence or fact.metric not in _BARE:
            continue
        qualifier = next((q for q in _QUALIFIERS if previous.metric.startswith(q)), "")
        base = previous.metric.removeprefix(qualifier)
        between = text[previous.span[1] : fact.span[0] + 8]
        if qualifier and base in _BARE and _YEAR_AGO.match(between):
            fact.metric = qualifier + fact.metric
