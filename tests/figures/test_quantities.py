"""Quantities as Chinese financial writing states them; expected values worked out by hand."""

from decimal import Decimal

import pytest

from summarizer.figures.quantities import find_quantities


def values(text):
    return [(q.value, q.unit, q.qualifier) for q in find_quantities(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("营收1,420亿9,700万元", [(Decimal("142097000000"), "CNY", "")]),
        ("累计营收3兆4740亿元", [(Decimal("3474000000000"), "CNY", "")]),
        ("单季营收达 1041.86 亿元", [(Decimal("104186000000"), "CNY", "")]),
        ("每股派中期息8.5港仙", [(Decimal("0.085"), "HKD", "")]),
        ("每股基本盈利6.89美仙", [(Decimal("0.0689"), "USD", "")]),
        ("毛利率同比提升1.2pct", [(Decimal("1.2"), "pp", "")]),
        ("收入增逾四成", [(Decimal("40"), "%", "more than")]),
        ("投入已超过1000亿元人民币", [(Decimal("100000000000"), "CNY", "more than")]),
        ("营收约８．２９兆元", [(Decimal("8290000000000"), "CNY", "about")]),
        ("资金上限设定为不超过100亿港元", [(Decimal("10000000000"), "HKD", "up to")]),
        ("目标价上看250元", [(Decimal("250"), "CNY", "up to")]),
        ("回购不少于5亿元", [(Decimal("500000000"), "CNY", "at least")]),
    ],
)
def test_amounts(text, expected):
    assert values(text) == expected


def test_a_scale_written_once_after_a_list_or_range():
    assert [q.value for q in find_quantities("净利润170.3/195.8/223.2亿元")] == [
        Decimal("17030000000"),
        Decimal("19580000000"),
        Decimal("22320000000"),
    ]
    assert [q.value for q in find_quantities("交付量为10至11万辆")] == [
        Decimal("100000"),
        Decimal("110000"),
    ]
    assert [q.value for q in find_quantities("目标上调至58万-65万辆")] == [
        Decimal("580000"),
        Decimal("650000"),
    ]


def test_commentary_counts_tolerances_and_measure_words_are_not_figures():
    assert values("9位导演拍了5部短片") == []
    assert [q.value for q in find_quantities("毛利率预估46%±1.5%")] == [Decimal("46")]
    (images,) = find_quantities("生成5300万张图片")
    assert images.unit == "items"


def test_a_negative_amount_keeps_its_sign():
    (loss,) = find_quantities("扣非归母净利润-2.25 亿元")
    assert loss.value == Decimal("-225000000")


def test_a_long_run_of_digits_is_no_figure_and_costs_little():
    assert find_quantities("营收" + "1" * 50000 + "亿元") == []


def test_the_unit_after_the_second_of_two_figures_is_the_first_ones_too():
    from decimal import Decimal

    from summarizer.figures.quantities import find_quantities

    found = [(q.value, q.unit) for q in find_quantities("分别跌5.4及3.9个百分点")]
    assert found == [(Decimal("5.4"), "pp"), (Decimal("3.9"), "pp")]
