"""Script conversion (Traditional / Hong Kong / Taiwan → Simplified) and script detection."""

from __future__ import annotations

import functools
import re

import numpy as np

_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")


@functools.cache
def _converter(config: str):
    """OpenCC's conversion with the reimplemented package's tables, at C speed (see script_convert)."""
    from summarizer.text.script_convert import ScriptConverter

    return ScriptConverter(config)


def to_simplified(text: str) -> str:
    """Convert Traditional, Hong Kong and Taiwan character forms to Simplified.

    ``t2s`` covers the Hong Kong and Taiwan variants that news text uses
    (發佈, 羣, 裏, 着); phrase tables apply before single characters.
    """
    return _converter("t2s").convert(text)


def to_traditional(text: str) -> str:
    return _converter("s2t").convert(text)


def _differing(text: str, converted: str) -> int:
    """How many characters conversion changed; 0 when it changed the length (no alignment)."""
    from summarizer.text.script_convert import code_points

    if len(converted) != len(text):
        return 0
    return int(np.count_nonzero(code_points(text) != code_points(converted)))


def detect_script(text: str) -> str:
    """``zh-Hans``, ``zh-Hant`` or ``mixed``: which script the Han characters are in.

    A character counts as Traditional when Simplified conversion changes it and as
    Simplified when Traditional conversion changes it; most characters are shared
    and count for neither.
    """
    han = "".join(_HAN_RUN.findall(text))
    if not han or not _converter("t2s").changes(han):
        return "zh-Hans"  # no character Simplified conversion would change: none is Traditional
    # The counts below lie within these bounds, read off the tables: where the share of
    # Traditional characters is past a threshold at both ends, nothing need be converted.
    trad_low, trad_high = _converter("t2s").changed_bounds(han)
    simp_low, simp_high = _converter("s2t").changed_bounds(han)
    if trad_low and trad_low / (trad_low + simp_high) >= 0.9:
        return "zh-Hant"
    if trad_high + simp_low and trad_high / (trad_high + simp_low) <= 0.1:
        return "zh-Hans"
    simplified = to_simplified(han)
    trad_only = _differing(han, simplified)
    if trad_only == 0:
        return (
            "zh-Hans"  # whatever Traditional conversion would change, no character is Traditional
        )
    if _converter("s2t").keeps_places:
        return _decided_by_stretches(han, trad_only, simp_low, simp_high)
    traditional = to_traditional(han) if _converter("s2t").changes(han) else han
    simp_only = _differing(han, traditional)
    distinctive = trad_only + simp_only
    if distinctive == 0:
        return "zh-Hans"
    share_trad = trad_only / distinctive
    if share_trad >= 0.9:
        return "zh-Hant"
    if share_trad <= 0.1:
        return "zh-Hans"
    return "mixed"


# Traditional conversion looked at this many characters at a time, so it stops where the
# answer no longer depends on the rest
_STRETCH = 96


def _decided_by_stretches(han: str, trad_only: int, simp_low: int, simp_high: int) -> str:
    """``detect_script``'s answer once ``trad_only`` (> 0) characters are known to be
    Traditional and between ``simp_low`` and ``simp_high`` Simplified.

    The text goes through Traditional conversion a stretch at a time; each stretch turns
    its share of the bounds into its exact count, and once the share of Traditional
    characters is past a threshold whatever the rest hold, the rest is not converted.
    Converted to the end, the bounds meet: the same count as converting the whole text."""
    converter = _converter("s2t")
    for stretch in converter.stretches(han, _STRETCH):
        low, high = converter.changed_bounds(stretch)
        # without an ambiguous character, conversion changes exactly the ones it always changes
        changed = _differing(stretch, converter.convert(stretch)) if high > low else low
        simp_low += changed - low
        simp_high -= high - changed
        if trad_only / (trad_only + simp_high) >= 0.9:
            return "zh-Hant"
        if trad_only / (trad_only + simp_low) <= 0.1:
            return "zh-Hans"
    return "mixed"
