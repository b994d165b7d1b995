"""One article as a digest shows it: typed, compact (no article text), and one row in a results file.

A digest holds many of these, so it keeps what the renderings show and the
article's JSON details, never the normalised text. ``to_dict`` gives the same
record as ``ArticleResult.to_dict``, and ``from_dict`` reads it back, so a results
file (JSONL, Parquet) can be turned into a digest later or elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from summarizer.digest.english import Entity
from summarizer.figures.fact import Fact

if TYPE_CHECKING:
    from summarizer.pipeline import ArticleResult

_ENTITY_KINDS = ("people", "products", "companies")
# the keys the typed fields carry; every other key of the record is kept as it is
_TYPED_KEYS = {
    "id",
    "source",
    "title",
    "summary_zh",
    "facts",
    "english",
    "warnings",
    *_ENTITY_KINDS,
}


@dataclass
class EnglishText:
    """The entry's English: its headline and text, and where the text came from."""

    headline: str
    text: str
    key_figures: str
    source: str

    @classmethod
    def from_dict(cls, data: dict) -> EnglishText:
        return cls(
            data["headline"], data["text"], data.get("key_figures", ""), data.get("source", "")
        )

    def to_dict(self) -> dict:
        return {
            "headline": self.headline,
            "text": self.text,
            "key_figures": self.key_figures,
            "source": self.source,
        }


@dataclass
class DigestEntry:
    id: str
    source: str
    title: str = ""
    summary_zh: str = ""
    english: EnglishText | None = None
    facts: list[Fact] = field(default_factory=list)
    people: list[Entity] = field(default_factory=list)
    products: list[Entity] = field(default_factory=list)
    companies: list[Entity] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    details: dict = field(default_factory=dict)  # script, removed noise, sentences used, ...

    @classmethod
    def from_result(cls, result: ArticleResult, record: dict | None = None) -> DigestEntry:
        """The entry of a pipeline result. ``record`` is the result's record as the digest
        takes it (``to_dict()``, made when not given); the figures and names are the result's
        own, the same as ``from_dict`` reads back from the record, without the round trip."""
        names = result.english
        return cls._of_record(
            result.to_dict() if record is None else record,
            facts=list(result.facts or []),
            people=list(names.people) if names else [],
            products=list(names.products) if names else [],
            companies=list(names.companies) if names else [],
        )

    @classmethod
    def from_dict(cls, record: dict) -> DigestEntry:
        return cls._of_record(
            record,
            facts=[Fact.from_dict(f) for f in record.get("facts") or []],
            **{
                kind: [Entity.from_dict(e) for e in record.get(kind) or []]
                for kind in _ENTITY_KINDS
            },
        )

    @classmethod
    def _of_record(cls, record: dict, **typed: list) -> DigestEntry:
        """The entry of a record, its figures and names (``typed``) given as objects."""
        english = record.get("english")
        return cls(
            id=record["id"],
            source=record.get("source", record["id"]),
            title=record.get("title") or "",
            summary_zh=record.get("summary_zh", ""),
            english=EnglishText.from_dict(english) if english else None,
            warnings=list(record.get("warnings") or []),
            details={k: v for k, v in record.items() if k not in _TYPED_KEYS},
            **typed,
        )

    def to_dict(self) -> dict:
        record: dict = {"id": self.id, "source": self.source, "title": self.title}
        record.update(self.details)
        if self.summary_zh or "method" in self.details:
            record["summary_zh"] = self.summary_zh
        record["facts"] = [f.to_dict() for f in self.facts]
        if self.english is not None:
            record["english"] = self.english.to_dict()
        for kind in _ENTITY_KINDS:
            record[kind] = [e.to_dict() for e in getattr(self, kind)]
        record["warnings"] = self.warnings
        return record


@dataclass(frozen=True)
class RenderedEntry:
    """An entry as each format of a digest writes it, made once it arrives (see
    ``digest.render.rendered_entry``): a batch's digest then writes these texts at the end
    instead of rendering every entry there, after all the articles are in."""

    id: str
    texts: Mapping[str, str]  # format -> the entry's text in it


def entry_text(
    entry: DigestEntry | RenderedEntry, fmt: str, render: Callable[[DigestEntry], str]
) -> str:
    """The entry's text in ``fmt``: made already (a RenderedEntry), else ``render(entry)``."""
    return entry.texts[fmt] if isinstance(entry, RenderedEntry) else render(entry)
