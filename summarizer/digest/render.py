"""Writing a digest out: the format an output file's extension names, written atomically."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from summarizer.digest.build import Digest
from summarizer.digest.html import html_parts
from summarizer.digest.markdown import markdown_parts

FORMATS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
}


def write_atomic(path: str | Path, content: str | Iterable[str]) -> None:
    """Write a file so that it appears complete or not at all; ``content`` may come in pieces."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            for part in [content] if isinstance(content, str) else content:
                out.write(part)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def render(digest: Digest, fmt: str) -> str:
    return "".join(render_parts(digest, fmt))


def render_parts(digest: Digest, fmt: str) -> Iterator[str]:
    """The rendering in pieces, so a digest of any size is written without being built whole.

    ``digest`` may be any object with Digest's reading side: ``generated``, ``failures``,
    ``entries`` (sized and iterable), ``companies()`` and ``metric_tables()``.
    """
    if fmt == "json":
        return _json_parts(digest)
    if fmt == "html":
        return html_parts(digest)
    return markdown_parts(digest)


def _json_parts(digest: Digest) -> Iterator[str]:
    """``json.dumps(digest.to_dict(), indent=2)``, one entry at a time."""

    def dumped(value: object, level: int) -> str:
        # JSON text holds no raw line breaks inside strings: every break starts a nested line
        return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * level)

    companies = {name: [e.id for e in entries] for name, entries in digest.companies().items()}
    yield (
        f'{{\n  "generated": {dumped(digest.generated, 1)},\n  "articles": {len(digest.entries)},'
        f'\n  "failed": {dumped(digest.failures, 1)},\n  "companies": {dumped(companies, 1)},'
        '\n  "entries": ['
    )
    separator = "\n    "
    for entry in digest.entries:
        yield separator + dumped(entry.to_dict(), 2)
        separator = ",\n    "
    yield ("\n  ]" if separator != "\n    " else "]") + ",\n  "
    yield f'"metrics": {dumped(digest.metric_tables(), 1)}\n}}\n'
