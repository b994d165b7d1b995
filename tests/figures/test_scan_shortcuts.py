"""Scans that skip ahead to where a match can start: the same matches as the plain scan."""

import re
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer import suggest
from summarizer.figures.check import _ENGLISH_NUMBER, _english_number_matches, english_numbers

# currencies, scales, digits (an Arabic-Indic one too), separators and other spaces
_ENGLISH_PIECES = st.sampled_from(
    [
        "RMB",
        "US$",
        "HK$",
        "NT$",
        "usd",
        "$",
        "£",
        "€",
        " ",
        "\n",
        "\u3000",
        "1",
        "25",
        "٣",
        "3,400",
        ".5",
        ",",
        "%",
        " billion",
        "bn",
        "m",
        " per cent",
        " pp",
        " yuan",
        "Q",
        "H",
        "no.",
        "#",
        "2025",
        "/",
        "st",
        "Sept ",
        "rose ",
        "to ",
        "x",
        "-",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_ENGLISH_PIECES, max_size=30).map("".join))
def test_english_number_places_are_finditers(text):
    expected = [(m.span(), m.groups()) for m in _ENGLISH_NUMBER.finditer(text)]
    assert [(m.span(), m.groups()) for m in _english_number_matches(text)] == expected


def test_english_numbers_read_from_a_sentence():
    found = english_numbers("Revenue rose 12% to RMB 31.1 billion in Q3 2025; no. 2 in US$ 5m.")
    assert [(n.value, n.unit) for n in found] == [
        (Decimal(12), "%"),
        (Decimal("31.1e9"), "CNY"),
        (Decimal("5e6"), "USD"),
    ]


_CUES = ["表示", "指出", "说", "称", "透露", "介绍", "认为", "强调", "坦言", "提到", "回应", "告诉", "此前", "曾", "CEO", "CFO", "COO", "CTO", "首席执行官", "首席财务官", "首席运营官", "首席技术官", "总裁", "副总裁", "董事长", "创始人", "联合创始人", "负责人", "总经理", "经理", "总监", "分析师", "导演", "记者", "主任", "教授", "合伙人", "主席", "董事", "高管", "作者"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([*_CUES, "首席", "C", "EO", "董", "王", "，", "\n"]), max_size=12).map(
        "".join
    )
)
def test_a_sentence_has_a_person_cue_where_a_cue_word_stands(text):
    assert bool(suggest._ANY_PERSON_CUE.search(text)) == any(cue in text for cue in _CUES)


def test_the_cue_words_are_the_before_and_after_cues():
    words = set(re.findall(r"[^|()?:^$]+", suggest._ANY_PERSON_CUE.pattern))
    assert words == set(_CUES)
