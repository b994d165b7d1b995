"""The English key-figure entry: written from an article's facts and glossary names, no model needed."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from summarizer.facts import Fact, render_fact
from summarizer.glossary import Glossary
from summarizer.numbers import Quantity, format_number, render_quantity

# Which figures lead: results first, then users, then the rest in article order.
_IMPORTANCE = [
    "revenue",
    "adjusted net profit",
    "net profit",
    "operating profit",
    "daily active users",
    "monthly active users",
    "e-commerce GMV",
    "GMV",
    "online marketing services revenue",
    "core commercial revenue",
]


@dataclass
class Entity:
    zh: str
    en: str
    kind: str
    note: str = ""
    pinyin_fallback: bool = False

    def to_dict(self) -> dict:
        data = {"zh": self.zh, "en": self.en, "kind": self.kind}
        if self.note:
            data["note"] = self.note
        if self.pinyin_fallback:
            data["pinyin_fallback"] = True
        return data


@dataclass
class EnglishEntry:
    headline: str
    sentences: list[str]
    people: list[Entity] = field(default_factory=list)
    products: list[Entity] = field(default_factory=list)
    companies: list[Entity] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(self.sentences)


def _rank(fact: Fact) -> int:
    return _IMPORTANCE.index(fact.metric) if fact.metric in _IMPORTANCE else len(_IMPORTANCE)


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _when(fact: Fact) -> str:
    if not fact.period_en:
        return ""
    if fact.period and re.fullmatch(r"[A-Z][a-z]{2} \d{1,2} \d{4}", fact.period):
        return f" as of {fact.period_en}"  # a date: balance-sheet figures
    return f" in {fact.period_en}"


def _verb(metric: str) -> str:
    if metric.endswith(("users", "buyers")):
        return "reached"
    return "were" if metric.endswith("s") else "was"


def fact_sentence(fact: Fact) -> str:
    """One figure as an English sentence: "Kuaishou's revenue rose 11.4% year on year to RMB 31.1 billion in ..."."""
    owner = (
        f"{_possessive(fact.subject)} {fact.metric}" if fact.subject else fact.metric.capitalize()
    )
    change = fact.yoy_pct if fact.yoy_pct is not None else fact.qoq_pct
    basis = "year on year" if fact.yoy_pct is not None else "quarter on quarter"
    hedge = f"{fact.qualifier} " if fact.value is None and fact.qualifier else ""
    if fact.value is not None:
        # "daily active users reached 395 million", not "... 395 million users"
        named = fact.metric.endswith(("users", "buyers")) and fact.unit == "users"
        amount = render_quantity(
            Quantity(fact.value, fact.unit or "", fact.qualifier), with_noun=not named
        )
        if change is not None:
            verb = "rose" if change >= 0 else "fell"
            body = f"{owner} {verb} {format_number(abs(change))}% {basis} to {amount}"
        elif fact.change_times is not None:
            body = f"{owner} {_verb(fact.metric)} {amount}, up {format_number(fact.change_times)} times {basis}"
        else:
            body = f"{owner} {_verb(fact.metric)} {amount}"
    elif change is not None:
        verb = "grew" if change >= 0 else "fell"
        body = f"{owner} {verb} {hedge}{format_number(abs(change))}% {basis}"
    else:
        body = f"{owner} changed: {render_fact(fact)}"
    return body[0].upper() + body[1:] + _when(fact) + "."


def person_label(person: Entity) -> str:
    """Cheng Yixiao (co-founder, chairman and CEO of Kuaishou); a pinyin fallback says so."""
    if person.pinyin_fallback:
        return f"{person.en} ({person.zh}, pinyin; not in the glossary)"
    return f"{person.en} ({person.note})" if person.note else person.en


def headline(subject: str, facts: list[Fact]) -> str:
    if not facts:
        return f"{subject}: no key figures found" if subject else "No key figures found"
    top = min(facts, key=lambda f: (_rank(f), f.sentence))
    return f"{top.subject or subject}: {top.metric} {render_fact(top)}" + (
        f" ({top.period})" if top.period else ""
    )


def entities(text: str, glossary: Glossary) -> tuple[list[Entity], list[Entity], list[Entity]]:
    """People, products and companies named in the text, in English, most mentioned first.

    People missing from the glossary get a pinyin name marked as a fallback.
    """
    from summarizer.suggest import suggest_terms

    counts: Counter[str] = Counter()
    found: dict[str, Entity] = {}
    for match in glossary.match(text):
        term = match.term
        counts[term.zh] += 1
        found.setdefault(term.zh, Entity(term.zh, term.en, term.kind, term.note))
    for suggestion in suggest_terms([text], glossary, min_count=1):
        if suggestion.kind == "person":
            counts[suggestion.zh] += suggestion.count
            found.setdefault(
                suggestion.zh,
                Entity(suggestion.zh, suggestion.en, "person", "", pinyin_fallback=True),
            )
    ordered = [found[zh] for zh, _ in counts.most_common()]
    people = [e for e in ordered if e.kind == "person"]
    products = [e for e in ordered if e.kind == "product"]
    companies = [e for e in ordered if e.kind in ("company", "org")]
    return people, products, companies


def english_entry(
    text: str, facts: list[Fact], glossary: Glossary, main_subject: str = ""
) -> EnglishEntry:
    """Headline, one sentence per key figure (most important first), and the people in English."""
    people, products, companies = entities(text, glossary)
    subject = main_subject or (
        facts[0].subject if facts else (companies[0].en if companies else "")
    )
    ordered = sorted(facts, key=lambda f: (_rank(f), f.sentence))
    sentences = [fact_sentence(f) for f in ordered]
    if people:
        sentences.append("People: " + "; ".join(person_label(p) for p in people[:5]) + ".")
    return EnglishEntry(headline(subject, facts), sentences, people, products, companies)
