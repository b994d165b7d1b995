"""Whose estimate a figure is: the broker or data provider behind a target price, forecast or consensus.

Target prices are always some analyst's: the broker is the nearest one named
before the figure (a rating table is introduced by its broker, 下表为大华继显对…).
A forecast or a consensus is a named source's only when its own sentence names one
(高盛预估鸿海第4季营收将达2.8兆元, 低于彭博一致预期); otherwise it is the company's own.
An analyst introduced by broker and title (大摩科技硬体下游主管施晓娟认为) speaks for that
broker wherever the name comes back (施晓娟预估鸿海今年EPS…). A rating stated in prose
(建议「买进」, 给予「优于大盘」评级, 维持买入评级) goes with the broker's target price in its
sentence, or in the sentence before when the rating's own sentence has none.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from summarizer.figures.companies import matches_near
from summarizer.figures.fact import Fact
from summarizer.figures.first_chars import with_first_character_test
from summarizer.figures.rating_table import RATINGS_EN
from summarizer.glossary import Glossary
from summarizer.text.segment import Sentence

# glossary notes of organisations whose figures are estimates: brokers and banks set target
# prices; data providers (Bloomberg's consensus) only compile others' estimates
_BROKER_NOTE = re.compile(r"broker|investment bank|research", re.I)
_ANALYST_NOTE = re.compile(r"broker|investment bank|research|data provider|rating agency", re.I)
# a broker outside the glossary names itself so: 国信证券, 招商证券国际
_SECURITIES = re.compile(r"[\u4e00-\u9fff]{2,4}证券(?:国际)?")
# every match holds 证券 at most 4 characters after its start and ends at most 4 after it
_SECURITIES_WORD = re.compile("证券")
_TARGET = re.compile(r"^(?:previous )?target price")
_ESTIMATE = re.compile(r"forecast|consensus|\bCAGR\b|valuation|P/E|PEG")
# the house already named: 该行, 该机构, 该券商, 该所
_BACK_REFERENCE = re.compile(r"该(?:行|机构|券商|所|研究机构|投行)")
# after a broker's name: its department, a title, then the person and what they do
_TITLES = "分析师|主管|首席|经济学家|策略师|研究员|总监|董事总经理|负责人|主席|副总裁"
_INTRODUCED = re.compile(
    rf"[^，。；：、！？\s]{{0,16}}?(?:{_TITLES})(?P<name>[\u4e00-\u9fff]{{2,3}}?)"
    r"(?=则|也|亦|认为|表示|指出|预估|预期|预计|估计|称|说|强调|分析|坦言|直言|日前)"
)
_QUOTE_OPEN, _QUOTE_CLOSE = '[「“"『‘]?', '[」”"』’]?'
_RATING = "|".join(RATINGS_EN)
# Taiwan writes 评等 for 评级; a conviction (高度确信跑赢大市) is read as its rating
# (read over the whole text: its second phrasing opens with an optional quote, so a test on the
# first characters goes first, lest every alternative be tried at every place)
_PROSE_RATING = with_first_character_test(
    re.compile(
        rf"(?:建议|给予|维持|重申|首予|调升至|调降至|上调至|下调至|评为|评级为)\s*{_QUOTE_OPEN}"
        rf"\s*(?:高度确信)?(?P<a>{_RATING})\s*{_QUOTE_CLOSE}"
        rf"|{_QUOTE_OPEN}(?:高度确信)?(?P<b>{_RATING}){_QUOTE_CLOSE}\s*(?:投资)?(?:评级|评等)"
    )
)


@dataclass(frozen=True)
class AnalystMention:
    start: int
    end: int
    english: str
    broker: bool = True  # sets target prices (a data provider does not)


def analyst_mentions(
    text: str, glossary: Glossary, matches: list | None = None
) -> list[AnalystMention]:
    """Brokers and data providers the text names, in order (``matches``: the glossary's
    matches in ``text``, when the caller has them)."""
    found = [
        AnalystMention(m.start, m.end, m.term.en, bool(_BROKER_NOTE.search(m.term.note or "")))
        for m in (glossary.match(text) if matches is None else matches)
        if m.term.kind == "org" and _ANALYST_NOTE.search(m.term.note or "")
    ]
    known = sorted((a.start, a.end) for a in found)
    starts = [start for start, _ in known]
    for m in matches_near(_SECURITIES, text, _SECURITIES_WORD, 4, 4):
        at = bisect.bisect_right(starts, m.start()) - 1
        inside = at >= 0 and known[at][1] > m.start()  # a glossary name holds it already
        if not inside and glossary.lookup(m.group(0)) is None:
            from summarizer.suggest import pinyin_name

            english = pinyin_name(m.group(0).removesuffix("国际").removesuffix("证券"), "company")
            found.append(AnalystMention(m.start(), m.end(), f"{english} Securities"))
    return sorted(found, key=lambda a: a.start)


def analyst_people(text: str, mentions: list[AnalystMention]) -> dict[str, str]:
    """People introduced by a broker and a title, with the broker's English name."""
    people: dict[str, str] = {}
    for mention in mentions:
        m = _INTRODUCED.match(text, mention.end)
        if m and mention.broker:
            people.setdefault(m.group("name"), mention.english)
    return people


def people_mentions(text: str, people: dict[str, str]) -> list[AnalystMention]:
    """Every mention of the analysts by name (``analyst_people``), with their broker, in one
    pass over the text whatever their number."""
    if not people:
        return []
    names = re.compile("|".join(map(re.escape, sorted(people, key=len, reverse=True))))
    return [AnalystMention(m.start(), m.end(), people[m.group()]) for m in names.finditer(text)]


def with_people(text: str, mentions: list[AnalystMention]) -> list[AnalystMention]:
    """The brokers' mentions and every mention of their analysts by name, in order."""
    found = mentions + people_mentions(text, analyst_people(text, mentions))
    return sorted(found, key=lambda a: a.start)


def prose_ratings(text: str) -> list[tuple[int, str]]:
    """Ratings the text gives in prose: (position, English rating)."""
    return [
        (m.start(), RATINGS_EN[m.group("a") or m.group("b")]) for m in _PROSE_RATING.finditer(text)
    ]


def attach_ratings(
    facts: list[Fact], sentences: list[Sentence], text: str, mentions: list[AnalystMention]
) -> None:
    """A prose rating goes into its target price's label (``target price (Buy)``): the target
    in the rating's sentence, else in the sentence before, of the same broker."""
    targets: dict[int, list[Fact]] = {}
    for fact in facts:
        if fact.metric == "target price":
            targets.setdefault(fact.sentence, []).append(fact)
    if not targets:
        return
    starts = [s.start for s in sentences]
    brokers = [m for m in mentions if m.broker]
    broker_ends = [m.end for m in brokers]
    for position, rating in prose_ratings(text):
        at = bisect.bisect_right(starts, position) - 1
        if at < 0:
            continue
        index = sentences[at].index
        chosen = targets.get(index) or targets.get(index - 1, [])
        last = bisect.bisect_right(broker_ends, position) - 1
        broker = brokers[last].english if last >= 0 else ""
        for fact in chosen:
            if broker and fact.analyst and fact.analyst != broker:
                continue  # another broker's rating
            fact.metric = f"target price ({rating})"


def attach_analysts(
    facts: list[Fact], sentences: list[Sentence], mentions: list[AnalystMention], text: str
) -> None:
    """Set each estimate's ``analyst``: target prices from the nearest broker (or a broker's
    analyst) before them, forecasts and consensus figures only from a source their own
    sentence names."""
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
            elif before and _BACK_REFERENCE.search(text, sentence_start, position):
                # 该机构预计…: the house named last
                brokers = [m for m in before if m.broker]
                fact.analyst = (brokers or before)[-1].english
