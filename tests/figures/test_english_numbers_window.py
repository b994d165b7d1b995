"""The cues before an English number are looked for in a window: the same numbers as
searching the whole text before it, in linear time."""

from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.figures.check import _DATE_BEFORE, _NOT_A_FIGURE_BEFORE, english_numbers


def _reference_cue(text: str, cut: int) -> bool:
    before = text[:cut]
    return bool(_NOT_A_FIGURE_BEFORE.search(before) or _DATE_BEFORE.search(before))


PIECES = st.sampled_from(
    [
        "Q",
        "H",
        "no.",
        "No. ",
        "#",
        "2024/",
        "Sept.",
        "september",
        "Dec",
        " ",
        "  ",
        "\n",
        "\t",
        "x-",
        "Revenue ",
        "RMB ",
        "US$",
        "3",
        "11.4",
        "2,100",
        "%",
        " billion",
        "th",
        "rd",
        "a",
        "pre",
        "1999",
        "June\n\n ",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=30))
def test_same_numbers_as_searching_everything_before(pieces):
    import summarizer.figures.check as check

    text = "".join(pieces)
    windowed = english_numbers(text)
    original = check._ends_with_non_figure_cue
    try:
        check._ends_with_non_figure_cue = _reference_cue
        reference = english_numbers(text)
    finally:
        check._ends_with_non_figure_cue = original
    assert windowed == reference


def test_cues_are_seen_and_a_long_text_stays_fast():
    found = english_numbers("In Q3 revenue was RMB 31.1 billion; on June 5 it rose 4% (no. 7).")
    assert [n.text for n in found] == ["RMB 31.1 billion", "4%"]
    long = "Revenue rose 4% to RMB 5 billion. " * 5_000
    assert len(english_numbers(long)) == 10_000
