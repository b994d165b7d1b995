"""Word segmentation and part-of-speech tagging on an explicit dictionary.

A Segmenter gives ``jieba.lcut``'s words and ``jieba.posseg.cut``'s pairs for
jieba's dictionary plus the words it was built with (a pipeline's glossary
names, so that 快手 stays one word), as a ``jieba.Tokenizer`` holding the same
words would. Nothing is registered with jieba's global tokenizer: two pipelines
with different glossaries segment side by side, each with its own words, and
text normalisation, which segments on jieba's dictionary alone, is not affected
by either.

Words come from jieba-rs (the ``rjieba`` binding) holding the same dictionary and
added words: jieba's algorithm compiled, about ten times faster than its Python. It
splits a run of Latin letters and digits joined by ``. - % + # &`` (01024.HK,
GPT-4) as one word where jieba splits it (01024 . HK); such a word is split here
as jieba's HMM stage splits it. The words are jieba's on every test article; on
random strings of characters, about one in 20,000 differs, where two splits of a
run of unknown characters are equally probable (營亿億億娲: 亿 and 億 have the same
probabilities) and jieba-rs takes the other one. The tags (jieba-rs has no tagger of jieba's kind)
follow jieba-rs's route too, its Latin letters and digits taken apart again (see
_compiled_route); the Python route is what both are tested against.

Tagging starts from jieba's most probable route through a block of text
(``get_DAG`` / ``calc``); a ``routes`` memo (one per article, see ParsedText)
computes each block's route once, and the Python segmentation shares it.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable, Iterator

from summarizer.text.charfreq import NAME_FREQUENCY, jieba_dictionary, with_words
from summarizer.text.jieba_model import (
    ENGLISH,
    ENGLISH_CHAR,
    HAN_DEFAULT,
    HAN_INTERNAL,
    NUMBER,
    SKIP_DEFAULT,
    SKIP_INTERNAL,
)
from summarizer.text.tagger import split_unknown, unknown_run

__all__ = ["NAME_FREQUENCY", "Segmenter", "plain_segmenter"]

# The weight of a fragment that only starts longer words: no log probability is positive.
_PREFIX_ONLY = 1.0
# jieba's block pattern lets these join Latin and digits; jieba-rs keeps such runs whole
_JOINERS = re.compile(r"[+#&._%\-]")
_LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9]")


def _compiled_segmenter(added: dict[str, int]):
    """A jieba-rs tokenizer of its own (jieba's dictionary) with ``added`` words at their
    frequencies, or None where the binding is not installed (the Python route serves)."""
    try:
        import rjieba
    except ImportError:
        return None
    tokenizer = rjieba.Jieba()
    for word, frequency in added.items():
        if frequency:  # 0 marks a prefix, not a word
            tokenizer.add_word(word, frequency, None)
    return tokenizer


class Segmenter:
    """jieba's words and part-of-speech tags, with ``extra_words`` as dictionary words.

    Built once per glossary (Glossary.segmenter; jieba's table is shared, the added words
    lie on top of it) and never changed afterwards.
    """

    def __init__(
        self,
        extra_words: Iterable[str] = (),
        word_table: bool | None = None,
        compiled: bool = True,
    ) -> None:
        """``compiled``: words and routes from jieba-rs where it is installed (about 57 MB;
        False: jieba's Python route only). ``word_table``: compute every word's log
        probability up front for the Python route (about 60 MB, a fifth faster); without
        it each is computed where a word can start. By default the table is made only
        where jieba-rs is not there to do the routing."""
        dictionary = with_words(jieba_dictionary(), extra_words)
        self._compiled = _compiled_segmenter(dict(dictionary.added)) if compiled else None
        if word_table is None:
            word_table = self._compiled is None
        # jieba's log(freq) - log(total) for every word: the same float wherever it is made
        log, log_total = math.log, math.log(dictionary.total)
        self._log_total = log_total
        if word_table:
            weights = {
                word: log(frequency) - log_total if frequency else _PREFIX_ONLY
                for word, frequency in dictionary.frequencies.items()
            }
            weights.update(
                (word, log(frequency) - log_total if frequency else _PREFIX_ONLY)
                for word, frequency in dictionary.added.items()
            )
            self._weight = weights.get
        else:
            frequency_of = dictionary.frequency

            def weight(word: str) -> float | None:
                frequency = frequency_of(word)
                if frequency is None:
                    return None
                return log(frequency) - log_total if frequency else _PREFIX_ONLY

            self._weight = weight
        self._tag = dictionary.tag
        self._han_default, self._skip_default = HAN_DEFAULT, SKIP_DEFAULT
        self._han_internal, self._skip_internal = HAN_INTERNAL, SKIP_INTERNAL
        self._eng, self._eng1, self._num = ENGLISH, ENGLISH_CHAR, NUMBER

    def is_word(self, fragment: str) -> bool:
        """Whether the dictionary knows ``fragment`` as a word (not only as the start of one)."""
        weight = self._weight(fragment)
        return weight is not None and weight != _PREFIX_ONLY

    def route(self, block: str, routes: dict[str, list[str]] | None = None) -> list[str]:
        """The words of jieba's most probable route through ``block`` (its ``get_DAG`` and ``calc``).

        One backward pass that scores each position's candidate words as it finds them:
        the same sums and the same tie-breaking as jieba's two passes (of equal scores
        the longest word wins, as jieba's ``max`` over (score, end) pairs picks it).
        With ``routes``, a block seen before is not routed again.
        """
        if routes is not None:
            words = routes.get(block)
            if words is None:
                words = routes[block] = self.route(block)
            return words
        if self._compiled is not None:
            compiled = self._compiled_route(block)
            if compiled is not None:
                return compiled
        weight_of = self._weight  # None: no dictionary word starts with this fragment
        n = len(block)
        scores = [0.0] * (n + 1)
        ends = [0] * (n + 1)
        for start in range(n - 1, -1, -1):
            # no dictionary word starts here: the character alone, counted once
            best, best_end = -self._log_total + scores[start + 1], start + 1
            found = False
            end = start + 1
            weight = weight_of(block[start])
            while weight is not None:
                if weight != _PREFIX_ONLY:
                    score = weight + scores[end]
                    if not found or score >= best:
                        best, best_end, found = score, end, True
                if end >= n:
                    break
                end += 1
                weight = weight_of(block[start:end])
            scores[start], ends[start] = best, best_end
        words = []
        x = 0
        while x < n:
            words.append(block[x : ends[x]])
            x = ends[x]
        return words

    def _compiled_route(self, block: str) -> list[str] | None:
        """jieba-rs's route through ``block`` (the same words as ``route``), or None where it
        cannot be told: jieba-rs without its HMM joins the single Latin letters and digits
        of a route into one word (A, I → AI), which is undone here unless the joined word
        is itself a dictionary word (then the route may have taken it whole)."""
        words = self._compiled.cut(block, False)
        if not _LATIN_OR_DIGIT.search(block):
            return words
        route: list[str] = []
        for word in words:
            if len(word) > 1 and word.isascii() and word.isalnum():
                if self.is_word(word):
                    return None
                route.extend(word)
            else:
                route.append(word)
        return route

    def segment(self, sentence: str, routes: dict[str, list[str]] | None = None) -> list[str]:
        """The words of ``jieba.lcut(sentence)`` (accurate mode, with its HMM)."""
        if self._compiled is None:
            return self.segment_by_route(sentence, routes)
        words = self._compiled.cut(sentence)
        if not _JOINERS.search(sentence):
            return words
        split: list[str] = []
        for word in words:
            if len(word) > 1 and _JOINERS.search(word) and not self.is_word(word):
                split.extend(split_unknown(word))  # 01024.HK: jieba's 01024 . HK
            else:
                split.append(word)
        return split

    def segment_by_route(
        self, sentence: str, routes: dict[str, list[str]] | None = None
    ) -> list[str]:
        """``segment`` through jieba's Python route (``route`` and its HMM), as jieba does it."""
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
                elif not self.is_word(run):
                    yield from split_unknown(run)
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
        tag_of = self._tag
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
                yield word, tag_of(word, "x")
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
                    yield run, tag_of(run, "x")
                elif not self.is_word(run):
                    yield from unknown_run(run)
                else:
                    yield from ((ch, tag_of(ch, "x")) for ch in run)
                run = ""
            if word is not None:
                yield word, tag_of(word, "x")


@functools.cache
def plain_segmenter() -> Segmenter:
    """A segmenter on jieba's dictionary alone (no glossary), built once: it never changes.

    Normalisation segments only a few short candidate strings with it, so it keeps no
    table of its own and no jieba-rs tokenizer (57 MB) either."""
    return Segmenter(word_table=False, compiled=False)
