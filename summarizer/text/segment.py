"""Sentence segmentation with offsets, and chunking of sentences under a length budget."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

# A sentence ends at one of these (a run such as 。。。 or ?! counts once),
# followed by any closing quotes or brackets, or at a line break.
_END = "。！？!?；;…"
_CLOSERS = "”’」』）)】》〉"
# A run without punctuation is cut every MAX_SENTENCE_CHARS: no real sentence is that
# long, and every later stage costs more than linear time in a sentence's length.
MAX_SENTENCE_CHARS = 1000
_SENTENCE = re.compile(rf"[^\n{_END}]{{0,{MAX_SENTENCE_CHARS}}}+(?:[{_END}]+[{_CLOSERS}]*)?")
_CLAUSE_BREAK = re.compile(r"(?<=[，,、：:])")


@dataclass(frozen=True)
class Sentence:
    """One sentence: its index, text and [start, end) offsets in the normalised text."""

    index: int
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Chunk:
    """Consecutive sentences (or the pieces of one long sentence) that fit a budget."""

    text: str
    start: int
    end: int
    sentence_indices: tuple[int, ...]
    split_sentence: bool = False


def split_sentences(text: str) -> list[Sentence]:
    """Split normalised text into sentences; offsets index into ``text``.

    ASCII ``.`` never ends a sentence, so 11.4% and 1,131.2 stay whole; an
    ASCII ``;`` or ``?`` does, since scraped Chinese text often uses them.
    """
    sentences: list[Sentence] = []
    for match in _SENTENCE.finditer(text):
        raw = match.group(0)
        if not raw.strip():
            continue
        lead = len(raw) - len(raw.lstrip())
        body = raw.strip()
        start = match.start() + lead
        sentences.append(Sentence(len(sentences), body, start, start + len(body)))
    return sentences


def _split_long(sentence: Sentence, budget: int, length: Callable[[str], int]) -> list[Chunk]:
    """Pieces of one over-long sentence, cut after commas; a clause longer than the
    budget on its own is cut at the budget and the chunk says so."""
    pieces: list[Chunk] = []
    offset = sentence.start
    current = ""
    for clause in _CLAUSE_BREAK.split(sentence.text):
        if not clause:
            continue
        if current and length(current + clause) > budget:
            pieces.append(Chunk(current, offset, offset + len(current), (sentence.index,), True))
            offset += len(current)
            current = ""
        while length(clause) > budget:
            cut = budget
            while cut > 1 and length(clause[:cut]) > budget:
                cut -= 1
            pieces.append(Chunk(clause[:cut], offset, offset + cut, (sentence.index,), True))
            offset += cut
            clause = clause[cut:]
        current += clause
    if current:
        pieces.append(Chunk(current, offset, offset + len(current), (sentence.index,), True))
    return pieces


def chunk_sentences(
    sentences: list[Sentence],
    budget: int,
    length: Callable[[str], int] = len,
    separator: str = "",
) -> list[Chunk]:
    """Group consecutive sentences into chunks whose ``length`` stays within ``budget``.

    ``length`` may count characters (the default) or a model's tokens. Nothing is
    dropped: the chunks' texts together hold every sentence.
    """
    if budget <= 0:
        raise ValueError("budget must be positive")
    chunks: list[Chunk] = []
    group: list[Sentence] = []

    def flush() -> None:
        if group:
            text = separator.join(s.text for s in group)
            chunks.append(Chunk(text, group[0].start, group[-1].end, tuple(s.index for s in group)))
            group.clear()

    for sentence in sentences:
        if length(sentence.text) > budget:
            flush()
            chunks.extend(_split_long(sentence, budget, length))
            continue
        candidate = separator.join(s.text for s in [*group, sentence])
        if group and length(candidate) > budget:
            flush()
        group.append(sentence)
    flush()
    return chunks
