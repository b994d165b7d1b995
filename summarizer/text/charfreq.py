"""jieba's dictionary (words, frequencies, part-of-speech tags), loaded once and never changed.

The dictionary is read as jieba's tokenizer and tagger read it (see jieba_cache), apart
from jieba's global tokenizer, so nothing another module adds to jieba
(``jieba.add_word``) reaches it: mojibake repair, spam checks and character frequencies
always see the same words.
Words a pipeline adds (its glossary) live in that pipeline's Segmenter; mojibake
repair weighs candidates with jieba's words and the shipped glossary's names, a
fixed table.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from summarizer.text.jieba_cache import jieba_tables
from summarizer.text.table_cache import cached


@dataclass(frozen=True)
class WordDictionary:
    """jieba's words with their frequencies (prefixes of words at 0, as jieba keeps them)
    and tags, and the words added on top of them (with_words).

    The mappings are read-only views: jieba's table is shared by every dictionary, and
    adding words copies nothing of it.
    """

    frequencies: Mapping[str, int]  # jieba's words
    added: Mapping[str, int]  # words added on top, and their prefixes; they win
    total: int
    tags: Mapping[str, str]
    frequency: Callable[[str], int | None]  # a word's: added first, else jieba's; None if unknown
    tag: Callable[[str, str], str]  # tags.get, as fast as a dict's


@functools.cache
def jieba_dictionary() -> WordDictionary:
    """jieba's own dictionary (Simplified Chinese), read once, apart from jieba's global one."""
    tables = jieba_tables()
    frequencies, tags = tables.frequencies, tables.tags
    return WordDictionary(
        MappingProxyType(frequencies),
        MappingProxyType({}),
        tables.total,
        MappingProxyType(tags),
        frequencies.get,
        tags.get,
    )


# The frequency a name gets beside jieba's words: high enough that the name wins over
# the shorter words inside it (as jieba's add_word(name, freq=...) would place it).
NAME_FREQUENCY = 50_000


def with_words(dictionary: WordDictionary, words: Iterable[str]) -> WordDictionary:
    """``dictionary`` plus ``words`` (two characters or more) as jieba's ``add_word(word,
    freq=max(known, NAME_FREQUENCY))`` adds them to a tokenizer: the word at that frequency,
    the total grown by it, its prefixes known. ``dictionary`` is not touched."""
    known, total = dictionary.frequency, dictionary.total
    added = dict(dictionary.added)
    for word in dict.fromkeys(w for w in words if len(w) >= 2):
        current = added.get(word)
        added[word] = max(known(word) or 0 if current is None else current, NAME_FREQUENCY)
        total += added[word]
        for end in range(1, len(word)):
            if word[:end] not in added and known(word[:end]) is None:
                added[word[:end]] = 0
    if not added:
        return dictionary
    # jieba's own table through its dict's get where the dictionary had nothing added yet
    added_frequency = added.get
    jieba_frequency = dictionary.frequencies.get if dictionary.added else dictionary.frequency

    def frequency(word: str) -> int | None:
        found = added_frequency(word)
        return jieba_frequency(word) if found is None else found

    return WordDictionary(
        dictionary.frequencies,
        MappingProxyType(added),
        total,
        dictionary.tags,
        frequency,
        dictionary.tag,
    )


@functools.cache
def common_han(size: int = 5000) -> frozenset[str]:
    """The ``size`` most frequent Han characters, in Simplified and Traditional forms.

    A character's frequency is the sum of the frequencies of jieba's words holding it (once
    per occurrence); of equal sums, the character met first in jieba's word order ranks first.
    Kept in the table cache (made from jieba's dictionary and OpenCC's tables, 0.3 s).
    """
    import opencc

    from summarizer.text.jieba_model import dictionary_file

    characters = cached(
        f"common-han-{size}",
        ["jieba", "opencc-python-reimplemented"],
        [dictionary_file(), Path(opencc.__file__)],
        lambda: _common_han(size),
        lambda found: isinstance(found, str),
    )
    return frozenset(characters)


def _common_han(size: int) -> str:
    """The characters of ``common_han``, Simplified then Traditional, as one string.

    Summed over arrays of code points: a loop over half a million words took 0.4 s.
    """
    import numpy as np

    from summarizer.text.script import to_traditional
    from summarizer.text.script_convert import han_mask

    frequencies = jieba_dictionary().frequencies
    words = [word for word, frequency in frequencies.items() if frequency > 0]
    counts = np.fromiter(
        (frequency for frequency in frequencies.values() if frequency > 0),
        dtype=np.int64,
        count=len(words),
    )
    points = np.frombuffer("".join(words).encode("utf-32-le"), dtype=np.uint32)
    weights = np.repeat(counts, np.fromiter(map(len, words), dtype=np.int64, count=len(words)))
    han = han_mask(points)
    chars, first_seen, which = np.unique(points[han], return_index=True, return_inverse=True)
    totals = np.zeros(len(chars), dtype=np.int64)
    np.add.at(totals, which, weights[han])
    top = chars[np.lexsort((first_seen, -totals))[:size]]
    simplified = "".join(map(chr, top.tolist()))
    return simplified + to_traditional(simplified)
