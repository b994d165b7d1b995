"""jieba's dictionary (word frequencies and tags), kept where the next start reads it fast.

jieba keeps a cache of its frequencies, but reads it with ``marshal.load`` from an open
file, which fetches every word through a method call (about 0.6 s), and ``jieba.posseg``
reads the tags from the dictionary file at import (about 0.35 s). Here both are read as
one block of bytes decoded by ``marshal.loads`` (about 0.3 s), without importing jieba.

The cache (see table_cache) is named after jieba's version and its dictionary file's size
and time, so a new jieba or dictionary is read afresh. Where it cannot be read or
written, jieba itself reads the dictionary.
"""

from __future__ import annotations

import importlib
import logging
import warnings
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from summarizer.text.jieba_model import dictionary_file
from summarizer.text.table_cache import cached


def quiet_jieba(module: str = "jieba") -> ModuleType:
    """Import jieba (or one of its modules) without the deprecation notice its own import of
    pkg_resources prints, and without changing the caller's warning filters."""
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", message="pkg_resources is deprecated", category=UserWarning
        )
        return importlib.import_module(module)


@dataclass(frozen=True)
class JiebaTables:
    """jieba's default dictionary as its tokenizer and its tagger hold it."""

    frequencies: dict[str, int]  # each word's frequency; 0 for a prefix of words
    total: int  # the sum of the frequencies
    tags: dict[str, str]  # each word's part of speech


def jieba_tables() -> JiebaTables:
    """jieba's default dictionary: from the cache, else read by jieba and then cached."""
    dictionary = dictionary_file()
    frequencies, total, tags = cached(
        "jieba",
        ["jieba"],
        [dictionary],
        lambda: _read_with_jieba(dictionary),
        lambda found: (
            isinstance(found, tuple)
            and len(found) == 3
            and isinstance(found[0], dict)
            and isinstance(found[1], int)
            and isinstance(found[2], dict)
        ),
    )
    return JiebaTables(frequencies, total, tags)


def _read_with_jieba(dictionary: Path) -> tuple[dict[str, int], int, dict[str, str]]:
    jieba = quiet_jieba()
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer.FREQ, tokenizer.total, read_tags(dictionary)


def read_tags(dictionary: Path) -> dict[str, str]:
    """Each word's tag, as ``jieba.posseg`` reads them: lines of word, frequency and tag
    (blank lines skipped, a later line winning)."""
    tags: dict[str, str] = {}
    with dictionary.open("rb") as lines:
        for number, raw in enumerate(lines, 1):
            line = raw.strip().decode("utf-8")
            if not line:
                continue
            fields = line.split(" ")
            if len(fields) != 3:
                raise ValueError(f"{dictionary}:{number}: not 'word frequency tag': {line!r}")
            tags[fields[0]] = fields[2]
    return tags
