"""The summary's figure pattern against the pattern as first written, on random text.

FIGURE opens with one character class so the regex engine can skip the places no figure
starts at; its matches must be those of the plain alternation (a lookbehind, then digits
and a unit, or 超/近/约/逾 and a number in words) everywhere, and a figure in a digit run
starts at the run's head.
"""

import random
import re

from summarizer.models.clause_select import FIGURE

_PLAIN = re.compile(
    r"(?<![\d,.])\d[\d,.]*\s*(?:%|％|[万亿兆千百]+|元|美元|港元|港币|港仙|倍|个百分点|人|户|家|辆|台|GWh"
    r"|分钟|小时|次)|[超近约逾]\s*[一二两三四五六七八九十百千万亿]+\s*[万亿元]"
)
# digits of other scripts (５, ٣) are digits to both; units, number words, marks and spaces
_ALPHABET = "0123456789,.%％万亿兆千百元美港币仙倍个百分点人户家辆台GWh钟小时次超近约逾一二两三十 \t\n营收٣５"


def test_figures_are_the_plain_pattern_s_on_random_text():
    rng = random.Random(12)
    found = 0
    for _ in range(20000):
        text = "".join(rng.choice(_ALPHABET) for _ in range(rng.randrange(0, 24)))
        expected = [m.span() for m in _PLAIN.finditer(text)]
        assert [m.span() for m in FIGURE.finditer(text)] == expected, text
        found += len(expected)
    assert found > 5000


def test_figures_in_a_sentence():
    text = "营收1,131.2亿元，同比增长30%，近十亿元，1.5倍，第3季"
    assert FIGURE.findall(text) == ["1,131.2亿", "30%", "近十亿元", "1.5倍"]


def test_a_figure_in_a_long_run_of_digits_starts_at_its_head():
    run = "1," * 2000 + "1%"
    assert FIGURE.findall("营收" + run + "，") == [run]
    assert FIGURE.findall("1" * 5000) == []  # digits without a unit state no figure
