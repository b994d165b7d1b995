"""Marker clauses are looked for only in clauses short enough to be one."""

from corpus import corpus_articles

from summarizer.text.compress import CLAUSE, is_marker


def test_the_longest_markers_are_still_found():
    assert is_marker("一二三四五六七八方面：")  # eight characters, 方面 and a mark: 11
    assert is_marker(" 值得注意的是， ")
    assert not is_marker("一二三四五六七八九方面：")
    assert not is_marker("营收方面，公司第三季度收入同比增长")


def test_markers_on_the_corpus_are_those_the_pattern_finds():
    import re

    from summarizer.text import compress

    pattern: re.Pattern[str] = compress._MARKER_CLAUSE
    clauses = [c for _, text in corpus_articles() for c in CLAUSE.findall(text)]
    assert len(clauses) > 1000
    found = [c for c in clauses if is_marker(c)]
    assert found == [c for c in clauses if pattern.match(c.strip())]
    assert found  # the corpus has some (毛利率方面，)
