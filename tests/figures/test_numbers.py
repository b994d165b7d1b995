from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.figures.numbers import (
    Quantity,
    parse_chinese_numeral,
    parse_quantity,
    render_change,
    render_quantity,
)


@pytest.mark.parametrize(
    ("chinese", "english"),
    [
        ("311亿元", "RMB 31.1 billion"),
        ("3.95亿", "395 million"),
        ("5933亿元", "RMB 593.3 billion"),
        ("1,131.2億元", "RMB 113.12 billion"),
        ("1.4亿美元", "USD 140 million"),
        ("超千万元", "more than RMB 10 million"),
        ("10.88万辆", "108,800 vehicles"),
        ("约1.5亿元", "about RMB 150 million"),
        ("近25%", "nearly 25%"),
        ("人民币777亿元", "RMB 77.7 billion"),
        ("10亿港币", "HKD 1 billion"),
        ("260万用户", "2.6 million users"),
        ("6000万美元", "USD 60 million"),
        ("一千五百万元", "RMB 15 million"),
        ("两亿元", "RMB 200 million"),
        ("125.6分钟", "125.6 minutes"),
        ("2.7倍", "2.7 times"),
        ("90亿元", "RMB 9 billion"),
    ],
)
def test_chinese_amounts_render_exactly_in_english(chinese, english):
    assert render_quantity(parse_quantity(chinese)) == english


@pytest.mark.parametrize(
    ("args", "english"),
    [
        ((Decimal("11.4"),), "up 11.4% year on year"),
        ((Decimal("39"), "quarter on quarter"), "up 39% quarter on quarter"),
        ((Decimal("-3.5"),), "down 3.5% year on year"),
    ],
)
def test_changes(args, english):
    assert render_change(*args) == english


def test_times_are_kept_as_stated():
    assert render_change(None, times=Decimal("2.7")) == "up 2.7 times year on year"


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("十", 10),
        ("一千五百", 1500),
        ("两亿", 200_000_000),
        ("三千万", 30_000_000),
        ("一百零五", 105),
    ],
)
def test_chinese_numerals(numeral, value):
    assert parse_chinese_numeral(numeral) == value


def test_text_without_digits_is_no_amount():
    assert parse_quantity("亿元") is None
    assert parse_quantity("同比增长%") is None


_SCALED = st.sampled_from([("亿", Decimal("1e8")), ("万", Decimal("1e4")), ("", Decimal(1))])


@settings(deadline=None)  # the first example loads the conversion tables
@given(
    st.decimals(
        min_value=Decimal("0.01"),
        max_value=Decimal("99999"),
        places=2,
        allow_nan=False,
        allow_infinity=False,
    ),
    _SCALED,
    st.sampled_from(["元", "美元", "港元", ""]),
)
def test_parse_render_parse_round_trip(number, scaled, currency):
    """Parsing the Chinese, rendering English and reading the English back gives the same value."""
    from summarizer.figures.check import english_numbers

    suffix, factor = scaled
    if not suffix and not currency:
        return
    quantity = parse_quantity(f"{number}{suffix}{currency}")
    assert quantity.value == number * factor
    english = render_quantity(quantity)
    (read_back,) = english_numbers(english)
    assert read_back.value == quantity.value
    assert read_back.unit == (quantity.unit if currency else "")


def test_quantity_with_unknown_unit_renders_the_bare_number():
    assert render_quantity(Quantity(Decimal("108800"), "")) == "108,800"
