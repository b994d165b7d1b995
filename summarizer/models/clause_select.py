"""Clause-level selection: a character budget spent on the figures of several sentences.

A news sentence packs its headline figure with frames and colour; a summary
keeps the figure and drops the rest. Each ranked sentence is compressed
(summarizer.text.compress) and cut into *units*: a clause naming a metric with
the clauses after it that only add figures to it (营收1950亿元，年减3.05%), so a
change is never kept without the metric it changes. Units are chosen by how much
they state per character, weighted by their sentence's graph relevance, until the
budget is spent, then put back in source order and closed as sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from summarizer.figures.metrics import FORWARD_CUE, find_metrics, names_metric
from summarizer.text.compress import (
    is_marker,
    mainland_wording,
    strip_frames,
    without_dangling_connective,
    without_quarter_on_quarter,
)
from summarizer.text.segment import Sentence

# clause breaks; an ASCII comma between digits (70,289辆) is a thousands separator
_CLAUSE = re.compile(r"(?:[^，,；;：:]|(?<=\d),(?=\d))+(?:[，；;：:]|,(?!\d))?")
# a number with the unit or scale that makes it a figure (not a date, ordinal or code)
_FIGURE = re.compile(
    r"\d[\d,.]*\s*(?:%|％|[万亿兆千百]+|元|美元|港元|港仙|倍|个百分点|人|户|家|辆|台|GWh|分钟|小时|次)"
    r"|[超近约逾]\s*[一二两三四五六七八九十百千万亿]+\s*[万亿元]"
)
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_CHANGE = re.compile(
    r"同比|环比|按年|按季|年增|年减|季增|季减|月增|月减|增长|下降|上升|减少|提升|增至|降至"
)
_RESULTS = re.compile(
    r"营收|营业收入|总收入|收入|净利|纯利|纯益|盈利|亏损|每股|EPS|毛利率|利润率|营益率|交付|销量"
)
# market colour: share-price moves and trading, not the company's results
_MARKET_COLOUR = re.compile(
    r"股价|ADR|ADS|开高|走高|收跌|收涨|报\d|成交|恒生|指数|沽空|盘前|盘中|现价"
)
# a lead-in says when or what was reported: 11月20日，某公司公布第三季度业绩，
_LEAD_IN = re.compile(r"季|年|月|公布|发布|披露|财报|业绩")
_PERIOD = re.compile(r"季度|半年|全年|年度|财年|\d{1,2}月(?!\d{1,2}日)")
_BREAKDOWN = re.compile(r"^(?:其中|其他|另外|此外|分别)")
_TRAILING = "，,；;：:、 "

# Design weights, set on general grounds (figures and results are what a digest is for).
_FIGURE_WEIGHT = 1.0
_RESULT_WEIGHT = 0.5
_CHANGE_WEIGHT = 0.5
_COLOUR_FACTOR = 0.3
_HEADLINE_WEIGHT = 1.5
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
_LEAD_CHARS = 24
_POSITION_DECAY = 0.0
_FIRST_ONLY = True
_FORWARD_WEIGHT = 0.0
_BREAKDOWN_FACTOR = 1.0
_REPEAT_FACTOR = 1.0
_FIGURELESS = False
_PERIOD_WEIGHT = 0.0
_DEBUG = __import__("os").environ.get("CSDEBUG")
_MIN_STATEMENT = 12
_RELEVANCE_EXPONENT = 1.0
_LENGTH_EXPONENT = 1.0
_LENGTH_OFFSET = 8  # a unit's fixed cost in characters: keeps the choice off one-word scraps


@dataclass
class Unit:
    """Consecutive clauses of one sentence: a metric with the figures that follow it."""

    sentence: int  # position among the candidates
    first: int  # first clause's position in the sentence
    text: str
    numbers: frozenset[str]
    metrics: frozenset[str]  # the metric names it states
    info: float  # what it states, before its place in the article is weighed
    relevance: float  # its sentence's graph relevance
    score: float = 0.0


def _clauses(sentence: str) -> list[str]:
    text = mainland_wording(strip_frames(sentence))
    clauses = (m.group(0) for m in _CLAUSE.finditer(text))
    return [c for c in clauses if c.strip(_TRAILING + "。") and not is_marker(c)]


def _units_of(position: int, sentence: str, relevance: float) -> list[Unit]:
    clauses = _clauses(sentence)
    groups: list[list[int]] = []
    for i, clause in enumerate(clauses):
        continues = (
            groups
            and not names_metric(clause)
            and _FIGURE.search(clause) is not None
            and (
                _FIGURE.search(clauses[groups[-1][-1]]) is not None
                or names_metric(clauses[groups[-1][-1]])
            )
        )
        if continues:
            groups[-1].append(i)  # 季增6％、年增30.3％ after the revenue it qualifies
        else:
            groups.append([i])
    # the short lead-in before a sentence's first figure says who and when: 理想汽车公布第3季业绩，
    first_figure = next((k for k, g in enumerate(groups) if _FIGURE.search(clauses[g[-1]])), None)
    if first_figure:
        lead = [i for g in groups[:first_figure] for i in g]
        lead_text = "".join(clauses[i] for i in lead)
        if len(lead_text) <= _LEAD_CHARS and _LEAD_IN.search(lead_text):
            groups = [lead + groups[first_figure], *groups[first_figure + 1 :]]
    units = []
    for group in groups:
        text = "".join(without_quarter_on_quarter([clauses[i] for i in group]))
        if not text:
            continue
        body = text.rstrip(_TRAILING + "。")
        figures = len(_FIGURE.findall(body))
        info = (
            1.0
            + _FIGURE_WEIGHT * min(figures, 4)
            + _RESULT_WEIGHT * min(len(_RESULTS.findall(body)), 2)
            + _CHANGE_WEIGHT * min(len(_CHANGE.findall(body)), 2)
        )
        if FORWARD_CUE.search(body):
            info += _FORWARD_WEIGHT  # guidance and targets: what an investor reads next
        if _BREAKDOWN.match(body):
            info *= _BREAKDOWN_FACTOR  # 其中汽车销售收入…: a part of a figure already given
        if _PERIOD.search(body):
            info += _PERIOD_WEIGHT  # says when: 第三季度 / 前三季度 / 10月
        if _MARKET_COLOUR.search(body):
            info *= _COLOUR_FACTOR
        numbers = frozenset(n.replace(",", "") for n in _NUMBER.findall(body))
        if text.rstrip().endswith(("？", "?")):
            continue  # a question asks; a digest states
        if not names_metric(body) or (not figures and len(body) < _MIN_STATEMENT):
            continue  # a figure of no named metric (最高达1495元), a scrap (营收报喜): not on their own
        metrics = frozenset(m.name for m in find_metrics(body)) if figures else frozenset()
        units.append(Unit(position, group[0], text, numbers, metrics, info, relevance))
    return units


def _assemble(units: list[Unit]) -> str:
    """Units in source order; each sentence's pieces joined, opened cleanly and closed with 。"""
    out: list[str] = []
    for i, unit in enumerate(units):
        new_sentence = i == 0 or units[i - 1].sentence != unit.sentence
        piece = unit.text
        if new_sentence:
            if out:
                out[-1] = out[-1].rstrip(_TRAILING + "。") + "。"
            piece = without_dangling_connective(piece)
        out.append(piece)
    if not out:
        return ""
    last = out[-1].rstrip(_TRAILING)
    out[-1] = last if last.endswith(("。", "！", "？")) else last.rstrip("。") + "。"
    return "".join(out)


def select_clauses(
    candidates: list[Sentence], relevance: np.ndarray, max_chars: int
) -> tuple[str, list[int]]:
    """The summary text within ``max_chars`` and the candidate positions it draws on."""
    units = [
        unit
        for position, sentence in enumerate(candidates)
        for unit in _units_of(position, sentence.text, float(relevance[position]))
    ]
    # the first statement of a headline metric is the headline; later ones are breakdowns or repeats
    stated: set[str] = set()
    for unit in units:
        first_time = (unit.metrics & _HEADLINE) - (stated if _FIRST_ONLY else set())
        info = unit.info + _HEADLINE_WEIGHT * bool(first_time)
        stated |= unit.metrics
        length = len(unit.text.rstrip(_TRAILING + "。")) + _LENGTH_OFFSET
        lead = 1.0 / (1.0 + _POSITION_DECAY * unit.sentence)
        unit.score = unit.relevance**_RELEVANCE_EXPONENT * lead * info / length**_LENGTH_EXPONENT
    if _DEBUG:
        for u in sorted(units, key=lambda u: -u.score):
            print(
                f"  {u.score:.4f} s{u.sentence} r{u.relevance:.2f} i{u.info:.1f} {sorted(u.metrics)} {u.text}"
            )
    chosen: list[Unit] = []
    said: set[str] = set()
    with_figures = [u for u in units if u.numbers]
    if with_figures and not _FIGURELESS:
        units = with_figures
    covered: set[str] = set()
    remaining = sorted(units, key=lambda u: -u.score)
    while remaining:
        # a metric already in the summary is worth less a second time: cover more of them
        def gain(unit: Unit) -> float:
            return unit.score * (
                _REPEAT_FACTOR if unit.metrics and unit.metrics <= covered else 1.0
            )

        best = max(remaining, key=gain)
        remaining.remove(best)
        if best.numbers and best.numbers <= said:
            continue  # its figures are already in: a repeat of the headline
        trial = sorted([*chosen, best], key=lambda u: (u.sentence, u.first))
        if len(_assemble(trial)) > max_chars:
            continue
        chosen = trial
        said |= best.numbers
        covered |= best.metrics
    return _assemble(chosen), sorted({u.sentence for u in chosen})
