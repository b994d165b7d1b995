"""Sentences without a period character (or a digit or numeral) are not searched for
periods (or quantities): none can be there."""

import random

from corpus import corpus_articles

from summarizer.figures import periods, quantities
from summarizer.figures.periods import PERIOD_CHARACTERS, find_periods
from summarizer.figures.quantities import QUANTITY_CHARACTERS, find_quantities
from summarizer.text.segment import split_sentences

PATTERNS = (periods._PERIOD, periods._YEAR_ALONE, periods._YEAR_Q)


def _without_period_characters(text: str) -> str:
    return "".join(ch for ch in text if ch not in PERIOD_CHARACTERS)


def test_corpus_sentences_lose_every_period_with_those_characters():
    sentences = [s.text for _, text in corpus_articles() for s in split_sentences(text)]
    assert sum(bool(find_periods(s)) for s in sentences) > 200
    for sentence in sentences:
        stripped = _without_period_characters(sentence)
        assert not any(p.search(stripped) for p in PATTERNS), stripped


def test_the_patterns_own_words_without_those_characters_match_nothing():
    """Every literal piece of the three patterns, glued at random, the characters left out."""
    words = [
        "同期",
        "前三季度",
        "首三季",
        "Q1-Q3",
        "1-3季度",
        "1-9月",
        "前9月",
        "前九个月",
        "单第一季度",
        "第3合并营收",
        "11月20日",
        "Q3",
        "q4季度",
        "上半年",
        "下半年",
        "中期",
        "首半年",
        "上半财年",
        "全年",
        "全财年",
        "财年",
        "年度",
        "截至2024年6月30日止三个月",
        "累计前9个月",
        "1至3月",
        "12月份",
        "上季",
        "季内",
        "单季",
        "当季",
        "本季度",
        "期内",
        "报告期内",
        "本期",
        "截至目前",
        "截至发稿",
        "迄今为止",
        "迄今",
        "目前",
        "2024年",
        "今年",
        "去年",
        "明年",
        "FY24",
        "2024/25财年",
        "财政年度",
        "2024Q3",
        "3Q24",
        "营收",
        "增长",
        "的",
        "将",
        "EPS",
        "预计",
        "自",
        "从",
        "以来",
    ]
    rng = random.Random(3)
    for _ in range(3000):
        text = "".join(rng.choice(words + [" ", "，", "7", "2025"]) for _ in range(8))
        stripped = _without_period_characters(text)
        assert not any(p.search(stripped) for p in PATTERNS), stripped


def test_corpus_sentences_lose_every_quantity_with_their_digits_and_numerals():
    patterns = (quantities._ARABIC, quantities._SHARED_UNIT_FIRST, quantities._CHINESE)
    sentences = [s.text for _, text in corpus_articles() for s in split_sentences(text)]
    assert sum(bool(find_quantities(s)) for s in sentences) > 200
    for sentence in sentences:
        stripped = QUANTITY_CHARACTERS.sub("", sentence.translate(quantities._FOLD))
        assert not any(p.search(stripped) for p in patterns), stripped
    # fullwidth digits are digits before folding too
    assert [q.value for q in find_quantities("营收３１１亿元")] == [311 * 10**8]
    assert [q.unit for q in find_quantities("约三成")] == ["%"]
