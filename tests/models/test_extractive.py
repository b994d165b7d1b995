import re

import pytest

from summarizer.models.extractive import ExtractiveSummarizer
from summarizer.text.segment import split_sentences

ARTICLE = (
    "11月20日，星河科技公布第三季度业绩，总营收同比增长11.4%至311亿元，净利润同比增长24.4%至39亿元。"
    "公司一直认为，用户体验是长期发展的基础，也是团队努力的方向。"
    "本季度平均日活跃用户达到4.08亿，同比增长5.4%，月活跃用户达到7.14亿。"
    "行业人士普遍认为，市场竞争依然激烈，未来仍需观察。"
    "管理层表示，未来将继续关注用户体验，推动生态健康发展。"
    "线上营销服务收入同比增长20%至176亿元，电商交易额同比增长15.1%至3342亿元。"
    "总的来说，公司对未来的发展充满信心，并将坚持长期主义。"
)


def test_summary_fits_the_budget_and_traces_back_to_sentences(glossary):
    summary = ExtractiveSummarizer(glossary).summarize(ARTICLE, max_chars=120)
    sentences = split_sentences(ARTICLE)
    assert 0 < len(summary.text) <= 120
    assert summary.sentence_indices == sorted(summary.sentence_indices)
    # each summary sentence is its source sentence, or clauses of it kept in order
    parts = [p + "。" for p in summary.text.split("。") if p]
    assert len(parts) == len(summary.sentence_indices)
    for part, index in zip(parts, summary.sentence_indices):
        source, position = sentences[index].text, 0
        for clause in re.findall(r"[^，。]+", part):
            position = source.index(clause, position) + len(clause)
    assert summary.method == "extractive-lexrank"


def test_a_sentence_too_long_for_what_is_left_gives_its_leading_figure_clauses(glossary):
    summary = ExtractiveSummarizer(glossary).summarize(ARTICLE, max_chars=120)
    assert "311亿元" in summary.text and len(summary.text) <= 120
    assert summary.text.endswith("。") and "，。" not in summary.text


def test_figures_are_preferred_over_generic_commentary(glossary):
    summary = ExtractiveSummarizer(glossary).summarize(ARTICLE, max_chars=160)
    assert 0 in summary.sentence_indices  # the lead with revenue and profit
    assert "311亿元" in summary.text
    generic = {1, 3, 6}
    assert not generic & set(summary.sentence_indices)


def test_sentence_budget():
    summary = ExtractiveSummarizer().summarize(ARTICLE, max_chars=None, max_sentences=2)
    assert len(summary.sentence_indices) == 2


def test_redundant_sentences_are_not_both_taken():
    repeated = (
        ARTICLE + "星河科技第三季度总营收同比增长11.4%至311亿元，净利润同比增长24.4%至39亿元。"
    )
    summary = ExtractiveSummarizer().summarize(repeated, max_chars=200)
    assert summary.text.count("311亿元") == 1


def test_text_without_sentences_gives_an_empty_summary_and_says_so():
    summary = ExtractiveSummarizer().summarize("   \n ")
    assert summary.text == "" and summary.warnings == ["no sentences to summarise"]


def test_budget_smaller_than_every_sentence_keeps_the_shortest_and_warns():
    summary = ExtractiveSummarizer().summarize(ARTICLE, max_chars=10)
    assert len(summary.sentence_indices) == 1
    assert "longer than 10 characters" in summary.warnings[0]


@pytest.mark.slow
def test_very_long_articles_rank_a_bounded_graph_and_say_so():
    article = "".join(
        f"第{i}段：公司营收增长{i % 50}%至{i}亿元，管理层表示满意。" for i in range(2000)
    )
    summary = ExtractiveSummarizer().summarize(article, max_chars=200)
    assert 0 < len(summary.text) <= 200
    assert "long article: ranked the 500 most promising of 2000 sentences" in summary.warnings


def test_one_sentence_article_is_its_own_summary():
    # a single candidate needs no graph: the summary is that sentence, condensed to its figure
    summary = ExtractiveSummarizer().summarize("今天天气很好，公司营收增长10%。")
    assert (summary.text, summary.sentence_indices, summary.warnings) == (
        "公司营收增长10%。",
        [0],
        [],
    )
    assert ExtractiveSummarizer().summarize("短句。", max_sentences=1).text == "短句。"
