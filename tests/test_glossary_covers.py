"""Whether a glossary match holds a character: told from the matches by bisection."""

from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.glossary import Glossary, Term, TextMatches

GLOSSARY = Glossary(
    [
        Term("阿里巴巴", "Alibaba", "company"),
        Term("阿里云", "Alibaba Cloud", "company"),
        Term("Kwai", "Kwai", "product"),
    ]
)


def test_the_characters_of_each_match_are_covered():
    matches = TextMatches(GLOSSARY, "阿里云和阿里巴巴，Kwai")
    assert [at for at in range(14) if matches.covers(at)] == [0, 1, 2, 4, 5, 6, 7, 9, 10, 11, 12]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["阿里", "云", "巴巴", "Kwai", "p", "和", " "])).map("".join))
def test_covered_where_a_match_stands(text):
    matches = TextMatches(GLOSSARY, text)
    marked = [False] * (len(text) + 1)
    for m in matches.matches:
        marked[m.start : m.end] = [True] * (m.end - m.start)
    assert [matches.covers(at) for at in range(len(text) + 1)] == marked
