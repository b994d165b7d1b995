"""Character and word frequencies from jieba's dictionary, loaded once on first use."""

from __future__ import annotations

import functools
import importlib
import logging
import warnings
from types import ModuleType


def quiet_jieba(module: str = "jieba") -> ModuleType:
    """Import jieba (or one of its modules) without the deprecation notice its own import of
    pkg_resources prints, and without changing the caller's warning filters."""
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", message="pkg_resources is deprecated", category=UserWarning
        )
        return importlib.import_module(module)


@functools.cache
def word_frequencies() -> dict[str, int]:
    """jieba's word → frequency table (Simplified Chinese)."""
    jieba = quiet_jieba()

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba.dt.FREQ


@functools.cache
def common_han(size: int = 5000) -> frozenset[str]:
    """The ``size`` most frequent Han characters, in Simplified and Traditional forms."""
    from summarizer.text.script import to_traditional

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
    jieba = quiet_jieba()

    word_frequencies()
    return jieba
