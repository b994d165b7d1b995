"""jieba.posseg's HMM for the runs of characters its dictionary leaves single, faster.

jieba.posseg segments with the dictionary (see Segmenter.tag) and sends each run
of characters the dictionary leaves single through a Viterbi search over 256
(position, tag) states. That search, in pure Python with a dict lookup per state
pair, is where most of the tagging time goes. Here it is the same computation
done on numpy arrays: the same sums in the same order, and ties broken as
jieba's ``max`` over ``(probability, state)`` tuples breaks them (the largest
state wins), so every path is identical. The model is jieba's, fixed: nothing
here depends on a dictionary or a glossary.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from summarizer.text.jieba_model import (
    ENGLISH,
    FINALSEG_HAN,
    FINALSEG_SKIP,
    HAN_DETAIL,
    HAN_INTERNAL,
    NUMBER,
    SKIP_DETAIL,
    model_table,
)

_MIN_FLOAT = -3.14e100  # jieba's score for a character a state never emits


@dataclass(frozen=True)
class _Model:
    states: tuple[tuple[str, str], ...]  # sorted, so a larger index is a larger state
    start: np.ndarray
    transition: np.ndarray  # [from, to], -inf where jieba has no transition
    successors: np.ndarray  # [from, to] bool: the transitions jieba lists
    has_successor: np.ndarray
    char_states: dict[str, np.ndarray]  # bool mask of the states a character may take
    detail_patterns: tuple[re.Pattern[str], ...]  # posseg's han, skip, number and Latin patterns


@functools.cache
def _model() -> _Model:
    char_state_tab_P = model_table("posseg", "char_state_tab")
    start_P = model_table("posseg", "prob_start")
    trans_P = model_table("posseg", "prob_trans")
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
        detail_patterns=(HAN_DETAIL, SKIP_DETAIL, NUMBER, ENGLISH),
    )


def han_blocks(sentence: str) -> list[str]:
    """``sentence`` cut where jieba.posseg cuts it before tagging: runs of Han, Latin and
    digits (each tagged alone, whatever stands around it) and the pieces between them."""
    return HAN_INTERNAL.split(sentence)


@functools.lru_cache(maxsize=8192)
def _emission(char: str) -> np.ndarray:
    emit_P = model_table("posseg", "prob_emit")
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
    # a word takes the tag of the state that ends it; an unfinished last one, of its first
    return tuple(
        (chars[start:end], path[end - 1][1] if path[end - 1][0] in "ES" else path[start][1])
        for start, end in _word_spans([position for position, _ in path])
    )


def _word_spans(positions: list[str]) -> list[tuple[int, int]]:
    """Word spans from per-character positions (Begin, Middle, End, Single), as jieba's HMMs
    cut them: a word ends at E or S; characters left after the last end make one word."""
    spans: list[tuple[int, int]] = []
    begin = next_start = 0
    for i, position in enumerate(positions):
        if position == "B":
            begin = i
        elif position == "E":
            spans.append((begin, i + 1))
            next_start = i + 1
        elif position == "S":
            spans.append((i, i + 1))
            next_start = i + 1
    if next_start < len(positions):
        spans.append((next_start, len(positions)))
    return spans


def unknown_run(run: str) -> Iterator[tuple[str, str]]:
    """A run of single characters the dictionary does not know as a word (posseg's ``__cut_detail``)."""
    re_han_detail, re_skip_detail, re_num, re_eng = _model().detail_patterns
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


@dataclass(frozen=True)
class _WordModel:
    """jieba.finalseg's four-state (Begin, Middle, End, Single) HMM and its block patterns."""

    start: dict[str, float]
    transition: dict[str, dict[str, float]]
    emission: dict[str, dict[str, float]]
    han: re.Pattern[str]
    skip: re.Pattern[str]


@functools.cache
def _word_model() -> _WordModel:
    return _WordModel(
        model_table("finalseg", "prob_start"),
        model_table("finalseg", "prob_trans"),
        model_table("finalseg", "prob_emit"),
        FINALSEG_HAN,
        FINALSEG_SKIP,
    )


def split_unknown(run: str) -> list[str]:
    """The words ``jieba.finalseg.cut`` finds in a run the dictionary does not know."""
    model = _word_model()
    words: list[str] = []
    for block in model.han.split(run):
        if model.han.match(block):
            words.extend(_hmm_split(block, model))
        else:
            words.extend(piece for piece in model.skip.split(block) if piece)
    return words


def _best(later: float, later_state: str, earlier: float, earlier_state: str) -> tuple[float, str]:
    """jieba's ``max`` over two (score, state) pairs: of equal scores the later letter wins."""
    return (later, later_state) if later >= earlier else (earlier, earlier_state)


def _hmm_split(chars: str, model: _WordModel) -> list[str]:
    """finalseg's Viterbi search written out for its four states: the same sums in the same
    order, and of equal scores the state jieba's ``max`` over (score, state) picks (the later
    letter), so the path is the same."""
    emit_b, emit_e, emit_m, emit_s = (model.emission[s] for s in "BEMS")
    trans = model.transition
    t_bm, t_be = trans["B"]["M"], trans["B"]["E"]
    t_eb, t_es = trans["E"]["B"], trans["E"]["S"]
    t_mm, t_me = trans["M"]["M"], trans["M"]["E"]
    t_sb, t_ss = trans["S"]["B"], trans["S"]["S"]
    first = chars[0]
    b = model.start["B"] + emit_b.get(first, _MIN_FLOAT)
    e = model.start["E"] + emit_e.get(first, _MIN_FLOAT)
    m = model.start["M"] + emit_m.get(first, _MIN_FLOAT)
    s = model.start["S"] + emit_s.get(first, _MIN_FLOAT)
    back: list[tuple[str, str, str, str]] = []  # per character: the state before B, E, M, S
    for ch in chars[1:]:
        to_b, to_e = emit_b.get(ch, _MIN_FLOAT), emit_e.get(ch, _MIN_FLOAT)
        to_m, to_s = emit_m.get(ch, _MIN_FLOAT), emit_s.get(ch, _MIN_FLOAT)
        new_b, before_b = _best(s + t_sb + to_b, "S", e + t_eb + to_b, "E")
        new_e, before_e = _best(m + t_me + to_e, "M", b + t_be + to_e, "B")
        new_m, before_m = _best(m + t_mm + to_m, "M", b + t_bm + to_m, "B")
        new_s, before_s = _best(s + t_ss + to_s, "S", e + t_es + to_s, "E")
        b, e, m, s = new_b, new_e, new_m, new_s
        back.append((before_b, before_e, before_m, before_s))
    state = "S" if s >= e else "E"
    states = [state]
    for before in reversed(back):
        state = before["BEMS".index(state)]
        states.append(state)
    states.reverse()
    return [chars[start:end] for start, end in _word_spans(states)]
