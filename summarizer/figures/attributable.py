"""Net profit and net profit attributable to shareholders, when a report gives both.

Most reports give one profit line, and "net profit" names it. A US or Hong Kong filing may give
the group's net profit and, beside it, the part attributable to the company's shareholders
(归属于公司股东的净利润, 归母净利润, 股东应占溢利), with different values for the same period:
then the attributable one says so, or the English would state two different net profits.
"""

from __future__ import annotations

import re
from collections import defaultdict

from summarizer.figures.fact import Fact

_ATTRIBUTABLE = re.compile(r"归属于[^，。；,;]{0,12}股东|归母|股东应占")
_PROFITS = ("net profit", "adjusted net profit")
_REACH = 40  # how far before a figure its clause may name whose profit it is


def _is_attributable(fact: Fact, text: str) -> bool:
    start = fact.span[0]
    before = re.split(r"[，。；,;]", text[max(0, start - _REACH) : start])[-1]
    return bool(_ATTRIBUTABLE.search(before + fact.evidence))


def mark_attributable_profits(facts: list[Fact], text: str) -> None:
    """Label the attributable profit where the same period also has a different group profit."""
    groups: dict[tuple, list[Fact]] = defaultdict(list)
    for fact in facts:
        if fact.metric in _PROFITS and fact.value is not None:
            groups[(fact.subject, fact.metric, fact.period)].append(fact)
    for group in groups.values():
        if len({f.value for f in group}) < 2:
            continue
        marked = [f for f in group if _is_attributable(f, text)]
        if 0 < len(marked) < len(group):
            for fact in marked:
                fact.metric = f"{fact.metric} attributable to shareholders"
