"""Sentence compression and clause-level selection: what a digest drops, and what it never cuts."""

import re

from summarizer.models.clause_select import select_clauses
from summarizer.models.extractive import ExtractiveSummarizer
from summarizer.text.compress import (
    is_marker,
    mainland_wording,
    strip_frames,
    without_dangling_connective,
    without_quarter_on_quarter,
)
from summarizer.text.segment import split_sentences


def test_bylines_frames_and_asides_go_and_the_statement_stays():
    assert strip_frames("〔记者王明／新竹报导〕星河科技昨公布10月营收达36.7亿元。") == (
        "星河科技昨公布10月营收达36.7亿元。"
    )
    assert strip_frames("据星河科技财报，第三季度营收311亿元，同比增长11.4%。") == (
        "第三季度营收311亿元，同比增长11.4%。"
    )
    assert strip_frames("首席财务官李华表示，全年收入预计在73亿元左右。") == (
        "全年收入预计在73亿元左右。"
    )
    # the name in a "X公布数据显示" frame is the subject of what follows
    assert strip_frames("星河公布数据显示，第三季营收158.73亿元。") == "星河第三季营收158.73亿元。"


def test_a_frame_without_a_statement_after_it_stays():
    assert strip_frames("公司表示，满意。") == "公司表示，满意。"


def test_codes_conversions_citations_and_inline_quotes_go():
    assert strip_frames("星河科技（2330）今（31日）公布财报。") == "星河科技今公布财报。"
    assert strip_frames("净利润为人民币10.9亿元(1.54亿美元)，同比增长38.7%。") == (
        "净利润为人民币10.9亿元，同比增长38.7%。"
    )
    assert strip_frames("甲汽车交付7万辆 [4][5]，乙汽车 -0.680 (-3.594%)交付4万辆。") == (
        "甲汽车交付7万辆，乙汽车交付4万辆。"
    )


def test_spaces_around_figures_and_list_dashes():
    assert strip_frames("星河 2025 年第三季度营收 1041.86 亿元。") == (
        "星河2025年第三季度营收1041.86亿元。"
    )
    assert strip_frames("甲交付7万辆 - 乙交付4万辆。") == "甲交付7万辆；乙交付4万辆。"


def test_taiwan_and_hong_kong_wording_takes_its_mainland_form_and_figures_stay():
    assert mainland_wording("营收达3674.73亿元，月增11%、年增16.9%") == (
        "营收达3674.73亿元，环比增11%、同比增16.9%"
    )
    assert mainland_wording("第3季税后纯益105.56亿元，每股盈余14.21元") == (
        "第三季度税后净利105.56亿元，每股收益14.21元"
    )
    assert (
        mainland_wording("经调整纯利按年增长25%至5.1亿美元") == "经调整纯利同比增长25%至5.1亿美元"
    )
    assert mainland_wording("2025Q3营收283.6亿元，前三季营收5662.7亿元") == (
        "2025年第三季度营收283.6亿元，前三季度营收5662.7亿元"
    )


def test_a_year_or_period_named_before_a_change_word_is_left_alone():
    for text in ("今年增加12%", "2025年增长12%", "10月增加5%", "年增率各12%", "第三季度增长12%"):
        assert mainland_wording(text) == text
    assert mainland_wording("第三季增长12%") == "第三季度增长12%"


def test_quarter_on_quarter_changes_go_only_beside_a_year_on_year_change():
    assert without_quarter_on_quarter(["营收9899.2亿元，", "环比增6％、同比增30.3％，"]) == [
        "营收9899.2亿元，",
        "同比增30.3％，",
    ]
    assert without_quarter_on_quarter(["营收9899.2亿元，", "环比增6％。"]) == [
        "营收9899.2亿元，",
        "环比增6％。",
    ]


def test_markers_and_dangling_connectives():
    assert is_marker("一方面，") and is_marker("毛利率方面，") and not is_marker("营收增长，")
    assert without_dangling_connective("而2024年同期为40亿元") == "2024年同期为40亿元"
    assert without_dangling_connective("并购金额为5亿元") == "并购金额为5亿元"


ARTICLE = (
    "〔记者王明／台北报导〕受惠人工智能需求强劲，星河科技昨公布第三季度财报，营收达311亿元，"
    "季增6%、年增11.4%，创单季新高；星河科技股价开高走高，最高达1495元，小涨5元。"
    "公司董事长表示，未来将继续关注用户体验，推动生态健康发展，也会继续投入研发。"
    "税后纯益39亿元，年增24.4%，每股盈余4.2元。"
    "行业人士普遍认为，市场竞争依然激烈，未来仍需观察。"
    "第三季度毛利率为45.1%，较去年同期提升1.2个百分点。"
)


def test_the_budget_goes_to_the_figures_of_several_sentences():
    summary = ExtractiveSummarizer().summarize(ARTICLE, max_chars=100)
    assert len(summary.text) <= 100 and summary.text.endswith("。")
    # the headline figures of three sentences, each with its metric and year-on-year change
    for kept in (
        "营收达311亿元",
        "同比增11.4%",
        "税后净利39亿元",
        "每股收益4.2元",
        "毛利率为45.1%",
    ):
        assert kept in summary.text, summary.text
    # the byline, the share-price colour, the quarter-on-quarter change and the commentary go
    for dropped in ("记者", "1495元", "环比增6%", "用户体验", "竞争"):
        assert dropped not in summary.text, summary.text
    # sentences 0, 3 and 5 (the first ends at its ；)
    assert summary.sentence_indices == [0, 3, 5]


def test_a_change_is_never_kept_without_the_metric_it_changes():
    sentences = split_sentences("星河科技营收达311亿元，同比增长11.4%，环比增长6%，均创新高。")
    text, positions = select_clauses(sentences, [1.0], 26)
    assert text == "星河科技营收达311亿元，同比增长11.4%。" and positions == [0]
    # too little room for the metric with its change: neither is taken
    assert select_clauses(sentences, [1.0], 18) == ("", [])
    # room left goes to the words qualifying the chosen figure
    assert (
        select_clauses(sentences, [1.0], 40)[0]
        == "星河科技营收达311亿元，同比增长11.4%，均创新高。"
    )


def test_a_repeated_headline_is_taken_once():
    repeated = ARTICLE + "星河科技第三季度营收311亿元，同比增长11.4%。"
    summary = ExtractiveSummarizer().summarize(repeated, max_chars=160)
    assert summary.text.count("311亿元") == 1


def test_a_unit_opening_on_a_pronoun_is_not_taken():
    text = "星河科技营收311亿元，同比增长11.4%。他们对收入的占比分别为56.5%和43.5%。"
    summary = ExtractiveSummarizer().summarize(text, max_chars=160)
    assert "他们" not in summary.text and "311亿元" in summary.text


def test_numbers_in_summary_are_whole_numbers_of_the_article():
    summary = ExtractiveSummarizer().summarize(ARTICLE, max_chars=60)
    numbers = re.findall(r"\d+(?:[.,]\d+)*", summary.text)
    assert numbers
    for number in numbers:
        assert re.search(rf"(?<![\d.,]){re.escape(number)}(?!\d)", ARTICLE), number
