"""Which of many regular expressions can match a text, told by the characters they start with.

A lexicon of some eighty patterns searched one by one costs eighty searches per
sentence although a sentence holds two or three of them. Each pattern's possible
first characters are read from its parsed form (Python's own ``re`` parser); a
pattern none of whose first characters is in the text cannot match it. A pattern
that can start with any character, or match the empty string, is always searched.
Read to two characters (``prefixes``), the test is sharper: a sentence holding 毛
and 利 apart is not searched for 毛利率.
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


def _opens_with_characters(items) -> bool:
    """Whether a parsed pattern opens with a character, a class, or alternatives that each
    open with a character: then the regex engine itself skips to the places one stands."""
    while items and items[0][0] is sre.SUBPATTERN:
        items = items[0][1][3]
    if not items:
        return False
    op, value = items[0]
    if op in (sre.LITERAL, sre.IN):
        return True
    return op is sre.BRANCH and all(branch and branch[0][0] is sre.LITERAL for branch in value[1])


def with_first_character_test(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern``, opened with a lookahead on its first characters where the regex engine
    cannot skip to them itself (an optional word or a lookbehind first): one character test
    at each place instead of every alternative tried there. The same matches, groups and
    spans."""
    if pattern.flags & re.IGNORECASE:
        return pattern
    if _opens_with_characters(sre_parse.parse(pattern.pattern, pattern.flags)):
        return pattern
    first = first_characters(pattern)
    if first is None:
        return pattern
    characters = "".join(re.escape(ch) for ch in sorted(first))
    return re.compile(f"(?=[{characters}])(?:{pattern.pattern})", pattern.flags)


# prefixes of a pattern, as (text, whether a match may go on after it with the next item)
_Prefixes = set[tuple[str, bool]]
# more prefixes than this and a pattern is indexed by its first characters alone
_MAX_PREFIXES = 4096


def _item_prefixes(op, value, length: int) -> _Prefixes:
    """The texts, up to ``length`` characters, that a match of one item can start with."""
    if op is sre.LITERAL:
        return {(chr(value), True)}
    if op is sre.IN:
        first, _ = _item_first(op, value)
        return {(ch, True) for ch in first} if first is not None else {("", False)}
    if op is sre.BRANCH:
        found: _Prefixes = set()
        for branch in value[1]:
            found |= _sequence_prefixes(branch, length)
        return found
    if op is sre.SUBPATTERN:
        if value[1] & re.IGNORECASE:
            return {("", False)}
        return _sequence_prefixes(value[3], length)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)):
        low, high, inner = value
        found = _sequence_prefixes(inner, length)
        if high != 1:
            # one repetition read, and the prefix ends there: shorter, never wrong
            found = {(text, False) for text, _ in found}
        return found | {("", True)} if low == 0 else found
    if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
        return {("", True)}  # consumes nothing
    return {("", False)}  # any character: the prefix ends before it


def _sequence_prefixes(items, length: int) -> _Prefixes:
    prefixes: _Prefixes = {("", True)}
    for op, value in items:
        extended: _Prefixes = set()
        for text, goes_on in prefixes:
            if not goes_on or len(text) >= length:
                extended.add((text, False))
                continue
            for more, more_goes_on in _item_prefixes(op, value, length - len(text)):
                joined = (text + more)[:length]
                extended.add((joined, more_goes_on and len(joined) < length))
        prefixes = extended
        if len(prefixes) > _MAX_PREFIXES:
            return {(text[:1], False) for text, _ in prefixes}
    return prefixes


def prefixes(pattern: re.Pattern[str], length: int) -> frozenset[str] | None:
    """Texts of at most ``length`` characters one of which starts every match of ``pattern``
    (shorter where a match may be shorter, or where any character may follow); None where a
    match may start with any character or be empty."""
    if pattern.flags & re.IGNORECASE:
        return None
    found = {
        text
        for text, _ in _sequence_prefixes(sre_parse.parse(pattern.pattern, pattern.flags), length)
    }
    return None if "" in found else frozenset(found)


class FirstCharacterIndex:
    """The indices of the patterns that can match a text, in the patterns' order.

    With ``length`` 2 a pattern is indexed by its first two characters where every match
    has two (毛利率 is not searched in a sentence that holds 毛 and 利 apart).
    """

    def __init__(self, patterns: Sequence[re.Pattern[str]], length: int = 1) -> None:
        self._always: list[int] = []
        self._by_prefix: dict[str, list[int]] = {}
        for index, pattern in enumerate(patterns):
            first = first_characters(pattern) if length == 1 else prefixes(pattern, length)
            if first is None:
                self._always.append(index)
                continue
            for prefix in first:
                self._by_prefix.setdefault(prefix, []).append(index)
        self._characters = sorted(p for p in self._by_prefix if len(p) == 1)
        self._pairs = frozenset(p for p in self._by_prefix if len(p) == 2)
        # every two characters in a row that start with a pair's first character, read in one
        # pass of the regex engine (a set operation on the text would make a string of each of
        # its characters first); with length 1, the characters are looked for one by one in C
        starts = sorted({re.escape(pair[0]) for pair in self._pairs})
        self._pair_reader = re.compile(f"(?=([{''.join(starts)}].))", re.S) if starts else None

    def candidates(self, text: str) -> list[int]:
        """Every pattern that may match somewhere in ``text``; the others cannot."""
        found = set(self._always)
        by_prefix = self._by_prefix
        for character in self._characters:
            if character in text:
                found.update(by_prefix[character])
        if self._pair_reader is not None:
            # the intersection runs in C and leaves only the few pairs that start a pattern
            for pair in self._pairs.intersection(self._pair_reader.findall(text)):
                found.update(by_prefix[pair])
        return sorted(found)
