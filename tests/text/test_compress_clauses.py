"""Clause breaks: the clause pattern, which takes the characters between breaks as runs,
against the pattern taking them one at a time, on random text of breaks, digits and
thousands separators."""

import random
import re

from summarizer.text.compress import CLAUSE

_ONE_AT_A_TIME = re.compile(r"(?:[^，,；;：:]|(?<=\d),(?=\d))+(?:[，；;：:]|,(?!\d))?")
_ALPHABET = "12,，；;：:a营 .%"


def test_clauses_are_those_of_the_character_by_character_pattern():
    rng = random.Random(21)
    clauses = 0
    for _ in range(20000):
        text = "".join(rng.choice(_ALPHABET) for _ in range(rng.randrange(0, 24)))
        expected = _ONE_AT_A_TIME.findall(text)
        assert CLAUSE.findall(text) == expected, text
        clauses += len(expected)
    assert clauses > 40000


def test_a_thousands_separator_stays_inside_its_clause():
    text = "交付70,289辆，同比增长1,2%,此后回落；全年:10"
    assert CLAUSE.findall(text) == ["交付70,289辆，", "同比增长1,2%,", "此后回落；", "全年:", "10"]
