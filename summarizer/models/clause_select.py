"""Clause-level selection: a character budget spent on the figures of several sentences.

A news sentence packs its headline figure with frames and colour; a summary
keeps the figure and drops the rest. Each candidate sentence is compressed
(summarizer.text.compress) and cut into *units*: a clause naming a metric with
the clauses after it that only add figures to it (营收1950亿元，同比降3.05%), so a
change is never kept without the metric it changes. Units are chosen by what they
state per character, weighted by their sentence's graph relevance, until the budget
is spent; a short qualifier right after a chosen unit (创单月历史新高) may then fill
what is left. The units go back in source order and are closed as sentences.
"""

from __future__ import annotations

import functools
import re
from bisect import insort
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from summarizer.figures.metrics import find_metrics, names_metric
from summarizer.text.compress import (
    CLAUSE,
    is_frame,
    is_marker,
    mainland_wording,
    strip_frames,
    without_dangling_connective,
    without_quarter_on_quarter,
)
from summarizer.text.segment import Sentence

# A figure: digits and a unit (30%, 1,131.2亿元), or 超/近/约/逾 and a number in words
# (近十亿元). The pattern opens with the one class both kinds start with, so the engine
# skips in C the places no figure starts at (an alternation opening with a lookbehind is
# tried at every place). The lookbehind after that first character starts a digit figure
# only at the head of a digit run, as one before it would: without it a long run of digits
# (or 1,1,1…) is rescanned from every position, quadratic; inside a run it fails at once.
FIGURE = re.compile(
    r"[\d超近约逾](?<![\d,.]\d)(?:(?<=\d)[\d,.]*\s*(?:%|％|[万亿兆千百]+|元|美元|港元|港币|港仙|倍"
    r"|个百分点|人|户|家|辆|台|GWh|分钟|小时|次)|(?<=[超近约逾])\s*[一二两三四五六七八九十百千万亿]+\s*[万亿元])"
)
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
CHANGE = re.compile(
    r"同比|环比|按年|按季|年增|年减|季增|季减|月增|月减|增长|下降|上升|减少|提升|增至|降至|达到|突破"
)
# the headline results of a report: revenue, profit, per-share earnings, margins, deliveries
RESULTS = re.compile(
    r"营收|营业收入|总收入|收入|收益|净利|纯利|纯益|溢利|盈利|亏损|每股|EPS|毛利率|利润率|营益率|交付|销量"
)
# market colour an investor skips: share-price moves and trading, not the company's results
MARKET_COLOUR = re.compile(
    r"股价|ADR|ADS|开高|走高|收跌|收涨|报\d|成交|涉资|恒生|指数|沽空|盘前|盘中|现价"
)
# a lead-in says when or what was reported: 11月20日，某公司公布第三季度业绩，
_LEAD_IN = re.compile(r"季|年|月|公布|发布|披露|财报|业绩")
# a personal pronoun opening a unit points at words the summary no longer has (他们…), or
# quotes a speaker it no longer names (我看到…)
_PRONOUN_OPENING = re.compile(r"^(?:他们|她们|它们|他|她|这些|那些|我们|我)")
_TRAILING = "，,；;：:、 "

# Design weights, set on general grounds (figures and results are what a digest is for).
_FIGURE_WEIGHT = 1.0
_RESULT_WEIGHT = 0.5
_CHANGE_WEIGHT = 0.5
_HEADLINE_WEIGHT = 1.5
_COLOUR_FACTOR = 0.05  # market colour fills what room is left, never before results
_LENGTH_OFFSET = 8  # a unit's fixed cost in characters: keeps the choice off one-word scraps
_LEAD_CHARS = 30
_MIN_QUALIFIER = 4
_MIN_STATEMENT = 12  # a named person or product with something said of them
# what an investor reads first in a results report: the top line, the bottom line, per-share
# earnings, margins, volumes, and what the company or its analysts expect next
_HEADLINE = frozenset(
    {
        "revenue",
        "net profit",
        "net loss",
        "EPS",
        "loss per share",
        "gross margin",
        "net margin",
        "operating margin",
        "vehicle margin",
        "deliveries",
        "sales volume",
        "monthly revenue",
        "daily active users",
        "monthly active users",
        "target price",
        "guidance",
        "dividend per share",
        "share buybacks",
    }
)


@dataclass
class Unit:
    """Consecutive clauses of one sentence: a metric with the figures that follow it."""

    sentence: int  # position among the candidates
    first: int  # first and last clause's position in the sentence
    last: int
    text: str
    numbers: frozenset[str]
    metrics: frozenset[str]  # the metric names it states
    info: float  # what it states, before its place in the article is weighed
    relevance: float  # its sentence's graph relevance
    standalone: bool  # a figure of a named metric; otherwise it only qualifies its neighbour
    score: float = 0.0

    @functools.cached_property
    def opening(self) -> str:
        """The text as it opens a sentence of the summary: every trial assembly reads it."""
        return without_dangling_connective(self.text)


def _clauses(sentence: str) -> list[str]:
    text = mainland_wording(strip_frames(sentence))
    return [c for c in CLAUSE.findall(text) if c.strip(_TRAILING + "。") and not is_marker(c)]


def _groups(clauses: list[str], has_figure: list[bool]) -> list[list[int]]:
    """Clause positions grouped into units: each metric with the figures that follow it
    (``has_figure``: which clauses hold a figure)."""
    groups: list[list[int]] = []
    for i, clause in enumerate(clauses):
        # a clause without a figure opens a unit whatever it names: the metric lookup (the
        # costly test) is made only for figure clauses and the clause before them
        continues = (
            i > 0
            and has_figure[i]
            and not names_metric(clause)
            and (has_figure[i - 1] or names_metric(clauses[i - 1]))
        )
        if continues:
            groups[-1].append(i)  # 同比增30.3％ after the revenue it qualifies
        else:
            groups.append([i])
    # the short lead-in before a sentence's first figure says who and when: 理想汽车公布第3季业绩，
    first_figure = next((k for k, g in enumerate(groups) if has_figure[g[-1]]), None)
    if first_figure:
        lead = [i for g in groups[:first_figure] for i in g]
        # not a framing remark (这份报告的表现可谓是「冰火两重天」：), unless it names the report
        lead = [i for i in lead if _LEAD_IN.search(clauses[i]) or not is_frame(clauses[i])]
        lead_text = "".join(clauses[i] for i in lead)
        if lead and len(lead_text) <= _LEAD_CHARS and _LEAD_IN.search(lead_text):
            groups = [lead + groups[first_figure], *groups[first_figure + 1 :]]
    return groups


class _Qualifier(NamedTuple):
    """Words of one sentence that name no figure: a unit only beside a chosen one. Whether
    they only frame what follows (某某指出，) is asked only where their sentence gives the
    summary a unit: most sentences give none (a tuple: made by the dozen per article)."""

    sentence: int
    group: list[int]
    text: str
    body: str
    relevance: float

    def as_unit(self) -> Unit | None:
        """The qualifier as a unit to place beside its sentence's chosen one, or None for a frame."""
        if is_frame(self.text):
            return None
        return _unit(
            self.sentence, self.group, self.text, self.body, 0, frozenset(), self.relevance, False
        )


def _units_of(
    position: int, sentence: str, relevance: float, names_entity: Callable[[str], bool]
) -> tuple[list[Unit], list[_Qualifier]]:
    """The units that may stand alone, and the qualifiers, made into units only when their
    sentence gives the summary a unit (no other can be taken beside one)."""
    clauses = _clauses(sentence)
    has_figure = [FIGURE.search(clause) is not None for clause in clauses]
    units = []
    qualifiers = []
    for group in _groups(clauses, has_figure):
        pieces = [clauses[i] for i in group]
        kept = without_quarter_on_quarter(pieces)
        text = "".join(kept)
        body = text.rstrip(_TRAILING + "。")
        if not body or text.rstrip().endswith(("？", "?")):
            continue  # a question asks; a digest states
        # one clause holding no figure, given back as it was, holds none once its end is
        # stripped (a match in a prefix is one in the whole: FIGURE looks behind, not ahead)
        figure_free = len(group) == 1 and kept is pieces and not has_figure[group[0]]
        figures = 0 if figure_free else len(FIGURE.findall(body))
        # a personal pronoun opening a unit never stands alone
        opens_with_pronoun = _PRONOUN_OPENING.match(body) is not None
        if figures:
            # a figure stands alone with its metric named; a figure of no named metric
            # (最高达1495元) is dropped
            if opens_with_pronoun:
                continue
            mentions = find_metrics(body)
            if not mentions and not names_metric(body):
                continue
            metrics = frozenset(m.name for m in mentions)
            units.append(_unit(position, group, text, body, figures, metrics, relevance, True))
            continue
        # a named person or product stands alone (程一笑表示将推进AI战略); words that name
        # none qualify their neighbour, unless a scrap or a frame (某某指出，: told only of
        # what names someone, and of a qualifier once its sentence is chosen)
        if (
            not opens_with_pronoun
            and len(body) >= _MIN_STATEMENT
            and names_entity(body)
            and not is_frame(text)
        ):
            units.append(_unit(position, group, text, body, 0, frozenset(), relevance, True))
        elif len(body) >= _MIN_QUALIFIER:
            qualifiers.append(_Qualifier(position, group, text, body, relevance))
    return units, qualifiers


def _unit(
    position: int,
    group: list[int],
    text: str,
    body: str,
    figures: int,
    metrics: frozenset[str],
    relevance: float,
    standalone: bool,
) -> Unit:
    info = (
        1.0
        + _FIGURE_WEIGHT * min(figures, 4)
        + _RESULT_WEIGHT * min(len(RESULTS.findall(body)), 2)
        + _CHANGE_WEIGHT * min(len(CHANGE.findall(body)), 2)
    )
    if MARKET_COLOUR.search(body):
        info *= _COLOUR_FACTOR
    # the commas taken out first: the same numbers (a comma lies inside a run of digits,
    # commas and points, and never ends a number), one string operation for the body
    numbers = frozenset(_NUMBER.findall(body.replace(",", "")))
    return Unit(position, group[0], group[-1], text, numbers, metrics, info, relevance, standalone)


def _source_order(unit: Unit) -> tuple[int, int]:
    return unit.sentence, unit.first


def _assemble(units: list[Unit]) -> str:
    """Units in source order; each sentence's pieces joined, opened cleanly and closed with 。"""
    out: list[str] = []
    for i, unit in enumerate(units):
        piece = unit.text
        if i == 0 or units[i - 1].sentence != unit.sentence:
            if out:
                out[-1] = out[-1].rstrip(_TRAILING + "。") + "。"
            piece = unit.opening
        out.append(piece)
    if not out:
        return ""
    last = out[-1].rstrip(_TRAILING)
    out[-1] = last if last.endswith(("。", "！")) else last.rstrip("。") + "。"
    return "".join(out)


def _score(units: list[Unit]) -> None:
    # the first statement of a headline metric is the headline; later ones are breakdowns or repeats
    stated: set[str] = set()
    for unit in units:
        first_time = bool((unit.metrics & _HEADLINE) - stated)
        stated |= unit.metrics
        length = len(unit.text.rstrip(_TRAILING + "。")) + _LENGTH_OFFSET
        unit.score = unit.relevance * (unit.info + _HEADLINE_WEIGHT * first_time) / length


def select_clauses(
    candidates: list[Sentence],
    relevance: np.ndarray,
    max_chars: int,
    names_entity: Callable[[str], bool] = lambda text: False,
) -> tuple[str, list[int]]:
    """The summary text within ``max_chars`` and the candidate positions it draws on.

    ``names_entity`` tells a clause naming a person or product, which may stand in
    the summary without a figure.
    """
    units: list[Unit] = []
    qualifiers: list[_Qualifier] = []
    for position, sentence in enumerate(candidates):
        found, qualifying = _units_of(
            position, sentence.text, float(relevance[position]), names_entity
        )
        units += found
        qualifiers += qualifying
    _score(units)  # a qualifier states no metric: it changes no other unit's score
    chosen: list[Unit] = []
    said: set[str] = set()

    def take(unit: Unit) -> bool:
        trial = chosen.copy()  # kept in source order: the unit goes in its place
        insort(trial, unit, key=_source_order)
        if len(_assemble(trial)) > max_chars:
            return False
        chosen[:] = trial
        return True

    for unit in sorted(units, key=lambda u: -u.score):
        if unit.numbers and unit.numbers <= said:
            continue  # its figures are already in: a repeat of the headline
        if take(unit):
            said |= unit.numbers
    # what is left goes to the words qualifying a chosen figure: 创单月营收历史新高
    sentences = {u.sentence for u in chosen}
    beside = [unit for q in qualifiers if q.sentence in sentences if (unit := q.as_unit())]
    _score(beside)
    for unit in sorted(beside, key=lambda u: -u.score):
        if any(c.sentence == unit.sentence and c.last + 1 == unit.first for c in chosen):
            take(unit)
    return _assemble(chosen), sorted({u.sentence for u in chosen})
