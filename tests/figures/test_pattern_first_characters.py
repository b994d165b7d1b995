"""Patterns that open with a lookahead on their possible first characters find exactly what
they found without it: the lookahead only skips places where no match can start."""

from hypothesis import example, given, settings
from hypothesis import strategies as st
from pattern_forms import found, without_lookahead

from summarizer.figures import periods, quantities

# the characters period mentions are written with, and some that never start one
PERIOD_ALPHABET = (
    "2019年今去明上本前对FY同首Qq单第一二三四下中全财年截累季当期报迄目以至来初度末止个月日份"
    "及和合计营收净利半九内告 ，。-–~/0123456789"
)


PERIOD_UNGUARDED = without_lookahead(periods._PERIOD, periods._PERIOD_START)


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=PERIOD_ALPHABET, max_size=16))
@example("今年以来累计交付")
@example("截至2024年6月30日止六个月")
@example("2024/25财年 Q1-Q3 1-9月 10月及11月营收合计")
@example(" 同期")
def test_period_mentions_are_the_same_with_the_first_character_lookahead(text):
    assert found(periods._PERIOD, text) == found(PERIOD_UNGUARDED, text)


AMOUNT_ALPHABET = "0123456789.,+-–%％ 亿万千百兆元美港股个百分点倍及和与至、/第前年月AZ"
ARABIC_UNGUARDED = without_lookahead(quantities._ARABIC, quantities._ARABIC_FIRST)
SHARED_UNIT_UNGUARDED = without_lookahead(quantities._SHARED_UNIT_FIRST, r"(?=\d)")


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=AMOUNT_ALPHABET, max_size=16))
@example("营收-1,234.5亿元，增长+5%-6%")
@example("分别跌5.4及3.9个百分点")
def test_amounts_are_the_same_with_the_first_character_lookahead(text):
    assert found(quantities._ARABIC, text) == found(ARABIC_UNGUARDED, text)
    assert found(quantities._SHARED_UNIT_FIRST, text) == found(SHARED_UNIT_UNGUARDED, text)
