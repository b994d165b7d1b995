"""Patterns skipped by their first characters: only those that cannot match."""

import re

import pytest
from corpus import corpus_articles

from summarizer.figures import metrics
from summarizer.figures.first_chars import FirstCharacterIndex, first_characters
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
