"""Repair of GBK mojibake: Chinese text decoded one byte off.

When a GBK page loses one byte, every following two-byte character is decoded
from the wrong pair (可以看到 = BF C9 D2 D4 BF B4 B5 BD shows as ``?梢钥吹``)
until an ASCII byte puts the decoder back in step. The lost byte usually leaves
a ``?`` behind. Re-encoding the garbled run and shifting it by one byte gives
back the original characters except the first lead byte and the last trail
byte; those are chosen by which candidates form dictionary words with their
neighbours, and only when one choice clearly wins.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from summarizer.text.charfreq import WordDictionary
from summarizer.text.repair_words import repair_dictionary
from summarizer.text.script import to_simplified

_HAN = re.compile(r"[\u4e00-\u9fff]")
# GBK trail bytes that are printable ASCII punctuation: when one ends a garbled
# run it is the second half of the run's last character, not real text.
_ASCII_TRAIL = "`@[\\]^_{|}~"
_MARKER = "?"
# An unambiguous repair must beat the runner-up by this factor in word frequency.
_WIN_RATIO = 5.0
_MAX_RUN = 16
# Each repair attempt tries ~250 candidate characters against the dictionary; a page
# of nothing but markers must not cost seconds, so past this many attempts the
# remaining markers are left as they are.
MAX_ATTEMPTS = 200


@dataclass(frozen=True)
class MojibakeFix:
    """One garbled fragment: what was there and what replaced it ('' when removed)."""

    start: int
    end: int
    original: str
    replacement: str

    @property
    def repaired(self) -> bool:
        return bool(self.replacement)


def word_coverage(text: str) -> float:
    """Share of Han characters inside dictionary words of two or more characters."""
    simplified = to_simplified(text)
    frequency = repair_dictionary().frequency  # a fixed table: no glossary changes it
    han_total = len(_HAN.findall(simplified))
    if not han_total:
        return 0.0
    covered = 0
    i = 0
    while i < len(simplified):
        for length in range(min(6, len(simplified) - i), 1, -1):
            if (frequency(simplified[i : i + length]) or 0) > 0:
                covered += sum(1 for ch in simplified[i : i + length] if _HAN.match(ch))
                i += length
                break
        else:
            i += 1
    return covered / han_total


def _best_word_freqs(texts: list[str], position: int, dictionary: WordDictionary) -> list[int]:
    """For each text, the highest frequency of a dictionary word in it that spans ``position``.

    The dictionary knows every prefix of its words (frequency 0): a string it does not
    know at all starts no longer word, which ends the walk from that start. The texts
    are walked together, window by window: each round keeps the windows a table knows,
    found in C by intersecting them with the tables' keys (most are unknown), and looks
    up only those."""
    tables = (dictionary.added.keys(), dictionary.frequencies.keys())
    lengths = [len(text) for text in texts]
    best = [0] * len(texts)
    for start in range(max(0, position - 3), position + 1):
        walking: Iterable[int] = range(len(texts))
        for end in range(max(position + 1, start + 2), start + 6):
            walking = [i for i in walking if end <= lengths[i]]
            windows = [texts[i][start:end] for i in walking]
            distinct = set(windows)
            known = (tables[0] & distinct) | (tables[1] & distinct)
            walking = [i for i, window in zip(walking, windows) if window in known]
            for i in walking:
                found = dictionary.frequency(texts[i][start:end]) or 0
                if found > best[i]:
                    best[i] = found
            if not walking:
                break
    return best


def _simplified_each(texts: list[str]) -> list[str]:
    """``to_simplified`` of each text, in one conversion: a line break separates pieces,
    which convert apart, and conversion keeps it."""
    joined = "\n".join(texts)
    lines = to_simplified(joined).split("\n")
    if len(lines) == len(texts):  # the usual case: no text holds a line break of its own
        return lines
    pieces = iter(lines)
    return ["\n".join(next(pieces) for _ in range(text.count("\n") + 1)) for text in texts]


def _choose(options: Sequence[str], left: str, right: str) -> str | None:
    """The one option (a character) that clearly forms the most frequent word in context."""
    candidates = _simplified_each([left + ch + right for ch in options])
    # a fixed table: no glossary changes it
    best = _best_word_freqs(candidates, len(left), repair_dictionary())
    scored = sorted(zip(best, options), reverse=True)
    if not scored or scored[0][0] == 0:
        return None
    if len(scored) > 1 and scored[0][0] < _WIN_RATIO * max(scored[1][0], 1):
        return None
    return scored[0][1]


def _decode_pair(lead: int, trail: int) -> str | None:
    try:
        ch = bytes((lead, trail)).decode("gbk")
    except UnicodeDecodeError:
        return None
    return ch if len(ch) == 1 and _HAN.match(ch) else None


# The Han characters a GBK byte can end or start: the same for every repair, so worked out
# once per byte (a table of the codec, not of any text)
@functools.cache
def _characters_ending_in(trail: int) -> tuple[str, ...]:
    return tuple(c for lead in range(0x81, 0xFF) if (c := _decode_pair(lead, trail)))


@functools.cache
def _characters_starting_with(lead: int) -> tuple[str, ...]:
    return tuple(c for trail in range(0x40, 0xFF) if (c := _decode_pair(lead, trail)))


def shift_repair(garbled: str, left: str = "", right: str = "") -> str | None:
    """Undo a one-byte GBK misalignment of ``garbled``; None when not unambiguous.

    ``left`` and ``right`` are the real characters around the fragment, used to
    pick the lost first and last bytes.
    """
    try:
        data = garbled.encode("gbk")
    except UnicodeEncodeError:
        return None
    if not data or len(data) > 2 * _MAX_RUN + 1:
        return None
    # The lost lead byte of the first character goes in front; pairs then realign.
    body = data[1:] if len(data) % 2 == 1 else data[1:-1]
    middle_chars: list[str] = []
    for i in range(0, len(body), 2):
        ch = _decode_pair(body[i], body[i + 1]) if i + 1 < len(body) else None
        if ch is None:
            return None
        middle_chars.append(ch)
    middle = "".join(middle_chars)
    first_options = _characters_ending_in(data[0])
    first = _choose(first_options, left[-3:], middle + (right[:1] if len(data) % 2 else ""))
    if first is None:
        return None
    if len(data) % 2 == 1:
        return first + middle
    # Even length: the last byte is a lead whose trail byte was lost.
    if 0xA1 <= data[-1] <= 0xA9:
        # GBK's symbol rows: the lost character was punctuation, which the
        # line and sentence breaks around it make up for.
        return first + middle
    last_options = _characters_starting_with(data[-1])
    last = _choose(last_options, (left[-2:] + first + middle)[-3:], right[:2])
    if last is None:
        return None
    return first + middle + last


_PINYIN_TAIL = re.compile(r"\?[a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)")


def _han_run_after(text: str, pos: int) -> int:
    end = pos
    while end < len(text) and end - pos < _MAX_RUN and _HAN.match(text[end]):
        end += 1
    if end < len(text) and end > pos and text[end] in _ASCII_TRAIL:
        end += 1
    return end


def repair_mojibake(text: str) -> tuple[str, list[MojibakeFix]]:
    """Repair or remove garbled GBK fragments marked by ``?``; returns text and fixes.

    A ``?`` followed by text that already reads well is a real question mark and
    stays. A damaged fragment that cannot be repaired unambiguously is removed.
    """
    repaired, fixes, _ = repair_mojibake_bounded(text)
    return repaired, fixes


def repair_mojibake_bounded(text: str) -> tuple[str, list[MojibakeFix], int]:
    """As repair_mojibake, for at most MAX_ATTEMPTS markers; also returns how many markers
    after those were left as they are, unexamined."""
    # A pinyin annotation whose opening bracket was eaten ("?fù)") is a marker too.
    text = _PINYIN_TAIL.sub(_MARKER, text)
    if _MARKER not in text:  # the usual case: skip the character-by-character walk
        return text, [], 0
    fixes: list[MojibakeFix] = []
    out: list[str] = []
    i = 0
    attempts = 0
    while i < len(text):
        if attempts >= MAX_ATTEMPTS:
            rest = text[i:]
            return "".join(out) + rest, fixes, rest.count(_MARKER)
        if text[i] != _MARKER:
            # copy up to the next marker at once
            marker = text.find(_MARKER, i)
            marker = len(text) if marker == -1 else marker
            out.extend(text[i:marker])
            i = marker
            continue
        attempts += 1
        fix = _fix_after(text, i, "".join(out[-4:])) or _fix_before(text, i, out)
        if fix is None:
            out.append(text[i])
            i += 1
            continue
        # A fragment that reaches back before the marker replaces what was emitted.
        if i > fix.start:
            del out[fix.start - i :]
        out.extend(fix.replacement)
        fixes.append(fix)
        i = fix.end
    return "".join(out), fixes, 0


def _fix_after(text: str, marker: int, left: str) -> MojibakeFix | None:
    """A garbled run right after the marker: repaired, or removed when it cannot be."""
    run_end = _han_run_after(text, marker + 1)
    garbled = text[marker + 1 : run_end]
    coverage = word_coverage(garbled) if garbled else 1.0
    if coverage >= 0.5:
        return None  # nothing garbled, or real text after a genuine question mark
    # A second marker right after the run is the other end of the same damage.
    end = run_end + 1 if text.startswith(_MARKER, run_end) else run_end
    repaired = shift_repair(garbled, left, text[end : end + 2])
    repaired_coverage = word_coverage(left[-1:] + repaired) if repaired else 0.0
    # the repair must read as words, and far better than what was there
    if repaired_coverage >= 0.5 and repaired_coverage > coverage + 0.3:
        return MojibakeFix(marker, end, text[marker:end], repaired)
    return MojibakeFix(marker, end, text[marker:end], "")


def _fix_before(text: str, marker: int, emitted: list[str]) -> MojibakeFix | None:
    """Rare characters just before a marker that ends a line: the tail of a garbled run."""
    from summarizer.text.charfreq import common_han

    if marker + 1 < len(text) and text[marker + 1] != "\n":
        return None
    tail = ""
    while len(tail) < 2 and len(emitted) > len(tail) and _HAN.match(emitted[-1 - len(tail)]):
        tail = emitted[-1 - len(tail)] + tail
    rare_from = next((k for k, ch in enumerate(tail) if ch not in common_han()), None)
    if rare_from is None:
        return None
    fragment = tail[rare_from:]
    start = marker - len(fragment)
    left = "".join(emitted[-len(fragment) - 3 : -len(fragment)])
    repaired = shift_repair(fragment, left, "") or ""
    return MojibakeFix(start, marker + 1, fragment + _MARKER, repaired)
