"""Scoring extracted key figures against gold figures: found, labelled right, dated, traceable.

A gold figure is found when a predicted figure has the same value (within 0.5%)
and a compatible period: the same quarter, half, nine months, month or year
wherever both sides give one. A gold figure without a value (the article gives
only its change) is found by its change. Labels are compared by what an investor
reads a figure as: the metric's kind (revenue, net profit, margin, EPS,
deliveries ...), whether it is adjusted or reported, and whose it is.

Metric names on both sides are free English text ("net profit attributable to
shareholders", "revenue guidance (high end)"), so the kind is read off the words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TOLERANCE = 0.005

# (kind, pattern over the lower-cased English metric name); the first match wins,
# so the specific names (target price, per-share, margins) come before the generic ones.
_KINDS: list[tuple[str, str]] = [
    ("target price", r"target price"),
    ("valuation", r"\bp/?e\b|\bpeg\b|valuation|upside"),
    (
        "share price change",
        r"(?:share|ads|adr|h-share|stock)?\s*(?:daily )?price change|share price gain",
    ),
    ("share price", r"share price|ads price|adr price|closing price|\bprice\b(?! level)"),
    ("dividend", r"dividend|payout"),
    ("EPS", r"\beps\b|earnings per|loss per share|per ads|\bepa\b"),
    ("buyback", r"buyback|repurchase"),
    ("market share", r"market share"),
    ("expense ratio", r"expense ratio|sg&a"),
    ("share of revenue", r"share of (?:total|revenue)|revenue share|share of total"),
    ("gross margin", r"gross margin"),
    ("operating margin", r"operating margin"),
    ("net margin", r"net margin|net profit margin"),
    ("margin", r"margin"),
    ("expense ratio", r"expense ratio|sg&a|as share of revenue"),
    ("growth rate", r"\bcagr\b"),
    ("gross profit", r"gross profit"),
    ("operating profit", r"operating (?:profit|income|loss)|ebit\b"),
    ("EBITDA", r"ebitda"),
    ("net profit", r"net (?:profit|income|loss)|profit attributable|\bprofit\b|\bloss\b|earnings"),
    ("capex", r"capital expenditure|capex"),
    ("R&D", r"r&d|research and development"),
    ("expenses", r"expense|cost"),
    ("cash", r"\bcash\b"),
    ("GMV", r"\bgmv\b|gross merchandise"),
    ("users", r"\busers\b|customers|buyers|\bdau\b|\bmau\b|subscribers|accounts"),
    ("time spent", r"time spent"),
    (
        "volume",
        r"deliveries|shipments|sales volume|\bsales\b(?! revenue)|installation|units sold|bookings",
    ),
    ("revenue", r"revenue|turnover|\bsales revenue\b|income"),
    ("exchange rate", r"exchange[- ]rate"),
]
_COMPILED_KINDS = [(kind, re.compile(pattern)) for kind, pattern in _KINDS]
_ADJUSTED = re.compile(
    r"adjusted|non-?gaap|non-?ifrs|recurring|ex non-recurring|underlying|core net"
)
_NOT_ADJUSTED = re.compile(r"\bgaap\b(?<!non-gaap)")


def metric_kind(metric: str) -> str:
    """The kind an investor reads a metric as: 'revenue guidance (high end)' → 'revenue'."""
    name = metric.lower()
    for kind, pattern in _COMPILED_KINDS:
        if pattern.search(name):
            return kind
    return "other"


def is_adjusted(metric: str) -> bool:
    """Adjusted (non-GAAP, non-IFRS, 扣非) rather than reported."""
    name = metric.lower().replace("non-recurring items)", "")
    return bool(_ADJUSTED.search(name))


_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}


@dataclass(frozen=True)
class PeriodKey:
    """A period reduced to what can be compared: kind (Q, H, 9M, FY, M, D), number and year."""

    kind: str
    number: int
    year: int | None


_TRADING_DAYS = (
    "report day",
    "day before report",
    *(f"{d}day" for d in ("Mon", "Tues", "Wednes", "Thurs", "Fri", "Satur", "Sun")),
    "YTD",
)


# parse_period's patterns, compiled once: it runs for every figure an article gives
_TRADING_DAY_NAME = re.compile(r"report day|day before report|[A-Z][a-z]+day|YTD(?: \d{4})?")
_FISCAL_YEAR = re.compile(r"FY(\d{4})/(\d{2})")
_A_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_QUARTER = re.compile(r"\bQ([1-4])\b|\d{4}Q([1-4])")
_HALF = re.compile(r"\bH([12])\b|\d{4}H([12])")
_NINE_MONTHS = re.compile(r"\b9M\b|-9M")
_FULL_YEAR = re.compile(r"FY|\d{4}FY|full[- ]year", re.I)
_YEAR_RANGE = re.compile(r"[–-]\s*\d{4}")
_ISO_DAY = re.compile(r"((?:19|20)\d{2})-(\d{2})-(\d{2})")
_ISO_MONTH = re.compile(r"((?:19|20)\d{2})-(\d{2})")
_MONTH_DAY_YEAR = re.compile(r"([A-Z][a-z]{2})[a-z]* (\d{1,2}),? ((?:19|20)\d{2}).*")
_MONTH_YEAR = re.compile(r"([A-Z][a-z]{2})[a-z]*(?: ((?:19|20)\d{2}))?")
_YEAR_ONLY = re.compile(r"(?:19|20)\d{2}")


def parse_period(text: str | None) -> PeriodKey | None:
    """'Q3 2025', '2025Q3', '9M 2025', '2024-9M', 'FY2025', 'Oct 2025', '2025-10', 'H1 FY2025/26 (Apr-Sep 2025)'.

    Returns None for what has no single comparable period (ranges of years, 'annual').
    """
    if not text:
        return None
    t = text.strip()
    if _TRADING_DAY_NAME.fullmatch(t):
        # a trading day named relative to the report: each name is its own day
        name, _, year = t.partition(" 20") if t.startswith("YTD") else (t, "", "")
        return PeriodKey("REL", _TRADING_DAYS.index(name), int("20" + year) if year else None)
    fiscal = _FISCAL_YEAR.search(t)
    year_match = _A_YEAR.search(t)
    year = int(year_match.group(1)) if year_match else None
    if fiscal:
        year = int(fiscal.group(1))
    if m := _QUARTER.search(t):
        return PeriodKey("Q", int(m.group(1) or m.group(2)), year)
    if m := _HALF.search(t):
        return PeriodKey("H", int(m.group(1) or m.group(2)), year)
    if _NINE_MONTHS.search(t):
        return PeriodKey("9M", 0, year)
    if _FULL_YEAR.search(t) and not _YEAR_RANGE.search(t):
        return PeriodKey("FY", 0, year)
    if m := _ISO_DAY.fullmatch(t):
        return PeriodKey("D", int(m.group(2)) * 100 + int(m.group(3)), int(m.group(1)))
    if m := _ISO_MONTH.fullmatch(t):
        return PeriodKey("M", int(m.group(2)), int(m.group(1)))
    if m := _MONTH_DAY_YEAR.fullmatch(t):
        return PeriodKey("D", _MONTHS[m.group(1).lower()] * 100 + int(m.group(2)), int(m.group(3)))
    m = _MONTH_YEAR.fullmatch(t)
    if m and m.group(1).lower() in _MONTHS:
        return PeriodKey("M", _MONTHS[m.group(1).lower()], int(m.group(2)) if m.group(2) else None)
    if _YEAR_ONLY.fullmatch(t):
        return PeriodKey("FY", 0, year)
    return None


def periods_compatible(predicted: str | None, gold: str | None) -> bool:
    """Same quarter / half / nine months / month / year wherever both give one."""
    gold_key = parse_period(gold)
    if gold_key is None:
        return True  # the gold gives no single period: nothing to contradict
    predicted_key = parse_period(predicted)
    if predicted_key is None:
        return not predicted
    if predicted_key.kind == "REL":
        # 今日, 隔晚: the same trading day, or a day the gold names by its date
        return gold_key.kind == "D" or predicted_key == gold_key
    if predicted_key.kind != gold_key.kind or predicted_key.number != gold_key.number:
        # a day inside the gold's month, or a month given as a day, is still the same month
        months = {
            k.number // 100 if k.kind == "D" else k.number
            for k in (predicted_key, gold_key)
            if k.kind in ("D", "M")
        }
        if not ({predicted_key.kind, gold_key.kind} <= {"D", "M"} and len(months) == 1):
            return False
    return None in (predicted_key.year, gold_key.year) or predicted_key.year == gold_key.year


def _close(got: float | None, want: float | None) -> bool:
    return (
        got is not None and want is not None and abs(got - want) <= TOLERANCE * max(abs(want), 1e-9)
    )


_CHANGE_KEYS = ("yoy_pct", "qoq_pct", "mom_pct", "yoy_pp", "qoq_pp")


def figure_found(predicted: dict, gold: dict) -> bool:
    """Same value (or, for a gold figure with no value, the same change) and a compatible period."""
    if not periods_compatible(predicted.get("period"), gold.get("period")):
        return False
    if gold.get("value") is not None:
        value = predicted.get("value")
        if value is not None and _close(value, gold["value"]):
            return True
        # a loss written as a positive value under a "loss" metric, or as a negative one
        return value is not None and _close(-value, gold["value"])
    return any(
        gold.get(key) is not None and _close(predicted.get(key), gold[key]) for key in _CHANGE_KEYS
    )


def same_subject(predicted: str, gold: str) -> bool:
    """'Haier' names 'Haier Smart Home'; case and a trailing 'Group' do not matter."""
    a = re.sub(r"\b(group|corporation|holdings|limited|inc\.?|co\.?)\b", "", predicted.lower())
    b = re.sub(r"\b(group|corporation|holdings|limited|inc\.?|co\.?)\b", "", gold.lower())
    a_words, b_words = a.split(), b.split()
    if not a_words or not b_words:
        return False
    return a_words[0] == b_words[0] or a.strip() in b or b.strip() in a


def label_right(predicted: dict, gold: dict) -> dict[str, bool]:
    """Which parts of the label agree: kind, adjusted-or-reported, subject."""
    return {
        "kind": metric_kind(predicted.get("metric", "")) == metric_kind(gold.get("metric", "")),
        "adjusted": is_adjusted(predicted.get("metric", "")) == is_adjusted(gold.get("metric", "")),
        "subject": same_subject(predicted.get("subject", ""), gold.get("subject", "")),
    }


def traceable(predicted: dict, text: str) -> bool:
    """The evidence is the text at its offsets, and it holds the figure's digits."""
    evidence = predicted.get("evidence") or {}
    start, end, quoted = evidence.get("start"), evidence.get("end"), evidence.get("text", "")
    if start is None or end is None or text[start:end] != quoted:
        return False
    return bool(re.search(r"[\d０-９零〇一二两三四五六七八九十百千万亿]", quoted))


def _best_match(gold: dict, predicted: list[dict]) -> dict | None:
    """The found figure that best explains a gold figure: the one whose label agrees most."""
    candidates = [p for p in predicted if figure_found(p, gold)]
    if not candidates:
        return None
    return max(candidates, key=lambda p: sum(label_right(p, gold).values()))


def score_article(predicted: list[dict], gold: list[dict], text: str) -> dict:
    """Counts for one article: gold found, labels right among the found, periods given, traceable."""
    # target prices and valuation multiples are of no reporting period
    dated = [p for p in predicted if metric_kind(p.get("metric", "")) not in _UNDATED]
    found = labels = kinds = adjusted = subjects = 0
    misses: list[str] = []
    mislabels: list[str] = []
    for fact in gold:
        match = _best_match(fact, predicted)
        if match is None:
            misses.append(
                f"{fact.get('metric')} {fact.get('period') or ''}: {fact.get('evidence', '')}"
            )
            continue
        found += 1
        agree = label_right(match, fact)
        kinds += agree["kind"]
        adjusted += agree["adjusted"]
        subjects += agree["subject"]
        if all(agree.values()):
            labels += 1
        else:
            wrong = ", ".join(k for k, ok in agree.items() if not ok)
            mislabels.append(
                f"{fact.get('subject')} {fact.get('metric')} read as "
                f"{match.get('subject')} {match.get('metric')} ({wrong})"
            )
    return {
        "gold": len(gold),
        "predicted": len(predicted),
        "found": found,
        "labels_right": labels,
        "kind_right": kinds,
        "adjusted_right": adjusted,
        "subject_right": subjects,
        "with_period": sum(1 for p in dated if p.get("period")),
        "datable": len(dated),
        "traceable": sum(1 for p in predicted if traceable(p, text)),
        "missed": misses,
        "mislabelled": mislabels,
    }


_UNDATED = ("target price", "valuation")
_COUNTS = (
    "gold",
    "predicted",
    "found",
    "labels_right",
    "kind_right",
    "adjusted_right",
    "subject_right",
    "with_period",
    "datable",
    "traceable",
)


def _ratio(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def corpus_scores(per_article: list[dict]) -> dict:
    """Totals and the rates: recall, label accuracy, period coverage, traceability."""
    totals = {key: sum(a[key] for a in per_article) for key in _COUNTS}
    return {
        **totals,
        "recall": _ratio(totals["found"], totals["gold"]),
        "label_accuracy": _ratio(totals["labels_right"], totals["found"]),
        "kind_accuracy": _ratio(totals["kind_right"], totals["found"]),
        "adjusted_accuracy": _ratio(totals["adjusted_right"], totals["found"]),
        "subject_accuracy": _ratio(totals["subject_right"], totals["found"]),
        "period_given": _ratio(totals["with_period"], totals["datable"]),
        "traceable": _ratio(totals["traceable"], totals["predicted"]),
    }
