"""jieba's dictionary (word frequencies and tags), kept where the next start reads it fast.

jieba keeps a cache of its frequencies, but reads it with ``marshal.load`` from an open
file, which fetches every word through a method call (about 0.6 s), and ``jieba.posseg``
reads the tags from the dictionary file at import (about 0.35 s). Here both are read as
one block of bytes decoded by ``marshal.loads`` (about 0.3 s), without importing jieba.

The cache lies in ``$SUMMARIZER_CACHE_DIR``, else ``$XDG_CACHE_HOME/summarizer``, else
``~/.cache/summarizer``, and is named after jieba's version and its dictionary file's size
and time, so a new jieba or dictionary is read afresh. Where it cannot be read or
written, jieba itself reads the dictionary.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.metadata
import logging
import marshal
import os
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from summarizer.text.jieba_model import jieba_folder

log = logging.getLogger(__name__)

_DICTIONARY = "dict.txt"  # jieba's default dictionary, beside its package


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


def cache_folder() -> Path | None:
    """Where derived tables are kept between runs; None where no home folder is known."""
    chosen = os.environ.get("SUMMARIZER_CACHE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME")
    if base:
        return Path(base) / "summarizer"
    try:
        return Path.home() / ".cache" / "summarizer"
    except RuntimeError:  # no HOME and no user entry to find it from
        return None


def _cache_file(dictionary: Path) -> Path | None:
    folder = cache_folder()
    if folder is None:
        return None
    stat = dictionary.stat()
    version = importlib.metadata.version("jieba")
    key = f"{version}:{dictionary}:{stat.st_size}:{stat.st_mtime_ns}"
    return folder / f"jieba-{hashlib.sha256(key.encode()).hexdigest()[:16]}.marshal"


def jieba_tables() -> JiebaTables:
    """jieba's default dictionary: from the cache, else read by jieba and then cached."""
    dictionary = jieba_folder() / _DICTIONARY
    try:
        path = _cache_file(dictionary)
    except (OSError, importlib.metadata.PackageNotFoundError):
        path = None  # nothing to name the cache after: jieba reads the dictionary below
    if path is not None:
        try:
            frequencies, total, tags = marshal.loads(path.read_bytes())
            if isinstance(frequencies, dict) and isinstance(total, int) and isinstance(tags, dict):
                return JiebaTables(frequencies, total, tags)
        except (OSError, ValueError, EOFError, TypeError):
            pass  # no cache yet, or not one this code wrote: read below
    tables = _read_with_jieba(dictionary)
    if path is not None:
        _write(path, (tables.frequencies, tables.total, tables.tags))
    return tables


def _read_with_jieba(dictionary: Path) -> JiebaTables:
    jieba = quiet_jieba()
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return JiebaTables(tokenizer.FREQ, tokenizer.total, read_tags(dictionary))


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


def _write(path: Path, value: object) -> None:
    """``value`` to ``path`` as marshal data, whole or not at all; a failure is only logged."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    except OSError as exc:
        log.debug("jieba's dictionary not cached in %s: %s", path.parent, exc)
        return
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(marshal.dumps(value))
        os.replace(temp, path)
    except OSError as exc:
        log.debug("jieba's dictionary not cached in %s: %s", path.parent, exc)
        Path(temp).unlink(missing_ok=True)
