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
    # each sentence searched once: its exclusions, in order
    found: dict[int, list[re.Match[str]]] = {}
    for index in {f.sentence for f in facts}:
        sentence = by_index.get(index)
        if sentence is not None:
            found[index] = list(_EXCLUDING.finditer(text, sentence.start, sentence.end))
    for fact in facts:
        before = [m for m in found.get(fact.sentence, ()) if m.end() <= fact.span[0]]
        if not before or _ALREADY.search(fact.metric):
            continue
        what = before[-1].group("what")
        suffix = "at constant currency" if _CURRENCY.search(what) else "excluding certain items"
        fact.metric = f"{fact.metric} {suffix}"
