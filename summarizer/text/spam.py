"""SEO spam: keyword strings stuffed into an article at random places.

Spam is found by how it sits in the text, not by a list of words: a short
string that recurs across paragraphs, whose neighbours differ every time (it is
no collocation), and which often sits between a complete clause and a comma or
line end, where removing it leaves the sentence whole. Names from the glossary
are never spam.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable

import numpy as np

from summarizer.text.script_convert import code_points, han_mask

_HAN = re.compile(r"[\u4e00-\u9fff]")
_WORDLIKE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
_MIN_LEN, _MAX_LEN = 3, 8
_MIN_COUNT = 3
# Share of occurrences that must dangle: a clause break on one side and a Chinese
# character on the other, as when a keyword is glued to the end or the start of a clause.
_MIN_DANGLING = 0.5
# Share of occurrences with a context (neighbour on each side) of their own.
_MIN_CONTEXT_VARIETY = 0.7


def _candidates(text: str) -> dict[str, list[int]]:
    """Strings of 3 to 8 Han characters seen at least three times, each with every start.

    Only maximal ones: a string goes when one a character longer occurs as often.
    Counted length by length, a string only when its prefix is itself repeated (a
    string cannot occur more often than its prefix); the starts come from the same
    count. Listed in the order of their first sighting run by run, shortest first
    within a run.
    """
    codes = code_points(text).astype(np.int64)
    han = han_mask(codes)
    # the three-character strings counted as numbers (three 21-bit code points), in numpy:
    # only the repeated ones are made into strings
    starts = np.flatnonzero(han[:-2] & han[1:-1] & han[2:])
    if len(starts) < _MIN_COUNT:
        return {}  # too few three-character strings for one to recur
    keys = (codes[starts] << 42) | (codes[starts + 1] << 21) | codes[starts + 2]
    spots = starts[_repeated(keys)].tolist()
    if not spots:
        return {}
    grams = [text[start : start + _MIN_LEN] for start in spots]
    counts = Counter(grams)  # every start of a repeated string is among the spots
    frequent = set(counts)
    repeated: dict[str, int] = {}
    positions: dict[str, list[int]] = {}
    n = _MIN_LEN
    while True:
        # ``spots`` holds every start of a repeated string of length n, in order
        repeated.update((g, counts[g]) for g in frequent)
        positions.update((g, []) for g in frequent)  # every gram of this length is frequent
        for start, gram in zip(spots, grams):
            positions[gram].append(start)
        n += 1
        if n > _MAX_LEN:
            break
        # only repeated strings one shorter are extended, since only they can repeat,
        # and only where the run goes on for another Han character
        spots = [
            start
            for start in spots
            if start + n <= len(text) and "\u4e00" <= text[start + n - 1] <= "\u9fff"
        ]
        grams = [text[start : start + n] for start in spots]
        counts = Counter(grams)
        frequent = {g for g, c in counts.items() if c >= _MIN_COUNT}
        if not frequent:
            break
        kept = [(start, gram) for start, gram in zip(spots, grams) if gram in frequent]
        spots, grams = [start for start, _ in kept], [gram for _, gram in kept]
    covered = set()
    for longer, c in repeated.items():
        if len(longer) > _MIN_LEN:
            for part in (longer[:-1], longer[1:]):
                if repeated.get(part) == c:
                    covered.add(part)
    kept_grams = [g for g in repeated if g not in covered]
    # where each run of Han characters starts (a Han character after anything else)
    run_starts = (np.flatnonzero(han[1:] & ~han[:-1]) + 1).tolist()
    if han[0]:
        run_starts.insert(0, 0)

    def first_sighting(gram: str) -> tuple[int, int, int]:
        first = positions[gram][0]
        return bisect.bisect_right(run_starts, first), len(gram), first

    kept = sorted(kept_grams, key=first_sighting)
    return {g: positions[g] for g in kept}


def _repeated(keys: np.ndarray) -> np.ndarray:
    """Which of ``keys`` occur at least three times: the count of each run of equal keys,
    once sorted, handed back to its members (what ``np.unique`` with counts and inverse
    gives, in fewer calls)."""
    order = keys.argsort()
    ordered = keys[order]
    new_run = np.empty(len(keys), dtype=bool)
    new_run[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=new_run[1:])
    run = new_run.cumsum() - 1
    repeated = np.empty(len(keys), dtype=bool)
    repeated[order] = np.bincount(run)[run] >= _MIN_COUNT
    return repeated


def _non_overlapping(starts: list[int], length: int) -> list[int]:
    """The starts ``re.finditer`` reports: leftmost first, each after the previous match."""
    kept: list[int] = []
    free_from = 0
    for start in starts:
        if start >= free_from:
            kept.append(start)
            free_from = start + length
    return kept


def _is_break(ch: str) -> bool:
    """A clause break: comma, full stop, space or line end (not 、, which joins a list)."""
    return ch in "，,。；;：:！？!? \t\n"


# A string that starts with a structural particle is bound to the words before
# it (在……的情况下): grammar, not an insertion.
_BOUND_START = set("的地得了着过之与和及或并而")


def find_spam_strings(text: str, protected: Iterable[str] = ()) -> list[str]:
    """Strings in ``text`` that look stuffed in; ``protected`` terms never count (read only
    when some string looks stuffed in by where it stands)."""
    positions = _candidates(text)
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    spread = [
        (s, every)
        for s, every in positions.items()
        if s[0] not in _BOUND_START
        and len({bisect.bisect_right(line_starts, i) for i in every}) >= _MIN_COUNT
    ]  # in three paragraphs or more
    found: list[str] = []
    protected_set: set[str] | None = None
    protected_text = ""
    for s, every in spread:
        spots = _non_overlapping(every, len(s))
        lefts = [text[i - 1] if i > 0 else "\n" for i in spots]
        rights = [text[i + len(s)] if i + len(s) < len(text) else "\n" for i in spots]
        if sum(1 for lch, rch in zip(lefts, rights) if lch.isdigit() or rch.isdigit()) > 1:
            continue  # bound to figures (同比增长24%): grammar, not an insertion
        dangling = sum(
            1
            for lch, rch in zip(lefts, rights)
            if (_is_break(lch) and _HAN.match(rch)) or (_HAN.match(lch) and _is_break(rch))
        )
        if dangling / len(spots) < _MIN_DANGLING:
            continue
        contexts = {
            ("|" if _is_break(lch) else lch, "|" if _is_break(rch) else rch)
            for lch, rch in zip(lefts, rights)
        }
        if len(contexts) / len(spots) < _MIN_CONTEXT_VARIETY:
            continue
        if not _is_foreign(s, text):
            continue
        # the terms are read only now, for the few strings that got this far (on most
        # pages none): ``protected`` may be worked out lazily
        if protected_set is None:
            protected_set = {p for p in protected if p}
            # candidates are Han strings: inside a protected term when inside this joined text
            protected_text = "\n".join(protected_set)
        if s in protected_text or _holds_any(s, protected_set):
            continue
        found.append(s)
    return sorted(found, key=len, reverse=True)


def _holds_any(s: str, terms: set[str]) -> bool:
    """Whether one of ``terms`` occurs in the short string ``s`` (each piece of ``s`` looked up)."""
    return any(s[i:j] in terms for i in range(len(s)) for j in range(i + 1, len(s) + 1))


def _is_foreign(s: str, text: str) -> bool:
    """True when ``s`` is a search phrase of two or more words, none used elsewhere in ``text``.

    Real phrases share their words with the rest of the article (数据 of 数据显示
    recurs on its own); a stuffed keyword (全职 + 美工) brings words of its own.
    A single dictionary word (本季度, 无论是) is vocabulary, not a keyword phrase.
    """
    from summarizer.text.segmenter import plain_segmenter

    words = [w for w in plain_segmenter().segment(s) if len(w) >= 2]
    if len(words) < 2 or sum(len(w) for w in words) < len(s) - 1:
        return False
    rest = text.replace(s, "\n")
    return not any(w in rest for w in words)


def remove_strings(text: str, strings: Iterable[str]) -> tuple[str, Counter[str]]:
    """Remove every occurrence of each string, with the whitespace it leaves."""
    removed: Counter[str] = Counter()
    for s in strings:
        text, n = re.subn(re.escape(s) + r"[ \t\u3000]?", "", text)
        removed[s] += n
    return text, removed


def is_orphan_line(line: str, rest_of_article: str) -> bool:
    """A short standalone line sharing no word with the article: an inserted keyword.

    Headings share words with the section they open and captions repeat a
    sentence; a job-board keyword dropped between paragraphs shares nothing.
    """
    from summarizer.text.segmenter import plain_segmenter

    stripped = line.strip()
    if not stripped or len(stripped) > 8 or not _HAN.search(stripped):
        return False
    if re.search(r"[\d０-９一二三四五六七八九十]+[、.．]|[，,。：:；;！？!?]", stripped):
        return False
    words = [w for w in plain_segmenter().segment(stripped) if len(w) >= 2]
    return bool(words) and not any(w in rest_of_article for w in words)
