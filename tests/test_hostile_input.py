"""Hostile and broken input: the pipeline stays correct, bounded and clear about what it did."""

from __future__ import annotations

import pytest

from summarizer.digest.build import Digest, as_entry
from summarizer.digest.markdown import render_markdown
from summarizer.figures.numbers import AMOUNT_PATTERN
from summarizer.models.extractive import _FIGURE
from summarizer.pipeline import Pipeline
from summarizer.text.normalize import MAX_TITLE_CHARS, normalize
from summarizer.text.reading import MAX_ARTICLE_BYTES, Article, InputError, read_article
from summarizer.text.segment import MAX_SENTENCE_CHARS, split_sentences


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def article(text: str) -> Article:
    return Article(id="a", text=text, source="a.txt", encoding="utf-8")


def test_figure_pattern_finds_figures_at_the_head_of_a_digit_run_only():
    # one figure per run of digits, however long the run: the whole run is the number
    assert _FIGURE.findall("营收" + "1" * 30 + "亿元，利润1,131.2亿元") == [
        "1" * 30 + "亿",
        "1,131.2亿",
    ]
    assert _FIGURE.findall("1," * 1000) == []


def test_chinese_numeral_amount_is_the_whole_run_before_its_multiplier():
    found = [m.group("number") for m in AMOUNT_PATTERN.finditer("一千五百万元和两亿元")]
    assert found == ["一千五百", "两"]
    assert [m.group(0) for m in AMOUNT_PATTERN.finditer("一" * 5000)] == []


def test_an_unpunctuated_run_is_cut_into_bounded_sentences():
    sentences = split_sentences("啊" * (2 * MAX_SENTENCE_CHARS + 5) + "。好")
    assert [len(s.text) for s in sentences] == [MAX_SENTENCE_CHARS, MAX_SENTENCE_CHARS, 6, 1]
    assert sentences[1].start == MAX_SENTENCE_CHARS


def test_summary_and_title_keep_their_budgets_on_one_endless_line(pipeline):
    result = pipeline.process(article("快手营收增长很快" * 3000), max_chars=250).to_dict()
    assert result["summary_zh"] == ("快手营收增长很快" * 32)[:249] + "…"
    assert len(result["title"]) == MAX_TITLE_CHARS
    assert result["title"].endswith("…")
    assert "summary cut to the 250-character budget: its sentence is longer" in result["warnings"]


def test_invisible_controls_are_removed_and_reported():
    raw = "\u202e快手\u200f第三季度\u200b营收311亿元。"
    cleaned = normalize(raw)
    assert cleaned.text == "快手第三季度营收311亿元。"
    assert [r.to_dict() for r in cleaned.removed] == [
        {"kind": "invisible-control", "count": 3, "sample": "U+202E"}
    ]


def test_lone_surrogate_is_a_clear_input_error(pipeline):
    with pytest.raises(InputError) as error:
        pipeline.process(article("快手\ud800营收"))
    assert str(error.value) == "a.txt: invalid Unicode: a lone surrogate U+D800 at character 2"


def test_html_with_an_unclosed_script_keeps_its_article(write_file, pipeline):
    page = write_file(
        "page.html",
        "<html><head><title>快手财报</title><script>var a = 1;\n</head>"
        "<body><p>快手第三季度营收同比增长11.4%至311亿元。</p></body></html>",
    )
    read = read_article(page)
    assert "快手第三季度营收同比增长11.4%至311亿元。" in read.text
    assert read.warnings == ("unclosed <script> tag ignored; the text after it is kept",)
    result = pipeline.summarize(read).to_dict()
    assert result["warnings"][0] == "unclosed <script> tag ignored; the text after it is kept"


def test_a_huge_file_is_refused_without_reading_it_whole(tmp_path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as out:  # sparse: 300 MB on paper, nothing on disk
        out.truncate(300_000_000)
    with pytest.raises(InputError) as error:
        read_article(huge)
    assert str(error.value) == f"{huge}: more than 5,000,000 bytes, the limit for one article"
    assert MAX_ARTICLE_BYTES == 5_000_000


def test_an_endless_device_is_refused():
    with pytest.raises(InputError, match="more than 5,000,000 bytes"):
        read_article("/dev/zero")


def test_markdown_digest_escapes_ids_sources_and_text():
    entry = {
        "id": "<img src=x onerror=alert(1)>",
        "source": "a|b`c.txt",
        "title": "# 标题 *粗*",
        "summary_zh": "摘要[链接](javascript:x)",
        "english": {"headline": "**x**", "text": "line\nbreak <b>"},
        "facts": [],
        "warnings": ["<script>"],
    }
    markdown = render_markdown(Digest(entries=[as_entry(entry)], generated="2026-11-26"))
    assert "<img" not in markdown and "<script>" not in markdown and "<b>" not in markdown
    assert "### \\# 标题 \\*粗\\*" in markdown
    assert "Source: a\\|b\\`c.txt" in markdown
    assert "Chinese summary: 摘要\\[链接\\](javascript:x)" in markdown
    assert "line break \\<b\\>" in markdown
    assert "- \\<script\\>" in markdown


def test_mojibake_work_is_bounded_and_what_was_not_examined_is_reported():
    # each "?梢钥吹?" is one repair attempt taking two markers: 200 attempts take 400 of 500
    cleaned = normalize("快手营收增长。" + "?梢钥吹" * 500 + "。")
    assert [(r.kind, r.count) for r in cleaned.removed] == [
        ("mojibake-repaired", 200),
        ("mojibake-unexamined", 100),
    ]
    assert cleaned.text.startswith("快手营收增长。" + "可以看到梢钥吹" * 200)
    assert cleaned.text.count("？") == 100  # left in place (as full-width marks beside Han)
