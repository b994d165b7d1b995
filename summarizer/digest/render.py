"""Writing a digest out: the format an output file's extension names, written atomically."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from summarizer.digest.build import Digest
from summarizer.digest.entry import DigestEntry, RenderedEntry, entry_text
from summarizer.digest.html import html_entry, html_parts
from summarizer.digest.markdown import markdown_entry, markdown_parts

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

    companies = {name: [e.id for e in entries] for name, entries in digest.companies().items()}
    yield (
        f'{{\n  "generated": {indented_json(digest.generated, 1)},\n  "articles": {len(digest.entries)},'
        f'\n  "failed": {indented_json(digest.failures, 1)},\n  "companies": {indented_json(companies, 1)},'
        '\n  "entries": ['
    )
    separator = "\n    "
    for entry in digest.entries:
        yield separator + entry_text(entry, "json", json_entry)
        separator = ",\n    "
    yield ("\n  ]" if separator != "\n    " else "]") + ",\n  "
    yield f'"metrics": {indented_json(digest.metric_tables(), 1)}\n}}\n'


def json_entry(entry: DigestEntry) -> str:
    """The entry's record in the JSON digest's ``entries``, indented as it stands there."""
    return indented_json(entry.to_dict(), 2)


_ENTRY_TEXT: dict[str, Callable[[DigestEntry], str]] = {
    "markdown": markdown_entry,
    "html": html_entry,
    "json": json_entry,
}


def rendered_entry(entry: DigestEntry, formats: Iterable[str]) -> RenderedEntry:
    """``entry`` as each of ``formats`` writes it; the renderers write these texts as they
    are. The same text as rendering the entry itself, made earlier."""
    return RenderedEntry(entry.id, {fmt: _ENTRY_TEXT[fmt](entry) for fmt in formats})


# json's own writer for strings (C), and its spelling of the constants and special floats
_STRING = json.encoder.encode_basestring
_CONSTANTS = {True: "true", False: "false", None: "null"}
_INF = float("inf")


def indented_json(value: object, level: int = 0) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)`` as a block nested ``level`` deep.

    The standard library writes indented JSON with its pure-Python encoder, a generator
    per nested value; this writes the same text in one pass over the value. A value the
    standard library would treat otherwise (a type of its own, a key it converts) goes to it.
    """
    out: list[str] = []
    try:
        _write(value, "\n" + "  " * level, out)
    except _Unusual:
        return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * level)
    return "".join(out)


class _Unusual(Exception):
    """A value outside the plain JSON types."""


def _write(value: object, newline: str, out: list[str]) -> None:
    """``value`` as json.dumps writes it with indent=2, its lines starting with ``newline``."""
    kind = type(value)
    if kind is str:
        out.append(_STRING(value))
    elif kind is bool or value is None:
        out.append(_CONSTANTS[value])
    elif kind is int:
        out.append(int.__repr__(value))
    elif kind is float:
        out.append(
            float.__repr__(value) if value == value and abs(value) != _INF else _special(value)
        )
    elif kind is dict:
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        opening = "{" + inner
        for key, item in value.items():
            if type(key) is not str:
                raise _Unusual
            # a string value (most are) written here: no call per leaf
            if type(item) is str:
                out.append(f"{opening}{_STRING(key)}: {_STRING(item)}")
            else:
                out.append(f"{opening}{_STRING(key)}: ")
                _write(item, inner, out)
            opening = "," + inner
        out.append(newline + "}")
    elif kind is list or kind is tuple:
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        opening = "[" + inner
        for item in value:
            if type(item) is str:
                out.append(opening + _STRING(item))
            else:
                out.append(opening)
                _write(item, inner, out)
            opening = "," + inner
        out.append(newline + "]")
    else:
        raise _Unusual


def _special(value: float) -> str:
    """NaN and the infinities, spelled as json writes them."""
    return "NaN" if value != value else "Infinity" if value > 0 else "-Infinity"
