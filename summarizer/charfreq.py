"""Character and word frequencies from jieba's dictionary, loaded once on first use."""

from __future__ import annotations

import functools
import logging


@functools.cache
def word_frequencies() -> dict[str, int]:
    """jieba's word → frequency table (Simplified Chinese)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba.dt.FREQ


@functools.cache
def common_han(size: int = 5000) -> frozenset[str]:
    """The ``size`` most frequent Han characters, in Simplified and Traditional forms."""
    from summarizer.script import to_traditional

    totals: dict[str, int] = {}
    for word, freq in word_frequencies().items():
        if freq <= 0:
            continue
        for ch in word:
            if "\u4e00" <= ch <= "\u9fff":
                totals[ch] = totals.get(ch, 0) + freq
    top = sorted(totals, key=totals.__getitem__, reverse=True)[:size]
    simplified = "".join(top)
    return frozenset(simplified) | frozenset(to_traditional(simplified))


def segmenter():
    """The jieba module, initialised once and quietly."""
    import jieba

    word_frequencies()
    return jieba
