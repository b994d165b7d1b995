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
