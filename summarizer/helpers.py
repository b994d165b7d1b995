"""One-call helpers for the library's commonest uses; each builds what it needs on the defaults.

    >>> from summarizer import summarize, extract_facts
    >>> summarize("快手第三季度营收同比增长11.4%至311亿元。").text
    >>> [f.text_en for f in extract_facts("快手第三季度营收同比增长11.4%至311亿元。")]

For many articles, build one ``Pipeline`` and call it: it loads the glossary and
any model once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from summarizer.digest.build import Digest
from summarizer.figures.facts import Fact
from summarizer.models.extractive import Summary
from summarizer.options import DEFAULT_MAX_CHARS
from summarizer.pipeline import Pipeline, as_article
from summarizer.text.reading import Article


def summarize(
    text: str | Article,
    max_chars: int | None = DEFAULT_MAX_CHARS,
    max_sentences: int | None = None,
    glossary: Iterable[str] = (),
) -> Summary:
    """The Chinese summary of one article (its normalised text, extractively)."""
    pipeline = Pipeline(glossary=tuple(glossary))
    result = pipeline.normalize(as_article(text))
    return pipeline.summarizer.summarize(result.normalized.text, max_chars, max_sentences)


def extract_facts(text: str | Article, glossary: Iterable[str] = ()) -> list[Fact]:
    """Every figure of one article, labelled, dated, with its English."""
    return Pipeline(glossary=tuple(glossary)).facts(as_article(text)).facts or []


def translate(texts: str | Sequence[str], model: str, glossary: Iterable[str] = (), **options):
    """English for Chinese text with a local model, held to the glossary (one text in, one out)."""
    pipeline = Pipeline(glossary=tuple(glossary), translator=model, **options)
    single = isinstance(texts, str)
    results = pipeline.translator.translate([texts] if single else list(texts))
    return results[0] if single else results


def build_digest(articles: Sequence[str | Article], glossary: Iterable[str] = ()) -> Digest:
    """An investor digest of several articles; one that fails is listed, the others go in.
    Render it with ``summarizer.digest.render.render(digest, "markdown" | "html" | "json")``."""
    pipeline = Pipeline(glossary=tuple(glossary))
    items = (as_article(item, f"article-{n}") for n, item in enumerate(articles, 1))
    return Digest.from_outcomes(pipeline.outcomes(items))
