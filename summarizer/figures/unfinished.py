"""Figures for periods not over yet: a year after the article's, or a year reported only in part."""

from __future__ import annotations

from summarizer.figures.fact import Fact
from summarizer.figures.metrics import PRICE
from summarizer.figures.score import parse_period

_NOT_RESULTS = ("forecast", "guidance", "target", "consensus", "programme", "mandate")
_MONTHS_TO_END = {"Q": 3, "H": 6, "9M": 0, "M": 1, "D": 0}


def mark_unfinished_periods(facts: list[Fact], current_year: int | None) -> None:
    """A figure for a year that has not ended can only be a forecast: a year after the one the
    article is written in (2026年每股盈余19.06元, in 2025), or the full year whose results the
    article has only up to some month (全年营收约8.29兆元 beside 10月营收)."""
    # each period read once: an article's figures share a few
    labels = {f.period for f in facts}
    key_of = {label: parse_period(label) for label in labels}
    keys = [key_of[f.period] for f in facts]
    # prices, forecasts, targets and the like are never results (each figure tested once)
    not_results = [f.kind == PRICE or any(w in f.metric for w in _NOT_RESULTS) for f in facts]
    results = [
        key
        for f, key, skipped in zip(facts, keys, not_results)
        if not skipped
        and key is not None
        and key.year is not None
        and key.kind in _MONTHS_TO_END
        and "FY" not in (f.period or "")
    ]
    reported_to: dict[int, int] = {}
    for key in results:
        end = key.number * _MONTHS_TO_END[key.kind] if key.kind in ("Q", "H", "M") else 9
        end = key.number // 100 if key.kind == "D" else end
        reported_to[key.year] = max(reported_to.get(key.year, 0), end)
    for fact, key, skipped in zip(facts, keys, not_results):
        if skipped:
            continue
        if key is None or key.year is None or "/" in (fact.period or ""):
            continue
        later_year = current_year is not None and key.year > current_year
        open_year = key.kind == "FY" and 0 < reported_to.get(key.year, 12) < 12
        if later_year or open_year:
            fact.metric += " forecast"
