"""The article pipeline: raw text → normalised text → Chinese summary, with warnings."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from summarizer.digest.english import EnglishEntry, english_entry
from summarizer.figures.check import check_figures
from summarizer.figures.facts import Fact, FactExtractor
from summarizer.glossary import Glossary, load_glossaries
from summarizer.models.extractive import DEFAULT_MAX_CHARS, ExtractiveSummarizer, Summary
from summarizer.models.seq2seq import Translation
from summarizer.text.normalize import NormalizedText, normalize
from summarizer.text.reading import Article, InputError, check_unicode

# Noise kinds worth a warning: they mean the source was damaged, not just dressed up.
_WARN_KINDS = {
    "mojibake-removed",
    "mojibake-repaired",
    "seo-spam",
    "pinyin-annotation",
    "invisible-control",
    "mojibake-unexamined",
}


@dataclass
class ArticleResult:
    """Everything the pipeline knows about one article."""

    id: str
    source: str
    normalized: NormalizedText
    summary: Summary | None = None
    facts: list[Fact] | None = None
    english: EnglishEntry | None = None
    translation: Translation | None = None
    warnings: list[str] = field(default_factory=list)

    translation_model: str = ""

    def to_dict(self) -> dict:
        data = {
            "id": self.id,
            "source": self.source,
            "title": self.normalized.title,
            "script": self.normalized.script,
        }
        if self.normalized.published:
            data["published"] = self.normalized.published
        if self.summary is not None:
            data.update(
                summary_zh=self.summary.text,
                sentences=self.summary.sentence_indices,
                method=self.summary.method,
            )
        if self.facts is not None:
            data["facts"] = [f.to_dict() for f in self.facts]
        if self.translation is not None:
            data["summary_en"] = self.translation.text
            data["terms"] = self.translation.terms
        if self.english is not None:
            translated = self.translation is not None
            data["english"] = {
                "headline": self.english.headline,
                "text": self.translation.text if translated else self.english.text,
                "key_figures": self.english.text,
                "source": f"translation ({self.translation_model})"
                if translated
                else "key figures (no translation model configured)",
            }
            data["people"] = [e.to_dict() for e in self.english.people]
            data["products"] = [e.to_dict() for e in self.english.products]
            data["companies"] = [e.to_dict() for e in self.english.companies]
        data["removed"] = [r.to_dict() for r in self.normalized.removed]
        data["warnings"] = self.warnings
        return data


def as_article(item: str | Article, default_id: str = "article") -> Article:
    """An Article from plain text (the library's callers), or the Article itself."""
    if isinstance(item, Article):
        return item
    if not isinstance(item, str):
        raise InputError(f"{default_id}: expected text or an Article, got {type(item).__name__}")
    return Article(default_id, item, default_id, "utf-8")


def _carry_on() -> None:
    """The default checkpoint: nothing stops the work."""


class Pipeline:
    """Holds the loaded glossary and summariser so a batch loads them once."""

    def __init__(
        self,
        glossary_paths: Iterable[str] = (),
        include_bundled_glossary: bool = True,
        summarizer_model: str | None = None,
        translator_model: str | None = None,
        model_options: dict | None = None,
    ) -> None:
        """Load the glossary and, when named, the local models: once, for the whole batch."""
        self.glossary: Glossary = load_glossaries(tuple(glossary_paths), include_bundled_glossary)
        options = model_options or {}
        if summarizer_model and summarizer_model != "extractive":
            from summarizer.models.seq2seq import Seq2SeqSummarizer

            self.summarizer = Seq2SeqSummarizer(summarizer_model, **options)
        else:
            self.summarizer = ExtractiveSummarizer(self.glossary)
        self.translator = None
        if translator_model:
            from summarizer.models.constrained import GlossaryTranslator
            from summarizer.models.seq2seq import Seq2SeqTranslator

            self.translator = GlossaryTranslator(
                Seq2SeqTranslator(translator_model, **options), self.glossary
            )
        self.fact_extractor = FactExtractor(self.glossary)
        self._protected = self.glossary.forms()

    def __call__(
        self,
        articles: str | Article | Sequence[str | Article],
        max_chars: int | None = DEFAULT_MAX_CHARS,
        max_sentences: int | None = None,
    ) -> ArticleResult | list[ArticleResult]:
        """Process one article (a text or an Article) or a list of them: one in, one out; list in, list out."""
        single = isinstance(articles, str | Article)
        items = [articles] if single else list(articles)
        results = [
            self.process(as_article(item, f"article-{number}"), max_chars, max_sentences)
            for number, item in enumerate(items, 1)
        ]
        return results[0] if single else results

    def normalize(self, article: Article) -> ArticleResult:
        if not article.text.strip():
            raise InputError(f"{article.source}: empty text")
        check_unicode(article.text, article.source)
        normalized = normalize(article.text, self._protected)
        normalized.published = normalized.published or article.published
        if not normalized.text.strip():
            raise InputError(f"{article.source}: no article text left after removing page noise")
        warnings = list(article.warnings) + [
            f"removed {r.count} {r.kind} (e.g. {r.sample!r})"
            for r in normalized.removed
            if r.kind in _WARN_KINDS
        ]
        return ArticleResult(article.id, article.source, normalized, warnings=warnings)

    def summarize(
        self,
        article: Article,
        max_chars: int | None = DEFAULT_MAX_CHARS,
        max_sentences: int | None = None,
    ) -> ArticleResult:
        result = self.normalize(article)
        self._summarize_into(result, max_chars, max_sentences)
        return result

    def _summarize_into(
        self, result: ArticleResult, max_chars: int | None, max_sentences: int | None
    ) -> None:
        """The Chinese summary and, with a translator, its English."""
        result.summary = self.summarizer.summarize(result.normalized.text, max_chars, max_sentences)
        if max_chars and len(result.summary.text) > max_chars:
            # Only a single sentence longer than the whole budget gets here.
            result.summary.text = result.summary.text[: max_chars - 1] + "…"
            result.summary.warnings.append(
                f"summary cut to the {max_chars}-character budget: its sentence is longer"
            )
        result.warnings.extend(result.summary.warnings)
        if self.translator is not None:
            self._translate(result)

    def _translate(self, result: ArticleResult) -> None:
        """English for the Chinese summary, glossary-constrained, its figures checked against the source."""
        translation = self.translator.translate([result.summary.text])[0]
        result.translation = translation
        result.translation_model = self.translator.name
        result.warnings.extend(translation.warnings)
        facts = result.facts if result.facts is not None else self._extract_facts(result)
        summary_facts = [f for f in facts if f.sentence in set(result.summary.sentence_indices)]
        check = check_figures(translation.text, result.normalized.text, summary_facts)
        result.warnings.extend("translation: " + w for w in check.warnings())

    def _extract_facts(self, result: ArticleResult) -> list[Fact]:
        return self.fact_extractor.extract(result.normalized.text, result.normalized.published)

    def facts(self, article: Article, checkpoint: Callable[[], None] = _carry_on) -> ArticleResult:
        """Normalised text and key figures. ``checkpoint`` is called between stages: a caller
        whose client has gone (the HTTP API) raises there and the rest is not done."""
        result = self.normalize(article)
        checkpoint()
        result.facts = self._extract_facts(result)
        return result

    def process(
        self,
        article: Article,
        max_chars: int | None = DEFAULT_MAX_CHARS,
        max_sentences: int | None = None,
        checkpoint: Callable[[], None] = _carry_on,
    ) -> ArticleResult:
        """Everything for a digest entry: summary, facts, the English entry and its checks."""
        result = self.facts(article, checkpoint)
        checkpoint()
        self._summarize_into(result, max_chars, max_sentences)
        checkpoint()
        return self.finish(result)

    def add_summary(
        self, result: ArticleResult, max_chars: int | None = DEFAULT_MAX_CHARS
    ) -> ArticleResult:
        """The model stage of ``process`` on a result from ``facts``: summary and translation."""
        self._summarize_into(result, max_chars, None)
        return result

    def finish(self, result: ArticleResult) -> ArticleResult:
        """The model-free last stage of ``process``: the English entry and its checks."""
        text = result.normalized.text
        result.english = english_entry(text, result.facts, self.glossary)
        check = check_figures(result.english.text, text, result.english.facts)
        result.warnings.extend(check.warnings())
        fallbacks = [p for p in result.english.people if p.pinyin_fallback]
        if fallbacks:
            names = ", ".join(f"{p.zh} → {p.en}" for p in fallbacks)
            result.warnings.append(f"names not in the glossary, shown in pinyin: {names}")
        if not result.facts:
            result.warnings.append("no key figures found")
        return result
