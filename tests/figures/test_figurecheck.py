from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.figures.check import check_figures, english_numbers
from summarizer.figures.facts import extract_facts

SOURCE = "快手发布公告。\n2024年第三季度，快手总营收同比增长11.4%至311亿元，经调整净利润同比增长24.4%达39亿元。"


def test_english_numbers_skip_years_dates_and_quarters():
    found = english_numbers(
        "On November 20, 2024, in Q3 revenue rose 11.4% to RMB 31.1 billion; 408 million users; £2.8bn."
    )
    assert [(n.text, n.unit) for n in found] == [
        ("11.4%", "%"),
        ("RMB 31.1 billion", "CNY"),
        ("408 million", ""),
        ("£2.8bn", "GBP"),
    ]
    assert found[1].value == 31_100_000_000


def test_a_mis_scaled_figure_is_caught(glossary):
    facts = extract_facts(SOURCE, glossary)
    check = check_figures(
        "Revenue rose 11.4% to RMB 311 billion; adjusted net profit rose 24.4% to RMB 3.9 billion.",
        SOURCE,
        facts,
    )
    assert [n.text for n in check.unmatched] == ["RMB 311 billion"]
    assert [f.metric for f in check.dropped] == ["revenue"]
    assert "figure 'RMB 311 billion' matches no figure in the source" in check.warnings()


def test_a_correct_text_passes(glossary):
    facts = extract_facts(SOURCE, glossary)
    check = check_figures(
        "Revenue rose 11.4% to RMB 31.1 billion and adjusted net profit rose 24.4% to RMB 3.9 billion.",
        SOURCE,
        facts,
    )
    assert check.ok


def test_currency_must_agree(glossary):
    facts = extract_facts(SOURCE, glossary)
    check = check_figures("Revenue was USD 31.1 billion.", SOURCE, facts)
    assert [n.text for n in check.unmatched] == ["USD 31.1 billion"]


def _non_figure_cue_as_written(text: str, cut: int) -> bool:
    """Both cue patterns searched in the whole text before the cut, with no test first."""
    from summarizer.figures import check

    if check._NOT_A_FIGURE_BEFORE.search(text[:cut]):
        return True
    return check._DATE_BEFORE.search(text[:cut].rstrip()) is not None


# marks, month names, spaces and the letters [A-Za-z] matches ignoring case beyond ASCII
_CUE_PIECES = ("Q", "H", "no.", "No", " ", "\n", "#", "2024/", "-", ".", "Sept", "May.", "dec")
_OTHER_PIECES = ("x", "of", "İ", "ſ", "K", "1", "RMB", "程")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_CUE_PIECES + _OTHER_PIECES), max_size=8).map("".join))
def test_non_figure_cues_read_as_the_plain_patterns(text):
    from summarizer.figures.check import _ends_with_non_figure_cue

    for cut in range(len(text) + 1):
        assert _ends_with_non_figure_cue(text, cut) == _non_figure_cue_as_written(text, cut)


def test_quarter_and_month_marks_before_a_number():
    from summarizer.figures.check import _ends_with_non_figure_cue

    assert _ends_with_non_figure_cue("Q", 1)  # Q3
    assert _ends_with_non_figure_cue("see no. ", 8)  # no. 5
    assert _ends_with_non_figure_cue("on Sept. ", 9)  # Sept. 30
    assert not _ends_with_non_figure_cue("revenue of ", 11)  # of RMB
    assert not _ends_with_non_figure_cue("rose ", 5)
