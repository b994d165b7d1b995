"""Patterns skipped by their first characters: only those that cannot match."""

import re

import pytest
from corpus import corpus_articles
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.figures import metrics
from summarizer.figures.first_chars import (
    FirstCharacterIndex,
    first_characters,
    prefixes,
    with_first_character_test,
)
from summarizer.text.segment import split_sentences


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("ab|c[de]", {"a", "c"}),
        ("(?:合并)?(?:营收|收入)", {"合", "营", "收"}),
        ("(?<!剩余)收入", {"收"}),
        ("x*y+", {"x", "y"}),
        ("[0-3]%", {"0", "1", "2", "3"}),
        ("P/?E|PE(?!G)", {"P"}),
        ("(?:中期|末期)?(?:股息)", {"中", "末", "股"}),
    ],
)
def test_first_characters_of_a_pattern(pattern, expected):
    assert first_characters(re.compile(pattern)) == expected


@pytest.mark.parametrize("pattern", [r"\d+", "a?", "[^x]y", ".b", "(?i)ab", "(?:x|)", r"\w"])
def test_patterns_that_can_start_anywhere_are_always_searched(pattern):
    assert first_characters(re.compile(pattern)) is None
    index = FirstCharacterIndex([re.compile("q"), re.compile(pattern)])
    assert index.candidates("nothing here") == [1]


def test_candidates_keep_the_patterns_order():
    index = FirstCharacterIndex([re.compile(p) for p in ("营收", "净利", "营业|利润")])
    assert index.candidates("净利润与营收") == [0, 1, 2]
    assert index.candidates("利润") == [2]
    assert index.candidates("") == []


def test_skipping_loses_no_metric_on_the_corpus():
    sentences = [s.text for _, text in corpus_articles() for s in split_sentences(text)]
    patterns = [pattern for pattern, _, _ in metrics._COMPILED]
    naming = 0
    for sentence in sentences:
        tried = set(metrics._BY_FIRST_CHARACTER.candidates(sentence))
        matching = {i for i, pattern in enumerate(patterns) if pattern.search(sentence)}
        assert matching <= tried, sentence
        naming += bool(matching)
    assert naming > 200  # sentences naming a metric


def test_names_metric_agrees_with_one_search_of_every_phrasing():
    every = re.compile("|".join(f"(?:{pattern.pattern})" for pattern, _, _ in metrics._COMPILED))
    clauses = [
        clause
        for _, text in corpus_articles()
        for clause in re.split("[，,；;：:。]", text)
        if clause.strip()
    ]
    named = [metrics.names_metric(clause) for clause in clauses]
    assert named == [every.search(clause) is not None for clause in clauses]
    assert 100 < sum(named) < len(named)


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("ab|c[de]", {"ab", "cd", "ce"}),
        ("(?:合并)?(?:营收|收入)", {"合并", "营收", "收入"}),
        ("(?<!剩余)收入", {"收入"}),
        ("(?:净)?亏损|蚀", {"净亏", "亏损", "蚀"}),  # a one-character phrasing stays one
        ("P/?E|PE(?!G)", {"P/", "PE"}),
        (r"每\s?10\s?股", {"每", "每1"}),  # a space may follow 每: 每 alone is all that is sure
        ("x+y", {"x"}),  # more than one x: the prefix ends after the first
        ("毛利(?:率)?", {"毛利"}),
    ],
)
def test_two_character_prefixes_of_a_pattern(pattern, expected):
    assert prefixes(re.compile(pattern), 2) == expected


@pytest.mark.parametrize("pattern", [r"\d+", "a?", ".b", "(?i)ab", r"(?:x|)y?"])
def test_patterns_without_sure_prefixes_are_always_searched(pattern):
    assert prefixes(re.compile(pattern), 2) is None
    index = FirstCharacterIndex([re.compile("qq"), re.compile(pattern)], 2)
    assert index.candidates("nothing here") == [1]


def test_two_character_index_skips_a_pattern_whose_pair_is_absent():
    patterns = [re.compile(p) for p in ("毛利率", "净利润|蚀", "营收")]
    index = FirstCharacterIndex(patterns, 2)
    # 毛 and 利 apart, 净 without 利: only 营收 can match; 蚀 alone is enough for its pattern
    assert index.candidates("毛巾利好，净值与营收") == [2]
    assert index.candidates("亏蚀") == [1]
    assert index.candidates("毛利率与净利润") == [0, 1]


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet="毛利率净润营收入合并剩余亏损蚀每股10 PEG/x", max_size=12))
def test_two_character_index_loses_no_match(text):
    patterns = [
        re.compile(p)
        for p in ("毛利(?:率)?", "(?:合并)?(?:营收|收入)", "(?<!剩余)收入", "(?:净)?亏损|蚀")
        + (r"每\s?10\s?股", "P/?E|PE(?!G)", "x+y")
    ]
    tried = set(FirstCharacterIndex(patterns, 2).candidates(text))
    assert {i for i, p in enumerate(patterns) if p.search(text)} <= tried


@pytest.mark.parametrize(
    ("pattern", "tested"),
    [
        ("营收|收入", False),  # alternatives that each open with a character: skipped to already
        ("[0-3]%", False),
        ("(营收)", False),
        ("(?:合并)?(?:营收|收入)", True),  # an optional word first
        ("(?<!剩余)收入", True),  # a lookbehind first
        ("[营收]|合并", True),  # a class in an alternative
        (r"\d+|x", False),  # any digit may start it: nothing to test
        ("(?i)ab?c", False),
    ],
)
def test_a_first_character_test_only_where_the_engine_cannot_skip(pattern, tested):
    compiled = re.compile(pattern)
    gated = with_first_character_test(compiled)
    assert (gated is not compiled) == tested
    if tested:
        assert gated.pattern.startswith("(?=[")


LEXICON_ALPHABET = "".join(
    sorted({ch for pattern, _, _ in metrics._LEXICON for ch in pattern if ord(ch) > 0x2E7F})
)[:120]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=LEXICON_ALPHABET + "0123 ，", max_size=16))
def test_metric_phrasings_with_their_first_character_test_match_as_written(text):
    for (gated, _, _), (pattern, _, _) in zip(metrics._COMPILED, metrics._LEXICON):
        plain = re.compile(pattern)
        assert [(m.span(), m.groups()) for m in gated.finditer(text)] == [
            (m.span(), m.groups()) for m in plain.finditer(text)
        ]


def test_metric_phrasings_match_as_written_on_the_corpus():
    sentences = [s.text for _, text in corpus_articles() for s in split_sentences(text)]
    for (gated, _, _), (pattern, _, _) in zip(metrics._COMPILED, metrics._LEXICON):
        plain = re.compile(pattern)
        for sentence in sentences:
            assert [m.span() for m in gated.finditer(sentence)] == [
                m.span() for m in plain.finditer(sentence)
            ]


def _as_written(gated: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern inside its first-character test."""
    assert gated.pattern.startswith("(?=[") and gated.pattern.endswith(")")
    return re.compile(gated.pattern.split("])(?:", 1)[1][:-1], gated.flags)


@settings(max_examples=600, deadline=None)
@given(
    st.text(alphabet="同比按年环季增长下降跌了约近符合低于一致预期市场财测彭博5%， ", max_size=16)
)
def test_change_and_expectation_words_with_their_first_character_test_match_as_written(text):
    from summarizer.figures.clauses import CHANGE_BEFORE, EXPECTATION_MET

    for gated in (CHANGE_BEFORE, EXPECTATION_MET):
        plain = _as_written(gated)
        assert [(m.span(), m.groups()) for m in gated.finditer(text)] == [
            (m.span(), m.groups()) for m in plain.finditer(text)
        ]
