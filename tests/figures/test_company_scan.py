"""Names with a stock code or an announcing verb, searched only near brackets and verbs:
the same matches as scanning the whole text, on the corpus and on generated text."""

import random

import pytest
from corpus import corpus_articles

from summarizer.figures import companies, facts
from summarizer.figures.companies import listed_names

SCANS = {
    "stock code": (companies._WITH_CODE, companies._CODE_BRACKET, 17, 21),
    "announces": (companies._ANNOUNCES, companies._VERB, 12, 2),
    "Hong Kong code": (facts._HK_CODE, facts._BRACKET, 13, 10),
}


def _spans(matches):
    return [(m.span(), m.group(1)) for m in matches]


def _generated_texts(count: int, seed: int) -> list[str]:
    """Names of 1 to 20 letters run into codes and verbs, spaces in every optional place."""
    rng = random.Random(seed)
    letters = "快手科技集团公司营收第三季度中国腾讯AbZ"

    def space() -> str:
        return rng.choice(["", " "])

    def piece() -> str:
        kind = rng.random()
        if kind < 0.3:
            return "".join(rng.choice(letters) for _ in range(rng.randint(1, 20)))
        if kind < 0.4:
            return "".join(rng.choice(letters[:-3]) for _ in range(rng.randint(1, 16)))
        if kind < 0.55:
            exchange = rng.choice(["NASDAQ", "纳斯达克", "港交所"])
            ticker = "ABCDE"[: rng.randint(1, 5)]
            colon = rng.choice([":", "："])
            return f"{rng.choice('（(')}{space()}{exchange}{space()}{colon}{space()}{ticker}{space()}{rng.choice(')），')}"
        if kind < 0.7:
            prefix = rng.choice(["", "ABCDE/", "AB : ", "ABCDE / "])
            digits = "1234567"[: rng.randint(2, 6)]
            suffix = rng.choice(["", ".HK", ".US"])
            return f"{rng.choice('（(')}{space()}{prefix}{digits}{suffix}{space()}{rng.choice(')）；')}"
        if kind < 0.8:
            digits = "0" + "1234"[: rng.randint(3, 4)]
            hk = rng.choice(["", ".HK"])
            return f"{space()}{rng.choice('（(')}{digits}{hk}{rng.choice(')）')}"
        if kind < 0.9:
            when = rng.choice(["", "今日", "12日", "3 日", "12 日"])
            return f"{space()}{when}{space()}{rng.choice(['公布', '宣布', '录得', '披露'])}"
        return rng.choice(["，", "。", "\n", "1", " "])

    return ["".join(piece() for _ in range(rng.randint(1, 12))) for _ in range(count)]


@pytest.mark.parametrize("scan", SCANS)
def test_search_near_anchors_finds_what_a_full_scan_finds(scan):
    pattern, anchors, before, after = SCANS[scan]
    texts = [text for _, text in corpus_articles()] + _generated_texts(4000, seed=11)
    found = 0
    for text in texts:
        expected = _spans(pattern.finditer(text))
        assert _spans(companies.matches_near(pattern, text, anchors, before, after)) == expected
        found += len(expected)
    assert found > 500  # the generated texts do hold many names


@pytest.mark.parametrize("scan", SCANS)
def test_a_window_one_character_short_misses_names(scan):
    """The margins are the least that works: the generated texts reach both ends."""
    pattern, anchors, before, after = SCANS[scan]
    texts = _generated_texts(4000, seed=11)
    for shorter in ((before - 1, after), (before, after - 1)):
        assert any(
            _spans(companies.matches_near(pattern, text, anchors, *shorter))
            != _spans(pattern.finditer(text))
            for text in texts
        ), shorter


def test_listed_names_read_from_codes_and_verbs():
    text = (
        "营收增长。星河电子（6688）公布业绩，网易(NTES/09999)上涨。星河电子今日公布，星河电子宣布"
    )
    assert listed_names(text) == ["星河电子", "网易"]
