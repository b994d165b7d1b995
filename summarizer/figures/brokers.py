"""Whose estimate a figure is: the broker or data provider behind a target price, forecast or consensus.

Target prices are always some analyst's: the broker is the nearest one named
before the figure (a rating table is introduced by its broker, 下表为大华继显对…).
A forecast or a consensus is a named source's only when its own sentence names one
(高盛预估鸿海第4季营收将达2.8兆元, 低于彭博一致预期); otherwise it is the company's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.figures.fact import Fact
from summarizer.glossary import Glossary
from summarizer.text.segment import Sentence

# glossary notes of organisations whose figures are estimates: brokers and banks set target
# prices; data providers (Bloomberg's consensus) only compile others' estimates
_BROKER_NOTE = re.compile(r"broker|investment bank|research", re.I)
_ANALYST_NOTE = re.compile(r"broker|investment bank|research|data provider|rating agency", re.I)
# a broker outside the glossary names itself so: 国信证券, 招商证券国际
_SECURITIES = re.compile(r"[\u4e00-\u9fff]{2,4}证券(?:国际)?")
_TARGET = re.compile(r"^(?:previous )?target price")
_ESTIMATE = re.compile(r"forecast|consensus|\bCAGR\b|valuation|P/E|PEG")


@dataclass(frozen=True)
class AnalystMention:
    start: int
    end: int
    english: str
    broker: bool = True  # sets target prices (a data provider does not)


def analyst_mentions(text: str, glossary: Glossary) -> list[AnalystMention]:
    """Brokers and data providers the text names, in order."""
    found = [
        AnalystMention(m.start, m.end, m.term.en, bool(_BROKER_NOTE.search(m.term.note or "")))
        for m in glossary.match(text)
        if m.term.kind == "org" and _ANALYST_NOTE.search(m.term.note or "")
    ]
    for m in _SECURITIES.finditer(text):
        if (
            not any(a.start <= m.start() < a.end for a in found)
            and glossary.lookup(m.group(0)) is None
        ):
            from summarizer.suggest import pinyin_name

            english = pinyin_name(m.group(0).removesuffix("国际").removesuffix("证券"), "company")
            found.append(AnalystMention(m.start(), m.end(), f"{english} Securities"))
    return sorted(found, key=lambda a: a.start)


def attach_analysts(
    facts: list[Fact], sentences: list[Sentence], mentions: list[AnalystMention]
) -> None:
    """Set each estimate's ``analyst``: target prices from the nearest broker before them,
    forecasts and consensus figures only from a source their own sentence names."""
    if not mentions:
        return
    starts = {s.index: s.start for s in sentences}
    for fact in facts:
        position = fact.span[0]
        before = [m for m in mentions if m.end <= position]
        if _TARGET.match(fact.metric):
            brokers = [m for m in before if m.broker]
            if brokers:
                fact.analyst = brokers[-1].english
        elif _ESTIMATE.search(fact.metric):
            sentence_start = starts.get(fact.sentence, position)
            own = [m for m in before if m.start >= sentence_start]
            if own:
                fact.analyst = own[-1].english
