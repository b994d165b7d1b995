"""The glossary's one-pass matcher finds what a plain scan finds: at each place the longest
form there (a Latin form not inside a longer Latin word), then on after it."""

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from summarizer.glossary import Glossary, Term

# forms that nest (阿里 in 阿里云巴巴), share a first character, or are Latin at one edge or both
GLOSSARY = Glossary(
    [
        Term("阿里", "Alibaba", "company"),
        Term("阿里云", "Alibaba Cloud", "company"),
        Term("阿里巴巴", "Alibaba Group", "company"),
        Term("云计算", "cloud computing", "other"),
        Term("Kwai", "Kwai", "product", aliases=("快手Kwai",)),
        Term("AI", "AI", "other"),
        Term("AI芯片", "AI chips", "other"),
        Term("B站", "Bilibili", "company"),
        Term("3D", "3D", "other"),
    ]
)
LATIN = re.compile("[A-Za-z0-9]")


def plain_scan(text: str) -> list[tuple[int, int, str]]:
    """Every place in turn, its forms tried longest first."""
    forms = sorted({f for t in GLOSSARY.terms for f in t.forms}, key=len, reverse=True)
    found, i = [], 0
    while i < len(text):
        for form in forms:
            end = i + len(form)
            inside_word = (LATIN.match(form[0]) and i > 0 and LATIN.match(text[i - 1])) or (
                LATIN.match(form[-1]) and end < len(text) and LATIN.match(text[end])
            )
            if text.startswith(form, i) and not inside_word:
                found.append((i, end, form))
                i = end
                break
        else:
            i += 1
    return found


def test_known_texts():
    assert [(m.start, m.end, m.surface) for m in GLOSSARY.match("阿里巴巴和阿里云计算")] == [
        (0, 4, "阿里巴巴"),
        (5, 8, "阿里云"),
    ]
    # Kwai inside Kwaipilot is no match, nor either AI form after the p of pAI芯片
    assert [m.surface for m in GLOSSARY.match("Kwaipilot，Kwai与AI芯片，pAI芯片")] == [
        "Kwai",
        "AI芯片",
    ]
    assert GLOSSARY.match("3DS游戏") == []
    assert Glossary([]).match("阿里") == []


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "阿里",
                "云",
                "巴巴",
                "计算",
                "Kwai",
                "快手",
                "AI",
                "芯片",
                "B站",
                "3D",
                "p",
                "9",
                " ",
                "。",
            ]
        ),
        max_size=12,
    )
)
@example(["p", "Kwai", "AI", "芯片"])
@example(["快手", "Kwai", "p"])
def test_the_matcher_finds_what_a_plain_scan_finds(pieces):
    text = "".join(pieces)
    found = [(m.start, m.end, m.surface) for m in GLOSSARY.match(text)]
    assert found == plain_scan(text)
    assert all(GLOSSARY.lookup(surface) is not None for _, _, surface in found)
