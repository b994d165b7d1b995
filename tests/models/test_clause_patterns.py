"""The summary's figure and clause patterns against the patterns as first written.

FIGURE opens with one character class so the regex engine can skip the places no figure
starts at, and CLAUSE takes the characters between breaks as runs; each must match as the
plain pattern does (a lookbehind, then digits and a unit, or 超/近/约/逾 and a number in
words; clauses taken one character at a time) on random text, and a figure in a digit run
starts at the run's head.
"""

import random
import re

from summarizer.models.clause_select import FIGURE
from summarizer.text.compress import CLAUSE

_PLAIN_FIGURE = re.compile(
    r"(?<![\d,.])\d[\d,.]*\s*(?:%|％|[万亿兆千百]+|元|美元|港元|港币|港仙|倍|个百分点|人|户|家|辆|台|GWh"
    r"|分钟|小时|次)|[超近约逾]\s*[一二两三四五六七八九十百千万亿]+\s*[万亿元]"
)
_PLAIN_CLAUSE = re.compile(r"(?:[^，,；;：:]|(?<=\d),(?=\d))+(?:[，；;：:]|,(?!\d))?")


def _matches_on_random_text(
    pattern: re.Pattern, plain: re.Pattern, alphabet: str, seed: int
) -> int:
    """Asserts the two patterns' matches are the same on 20,000 random texts; their count."""
    rng = random.Random(seed)
    found = 0
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 24)))
        expected = [m.span() for m in plain.finditer(text)]
        assert [m.span() for m in pattern.finditer(text)] == expected, text
        found += len(expected)
    return found


def test_figures_are_the_plain_pattern_s_on_random_text():
    # digits of other scripts (５, ٣) are digits to both; units, number words, marks, spaces
    alphabet = "0123456789,.%％万亿兆千百元美港币仙倍个百分点人户家辆台GWh钟小时次超近约逾一二两三十 \t\n营收٣５"
    assert _matches_on_random_text(FIGURE, _PLAIN_FIGURE, alphabet, 12) > 5000


def test_clauses_are_the_plain_pattern_s_on_random_text():
    assert _matches_on_random_text(CLAUSE, _PLAIN_CLAUSE, "12,，；;：:a营 .%", 21) > 40000


def test_figures_in_a_sentence():
    text = "营收1,131.2亿元，同比增长30%，近十亿元，1.5倍，第3季"
    assert FIGURE.findall(text) == ["1,131.2亿", "30%", "近十亿元", "1.5倍"]


def test_a_figure_in_a_long_run_of_digits_starts_at_its_head():
    run = "1," * 2000 + "1%"
    assert FIGURE.findall("营收" + run + "，") == [run]
    assert FIGURE.findall("1" * 5000) == []  # digits without a unit state no figure


def test_a_thousands_separator_stays_inside_its_clause():
    text = "交付70,289辆，同比增长1,2%,此后回落；全年:10"
    assert CLAUSE.findall(text) == ["交付70,289辆，", "同比增长1,2%,", "此后回落；", "全年:", "10"]
