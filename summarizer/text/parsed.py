"""One article's normalised text parsed once: its sentences, and their words and tags on demand.

The summary, the key figures and the names all read the same sentences; made
in Pipeline.process and passed down, the text is split once, each sentence
segmented and tagged at most once, and jieba's route through each block of
text is shared by the segmentation and the tagging.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from summarizer.glossary import Glossary, TextMatches
from summarizer.text.segment import Sentence, split_sentences
from summarizer.text.segmenter import Segmenter


@dataclass
class ParsedText:
    """``text`` split into sentences; words and tags are computed on first use and kept."""

    text: str
    segmenter: Segmenter
    sentences: list[Sentence] = field(init=False)

    def __post_init__(self) -> None:
        self.sentences = split_sentences(self.text)
        self._routes: dict[str, list[str]] = {}
        self._words: dict[str, list[str]] = {}
        self._tags: dict[tuple[str, bool], list[tuple[str, str]]] = {}
        self._term_matches: TextMatches | None = None

    def words(self, span: str) -> list[str]:
        """``jieba.lcut``'s words of a sentence (or any span) of this text."""
        words = self._words.get(span)
        if words is None:
            words = self._words[span] = self.segmenter.segment(span, self._routes)
        return words

    def tags(self, span: str, hmm: bool = True) -> list[tuple[str, str]]:
        """``jieba.posseg.cut``'s (word, tag) pairs of a sentence (or any span) of this text."""
        key = (span, hmm)
        pairs = self._tags.get(key)
        if pairs is None:
            pairs = self._tags[key] = list(self.segmenter.tag(span, hmm, self._routes))
        return pairs

    def term_matches(self, glossary: Glossary) -> TextMatches:
        """The glossary's matches in the text, scanned once and shared by every stage."""
        held = self._term_matches
        if held is None or held.glossary is not glossary:
            held = self._term_matches = TextMatches(glossary, self.text)
        return held


def as_parsed(text: str | ParsedText, segmenter: Segmenter) -> ParsedText:
    """The parsed text a caller passed, or ``text`` parsed with ``segmenter``."""
    return text if isinstance(text, ParsedText) else ParsedText(text, segmenter)
