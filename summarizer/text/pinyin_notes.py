"""Pinyin readings inserted after characters by SEO pages: 聪(cong)明(ming), 構(gòu)."""

from __future__ import annotations

import functools
import re
import unicodedata

# Combining tone marks; the diaeresis of ü is kept.
_TONE_MARKS = {"\u0300", "\u0301", "\u0304", "\u030c"}
# Lower case only: (AI) or (UAX) after a name is an abbreviation, not a reading.
_ANNOTATION = re.compile(
    r"([\u4e00-\u9fff?])[(（]([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ]{1,6}[1-5]?)[)）]"
)
# Pages that annotate do it many times; below this a lone bracket must match
# the character's own reading to count.
_ANNOTATED_PAGE = 3


def strip_tones(syllable: str) -> str:
    decomposed = unicodedata.normalize("NFD", syllable.lower())
    plain = "".join(ch for ch in decomposed if ch not in _TONE_MARKS)
    return unicodedata.normalize("NFC", plain).rstrip("12345")


@functools.cache
def pinyin_syllables() -> frozenset[str]:
    """Every toneless Mandarin syllable pypinyin knows, with ü also spelt v and u."""
    from pypinyin.pinyin_dict import pinyin_dict

    syllables: set[str] = set()
    for readings in pinyin_dict.values():
        for reading in readings.split(","):
            plain = strip_tones(reading)
            syllables.add(plain)
            syllables.add(plain.replace("ü", "v"))
            syllables.add(plain.replace("ü", "u"))
    return frozenset(syllables)


def remove_pinyin_annotations(text: str) -> tuple[str, list[str]]:
    """Drop bracketed pinyin right after a Han character; returns text and what was removed.

    Only a bracket holding exactly one valid syllable counts, so (UAX), (AI) or
    (可灵AI消耗单位) stay.
    """
    removed: list[str] = []
    valid = pinyin_syllables()
    matches = [m for m in _ANNOTATION.finditer(text) if strip_tones(m.group(2)) in valid]
    page_annotates = (
        sum(1 for m in matches if _is_reading_of(m.group(2), m.group(1))) >= _ANNOTATED_PAGE
    )

    def replace(match: re.Match[str]) -> str:
        syllable = match.group(2)
        if strip_tones(syllable) in valid and (
            page_annotates or _is_reading_of(syllable, match.group(1))
        ):
            removed.append(match.group(0)[1:])
            return match.group(1)
        return match.group(0)

    return _ANNOTATION.sub(replace, text), removed


def _is_reading_of(syllable: str, char: str) -> bool:
    from pypinyin.pinyin_dict import pinyin_dict

    readings = pinyin_dict.get(ord(char), "")
    return strip_tones(syllable) in {strip_tones(r) for r in readings.split(",") if r}
