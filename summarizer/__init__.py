"""Clean, summarise and translate Chinese tech and finance news into English digests."""

import logging
from importlib.metadata import PackageNotFoundError, version

from summarizer.digest.build import Digest
from summarizer.digest.entry import DigestEntry
from summarizer.errors import SummarizerError
from summarizer.figures.facts import Fact
from summarizer.glossary import Glossary, GlossaryError, Term, load_glossaries
from summarizer.helpers import build_digest, extract_facts, summarize, translate
from summarizer.models.extractive import ExtractiveSummarizer, Summary
from summarizer.options import OptionsError, PipelineOptions
from summarizer.pipeline import ArticleResult, Pipeline
from summarizer.text.normalize import NormalizedText, normalize
from summarizer.text.reading import Article, InputError, read_article
from summarizer.text.segment import Sentence, chunk_sentences, split_sentences

# The library logs under "summarizer" and leaves where logs go to the application.
logging.getLogger(__name__).addHandler(logging.NullHandler())

try:
    __version__ = version("zh-digest-summarizer")
except PackageNotFoundError:  # a source tree that was never installed
    __version__ = "0+unknown"

__all__ = [
    "__version__",
    "Article",
    "Digest",
    "DigestEntry",
    "OptionsError",
    "PipelineOptions",
    "Fact",
    "build_digest",
    "extract_facts",
    "summarize",
    "translate",
    "ArticleResult",
    "ExtractiveSummarizer",
    "Glossary",
    "GlossaryError",
    "InputError",
    "NormalizedText",
    "Pipeline",
    "Sentence",
    "Summary",
    "SummarizerError",
    "Term",
    "chunk_sentences",
    "load_glossaries",
    "normalize",
    "read_article",
    "split_sentences",
]
