import re

import pytest
from corpus import corpus_articles

from summarizer.glossary import Glossary, Term
from summarizer.text.normalize import normalize

_LATIN = re.compile(r"[A-Za-z0-9]")


def reference_match(forms: list[str], text: str) -> list[tuple[int, int, str]]:
    """At each position the longest form that fits and is not inside a longer Latin word."""
    longest_first = sorted(forms, key=len, reverse=True)
    found, i = [], 0
    while i < len(text):
        for form in longest_first:
            end = i + len(form)
            inside_word = (_LATIN.match(form[0]) and i > 0 and _LATIN.match(text[i - 1])) or (
                _LATIN.match(form[-1]) and end < len(text) and _LATIN.match(text[end])
            )
            if text.startswith(form, i) and not inside_word:
                found.append((i, end, form))
                i = end
                break
        else:
            i += 1
    return found


@pytest.mark.slow
def test_matches_are_the_longest_first_scan_on_every_article(glossary):
    for article_id, raw in corpus_articles():
        text = normalize(raw, glossary.forms()).text
        got = [(m.start, m.end, m.surface) for m in glossary.match(text)]
        assert got == reference_match(glossary.forms(), text), article_id


def test_latin_terms_and_special_characters():
    glossary = Glossary(
        [Term("Kwai", "Kwai", "company"), Term("C++", "C++", "product"), Term("快手", "Kuaishou")]
    )
    text = "Kwaipilot 与 Kwai、C++ 和快手"
    got = [(m.start, m.end, m.surface) for m in glossary.match(text)]
    assert got == [(12, 16, "Kwai"), (17, 20, "C++"), (22, 24, "快手")]
    assert Glossary().match(text) == []
