"""The article pipeline: raw text → normalised text → Chinese summary, with warnings."""

from __future__ import annotations

import enum
import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from summarizer.digest.english import EnglishEntry, english_entry
from summarizer.errors import SummarizerError
from summarizer.figures.check import check_figures
from summarizer.figures.facts import Fact, FactExtractor
from summarizer.glossary import Glossary, load_glossaries
from summarizer.models.extractive import ExtractiveSummarizer, Summary
from summarizer.models.seq2seq import Translation
from summarizer.options import PipelineOptions
from summarizer.text.normalize import NormalizedText, normalize
from summarizer.text.parsed import ParsedText
from summarizer.text.reading import Article, InputError, check_unicode

log = logging.getLogger(__name__)

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


@dataclass(frozen=True)
class Outcome:
    """One input's result: its record (a result, an entry, a dict), or why it failed."""

    name: str
    record: Any = None
    error: str | None = None


def as_article(item: str | Article, default_id: str = "article") -> Article:
    """An Article from plain text (the library's callers), or the Article itself."""
    if isinstance(item, Article):
        return item
    if not isinstance(item, str):
        raise InputError(f"{default_id}: expected text or an Article, got {type(item).__name__}")
    return Article(default_id, item, default_id, "utf-8")


class _FromOptions(enum.Enum):
    """Marks a summary budget the caller left to the pipeline's options."""

    TOKEN = "from options"


FROM_OPTIONS = _FromOptions.TOKEN
Budget = int | None | _FromOptions


def _carry_on() -> None:
    """The default checkpoint: nothing stops the work."""


class Pipeline:
    """Holds the loaded glossary and models so a batch loads them once.

    ``Pipeline(translator="opus-mt-zh-en", num_beams=4)`` or ``Pipeline(PipelineOptions(...))``:
    the keyword arguments are the fields of ``PipelineOptions``.
    """

    def __init__(self, options: PipelineOptions | None = None, **overrides: Any) -> None:
        """Load the glossary and, when named, the local models: once, for the whole batch."""
        if options is not None and not isinstance(options, PipelineOptions):
            raise TypeError(
                "Pipeline takes a PipelineOptions or keyword options, e.g. glossary=[...]"
            )
        base = options or PipelineOptions()
        self.options = base.replace(**overrides) if overrides else base
        opts = self.options
        started = time.perf_counter()
        self.glossary: Glossary = load_glossaries(opts.glossary, opts.bundled_glossary)
        log.info(
            "glossary: %d terms (%s)",
            len(self.glossary),
            ", ".join(("bundled",) * opts.bundled_glossary + opts.glossary) or "none",
        )
        if opts.summarizer and opts.summarizer != "extractive":
            from summarizer.models.backends import load_model

            self.summarizer = load_model(opts.summarizer, "summarization", **opts.model_kwargs())
        else:
            self.summarizer = ExtractiveSummarizer(self.glossary)
        self.translator = None
        if opts.translator:
            from summarizer.models.backends import load_translator

            self.translator = load_translator(
                opts.translator, self.glossary, **opts.translator_kwargs()
            )
        self.fact_extractor = FactExtractor(self.glossary)
        self._protected = self.glossary.forms()
        # this pipeline's words: jieba's dictionary and its glossary names, nothing global
        self.segmenter = self.glossary.segmenter
        log.info(
            "pipeline ready in %.2f s: summariser %s, translator %s",
            time.perf_counter() - started,
            opts.summarizer or "extractive",
            opts.translator or "none",
        )

    def __call__(
        self,
        articles: str | Article | Sequence[str | Article],
        max_chars: Budget = FROM_OPTIONS,
        max_sentences: Budget = FROM_OPTIONS,
    ) -> ArticleResult | list[ArticleResult]:
        """Process one article (a text or an Article) or a list of them: one in, one out; list in, list out."""
        single = isinstance(articles, str | Article)
        items = [articles] if single else list(articles)
        prepared = [
            self._summarized(as_article(item, f"article-{number}"), max_chars, max_sentences)
            for number, item in enumerate(items, 1)
        ]
        if self.translator is not None and prepared:
            # every article's chunks in one call: batches sorted by length across articles
            translations = self.translator.translate([r.summary.text for r, _ in prepared])
            for (result, _), translation in zip(prepared, translations):
                self._translate(result, translation)
        results = [self._finish(result, parsed) for result, parsed in prepared]
        return results[0] if single else results

    def _budget(self, max_chars: Budget, max_sentences: Budget) -> tuple[int | None, int | None]:
        """The summary budget a call asks for; what it leaves out comes from the options.
        A number of sentences alone lifts the default character budget."""
        options = self.options
        if max_sentences is FROM_OPTIONS:
            max_sentences = options.max_sentences
        if max_chars is FROM_OPTIONS:
            chars_chosen = "max_chars" in options.model_fields_set
            max_chars = options.max_chars if chars_chosen or max_sentences is None else None
        return max_chars, max_sentences

    def outcomes(
        self, articles: Iterable[Article], checkpoint: Callable[[], None] = _carry_on
    ) -> Iterator[Outcome]:
        """Each article processed in turn; one the pipeline refuses is an error, the rest go on."""
        for article in articles:
            checkpoint()
            started = time.perf_counter()
            try:
                yield Outcome(article.source, self.process(article, checkpoint=checkpoint))
            except SummarizerError as exc:
                log.info("refused: %s", exc)
                yield Outcome(article.source, error=str(exc))
            else:
                log.debug("%s: %.1f ms", article.source, 1000 * (time.perf_counter() - started))

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
        max_chars: Budget = FROM_OPTIONS,
        max_sentences: Budget = FROM_OPTIONS,
    ) -> ArticleResult:
        result = self.normalize(article)
        self._summarize_into(result, *self._budget(max_chars, max_sentences))
        return result

    def _summarize_into(
        self,
        result: ArticleResult,
        max_chars: int | None,
        max_sentences: int | None,
        parsed: ParsedText | None = None,
    ) -> None:
        """The Chinese summary and, with a translator, its English."""
        self._summary_only(result, max_chars, max_sentences, parsed)
        if self.translator is not None:
            self._translate(result)

    def _summary_only(
        self,
        result: ArticleResult,
        max_chars: int | None,
        max_sentences: int | None,
        parsed: ParsedText | None = None,
    ) -> None:
        source = result.normalized.text
        if parsed is not None and isinstance(self.summarizer, ExtractiveSummarizer):
            source = parsed  # its sentences and words, made once for the whole article
        result.summary = self.summarizer.summarize(source, max_chars, max_sentences)
        if max_chars and len(result.summary.text) > max_chars:
            # Only a single sentence longer than the whole budget gets here.
            result.summary.text = result.summary.text[: max_chars - 1] + "…"
            result.summary.warnings.append(
                f"summary cut to the {max_chars}-character budget: its sentence is longer"
            )
        result.warnings.extend(result.summary.warnings)

    def _translate(self, result: ArticleResult, translation: Translation | None = None) -> None:
        """English for the Chinese summary (``translation`` when already made), glossary-constrained,
        its figures checked against the source."""
        translation = translation or self.translator.translate([result.summary.text])[0]
        result.translation = translation
        result.translation_model = self.translator.name
        result.warnings.extend(translation.warnings)
        facts = result.facts if result.facts is not None else self._extract_facts(result)
        summary_facts = [f for f in facts if f.sentence in set(result.summary.sentence_indices)]
        check = check_figures(translation.text, result.normalized.text, summary_facts)
        result.warnings.extend("translation: " + w for w in check.warnings())

    def _extract_facts(self, result: ArticleResult, parsed: ParsedText | None = None) -> list[Fact]:
        text = parsed if parsed is not None else result.normalized.text
        return self.fact_extractor.extract(text, result.normalized.published)

    def parse(self, result: ArticleResult) -> ParsedText:
        """The normalised text split into sentences, words and tags made on demand, once."""
        return ParsedText(result.normalized.text, self.segmenter)

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
        max_chars: Budget = FROM_OPTIONS,
        max_sentences: Budget = FROM_OPTIONS,
        checkpoint: Callable[[], None] = _carry_on,
    ) -> ArticleResult:
        """Everything for a digest entry: summary, facts, the English entry and its checks."""
        result, parsed = self._summarized(article, max_chars, max_sentences, checkpoint)
        if self.translator is not None:
            self._translate(result)
        checkpoint()
        return self._finish(result, parsed)

    def _summarized(
        self,
        article: Article,
        max_chars: Budget,
        max_sentences: Budget,
        checkpoint: Callable[[], None] = _carry_on,
    ) -> tuple[ArticleResult, ParsedText]:
        """Facts and the Chinese summary: everything before the translation; and the article
        split, segmented and tagged once for every stage."""
        result = self.normalize(article)
        parsed = self.parse(result)
        checkpoint()
        result.facts = self._extract_facts(result, parsed)
        checkpoint()
        self._summary_only(result, *self._budget(max_chars, max_sentences), parsed)
        return result, parsed

    def add_summary(self, result: ArticleResult, max_chars: Budget = FROM_OPTIONS) -> ArticleResult:
        """The model stage of ``process`` on a result from ``facts``: summary and translation
        (a batch engine runs it apart, where the models are)."""
        self._summarize_into(result, *self._budget(max_chars, FROM_OPTIONS))
        return result

    def finish(self, result: ArticleResult) -> ArticleResult:
        """The model-free last stage of ``process``: the English entry and its checks."""
        return self._finish(result, self.parse(result))

    def _finish(self, result: ArticleResult, parsed: ParsedText) -> ArticleResult:
        """The English entry and its checks: everything after the translation."""
        text = result.normalized.text
        result.english = english_entry(parsed, result.facts, self.glossary)
        check = check_figures(result.english.text, text, result.english.facts)
        result.warnings.extend(check.warnings())
        fallbacks = [p for p in result.english.people if p.pinyin_fallback]
        if fallbacks:
            names = ", ".join(f"{p.zh} → {p.en}" for p in fallbacks)
            result.warnings.append(f"names not in the glossary, shown in pinyin: {names}")
        if not result.facts:
            result.warnings.append("no key figures found")
        return result
