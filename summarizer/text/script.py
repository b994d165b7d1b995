"""Script conversion (Traditional / Hong Kong / Taiwan → Simplified) and script detection."""

from __future__ import annotations

import functools

from summarizer.text.script_convert import code_points, han_mask


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


def detect_script(text: str) -> str:
    """``zh-Hans``, ``zh-Hant`` or ``mixed``: which script the Han characters are in.

    A character counts as Traditional when Simplified conversion changes it and as
    Simplified when Traditional conversion changes it; most characters are shared
    and count for neither.
    """
    codes = code_points(text)
    # the Han characters run together, as code points (the bounds read them so) and as text
    han_codes = codes[han_mask(codes)]
    to_simple = _converter("t2s")
    if not len(han_codes) or not to_simple.changes(han_codes):
        return "zh-Hans"  # no character Simplified conversion would change: none is Traditional
    # built only here: most articles are Simplified and never need it (0.16 s)
    to_traditional = _converter("s2t")
    # The counts below lie within these bounds, read off the tables: where the share of
    # Traditional characters is past a threshold at both ends, nothing need be converted.
    trad_low, trad_high = to_simple.changed_bounds(han_codes)
    simp_low, simp_high = to_traditional.changed_bounds(han_codes)
    if trad_low and trad_low / (trad_low + simp_high) >= 0.9:
        return "zh-Hant"
    if trad_high + simp_low and trad_high / (trad_high + simp_low) <= 0.1:
        return "zh-Hans"
    han = han_codes.tobytes().decode("utf-32-le")
    trad_only = to_simple.changed_count(han, trad_low)
    if trad_only == 0:
        return (
            "zh-Hans"  # whatever Traditional conversion would change, no character is Traditional
        )
    if to_traditional.keeps_places:
        return _decided_run_by_run(han, trad_only, simp_low, simp_high)
    return _by_share(trad_only, to_traditional.changed_count(han)) or "mixed"


def _by_share(trad_only: int, simp_only: int) -> str | None:
    """The script when the share of Traditional characters is past a threshold."""
    distinctive = trad_only + simp_only
    if distinctive == 0:
        return "zh-Hans"
    share_trad = trad_only / distinctive
    if share_trad >= 0.9:
        return "zh-Hant"
    if share_trad <= 0.1:
        return "zh-Hans"
    return None


def _decided_run_by_run(han: str, trad_only: int, simp_low: int, simp_high: int) -> str:
    """``detect_script``'s answer once ``trad_only`` (> 0) characters are known to be
    Traditional and between ``simp_low`` and ``simp_high`` Simplified.

    Traditional conversion decides the ambiguous characters a run of phrase characters at
    a time; each run turns its share of the bounds into its exact count, and once the share
    of Traditional characters is past a threshold whatever the rest hold, the rest is not
    converted. At the end the bounds meet: the count of converting the whole text."""
    runs = _converter("s2t").resolved_runs(han)
    while True:
        if trad_only / (trad_only + simp_high) >= 0.9:
            return "zh-Hant"
        if trad_only / (trad_only + simp_low) <= 0.1:
            return "zh-Hans"
        resolved = next(runs, None)
        if resolved is None:
            return "mixed"
        ambiguous, changed = resolved
        simp_low += changed
        simp_high -= ambiguous - changed
