"""Tables derived from installed data files, kept between runs where the next start reads them.

Each table is one marshal file in ``$SUMMARIZER_CACHE_DIR``, else
``$XDG_CACHE_HOME/summarizer``, else ``~/.cache/summarizer``, named after what it is made
from (the Python version, package versions, data files' sizes and times), so that new data
is read afresh.
Where the cache cannot be read or written, the table is built as if there were none.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import logging
import marshal
import os
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")


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


def cached(
    name: str,
    packages: Iterable[str],
    files: Iterable[Path],
    build: Callable[[], T],
    valid: Callable[[object], bool],
) -> T:
    """The table ``build`` makes from ``files`` of ``packages``: read from the cache when it
    holds one that ``valid`` accepts, else built and cached."""
    path = _cache_file(name, packages, files)
    if path is not None:
        try:
            found = marshal.loads(path.read_bytes())
            if valid(found):
                return found
        except (OSError, ValueError, EOFError, TypeError):
            pass  # no cache yet, or not one this code wrote: built below
    table = build()
    if path is not None:
        _write(path, table)
    return table


def _cache_file(name: str, packages: Iterable[str], files: Iterable[Path]) -> Path | None:
    folder = cache_folder()
    if folder is None:
        return None
    try:
        # marshal's format may change between Python versions: their tables are kept apart
        key = [f"python {sys.version_info[:2]} marshal {marshal.version}"]
        key += [f"{package} {importlib.metadata.version(package)}" for package in packages]
        for file in files:
            stat = file.stat()
            key.append(f"{file} {stat.st_size} {stat.st_mtime_ns}")
    except (OSError, importlib.metadata.PackageNotFoundError):
        return None  # nothing to name the cache after
    digest = hashlib.sha256("\n".join(key).encode()).hexdigest()[:16]
    return folder / f"{name}-{digest}.marshal"


def _write(path: Path, value: object) -> None:
    """``value`` to ``path`` as marshal data, whole or not at all; a failure is only logged."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    except OSError as exc:
        log.debug("%s not cached: %s", path.name, exc)
        return
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(marshal.dumps(value))
        os.replace(temp, path)
    except OSError as exc:
        log.debug("%s not cached: %s", path.name, exc)
        Path(temp).unlink(missing_ok=True)
        return
    # the same table made from other versions: not read again, so not kept
    name = path.name.rsplit("-", 1)[0]
    for stale in path.parent.glob(f"{name}-*.marshal"):
        if stale != path and len(stale.name) == len(path.name):
            stale.unlink(missing_ok=True)
