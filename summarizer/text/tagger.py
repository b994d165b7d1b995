"""jieba's part-of-speech tagging, the same pairs as ``jieba.posseg.cut``, faster.

jieba.posseg segments with the dictionary and sends each run of characters the
dictionary leaves single through a Viterbi search over 256 (position, tag)
states. That search, in pure Python with a dict lookup per state pair, is where
most of the tagging time goes. Here the dictionary steps are jieba's own
(``get_DAG`` / ``calc``, the same regular expressions and tag table) and the
Viterbi search is the same computation done on numpy arrays: the same sums in
the same order, and ties broken as jieba's ``max`` over ``(probability, state)``
tuples breaks them (the largest state wins), so every path is identical.
``segment`` gives ``jieba.lcut``'s words on the same faster route.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from summarizer.text.charfreq import quiet_jieba

_MIN_FLOAT = -3.14e100  # jieba's score for a character a state never emits


@dataclass(frozen=True)
class _Model:
    states: tuple[tuple[str, str], ...]  # sorted, so a larger index is a larger state
    start: np.ndarray
    transition: np.ndarray  # [from, to], -inf where jieba has no transition
    successors: np.ndarray  # [from, to] bool: the transitions jieba lists
    has_successor: np.ndarray
    char_states: dict[str, np.ndarray]  # bool mask of the states a character may take


@functools.cache
def _model() -> _Model:
    quiet_jieba("jieba.posseg")
    from jieba.posseg import char_state_tab_P, start_P, trans_P

    states = tuple(sorted(trans_P))
    index = {s: i for i, s in enumerate(states)}
    size = len(states)
    transition = np.full((size, size), -np.inf)
    successors = np.zeros((size, size), dtype=bool)
    for source, targets in trans_P.items():
        for target, probability in targets.items():
            transition[index[source], index[target]] = probability
            successors[index[source], index[target]] = True
    char_states = {}
    for char, allowed in char_state_tab_P.items():
        mask = np.zeros(size, dtype=bool)
        mask[[index[s] for s in allowed]] = True
        char_states[char] = mask
    return _Model(
        states=states,
        start=np.array([start_P[s] for s in states]),
        transition=transition,
        successors=successors,
        has_successor=successors.any(axis=1),
        char_states=char_states,
    )


@functools.lru_cache(maxsize=8192)
def _emission(char: str) -> np.ndarray:
    quiet_jieba("jieba.posseg")
    from jieba.posseg import emit_P

    return np.array([emit_P[s].get(char, _MIN_FLOAT) for s in _model().states])


def _last_max(values: np.ndarray) -> np.ndarray:
    """Per column, the row of the maximum, the last row among equal maxima."""
    return values.shape[0] - 1 - values[::-1].argmax(axis=0)


def viterbi_states(chars: str) -> list[tuple[str, str]]:
    """The best (position, tag) state per character, as ``jieba.posseg.viterbi`` finds it."""
    model = _model()
    size = len(model.states)
    every_state = np.ones(size, dtype=bool)
    scores = np.full(size, -np.inf)
    alive = np.flatnonzero(model.char_states.get(chars[0], every_state))
    scores[alive] = model.start[alive] + _emission(chars[0])[alive]
    back: list[np.ndarray] = []
    for char in chars[1:]:
        previous = alive[model.has_successor[alive]]
        expected = model.successors[previous].any(axis=0)
        allowed = model.char_states.get(char, every_state) & expected
        if not allowed.any():
            allowed = expected if expected.any() else every_state
        alive = np.flatnonzero(allowed)
        totals = (
            scores[previous][:, None]
            + model.transition[np.ix_(previous, alive)]
            + _emission(char)[alive][None, :]
        )
        best = _last_max(totals)
        step = np.full(size, -1)
        step[alive] = previous[best]
        new_scores = np.full(size, -np.inf)
        new_scores[alive] = totals[best, np.arange(len(alive))]
        scores = new_scores
        back.append(step)
    state = int(alive[_last_max(scores[alive][:, None])[0]])
    path = [state]
    for step in reversed(back):
        state = int(step[state])
        path.append(state)
    return [model.states[i] for i in reversed(path)]


@functools.lru_cache(maxsize=16384)
def _hmm_words(chars: str) -> tuple[tuple[str, str], ...]:
    """Words and tags of a run of Han characters from the Viterbi path (posseg's ``__cut``).

    The model never changes, so a run seen before (runs are short, and recur
    across articles) is not searched again.
    """
    path = viterbi_states(chars)
    words: list[tuple[str, str]] = []
    begin = next_start = 0
    for i, (position, tag) in enumerate(path):
        if position == "B":
            begin = i
        elif position == "E":
            words.append((chars[begin : i + 1], tag))
            next_start = i + 1
        elif position == "S":
            words.append((chars[i], tag))
            next_start = i + 1
    if next_start < len(chars):
        words.append((chars[next_start:], path[next_start][1]))
    return tuple(words)


def _unknown_run(run: str) -> Iterator[tuple[str, str]]:
    """A run of single characters the dictionary does not know as a word (posseg's ``__cut_detail``)."""
    quiet_jieba("jieba.posseg")
    from jieba.posseg import re_eng, re_han_detail, re_num, re_skip_detail

    for block in re_han_detail.split(run):
        if re_han_detail.match(block):
            yield from _hmm_words(block)
            continue
        for piece in re_skip_detail.split(block):
            if not piece:
                continue
            if re_num.match(piece):
                yield piece, "m"
            elif re_eng.match(piece):
                yield piece, "eng"
            else:
                yield piece, "x"


def route_words(block: str, tokenizer) -> list[str]:
    """The words of jieba's most probable route through ``block`` (its ``get_DAG`` and ``calc``).

    One backward pass that builds each position's candidate words as it scores
    them: the same sums and the same tie-breaking as jieba's two passes, in
    about half the time.
    """
    tokenizer.check_initialized()
    frequency_of = tokenizer.FREQ.get  # None: no dictionary word starts with this fragment
    log, log_total = math.log, math.log(tokenizer.total)
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


def _dictionary_words(block: str, hmm: bool) -> Iterator[tuple[str, str]]:
    """One block of Han, Latin and digits: the dictionary's best route, single runs through the HMM."""
    jieba_posseg = quiet_jieba("jieba.posseg")
    from jieba.posseg import re_eng1

    tagger = jieba_posseg.dt
    tags = tagger.word_tag_tab
    tokenizer = tagger.tokenizer
    words = route_words(block, tokenizer)
    if not hmm:
        latin = ""
        for word in words:
            if re_eng1.match(word):
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
            elif not tokenizer.FREQ.get(run):
                yield from _unknown_run(run)
            else:
                yield from ((ch, tags.get(ch, "x")) for ch in run)
            run = ""
        if word is not None:
            yield word, tags.get(word, "x")


def tag(sentence: str, hmm: bool = True) -> Iterator[tuple[str, str]]:
    """(word, part-of-speech) pairs covering ``sentence``: those of ``jieba.posseg.cut``."""
    jieba_posseg = quiet_jieba("jieba.posseg")
    from jieba.posseg import re_eng, re_han_internal, re_num, re_skip_internal

    jieba_posseg.dt.makesure_userdict_loaded()
    for block in re_han_internal.split(sentence):
        if re_han_internal.match(block):
            yield from _dictionary_words(block, hmm)
            continue
        for piece in re_skip_internal.split(block):
            if re_skip_internal.match(piece):
                yield piece, "x"
                continue
            for ch in piece:
                if re_num.match(ch):
                    yield ch, "m"
                elif re_eng.match(piece):
                    yield ch, "eng"
                else:
                    yield ch, "x"


def segment(sentence: str) -> list[str]:
    """The words of ``jieba.lcut(sentence)`` (accurate mode, with its HMM), on the faster route."""
    jieba = quiet_jieba()
    from jieba import re_han_default, re_skip_default

    tokenizer = jieba.dt
    words: list[str] = []
    for block in re_han_default.split(sentence):
        if not block:
            continue
        if re_han_default.match(block):
            words.extend(_segment_block(block, tokenizer))
            continue
        for piece in re_skip_default.split(block):
            if re_skip_default.match(piece):
                words.append(piece)
            else:
                words.extend(piece)  # one character at a time, as jieba does
    return words


def _segment_block(block: str, tokenizer) -> Iterator[str]:
    """jieba's ``__cut_DAG``: the route's words, runs of single characters through finalseg."""
    from jieba import finalseg

    run = ""
    for word in [*route_words(block, tokenizer), None]:
        if word is not None and len(word) == 1:
            run += word
            continue
        if run:
            if len(run) == 1:
                yield run
            elif not tokenizer.FREQ.get(run):
                yield from finalseg.cut(run)
            else:
                yield from run
            run = ""
        if word is not None:
            yield word
