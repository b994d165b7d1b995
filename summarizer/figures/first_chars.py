"""Which of many regular expressions can match a text, told by the characters they start with.

A lexicon of some eighty patterns searched one by one costs eighty searches per
sentence although a sentence holds two or three of them. Each pattern's possible
first characters are read from its parsed form (Python's own ``re`` parser); a
pattern none of whose first characters is in the text cannot match it. A pattern
that can start with any character, or match the empty string, is always searched.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from re import _constants as sre
from re import _parser as sre_parse

# a character range wider than this is "any character" (too many to list)
_MAX_RANGE = 512


def _item_first(op, value) -> tuple[set[str] | None, bool]:
    """(first characters or None for any, whether the item can match nothing) of one item."""
    if op is sre.LITERAL:
        return {chr(value)}, False
    if op is sre.IN:
        chars: set[str] = set()
        for member, argument in value:
            if member is sre.LITERAL:
                chars.add(chr(argument))
            elif member is sre.RANGE and argument[1] - argument[0] <= _MAX_RANGE:
                chars.update(map(chr, range(argument[0], argument[1] + 1)))
            else:  # NEGATE, CATEGORY (\d, \s), a wide range
                return None, False
        return chars, False
    if op is sre.BRANCH:
        chars, empty = set(), False
        for branch in value[1]:
            first, nullable = _sequence_first(branch)
            if first is None:
                return None, False
            chars |= first
            empty = empty or nullable
        return chars, empty
    if op is sre.SUBPATTERN:
        _group, add_flags, _del_flags, inner = value
        if add_flags & re.IGNORECASE:
            return None, False
        return _sequence_first(inner)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)):
        low, _high, inner = value
        first, nullable = _sequence_first(inner)
        return first, nullable or low == 0
    if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
        return set(), True  # consumes nothing: the characters after it decide
    return None, False  # any character (., \w), a back reference: no restriction


def _sequence_first(items) -> tuple[set[str] | None, bool]:
    chars: set[str] = set()
    for op, value in items:
        first, nullable = _item_first(op, value)
        if first is None:
            return None, False
        chars |= first
        if not nullable:
            return chars, False
    return chars, True


def first_characters(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The characters a match of ``pattern`` can start with; None where that is any character
    or where it can match the empty string."""
    if pattern.flags & re.IGNORECASE:
        return None
    first, nullable = _sequence_first(sre_parse.parse(pattern.pattern, pattern.flags))
    return None if first is None or nullable else frozenset(first)


class FirstCharacterIndex:
    """The indices of the patterns that can match a text, in the patterns' order."""

    def __init__(self, patterns: Sequence[re.Pattern[str]]) -> None:
        self._always: list[int] = []
        self._by_character: dict[str, list[int]] = {}
        for index, pattern in enumerate(patterns):
            first = first_characters(pattern)
            if first is None:
                self._always.append(index)
                continue
            for ch in first:
                self._by_character.setdefault(ch, []).append(index)
        self._first_characters = frozenset(self._by_character)

    def candidates(self, text: str) -> list[int]:
        """Every pattern that may match somewhere in ``text``; the others cannot."""
        found = set(self._always)
        by_character = self._by_character
        # the intersection runs in C and leaves only the few characters that start a pattern
        for ch in self._first_characters.intersection(text):
            found.update(by_character[ch])
        return sorted(found)
