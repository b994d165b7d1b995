"""Figures stated without some effect: 若剔除…的影响，毛利率会是19.8%; 剔除汇率影响，收入增长8%.

Such a figure is not the reported one and must not read as it: its metric says what it
leaves out. A currency effect makes it a constant-currency figure; any other effect is
named generically ("excluding certain items"), the wording filings use, since the item
itself (a recall, a one-off charge) would need translating.
"""

from __future__ import annotations

import re

from summarizer.figures.fact import Fact
from summarizer.text.segment import Sentence

_EXCLUDING = re.compile(r"(?:剔除|撇除|排除|不计入?|扣除)(?P<what>[^，。；,;]{1,24}?)的?影响")
_CURRENCY = re.compile(r"汇率|汇兑|外汇|货币")
# already a measure without some items: 扣非, adjusted, non-GAAP
_ALREADY = re.compile(r"adjusted|non-GAAP|non-IFRS|recurring|constant currency|excluding")


def mark_exclusions(facts: list[Fact], text: str, sentences: list[Sentence]) -> None:
    """Label the figures a sentence states after excluding an effect."""
    by_index = {s.index: s for s in sentences}
    for fact in facts:
        sentence = by_index.get(fact.sentence)
        if sentence is None or _ALREADY.search(fact.metric):
            continue
        before = text[sentence.start : fact.span[0]]
        found = list(_EXCLUDING.finditer(before))
        if not found:
            continue
        what = found[-1].group("what")
        suffix = "at constant currency" if _CURRENCY.search(what) else "excluding certain items"
        fact.metric = f"{fact.metric} {suffix}"
