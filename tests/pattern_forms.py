"""Checking a pattern rewritten for speed against the form it was first written in."""

import re


def without_lookahead(pattern: re.Pattern[str], lookahead: str) -> re.Pattern[str]:
    """``pattern`` without the leading ``lookahead`` that only lets the engine skip places."""
    assert pattern.pattern.startswith(lookahead)
    return re.compile(pattern.pattern[len(lookahead) :], pattern.flags)


def found(pattern: re.Pattern[str], text: str) -> list:
    """Every match of ``pattern`` in ``text``: its span and what each group holds."""
    return [(m.span(), m.groupdict(), m.groups()) for m in pattern.finditer(text)]
