"""Word segmentation and part-of-speech tagging on an explicit dictionary.

A Segmenter gives ``jieba.lcut``'s words and ``jieba.posseg.cut``'s pairs for
jieba's dictionary plus the words it was built with (a pipeline's glossary
names, so that 快手 stays one word), as a ``jieba.Tokenizer`` holding the same
words would. Nothing is registered with jieba's global tokenizer: two pipelines
with different glossaries segment side by side, each with its own words, and
text normalisation, which segments on jieba's dictionary alone, is not affected
by either.

Segmenting and tagging both start from jieba's most probable route through a
block of text (``get_DAG`` / ``calc``); a ``routes`` memo handed to both (one
per article, see ParsedText) computes each block's route once.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Iterator

from summarizer.text.charfreq import NAME_FREQUENCY, jieba_dictionary, quiet_jieba, with_words
from summarizer.text.tagger import unknown_run

__all__ = ["NAME_FREQUENCY", "Segmenter", "plain_segmenter"]


class Segmenter:
    """jieba's words and part-of-speech tags, with ``extra_words`` as dictionary words.

    Built once per glossary (it copies the dictionary when it adds words: about 15 MB)
    and never changed afterwards.
    """

    def __init__(self, extra_words: Iterable[str] = ()) -> None:
        quiet_jieba("jieba.posseg")
        from jieba import finalseg, re_han_default, re_skip_default
        from jieba.posseg import re_eng, re_eng1, re_han_internal, re_num, re_skip_internal

        dictionary = with_words(jieba_dictionary(), extra_words)
        self._frequency = dictionary.frequency
        self._log_total = math.log(dictionary.total)
        self._tags = dictionary.tags
        self._finalseg_cut = finalseg.cut
        self._han_default, self._skip_default = re_han_default, re_skip_default
        self._han_internal, self._skip_internal = re_han_internal, re_skip_internal
        self._eng, self._eng1, self._num = re_eng, re_eng1, re_num

    def frequency(self, word: str) -> int:
        """The word's frequency in this segmenter's dictionary (0 for a prefix or an unknown word)."""
        return self._frequency(word) or 0

    def route(self, block: str, routes: dict[str, list[str]] | None = None) -> list[str]:
        """The words of jieba's most probable route through ``block`` (its ``get_DAG`` and ``calc``).

        One backward pass that builds each position's candidate words as it scores
        them: the same sums and the same tie-breaking as jieba's two passes, in
        about half the time. With ``routes``, a block seen before is not routed again.
        """
        if routes is not None:
            words = routes.get(block)
            if words is None:
                words = routes[block] = self.route(block)
            return words
        frequency_of = self._frequency  # None: no dictionary word starts with this fragment
        log, log_total = math.log, self._log_total
        n = len(block)
        best: list[tuple[float, int]] = [(0, 0)] * (n + 1)
        for start in range(n - 1, -1, -1):
            scored = []
            end = start + 1
            frequency = frequency_of(block[start])
            while frequency is not None:
                if frequency:
                    scored.append((log(frequency) - log_total + best[end][0], end - 1))
                if end >= n:
                    break
                end += 1
                frequency = frequency_of(block[start:end])
            # no dictionary word starts here: the character alone, counted once
            best[start] = max(scored) if scored else (0.0 - log_total + best[start + 1][0], start)
        words = []
        x = 0
        while x < n:
            y = best[x][1] + 1
            words.append(block[x:y])
            x = y
        return words

    def segment(self, sentence: str, routes: dict[str, list[str]] | None = None) -> list[str]:
        """The words of ``jieba.lcut(sentence)`` (accurate mode, with its HMM)."""
        words: list[str] = []
        for block in self._han_default.split(sentence):
            if not block:
                continue
            if self._han_default.match(block):
                words.extend(self._segment_block(block, routes))
                continue
            for piece in self._skip_default.split(block):
                if self._skip_default.match(piece):
                    words.append(piece)
                else:
                    words.extend(piece)  # one character at a time, as jieba does
        return words

    def _segment_block(self, block: str, routes: dict[str, list[str]] | None) -> Iterator[str]:
        """jieba's ``__cut_DAG``: the route's words, runs of single characters through finalseg."""
        run = ""
        for word in [*self.route(block, routes), None]:
            if word is not None and len(word) == 1:
                run += word
                continue
            if run:
                if len(run) == 1:
                    yield run
                elif not self._frequency(run):
                    yield from self._finalseg_cut(run)
                else:
                    yield from run
                run = ""
            if word is not None:
                yield word

    def tag(
        self, sentence: str, hmm: bool = True, routes: dict[str, list[str]] | None = None
    ) -> Iterator[tuple[str, str]]:
        """(word, part-of-speech) pairs covering ``sentence``: those of ``jieba.posseg.cut``."""
        for block in self._han_internal.split(sentence):
            if self._han_internal.match(block):
                yield from self._dictionary_words(block, hmm, routes)
                continue
            for piece in self._skip_internal.split(block):
                if self._skip_internal.match(piece):
                    yield piece, "x"
                    continue
                for ch in piece:
                    if self._num.match(ch):
                        yield ch, "m"
                    elif self._eng.match(piece):
                        yield ch, "eng"
                    else:
                        yield ch, "x"

    def _dictionary_words(
        self, block: str, hmm: bool, routes: dict[str, list[str]] | None
    ) -> Iterator[tuple[str, str]]:
        """One block of Han, Latin and digits: the route's words, single runs through the HMM."""
        tags = self._tags
        words = self.route(block, routes)
        if not hmm:
            latin = ""
            for word in words:
                if self._eng1.match(word):
                    latin += word
                    continue
                if latin:
                    yield latin, "eng"
                    latin = ""
                yield word, tags.get(word, "x")
            if latin:
                yield latin, "eng"
            return
        run = ""
        for word in [*words, None]:
            if word is not None and len(word) == 1:
                run += word
                continue
            if run:
                if len(run) == 1:
                    yield run, tags.get(run, "x")
                elif not self._frequency(run):
                    yield from unknown_run(run)
                else:
                    yield from ((ch, tags.get(ch, "x")) for ch in run)
                run = ""
            if word is not None:
                yield word, tags.get(word, "x")


@functools.cache
def plain_segmenter() -> Segmenter:
    """A segmenter on jieba's dictionary alone (no glossary), built once: it never changes."""
    return Segmenter()
