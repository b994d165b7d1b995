"""English prose from key figures, the way an investor digest states them.

"TSMC's third-quarter 2025 revenue rose 30.3% year on year to TWD 989.92 billion,
net profit rose 39.1% to TWD 452.3 billion and EPS was TWD 17.44." One sentence
per company and period, the headline results first; forecasts and guidance after
the results, ranges as ranges; share prices, turnover and old values stay in the
figures table. Amounts are rounded to two decimals of their scale (the table keeps
the exact value), which the figure check accepts within its tolerance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from summarizer.digest.segments import segment_english
from summarizer.figures.facts import Fact
from summarizer.figures.numbers import ENGLISH_CURRENCY, UNIT_NOUNS, format_number
from summarizer.figures.periods import MONTHS as _MONTHS
from summarizer.figures.score import metric_kind, parse_period

# Which figures lead: what a results headline states first.
_IMPORTANCE = [
    # a deal's or a listing's terms are the news wherever an article gives them
    "acquisition consideration",
    "offer price",
    "amount raised",
    "issue size",
    "revenue",
    "net profit",
    "adjusted net profit",
    "net loss",
    "adjusted net loss",
    "recurring net profit",
    "operating profit",
    "gross profit",
    "gross margin",
    "operating margin",
    "net margin",
    "adjusted net margin",
    "EPS",
    "adjusted EPS",
    "dividend per share",
    "deliveries",
    "sales volume",
    "NEV sales",
    "shipments",
    "smartphone shipments",
    "daily active users",
    "monthly active users",
    "GMV",
    "e-commerce GMV",
    "share buyback programme",
]
# Figures that belong in the table, not in the prose.
_TABLE_ONLY = (
    "share price",
    "share price change",
    "turnover",
    "consensus",
    "previous ",
    "market size",
)
_COUNTED = ("users", "buyers", "customers")
# units the prose names after the number; shares and companies are named by the metric itself
_NAMED_UNITS = frozenset(UNIT_NOUNS) - {"shares", "companies", "times", "visits"}
_ORDINAL = {1: "first", 2: "second", 3: "third", 4: "fourth"}
MAX_FIGURES = 12


def _rank(fact: Fact) -> int:
    base = fact.metric.removesuffix(" forecast")
    return _IMPORTANCE.index(base) if base in _IMPORTANCE else len(_IMPORTANCE)


def _is_forecast(fact: Fact) -> bool:
    return fact.metric.endswith((" forecast", " guidance", " target")) or "target" in fact.metric


_SCALE_WORDS = (
    (Decimal("1e12"), "trillion"),
    (Decimal("1e9"), "billion"),
    (Decimal("1e6"), "million"),
)
_CENT = Decimal("0.01")


def _amount(value: Decimal, unit: str) -> str:
    """RMB 31.1 billion, TWD 17.44, 395 million, 46.5%: two decimals of the scale at most."""
    magnitude = abs(value)
    scaled, word = value, ""
    for size, name in _SCALE_WORDS:
        if magnitude >= size:
            scaled, word = value / size, name
            break
    # billions and millions to two decimals; per-share amounts and prices as stated
    text = format_number(scaled.quantize(_CENT, rounding=ROUND_HALF_UP) if word else scaled)
    if not word and abs(scaled) >= 1000:
        whole, _, fraction = text.partition(".")  # HKD 4,282.75: thousands marked, cents kept
        text = f"{int(whole):,}" + (f".{fraction}" if fraction else "")
    text = f"{text} {word}".strip()
    if unit in ENGLISH_CURRENCY:
        return f"{ENGLISH_CURRENCY[unit]} {text}"
    if unit == "%":
        return f"{text}%"
    if unit == "x":
        return f"{text}x"
    if unit in _NAMED_UNITS:
        return f"{text} {unit}"
    return text


def _level(fact: Fact) -> str:
    if fact.value is not None and fact.value < 0 and fact.unit in ENGLISH_CURRENCY:
        # 扣非归母净利润-2.25亿元: a negative profit is a loss
        return "a loss of " + _amount(-fact.value, fact.unit)
    unit = fact.unit or ""
    if unit in ("users", "people") and fact.metric.removesuffix(" forecast").endswith(_COUNTED):
        unit = ""  # "daily active users reached 395 million", not "395 million users"
    text = _amount(fact.value, unit) if fact.value is not None else ""
    if text and fact.equivalent is not None:
        text += f" ({_amount(*fact.equivalent)})"  # 人民币10.9亿元(1.54亿美元)
    if (
        text
        and fact.kind == "per-share"
        and fact.metric.startswith("dividend")
        and "per share" not in fact.metric
    ):
        text += " per share"
    if text and fact.qualifier and fact.qualifier not in ("low end", "high end"):
        text = f"{fact.qualifier} {text}"
    return text


def _changes(fact: Fact) -> list[tuple[str, Decimal, str]]:
    """(direction, size, basis) for each change the figure carries, year on year first."""
    out = []
    for value, basis, unit in (
        (fact.yoy_pct, "year on year", "%"),
        (fact.qoq_pct, "quarter on quarter", "%"),
        (fact.mom_pct, "month on month", "%"),
        (fact.yoy_pp, "year on year", " percentage points"),
        (fact.qoq_pp, "quarter on quarter", " percentage points"),
    ):
        if value is not None:
            if unit == " percentage points" and abs(value) == 1:
                unit = " percentage point"
            direction = "flat" if value == 0 else "up" if value > 0 else "down"
            out.append((direction, f"{format_number(abs(value))}{unit}", basis))
    if fact.change_times is not None:
        out.append(("up", f"{format_number(fact.change_times)} times", "year on year"))
    return out


def _said(direction: str, size: str, basis: str) -> str:
    """'up 5% year on year'; 'flat year on year' for a change of nothing (同比持平)."""
    return f"flat {basis}" if direction == "flat" else f"{direction} {size} {basis}"


# what follows a metric's head noun ('share of sales', 'margin excluding certain items')
_QUALIFIED_HEAD = re.compile(r" (?:of|excluding|at constant|per|attributable) ")
_COUNTED_HEAD = re.compile(r" (?:excluding|at constant|per|attributable) ")


def _head_noun(fact: Fact) -> str:
    """The noun a verb agrees with: 'share' of 'share of sales', 'margin' of 'vehicle margin
    excluding certain items', 'deliveries' of 'vehicles deliveries'."""
    name = fact.metric.removesuffix(" forecast")
    return _QUALIFIED_HEAD.split(name, 1)[0]


def _plural(fact: Fact) -> bool:
    head = _head_noun(fact)
    return head.endswith("s") and not head.endswith("ss")


def _be(fact: Fact) -> str:
    return "are" if _plural(fact) else "is"


def _expected(fact: Fact) -> str:
    """A forecast in the words of one: 'is expected to rise 31% year on year to TWD 2.8 trillion'."""
    level = _level(fact)
    changes = _changes(fact)
    hedge = f"{fact.qualifier} " if fact.value is None and fact.qualifier else ""
    rest = "".join(f", {_said(d, s, b)}" for d, s, b in changes[1:])
    if changes and changes[0][0] == "flat":
        rest = ", ".join(_said(d, sz, b) for d, sz, b in changes)
        return f"{_be(fact)} expected {'at ' + level + ', ' if level else ''}{rest}"
    if changes and "percentage point" not in changes[0][1]:
        direction, size, basis = changes[0]
        verb = ("rise" if level else "grow") if direction == "up" else "fall"
        target = f" to {level}" if level else ""
        return f"{_be(fact)} expected to {verb} {hedge}{size} {basis}{target}{rest}"
    rest = "".join(f", {_said(d, s, b)}" for d, s, b in changes)
    return f"{_be(fact)} expected at {level}{rest}"


def _verb_phrase(fact: Fact) -> str:
    """'rose 11.4% year on year to RMB 31.1 billion', 'was 46.5%, down 2.3 percentage points year on year'."""
    if fact.metric.endswith(" forecast"):
        return _expected(fact)
    level = _level(fact)
    changes = _changes(fact)
    hedge = f"{fact.qualifier} " if fact.value is None and fact.qualifier else ""
    if changes and changes[0][0] == "flat":
        rest = ", ".join(_said(d, sz, b) for d, sz, b in changes)
        return f"{'were' if _plural(fact) else 'was'} {level + ', ' if level else ''}{rest}"
    if changes and "percentage point" not in changes[0][1] and level:
        direction, size, basis = changes[0]
        verb = "rose" if direction == "up" else "fell"
        rest = "".join(f", {_said(d, s, b)}" for d, s, b in changes[1:])
        return f"{verb} {size} {basis} to {level}{rest}"
    if changes and not level:
        direction, size, basis = changes[0]
        verb = "grew" if direction == "up" else "fell"
        rest = "".join(f", {_said(d, s, b)}" for d, s, b in changes[1:])
        return f"{verb} {hedge}{size} {basis}{rest}"
    rest = "".join(f", {_said(d, s, b)}" for d, s, b in changes)
    # what is counted ("daily active users reached"), read past the qualifiers after it
    name = _COUNTED_HEAD.split(fact.metric.removesuffix(" forecast"), 1)[0]
    verb = "reached" if name.endswith(_COUNTED) else "were" if _plural(fact) else "was"
    return f"{verb} {level}{rest}"


def period_adjective(fact: Fact) -> str:
    """'third-quarter 2025', 'October 2025', 'nine-month 2025', 'first-half fiscal 2025/26'."""
    label = fact.period or ""
    parts = label.split()
    if not parts:
        return ""
    year = parts[-1] if len(parts) > 1 else ""
    year = f"fiscal {year[2:]}" if year.startswith("FY") else year
    head = parts[0]
    if head.startswith("Q") and head[1:].isdigit():
        return f"{_ORDINAL[int(head[1])]}-quarter {year}".strip()
    if head.startswith("H") and head[1:].isdigit():
        return f"{_ORDINAL[int(head[1])]}-half {year}".strip()
    if head == "9M":
        return f"nine-month {year}".strip()
    if head.startswith("FY"):
        fiscal = head[2:]
        return f"fiscal {fiscal}" if "/" in fiscal else f"full-year {fiscal}".strip()
    if len(parts) == 3:  # a date: balance-sheet figures read "as of"
        return ""
    if "-" in head:
        first, last = head.split("-")
        return f"{_month(first)}-{_month(last)} {year}".strip()
    return f"{_month(head)} {year}".strip()


def _month(abbr: str) -> str:
    for name in _MONTHS:
        if name.startswith(abbr):
            return name
    return abbr


def _as_of(fact: Fact) -> str:
    parts = (fact.period or "").split()
    if len(parts) == 3 and parts[1].isdigit():
        return f" as of {_month(parts[0])} {parts[1]}, {parts[2]}"
    return ""


def _metric_words(fact: Fact) -> str:
    name = fact.metric.removesuffix(" forecast")
    if (fact.period or "").startswith("FY"):
        name = name.removeprefix("full-year ")  # "full-year 2025 revenue target", said once
    if fact.segment:
        english = segment_english(fact.segment)
        # smart cloud infrastructure revenue; a name with no English keeps its Chinese
        return f"{english} {name}" if english else f"{name} of {fact.segment}"
    return name


def fact_sentence(fact: Fact) -> str:
    """One figure as a sentence: "Kuaishou's third-quarter 2024 revenue rose 11.4% year on year to RMB 31.1 billion."."""
    return _group_sentence(_Group(fact.subject, fact.period or "", _is_forecast(fact), [fact]))


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


@dataclass
class _Group:
    subject: str
    period: str
    forecast: bool
    facts: list[Fact]


def _same_figure(a: Fact, b: Fact) -> bool:
    """The same figure stated twice, once rounded."""
    return abs(a.value - b.value) <= Decimal("0.005") * max(abs(b.value), Decimal(1))


def _year_ago_figures(facts: list[Fact], news: set[int]) -> set[int]:
    """Figures given for comparison: a year before a figure of the same kind that is the
    article's news (上年同期亏损58.6亿元 beside the estimate for this year). They follow it."""
    # a period's year and a metric's kind read once per name: the figures share a few of each
    year_of: dict[str | None, int | None] = {}
    for f in facts:
        if id(f) in news and f.period not in year_of:
            key = parse_period(f.period)
            year_of[f.period] = key.year if key else None
    years = {id(f): year_of[f.period] for f in facts if id(f) in news and year_of[f.period]}
    if len(set(years.values())) < 2:
        return set()  # figures of one year (most articles'): none is a year before another
    kind_of: dict[str, str] = {}
    kinds = {
        id(f): (
            f.subject,
            kind_of.get(f.metric) or kind_of.setdefault(f.metric, metric_kind(f.metric)),
        )
        for f in facts
        if id(f) in years
    }
    latest: dict[tuple, int] = {}
    for key, kind in kinds.items():
        latest[kind] = max(latest.get(kind, 0), years[key])
    return {key for key, kind in kinds.items() if years[key] < latest[kind]}


def select_facts(facts: list[Fact], main_subject: str = "") -> list[Fact]:
    """The figures the prose states: results before forecasts, the main company first, no repeats."""
    chosen: dict[tuple, Fact] = {}
    for fact in facts:
        if fact.metric.startswith(_TABLE_ONLY) or fact.metric.endswith(_TABLE_ONLY):
            continue
        if fact.metric == "share of revenue" and not fact.segment:
            continue  # a share of what the sentence does not say
        # each broker's estimate is its own figure (two houses' target prices are not a range)
        key = (fact.subject, _rating_free(fact.metric), fact.period, fact.segment, fact.analyst)
        held = chosen.get(key)
        if held is not None and held.value == fact.value and held.metric != fact.metric:
            # a target price stated in prose and again in the rating table: keep the rated one
            if _rating_free(fact.metric) != fact.metric:
                chosen[key] = fact
            continue
        if held is None or (held.value is None and fact.value is not None):
            chosen[key] = fact
            chosen.pop(key + ("high end",), None)  # a figure says more than a range of changes
        elif held.value is None and held.qualifier == "low end" and fact.qualifier == "high end":
            chosen[key + ("high end",)] = fact  # a range of changes: both ends
        elif held.value is not None and fact.value is not None and _same_figure(held, fact):
            if len(str(fact.value)) > len(str(held.value)):
                chosen[key] = fact  # 311.7亿 in the lead, 311.74亿 in the body: the precise one
        elif held.value is not None and fact.value is not None:
            chosen[key + (fact.value, fact.qualifier)] = fact  # a range: both ends
    # an estimate of a period the article also has results of (预计2025年度净利润… beside the
    # year's shipments) is a preliminary result and ranks with them; other forecasts follow
    reported = {(f.subject, f.period) for f in chosen.values() if not _is_forecast(f)}
    ahead = {
        id(f) for f in chosen.values() if _is_forecast(f) and (f.subject, f.period) not in reported
    }
    year_ago = _year_ago_figures(
        list(chosen.values()), {id(f) for f in chosen.values() if id(f) not in ahead}
    )
    ordered = sorted(
        chosen.values(),
        key=lambda f: (
            f.subject != main_subject if main_subject else False,
            id(f) in year_ago,
            id(f) in ahead,
            bool(f.segment),
            _rank(f),
            f.sentence,
        ),
    )
    kept = ordered[:MAX_FIGURES]
    # the two ends of a range go together or not at all; one broker's target price comes
    # with the other brokers' (an investor compares them)
    ends = {(f.subject, f.metric, f.period, f.segment) for f in kept if f.qualifier == "low end"}
    targets = {(f.subject, f.period) for f in kept if _rating_free(f.metric) == "target price"}
    partners = [
        f
        for f in ordered[MAX_FIGURES:]
        if (f.qualifier == "high end" and (f.subject, f.metric, f.period, f.segment) in ends)
        or (_rating_free(f.metric) == "target price" and (f.subject, f.period) in targets)
    ]
    return kept + partners


def figure_sentences(facts: list[Fact], main_subject: str = "") -> tuple[list[str], list[Fact]]:
    """Sentences for the selected figures, grouped by company and period; and the figures used."""
    selected = select_facts(facts, main_subject)
    groups: list[_Group] = []
    for fact in selected:
        forecast = _is_forecast(fact)
        for group in groups:
            if (group.subject, group.period, group.forecast) == (
                fact.subject,
                fact.period or "",
                forecast,
            ) and not (group.period == "" and _rating_free(fact.metric) == "target price"):
                # a figure of no period joins the others of none (an offer's terms); each
                # broker's target price keeps its sentence
                group.facts.append(fact)
                break
        else:
            groups.append(_Group(fact.subject, fact.period or "", forecast, [fact]))
    return [_group_sentence(g) for g in groups], selected


def _items(facts: list[Fact]) -> list[tuple[Fact, Fact | None]]:
    """Figures in order, the two ends of a range paired: (low, high) or (figure, None)."""
    items: list[tuple[Fact, Fact | None]] = []
    for fact in facts:
        if (
            fact.qualifier == "high end"
            and items
            and items[-1][1] is None
            and items[-1][0].qualifier == "low end"
            and items[-1][0].metric == fact.metric
            and items[-1][0].segment == fact.segment
        ):
            items[-1] = (items[-1][0], fact)
        else:
            items.append((fact, None))
    return items


def _rating_free(metric: str) -> str:
    """'target price (Buy)' → 'target price': the figure whatever rating goes with it."""
    return metric.split(" (", 1)[0] if metric.startswith("target price (") else metric


def target_rating(metric: str) -> str:
    """'target price (Buy)' → 'Buy'; '' for a target price without a rating or another metric."""
    return metric[len("target price (") : -1] if metric.startswith("target price (") else ""


def _item_phrase(low: Fact, high: Fact | None) -> str:
    """'revenue rose 7.8% year on year to TWD 142.1 billion' or 'revenue of TWD 142.1 billion to TWD 150.1 billion'."""
    by = f" by {low.analyst}" if low.analyst else ""
    if high is None and low.metric.startswith("target price") and low.value is not None:
        rating = target_rating(low.metric)
        rated = f", rated {rating}{by}" if rating else (f" ({low.analyst})" if by else "")
        return f"target price is {_amount(low.value, low.unit or '')}{rated}"
    source = f" ({low.analyst})" if low.analyst else ""
    if high is None:
        return f"{_metric_words(low)} {_verb_phrase(low)}{_as_of(low)}{source}"
    forecast = low.metric.endswith(" forecast")
    changes = _range_of_changes(low, high)
    if low.value is None or high.value is None:
        # 收入同比增长10%至15%: 'is expected to grow 10% to 15% year on year'
        if not changes:
            return f"{_metric_words(low)} {_verb_phrase(low)}{source}"
        direction, sizes, basis = changes
        if forecast:
            verb = f"{_be(low)} expected to " + {"up": "grow", "down": "fall"}.get(
                direction, "change"
            )
        else:
            verb = {"up": "grew", "down": "fell"}.get(direction, "changed")
        return f"{_metric_words(low)} {verb} {sizes} {basis}{source}"
    ends = range_ends(low, high)
    moved = ""
    if changes:
        direction, sizes, basis = changes
        moved = f", {sizes} {basis}" if direction is None else f", {direction} {sizes} {basis}"
    if forecast:
        return f"{_metric_words(low)} {_be(low)} expected at {ends}{moved}{source}"
    return f"{_metric_words(low)} ranged from {ends}{moved}{source}"


def range_ends(low: Fact, high: Fact) -> str:
    """'RMB 1 billion to RMB 1.2 billion'; a range of losses as one: 'a loss of RMB 2.6 billion
    to RMB 3.2 billion' (净利润为-32亿元至-26亿元), the smaller loss first."""
    unit = low.unit or ""
    if low.value < 0 and high.value < 0 and unit in ENGLISH_CURRENCY:
        smaller, larger = sorted((-low.value, -high.value))
        return f"a loss of {_amount(smaller, unit)} to {_amount(larger, unit)}"
    return f"{_amount(low.value, unit)} to {_amount(high.value, high.unit or '')}"


def range_partner(low: Fact, facts: list[Fact]) -> Fact | None:
    """The high end that goes with a range's low end, when both are figures."""
    if low.qualifier != "low end" or low.value is None:
        return None
    same = (low.subject, low.metric, low.period, low.segment)
    return next(
        (
            f
            for f in facts
            if f.qualifier == "high end"
            and f.value is not None
            and (f.subject, f.metric, f.period, f.segment) == same
        ),
        None,
    )


def _range_of_changes(low: Fact, high: Fact) -> tuple[str | None, str, str] | None:
    """The first change both ends of a range carry on the same basis: ('up', '65.1% to 72%',
    'year on year'); (None, 'down 3% to up 9%', ...) where they go opposite ways."""
    low_changes, high_changes = _changes(low), _changes(high)
    if not low_changes or not high_changes or low_changes[0][2] != high_changes[0][2]:
        return None
    (low_way, low_size, basis), (high_way, high_size, _) = low_changes[0], high_changes[0]
    if low_way == high_way:
        return low_way, f"{low_size} to {high_size}", basis
    return None, f"{low_way} {low_size} to {high_way} {high_size}", basis


def _group_sentence(group: _Group) -> str:
    items = _items(group.facts)
    (first, first_high), rest = items[0], items[1:]
    when = period_adjective(first)
    owner = f"{_possessive(first.subject)} " if first.subject else ""
    lead = f"{owner}{when + ' ' if when else ''}{_item_phrase(first, first_high)}"
    clauses = [_item_phrase(low, high) for low, high in rest]
    sentence = lead[0].upper() + lead[1:]
    if clauses:
        sentence += "".join(f", {c}" for c in clauses[:-1]) + f" and {clauses[-1]}"
    return sentence + "."
