"""Figures in a Chinese sentence: numbers with units or 万 / 亿, their hedges, and whether each is a change.

A figure is a candidate only: facts.py decides which metric, if any, it belongs to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.numbers import (
    AMOUNT_PATTERN,
    HEDGES,
    TRAILING_HEDGES,
    Quantity,
    quantity_from_match,
)

YOY_WORDS = r"同比|按年|年增|年减|较去年同期|较上年同期|比去年同期"
QOQ_WORDS = r"环比|按季|季增|季减|较上季"
UP_WORDS = r"增长速度|增速|增长|增加|上升|提升|上涨|增|升|涨"
DOWN_WORDS = r"下降|减少|下滑|下跌|降低|减|降|跌"
_CHANGE = re.compile(
    rf"(?P<basis>{YOY_WORDS}|{QOQ_WORDS})?\s*(?:(?P<up>{UP_WORDS})|(?P<down>{DOWN_WORDS}))(?:了|为|达|达到)?(?:约|近|超过|超|逾)?(?:了)?\s*$"
)
_BAD_CONTEXT = re.compile(r"[A-Za-z]$|[-－—~～]$")  # model names and ranges: Veo 3.1, 4–5%
_RANGE_START = re.compile(r"\d\s*(?:万|亿|千万|百万)\s*(?:至|到|~|～)\s*$")
# A measure word after a bare number means something other than users is counted.
_MEASURE_WORDS = set("张个条次部篇项款只件套台辆本首集份场单笔幅家")


@dataclass
class Figure:
    start: int
    end: int
    quantity: Quantity
    change: str = ""  # "", "yoy", "qoq"
    sign: int = 1


def _hedge_before(sentence: str, start: int) -> tuple[str, int]:
    probe = start - 1 if sentence[start - 1 : start] == "了" else start
    for word, meaning in HEDGES:
        if sentence.endswith(word, 0, probe):
            return meaning, probe - len(word)
    return "", start


def find_figures(sentence: str) -> list[Figure]:
    """Numbers with a unit or a 万 / 亿 multiplier; dates, versions, codes and range starts are skipped."""
    figures: list[Figure] = []
    for m in AMOUNT_PATTERN.finditer(sentence):
        if not m.group("number") or not (m.group("unit") or m.group("mult")):
            continue
        before, after = sentence[: m.start()], sentence[m.end() :]
        if (
            _BAD_CONTEXT.search(before)
            or _RANGE_START.search(before)
            or after[:1] in ("年", "月", "日", ".", "-", "–")
        ):
            continue
        if m.group("mult") and not m.group("unit") and re.match(r"\s*(?:至|到|~|～)\s*\d", after):
            continue  # the low end of a range (120万至150万元)
        hedge, hedge_start = _hedge_before(sentence, m.start())
        for word, meaning in TRAILING_HEDGES.items():
            if after.startswith(word):
                hedge = hedge or meaning
        quantity = quantity_from_match(m, hedge)
        if quantity is None or quantity.unit == "pp":
            continue
        if quantity.unit == "" and after[:1] in _MEASURE_WORDS:
            quantity = Quantity(
                quantity.value, "items", quantity.qualifier
            )  # 5300万张图片: not users
        figure = Figure(hedge_start, m.end(), quantity)
        if quantity.unit in ("%", "x"):
            change = _CHANGE.search(sentence[max(0, hedge_start - 12) : hedge_start])
            if change:
                basis = change.group("basis") or ""
                figure.change = "qoq" if re.match(QOQ_WORDS, basis) else "yoy"
                figure.sign = -1 if change.group("down") else 1
            elif (
                figures
                and figures[-1].change
                and re.fullmatch(r"\s*[和及、与]\s*", sentence[figures[-1].end : hedge_start])
            ):
                figure.change, figure.sign = figures[-1].change, figures[-1].sign  # 增长5.4%和4.3%
        figures.append(figure)
    return figures
