"""Reading article files: encoding detection and clear errors for bad input."""

from __future__ import annotations

import codecs
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from summarizer.errors import SummarizerError

# Text larger than this is refused before decoding: a news article is a few
# tens of kilobytes, so anything near this is a wrong file, not an article.
MAX_ARTICLE_BYTES = 5_000_000

_CANDIDATE_ENCODINGS = ("gb18030", "big5")
_HAN = re.compile(r"[\u4e00-\u9fff]")


class InputError(SummarizerError):
    """An input that cannot be turned into article text; the message says why."""


@dataclass(frozen=True)
class Article:
    """One input article: its id (file stem or given), raw text and where it came from."""

    id: str
    text: str
    source: str
    encoding: str
    warnings: tuple[str, ...] = ()  # what reading had to work around (broken markup)
    published: str | None = None  # ISO date a feed record gives; the text's own date line wins


# every byte but the control bytes text never holds (tab, line feed, form feed, carriage
# return and escape are text's): deleting these leaves the controls to count, in C
_NOT_CONTROL = bytes(b for b in range(256) if b >= 32 or b in (9, 10, 12, 13, 27))


def _looks_binary(data: bytes) -> bool:
    if b"\x00" in data[:8192]:
        return True
    sample = data[:8192]
    controls = len(sample.translate(None, _NOT_CONTROL))
    return bool(sample) and controls / len(sample) > 0.05


def _han_plausibility(text: str) -> float:
    """Share of Han characters that are common ones, used to tell GB18030 from Big5."""
    from summarizer.text.charfreq import common_han

    han = _HAN.findall(text)
    if not han:
        return 0.0
    common = common_han()
    return sum(1 for ch in han if ch in common) / len(han)


def decode_bytes(
    data: bytes, encoding: str | None = None, name: str = "<input>"
) -> tuple[str, str]:
    """Decode article bytes, returning (text, encoding used).

    With ``encoding`` given it is used strictly. Otherwise UTF-8 (with or without
    BOM), then GB18030 and Big5 are tried; when both legacy encodings decode, the
    one whose Han characters are the more common ones wins.
    """
    if len(data) > MAX_ARTICLE_BYTES:
        raise InputError(
            f"{name}: {len(data):,} bytes is larger than the {MAX_ARTICLE_BYTES:,}-byte limit for one article"
        )
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError as exc:
            raise InputError(f"{name}: unknown encoding {encoding!r}") from exc
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{name}: not valid {encoding} (byte {exc.start}); try another --encoding"
            ) from exc
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: starts with a UTF-16 mark but is not valid UTF-16") from exc
    if _looks_binary(data):
        raise InputError(f"{name}: looks like a binary file, not text")
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    decoded: list[tuple[float, str, str]] = []
    for candidate in _CANDIDATE_ENCODINGS:
        try:
            text = data.decode(candidate)
        except UnicodeDecodeError:
            continue
        decoded.append((_han_plausibility(text), candidate, text))
    if not decoded:
        raise InputError(
            f"{name}: cannot decode as UTF-8, GB18030 or Big5; give the encoding with --encoding"
        )
    decoded.sort(key=lambda item: item[0], reverse=True)
    score, chosen, text = decoded[0]
    if score < 0.5:
        raise InputError(
            f"{name}: decodes as {chosen} but the result does not look like Chinese text; "
            "give the encoding with --encoding"
        )
    return text, chosen


def read_article(path: str | Path, encoding: str | None = None) -> Article:
    """Read one article file (``-`` is standard input) and decode it."""
    if str(path) == "-":
        data = _read_bounded(sys.stdin.buffer, "<stdin>")
        text, used = decode_bytes(data, encoding, name="<stdin>")
        return Article(id="stdin", text=text, source="-", encoding=used)
    file_path = Path(path)
    # opened straight away: the failures tell what is wrong, with no look beforehand
    try:
        stream = open(path, "rb")  # noqa: SIM115 - closed below
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError:
        if file_path.is_dir():  # IsADirectoryError, or PermissionError on Windows
            raise InputError(f"{path}: is a directory, not an article file") from None
        raise
    with stream:
        data = _read_bounded(stream, str(path))
    text, used = decode_bytes(data, encoding, name=str(path))
    warnings: tuple[str, ...] = ()
    if file_path.suffix.lower() in (".html", ".htm"):
        from summarizer.text.html import html_to_text_checked

        text, warnings = html_to_text_checked(text)
    return Article(id=file_path.stem, text=text, source=str(path), encoding=used, warnings=warnings)


def _read_bounded(stream: BinaryIO, name: str) -> bytes:
    """At most one byte past the limit: a huge file or an endless device is refused unread."""
    data = stream.read(MAX_ARTICLE_BYTES + 1)
    if len(data) > MAX_ARTICLE_BYTES:
        raise InputError(
            f"{name}: more than {MAX_ARTICLE_BYTES:,} bytes, the limit for one article"
        )
    return data


def check_unicode(text: str, name: str) -> str:
    """Refuse text holding lone surrogates (from broken JSON escapes or undecodable
    command-line bytes): it cannot be written out as UTF-8."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(
            f"{name}: invalid Unicode: a lone surrogate U+{ord(text[exc.start]):04X} "
            f"at character {exc.start}"
        ) from None
    return text
