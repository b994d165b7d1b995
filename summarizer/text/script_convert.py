"""OpenCC script conversion at C speed, with the tables of opencc-python-reimplemented.

That package converts text piece by piece (pieces split at punctuation and
spaces), and in each piece applies the phrase table first, always taking the
longest phrase anywhere in the piece (leftmost among equals) and repeating on
what is left either side; characters no phrase covered then go through the
character table. Its pure-Python matcher does this at about 0.5 M characters/s.

Here the same result comes faster:
- characters go through ``str.translate``, or, in a long text, through a table of
  code points in numpy (about twenty times faster; the same characters);
- a phrase only changes the output when its converted form differs from
  converting its characters one by one. The characters at which some phrase
  differs are "ambiguous"; text without one converts exactly as its
  characters do, so text without any (the common case) is one translation;
- no phrase reaches past a character that occurs in no phrase, nor past a
  separator (the package converts the text between separators apart): only the
  run of phrase characters around each ambiguous character is matched against
  the phrases, and the rest of the text is translated in one piece;
- such a run gets the phrase matching itself: every
  phrase occurrence is listed (walking key prefixes from each position where a
  key can open, found as code-point pairs in a long run), and
  occurrences are taken longest first, leftmost among equals, skipping any that
  overlaps one already taken. That is the same choice as the repeated
  longest-anywhere search, in O(n log n) instead of O(n²).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

# below this many characters ``str.translate`` costs less than the round trip through an array
_ARRAY_FROM = 48


def code_points(text: str) -> np.ndarray:
    """The code points of ``text`` (lone surrogates included) as an array."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def han_mask(codes: np.ndarray) -> np.ndarray:
    """Which code points are Chinese characters (the CJK Unified Ideographs, U+4E00-U+9FFF)."""
    return (codes >= 0x4E00) & (codes <= 0x9FFF)


def _as_codes(text: str | np.ndarray) -> np.ndarray:
    """A text's code points; code points as they are."""
    return code_points(text) if isinstance(text, str) else text


@dataclass(frozen=True)
class _PhraseTable:
    values: dict[str, str]
    prefixes: frozenset[str]  # every proper prefix of a key, to stop walking early
    openings: frozenset[str]  # the first two characters of every key
    max_len: int


def _package_dir() -> Path:
    import opencc

    return Path(opencc.__file__).parent


def _read_table(name: str) -> dict[str, str]:
    """One dictionary file, read as the package reads it (later lines win, first of several values)."""
    table: dict[str, str] = {}
    path = _package_dir() / "dictionary" / name
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            key, value = line.strip().split("\t")
            table[key] = value.split(" ")[0]
    return table


@functools.cache
def _separators() -> re.Pattern[str]:
    """The package's piece separators: no phrase spans one of them."""
    from opencc import OpenCC

    return OpenCC().split_chars_re


class ScriptConverter:
    """Converts text as ``opencc.OpenCC(config).convert`` does, for a config made of one
    group of a phrase table followed by a character table (``t2s``, ``s2t`` ...)."""

    def __init__(self, config: str) -> None:
        setting = json.loads((_package_dir() / "config" / f"{config}.json").read_text("utf-8"))
        chain = setting["conversion_chain"]
        files = [d.get("file") for d in chain[0]["dict"].get("dicts", [])] if chain else []
        if len(chain) != 1 or len(files) != 2:
            raise ValueError(f"{config}: only one phrase table and one character table supported")
        phrases, characters = (_read_table(f) for f in files)
        if any(len(k) != 1 for k in characters) or any(len(k) < 2 for k in phrases):
            raise ValueError(
                f"{config}: expected {files[0]} to hold phrases, {files[1]} characters"
            )
        self._chars = str.maketrans(characters)
        self._phrases = _PhraseTable(
            values=phrases,
            prefixes=frozenset(k[:i] for k in phrases for i in range(1, len(k))),
            openings=frozenset(k[:2] for k in phrases),
            max_len=max(map(len, phrases), default=0),
        )
        ambiguous = {
            ch
            for key, value in phrases.items()
            for ch in _differing(key, value, key.translate(self._chars))
        }
        self._ambiguous_chars = frozenset(ambiguous)
        self._ambiguous = (
            re.compile("[" + "".join(re.escape(c) for c in sorted(ambiguous)) + "]")
            if ambiguous
            else None
        )
        # the first two characters of every key as sorted pairs of code points
        self._openings = np.array(
            sorted((ord(k[0]) << 21) | ord(k[1]) for k in self._phrases.openings) or [1 << 63],
            dtype=np.uint64,
        )
        separators = _separators()
        if any(separators.match(k) for k, v in characters.items() if v != k):
            raise ValueError(f"{config}: its character table changes a piece separator")
        # The package converts the text between separators apart, and a phrase lies within
        # a run of characters that occur in phrases: so within a run of such characters
        # that are no separator (every separator is one character, or a run of spaces).
        self._run_chars = frozenset(c for c in set("".join(phrases)) if not separators.match(c))
        self._run_end = re.compile(
            "[" + "".join(re.escape(c) for c in sorted(self._run_chars)) + "]*"
        )
        # a text holding none of these comes out as it went in
        changing = {k for k, v in characters.items() if v != k} | ambiguous
        # the same conversion and test as arrays of code points, for long texts; code points
        # past the tables change nothing
        self._limit = max(map(ord, [*characters, *changing]), default=0) + 1
        self._changing = np.zeros(self._limit + 1, dtype=bool)
        self._changing[[ord(c) for c in changing]] = True
        # characters every conversion changes: the table changes them and no phrase differs
        self._always = np.zeros(self._limit + 1, dtype=bool)
        self._always[[ord(k) for k, v in characters.items() if v != k and k not in ambiguous]] = (
            True
        )
        # where every value is as long as its key, conversion keeps characters in place
        self._in_place = all(len(v) == 1 for v in characters.values()) and all(
            len(v) == len(k) for k, v in phrases.items()
        )
        self._table: np.ndarray | None = None
        if all(len(v) == 1 for v in characters.values()):
            self._table = np.arange(self._limit, dtype=np.uint32)
            self._table[[ord(k) for k in characters]] = [ord(v) for v in characters.values()]

    def changes(self, text: str | np.ndarray) -> bool:
        """Whether ``convert`` would change ``text`` (or the text of these code points): no
        conversion, one array lookup."""
        return bool(self._changing[np.minimum(_as_codes(text), self._limit)].any())

    def changed_bounds(self, text: str | np.ndarray) -> tuple[int, int]:
        """At least and at most how many characters ``convert`` changes in place, without
        converting: those the table always changes, and those it may change (``text`` may be
        given as its code points). Where conversion
        can move characters (a value longer than its key), (0, the length)."""
        if not self._in_place:
            return 0, len(text)
        codes = np.minimum(_as_codes(text), self._limit)
        return int(np.count_nonzero(self._always[codes])), int(
            np.count_nonzero(self._changing[codes])
        )

    @property
    def keeps_places(self) -> bool:
        """Whether every conversion keeps each character in its place (no value longer than
        its key), so that characters can be compared position by position."""
        return self._in_place

    def convert(self, text: str) -> str:
        if self._table is None:  # a character may turn into several: a stretch at a time
            return self._convert_apart(text)
        # each character turns into one: the text translates whole, and the runs where
        # phrases decide are put in its place (a run of one character holds no phrase)
        whole = self._translate(text)
        out: list[str] = []
        done = 0
        for start, end, phrased in self._phrase_runs(text):
            if phrased and end - start > 1:
                out += (whole[done:start], self._convert_piece(text[start:end], whole[start:end]))
                done = end
        if not out:
            return whole
        out.append(whole[done:])
        return "".join(out)

    def _convert_apart(self, text: str) -> str:
        out: list[str] = []
        done = 0
        for start, end, phrased in self._phrase_runs(text):
            out.append(self._translate(text[done:start]))
            piece = text[start:end]
            out.append(self._convert_piece(piece) if phrased else self._translate(piece))
            done = end
        out.append(self._translate(text[done:]))
        return "".join(out)

    def _phrase_runs(self, text: str) -> Iterator[tuple[int, int, bool]]:
        """Where phrases may decide: each run of phrase characters holding an ambiguous
        character, as (start, end, True); an ambiguous separator, which the package leaves to
        the character table, as (at, at + 1, False). Everything else converts character by
        character."""
        if self._ambiguous is None:
            return
        done = 0
        while (found := self._ambiguous.search(text, done)) is not None:
            at = found.start()
            if text[at] not in self._run_chars:
                yield at, at + 1, False
                done = at + 1
                continue
            start = at
            while start > done and text[start - 1] in self._run_chars:
                start -= 1
            done = self._run_end.match(text, at).end()
            yield start, done, True

    def resolved_runs(self, text: str) -> Iterator[tuple[int, int]]:
        """For in-place conversion, run by run where phrases decide: how many ambiguous
        characters the run holds and how many of them ``convert`` changes. Every other
        character changes exactly when ``changed_bounds`` counts it as sure to, so these
        turn its bounds into the exact count, a run at a time."""
        for start, end, phrased in self._phrase_runs(text):
            piece = text[start:end]
            if phrased and end - start > 1:
                converted = self._convert_piece(piece)
            else:  # a separator, or a run too short to hold a phrase
                converted = piece.translate(self._chars)
            ambiguous = [i for i, ch in enumerate(piece) if ch in self._ambiguous_chars]
            yield len(ambiguous), sum(piece[i] != converted[i] for i in ambiguous)

    def changed_count(self, text: str, low: int | None = None) -> int:
        """How many characters ``convert`` changes, position by position; 0 where it changes
        the length (no alignment). ``low``: the lower of ``changed_bounds``, where the caller
        has it."""
        if self._in_place:
            if low is None:
                low, _ = self.changed_bounds(text)
            return low + sum(changed for _, changed in self.resolved_runs(text))
        converted = self.convert(text) if self.changes(text) else text
        if len(converted) != len(text):
            return 0
        return int(np.count_nonzero(code_points(text) != code_points(converted)))

    def _translate(self, text: str) -> str:
        """``text`` converted character by character (``str.translate``); long texts as
        arrays of code points, about twenty times faster than a lookup per character."""
        if len(text) < _ARRAY_FROM or self._table is None:
            return text.translate(self._chars)
        codes = code_points(text)
        if codes.max() >= self._limit:
            return text.translate(self._chars)
        return self._table[codes].tobytes().decode("utf-32-le", "surrogatepass")

    def _phrase_starts(self, piece: str) -> list[int]:
        """Where a phrase may start: every key has two characters or more, so a start's
        two characters open some key. A long piece is looked up as pairs of code points."""
        if len(piece) < _ARRAY_FROM:
            openings = self._phrases.openings
            return [i for i in range(len(piece) - 1) if piece[i : i + 2] in openings]
        codes = code_points(piece).astype(np.uint64)
        pairs = (codes[:-1] << 21) | codes[1:]  # a code point has 21 bits
        spots = np.minimum(np.searchsorted(self._openings, pairs), len(self._openings) - 1)
        return np.flatnonzero(self._openings[spots] == pairs).tolist()

    def _convert_piece(self, piece: str, translated: str | None = None) -> str:
        """``piece`` with its phrases converted; ``translated``: the piece translated
        character by character, where the caller has it."""
        table = self._phrases
        n = len(piece)
        occurrences: list[tuple[int, int]] = []  # (-length, start)
        for start in self._phrase_starts(piece):
            end = start + 1
            while end < n and end - start < table.max_len:
                end += 1
                key = piece[start:end]
                if key in table.values:
                    occurrences.append((start - end, start))
                if key not in table.prefixes:
                    break
        occurrences.sort()
        taken = bytearray(n)
        chosen: dict[int, int] = {}
        for negative_length, start in occurrences:
            end = start - negative_length
            if taken.find(1, start, end) == -1:
                taken[start:end] = b"\x01" * (end - start)
                chosen[start] = end
        # the characters between chosen phrases go through translate: the whole piece at once
        # where each character converts to one (then the stretches line up), else a stretch
        # at a time
        whole = translated
        if whole is None and self._table is not None:
            whole = self._translate(piece)
        out: list[str] = []
        i = 0
        for start in sorted(chosen):
            out.append(
                whole[i:start] if whole is not None else piece[i:start].translate(self._chars)
            )
            i = chosen[start]
            out.append(table.values[piece[start:i]])
        out.append(whole[i:] if whole is not None else piece[i:].translate(self._chars))
        return "".join(out)


def _differing(key: str, converted: str, by_characters: str) -> list[str]:
    """The characters of ``key`` where its phrase conversion and its character-wise one differ."""
    if len(converted) != len(key):
        return list(key)
    return [k for k, c, b in zip(key, converted, by_characters) if c != b]
