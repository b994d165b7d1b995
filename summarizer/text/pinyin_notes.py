"""Pinyin readings inserted after characters by SEO pages: 聪(cong)明(ming), 構(gòu)."""

from __future__ import annotations

import functools
import re
import unicodedata

from summarizer.text.pinyin_table import SYLLABLES

# Combining tone marks; the diaeresis of ü is kept.
_TONE_MARKS = {"\u0300", "\u0301", "\u0304", "\u030c"}
# Lower case only: (AI) or (UAX) after a name is an abbreviation, not a reading.
_LETTER = "[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ]"
_ANNOTATION = re.compile(rf"([\u4e00-\u9fff?])[(（]({_LETTER}{{1,6}}[1-5]?)[)）]")
# what every annotation holds: a bracket opening on a letter; most pages have none, and
# looking for it costs a fifth of looking for annotations at every Han character
_OPENING = re.compile(rf"[(（]{_LETTER}")
# Pages that annotate do it many times; below this a lone bracket must match
# the character's own reading to count.
_ANNOTATED_PAGE = 3


def strip_tones(syllable: str) -> str:
    decomposed = unicodedata.normalize("NFD", syllable.lower())
    plain = "".join(ch for ch in decomposed if ch not in _TONE_MARKS)
    return unicodedata.normalize("NFC", plain).rstrip("12345")


@functools.cache
def pinyin_syllables() -> frozenset[str]:
    """Every toneless Mandarin syllable, with ü also spelt v and u."""
    return frozenset(
        spelling
        for syllable in SYLLABLES
        for spelling in (syllable, syllable.replace("ü", "v"), syllable.replace("ü", "u"))
    )


def remove_pinyin_annotations(text: str) -> tuple[str, list[str]]:
    """Drop bracketed pinyin right after a Han character; returns text and what was removed.

    Only a bracket holding exactly one valid syllable counts, so (UAX), (AI) or
    (可灵AI消耗单位) stay.
    """
    if _OPENING.search(text) is None:
        return text, []
    valid = pinyin_syllables()
    # each syllable's toneless form and each character's readings worked out once per text:
    # an annotated page repeats the same few hundred
    toneless: dict[str, str] = {}
    readings: dict[str, set[str]] = {}

    def plain(syllable: str) -> str:
        found = toneless.get(syllable)
        if found is None:
            found = toneless[syllable] = strip_tones(syllable)
        return found

    def is_reading_of(syllable: str, char: str) -> bool:
        known = readings.get(char)
        if known is None:
            known = readings[char] = {plain(r) for r in _readings(char).split(",") if r}
        return plain(syllable) in known

    annotations = [
        (m, is_reading_of(m.group(2), m.group(1)))
        for m in _ANNOTATION.finditer(text)
        if plain(m.group(2)) in valid
    ]
    page_annotates = sum(reading for _, reading in annotations) >= _ANNOTATED_PAGE
    removed: list[str] = []
    out: list[str] = []
    done = 0
    for match, reading in annotations:
        if page_annotates or reading:
            out.append(text[done : match.start()] + match.group(1))
            removed.append(match.group(0)[1:])
            done = match.end()
    out.append(text[done:])
    return "".join(out), removed


def _readings(char: str) -> str:
    """pypinyin's readings of ``char``, comma-separated ('' when it has none)."""
    from pypinyin.pinyin_dict import pinyin_dict

    return pinyin_dict.get(ord(char), "")
