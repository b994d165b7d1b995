"""Scans that skip ahead to where a match can start: the same matches as the plain scan."""

import re
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer import suggest
from summarizer.figures import brokers, clauses, facts, numbers, quantities, units
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


_CUES = [
    "表示",
    "指出",
    "说",
    "称",
    "透露",
    "介绍",
    "认为",
    "强调",
    "坦言",
    "提到",
    "回应",
    "告诉",
    "此前",
    "曾",
    "CEO",
    "CFO",
    "COO",
    "CTO",
    "首席执行官",
    "首席财务官",
    "首席运营官",
    "首席技术官",
    "总裁",
    "副总裁",
    "董事长",
    "创始人",
    "联合创始人",
    "负责人",
    "总经理",
    "经理",
    "总监",
    "分析师",
    "导演",
    "记者",
    "主任",
    "教授",
    "合伙人",
    "主席",
    "董事",
    "高管",
    "作者",
]


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


# the clause breaks as first written: punctuation, a run of spaces, a bar
_CLAUSE_BREAK_AS_WRITTEN = re.compile(r"[，,；;：:。！？!?]|\s{2,}|│|\|")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="，,；;：:。！？!?│| \n\u3000\t营收增长5%ab", max_size=40))
def test_clause_breaks_are_the_breaks_as_written(text):
    expected = [m.span() for m in _CLAUSE_BREAK_AS_WRITTEN.finditer(text)]
    assert [m.span() for m in clauses.CLAUSE_BREAK.finditer(text)] == expected
    assert len(clauses.CLAUSE_BREAK.findall(text, 1, 30)) == len(
        _CLAUSE_BREAK_AS_WRITTEN.findall(text, 1, 30)
    )


def test_clause_breaks_of_a_sentence():
    sentence = "营收增长5%，净利润下降；毛利率  30%│完"
    assert [m.end() for m in clauses.CLAUSE_BREAK.finditer(sentence)] == [7, 13, 18, 22]


def test_people_are_proposed_across_line_breaks_and_spaces():
    from summarizer.glossary import load_glossaries
    from summarizer.text.parsed import ParsedText

    glossary = load_glossaries((), True)
    text = "  公司公布业绩。\n\n\u3000\u3000分析师王建国表示，收入增长。 \n周晓明指出，前景向好。\n"
    found = suggest.suggest_terms(
        [ParsedText(text, glossary.segmenter)], glossary, people_only=True
    )
    assert {s.zh for s in found} == {"王建国", "周晓明"}


# Hong Kong cues as first written: a code's bracket as a class, which no engine skip can use
_HONG_KONG_AS_WRITTEN = re.compile(r"\.HK\b|港股|港元|港交所|恒生|[（(]0\d{4}[)）]")
_HONG_KONG_DOLLARS_AS_WRITTEN = re.compile(r"港元|港币|[（(]0\d{4}(?:\.HK)?[)）]")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["（", "(", "0", "00700", ")", "）", ".HK", "港", "股", "元", "币", "恒生", "x"]
        ),
        max_size=14,
    ).map("".join)
)
def test_hong_kong_cues_are_found_where_written(text):
    assert bool(facts._HONG_KONG.search(text)) == bool(_HONG_KONG_AS_WRITTEN.search(text))
    assert bool(units._HONG_KONG_DOLLARS.search(text)) == bool(
        _HONG_KONG_DOLLARS_AS_WRITTEN.search(text)
    )


def test_ratings_in_prose_are_read():
    text = "某券商维持“买入”评级，目标价38元；另一家给予「增持」投资评级。"
    assert [rating for _, rating in brokers.prose_ratings(text)] == ["Buy", "Accumulate"]


_VERBAL_CHANGE_AS_WRITTEN = re.compile(
    r"(?:基本|大致|大体)?(?P<flat>持平)|(?P<double>翻倍|翻番|翻了一番|翻一番|(?:增长|增加|成长|上升)了?一倍)"
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["基本", "大致", "持平", "翻", "倍", "番", "了", "一", "增长", "上升", "同比", "5"]
        ),
        max_size=12,
    ).map("".join)
)
def test_changes_in_words_are_the_matches_as_written(text):
    expected = [(m.span(), m.groupdict()) for m in _VERBAL_CHANGE_AS_WRITTEN.finditer(text)]
    assert [(m.span(), m.groupdict()) for m in quantities.VERBAL_CHANGE.finditer(text)] == expected


def test_english_numbers_compare_and_hash_by_value():
    first, second = english_numbers("RMB 5 billion and RMB 5 billion")
    assert first == second and hash(first) == hash(second)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "人民币",
                "RMB",
                "US$",
                " ",
                "\u3000",
                "5",
                "1,200",
                ".5",
                "一",
                "千",
                "万",
                "亿",
                "元",
                "%",
                "用户",
                "营收",
            ]
        ),
        max_size=12,
    ).map("".join)
)
def test_amounts_are_the_matches_without_the_first_character_test(text):
    as_written = re.compile(numbers.AMOUNT_PATTERN.pattern.split(")", 1)[1])
    expected = [(m.span(), m.groups()) for m in as_written.finditer(text)]
    assert [(m.span(), m.groups()) for m in numbers.AMOUNT_PATTERN.finditer(text)] == expected
