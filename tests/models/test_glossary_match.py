import re

import pytest
from corpus import corpus_articles

from summarizer.glossary import Glossary, Term, count_terms, required_terms
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


ALIBABA = Glossary(
    [
        Term("阿里", "Alibaba", "company"),
        Term("阿里云", "Alibaba Cloud", "company"),
        Term("阿里巴巴", "Alibaba Group", "company"),
    ]
)


def test_a_term_inside_a_longer_one_is_not_an_occurrence():
    text = "阿里云的收入增长了26%，阿里表示…"
    requirements = required_terms(text, ALIBABA)
    assert [(r.zh, r.en, r.required) for r in requirements] == [
        ("阿里云", "Alibaba Cloud", 1),
        ("阿里", "Alibaba", 1),
    ]
    # where each occurrence starts, as a share of the text: 0 and 13 of 18 characters
    assert [r.positions for r in requirements] == [(0.0,), (13 / 18,)]


@pytest.mark.parametrize(
    ("output", "found"),
    [
        ("Alibaba Cloud's revenue grew 26%", {"Alibaba Cloud": 1, "Alibaba": 0}),
        ("Alibaba Cloud's revenue grew 26%, Alibaba said", {"Alibaba Cloud": 1, "Alibaba": 1}),
        ("Alibaba said Alibaba Cloud grew", {"Alibaba Cloud": 1, "Alibaba": 1}),
        ("Alibabas and Alibaba-Cloud", {"Alibaba Cloud": 0, "Alibaba": 1}),
        ("alibaba cloud", {"Alibaba Cloud": 0, "Alibaba": 0}),
    ],
)
def test_the_output_is_counted_the_way_the_source_was(output, found):
    requirements = required_terms("阿里云的收入增长了26%，阿里表示…", ALIBABA)
    counts = count_terms(output, requirements)
    assert {c.en: c.found for c in counts} == found
    assert {c.en: c.missing for c in counts} == {en: 1 - n for en, n in found.items()}


def test_the_bundled_glossary_has_nested_terms_counted_apart(glossary):
    requirements = required_terms("快手科技与快手：可灵和可灵AI，快手。", glossary)
    assert {r.en: r.required for r in requirements} == {
        "Kuaishou Technology": 1,
        "Kuaishou": 2,
        "Kling": 1,
        "Kling AI": 1,
    }
    counts = count_terms("Kuaishou Technology and Kling AI", requirements)
    assert {c.en: c.found for c in counts} == {
        "Kuaishou Technology": 1,
        "Kuaishou": 0,
        "Kling": 0,
        "Kling AI": 1,
    }


def test_forms_with_commas_and_traditional_script():
    catl = "Contemporary Amperex Technology Co., Limited"
    glossary = Glossary([Term("宁德时代", catl, "company")])
    (requirement,) = required_terms("寧德時代公布業績，寧德時代表示。", glossary)
    assert (requirement.en, requirement.required) == (catl, 2)
    (count,) = count_terms(f"{catl} reported; {catl}, it said", [requirement])
    assert (count.found, count.satisfied) == (2, True)
