"""Scoring hand-written gold figures of unseen-company articles, as the dev set is scored.

A gold row is (metric, period, value, unit, changes). It passes when a predicted figure has
its value and a compatible period (the scorer's rule), the same label (metric kind,
adjusted or reported, subject), its unit, and every change the gold gives.
"""

from summarizer.figures.facts import extract_facts
from summarizer.figures.score import figure_found, label_right
from summarizer.glossary import Glossary, Term, load_glossaries
from summarizer.text.normalize import normalize

_MONEY_OR_PERCENT = ("CNY", "USD", "HKD", "TWD", "MOP", "%")
_CHANGES = ("yoy_pct", "qoq_pct", "mom_pct", "yoy_pp", "qoq_pp")


def article_facts(
    text: str, company_zh: str, company_en: str, published: str, aliases: tuple[str, ...] = ()
) -> tuple[dict, ...]:
    """Figures of an article whose company the bundled glossary does not know: it is added."""
    company = Glossary([Term(company_zh, company_en, "company", aliases)])
    glossary = load_glossaries().merged_with(company)
    return tuple(f.to_dict() for f in extract_facts(normalize(text).text, glossary, published))


def gold_figure(subject: str, row: tuple) -> dict:
    """A row may end with its own subject where the figure is another company's."""
    metric, period, value, unit, changes, *own_subject = row
    subject = own_subject[0] if own_subject else subject
    return {
        "subject": subject,
        "metric": metric,
        "period": period,
        "value": value,
        "unit": unit,
        **changes,
    }


def same_unit(predicted_unit: str | None, gold_unit: str) -> bool:
    """Per-share amounts carry their currency (the metric says per share); counts are
    counted in things (vehicles, units, shares) where the gold says only 'count'."""
    if gold_unit == "count":
        return predicted_unit is not None and predicted_unit not in _MONEY_OR_PERCENT
    return predicted_unit == gold_unit.split("/")[0]


def agrees(fact: dict, gold: dict) -> bool:
    if not figure_found(fact, gold) or not all(label_right(fact, gold).values()):
        return False
    if gold["value"] is not None and not same_unit(fact.get("unit"), gold["unit"]):
        return False
    return all(fact.get(key) == gold[key] for key in _CHANGES if key in gold)


def near_misses(found: tuple[dict, ...], gold: dict) -> list[tuple]:
    """What was found with the gold's value and period, to say why it did not agree."""
    return [
        (
            f["subject"],
            f["metric"],
            f["period"],
            f.get("value"),
            f.get("unit"),
            {k: f[k] for k in _CHANGES if k in f},
        )
        for f in found
        if figure_found(f, gold)
    ]
