"""Clean, summarise and translate Chinese tech and finance news into English digests."""

import warnings

# jieba imports pkg_resources, whose deprecation notice would print on every run.
warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)

# ruff: noqa: E402

from summarizer.extractive import ExtractiveSummarizer, Summary
from summarizer.glossary import Glossary, GlossaryError, Term, load_glossaries
from summarizer.normalize import NormalizedText, normalize
from summarizer.pipeline import ArticleResult, Pipeline
from summarizer.segment import Sentence, chunk_sentences, split_sentences
from summarizer.textio import Article, InputError, read_article

__all__ = [
    "Article",
    "ArticleResult",
    "ExtractiveSummarizer",
    "Glossary",
    "GlossaryError",
    "InputError",
    "NormalizedText",
    "Pipeline",
    "Sentence",
    "Summary",
    "Term",
    "chunk_sentences",
    "load_glossaries",
    "normalize",
    "read_article",
    "split_sentences",
]
