"""The English key-figure entry: written from an article's facts and glossary names, no model needed."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from summarizer.digest.figure_prose import (
    fact_sentence,
    figure_sentences,
    range_ends,
    range_partner,
    select_facts,
    target_rating,
)
from summarizer.figures.facts import Fact, render_fact
from summarizer.figures.numbers import ENGLISH_CURRENCY
from summarizer.glossary import Glossary
from summarizer.text.parsed import ParsedText, as_parsed

__all__ = ["EnglishEntry", "Entity", "english_entry", "entities", "fact_sentence", "headline"]


@dataclass
class Entity:
    zh: str
    en: str
    kind: str
    note: str = ""
    pinyin_fallback: bool = False

    @classmethod
    def from_dict(cls, data: dict) -> Entity:
        return cls(
            data["zh"],
            data["en"],
            data["kind"],
            data.get("note", ""),
            data.get("pinyin_fallback", False),
        )

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
    facts: list[Fact] = field(default_factory=list)  # the figures the sentences state

    @property
    def text(self) -> str:
        return " ".join(self.sentences)


def person_label(person: Entity) -> str:
    """Cheng Yixiao (co-founder, chairman and CEO of Kuaishou); a pinyin fallback says so."""
    if person.pinyin_fallback:
        where = f"{person.note}; " if person.note else ""
        return f"{person.en} ({where}{person.zh}, pinyin; not in the glossary)"
    return f"{person.en} ({person.note})" if person.note else person.en


def headline(subject: str, facts: list[Fact]) -> str:
    """'Kuaishou: revenue RMB 31.1 billion, up 11.4% year on year (Q3 2024)'."""
    return _headline_of(subject, select_facts(facts, subject))


def _headline_of(subject: str, chosen: list[Fact]) -> str:
    """The headline of ``chosen``, the figures ``select_facts`` picked for ``subject``."""
    if not chosen:
        return f"{subject}: no key figures found" if subject else "No key figures found"
    top = chosen[0]
    rating = target_rating(top.metric)
    if rating:
        # 'Geely Automobile: target price HKD 27 (Buy, UOB Kay Hian)', not the label as stored
        house = f", {top.analyst}" if top.analyst else ""
        return f"{top.subject or subject}: target price {render_fact(top)} ({rating}{house})"
    high = range_partner(top, chosen)
    if high is not None:
        figure = range_ends(top, high)
    elif top.value is not None and top.value < 0 and top.unit in ENGLISH_CURRENCY:
        figure = "a loss of " + render_fact(replace(top, value=-top.value))
    else:
        figure = render_fact(top)
    return f"{top.subject or subject}: {top.metric} {figure}" + (
        f" ({top.period})" if top.period else ""
    )


def entities(
    text: str | ParsedText, glossary: Glossary
) -> tuple[list[Entity], list[Entity], list[Entity]]:
    """People, products and companies named in the text, in English, most mentioned first.

    People missing from the glossary get a pinyin name marked as a fallback.
    """
    from summarizer.suggest import suggest_terms

    parsed = as_parsed(text, glossary.segmenter)
    counts: Counter[str] = Counter()
    found: dict[str, Entity] = {}
    matches = parsed.term_matches(glossary).matches
    for match in matches:
        term = match.term
        counts[term.zh] += 1
        found.setdefault(term.zh, Entity(term.zh, term.en, term.kind, term.note))
    for suggestion in suggest_terms([parsed], glossary, min_count=1, people_only=True):
        if suggestion.kind == "person":
            counts[suggestion.zh] += suggestion.count
            found.setdefault(
                suggestion.zh,
                Entity(suggestion.zh, suggestion.en, "person", "", pinyin_fallback=True),
            )
    # a broker's analyst, introduced by broker and title, is named with the broker
    from summarizer.figures.brokers import analyst_mentions, analyst_people, people_mentions
    from summarizer.suggest import pinyin_name

    analysts = analyst_people(parsed.text, analyst_mentions(parsed.text, glossary, matches))
    named = Counter(parsed.text[m.start : m.end] for m in people_mentions(parsed.text, analysts))
    for zh, broker in analysts.items():
        for part in {zh[i:j] for i in range(len(zh)) for j in range(i + 2, len(zh) + 1)} - {zh}:
            if part in found and found[part].pinyin_fallback:
                del found[part], counts[part]  # a name the word splitter cut short (王明 of 王明远)
        if zh not in counts:
            counts[zh] = named[zh]
        held = found.get(zh)
        if held is None:
            found[zh] = Entity(zh, pinyin_name(zh, "person"), "person", broker, True)
        elif held.kind == "person" and not held.note:
            held.note = broker
    ordered = [found[zh] for zh, _ in counts.most_common()]
    people = [e for e in ordered if e.kind == "person"]
    products = [e for e in ordered if e.kind == "product"]
    companies = [e for e in ordered if e.kind in ("company", "org")]
    return people, products, companies


def english_entry(
    text: str | ParsedText, facts: list[Fact], glossary: Glossary, main_subject: str = ""
) -> EnglishEntry:
    """Headline, the key figures as sentences (headline results first), and the people in English."""
    people, products, companies = entities(text, glossary)
    if not main_subject and facts:
        # the company the article names most, where figures are its own; else the one with
        # most figures (an acquisition target's results are not the article's subject)
        counts = Counter(f.subject for f in facts if f.subject)
        named = next((c.en for c in companies if c.en in counts), "")
        main_subject = named or (counts.most_common(1)[0][0] if counts else "")
    subject = main_subject or (companies[0].en if companies else "")
    sentences, used = figure_sentences(facts, subject)
    if people:
        sentences.append("People: " + "; ".join(person_label(p) for p in people[:5]) + ".")
    # the figures the sentences state are the headline's choice too: selected once
    return EnglishEntry(_headline_of(subject, used), sentences, people, products, companies, used)
