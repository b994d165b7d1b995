import re

import pytest
from conftest import SEED_RECORDS, seed_text

from summarizer.text.mojibake import repair_mojibake
from summarizer.text.normalize import normalize
from summarizer.text.pinyin_notes import remove_pinyin_annotations
from summarizer.text.script import detect_script


def kinds(result) -> dict[str, int]:
    return {r.kind: r.count for r in result.removed}


def test_traditional_hong_kong_and_taiwan_forms_become_simplified():
    result = normalize("快手今日發佈第二季度財報，營收為350億元，用户羣體擴大，裏面的數據。")
    assert result.text == "快手今日发布第二季度财报，营收为350亿元，用户群体扩大，里面的数据。"
    assert result.script == "zh-Hant"


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("快手发布财报，营收增长。", "zh-Hans"),
        ("快手發佈財報，營收增長。", "zh-Hant"),
        ("快手发布财报。營收增長，數據顯示。", "mixed"),
    ],
)
def test_script_detection(text, script):
    assert detect_script(text) == script


def test_pinyin_annotations_with_and_without_tones_are_removed():
    text, removed = remove_pinyin_annotations("聪(cong)明(ming)的资(zi)金和重構(gòu)的市(shì)场")
    assert text == "聪明的资金和重構的市场"
    assert removed == ["(cong)", "(ming)", "(zi)", "(gòu)", "(shì)"]


def test_brackets_that_are_not_readings_stay():
    text = "推出方案(UAX)和产品(AI)，消耗单位(可灵AI消耗单位)，年度收入(ARR)。"
    assert remove_pinyin_annotations(text)[0] == text


def test_a_lone_bracket_must_match_the_characters_reading():
    # one bracket on a page is only a reading when it is the character's own
    assert remove_pinyin_annotations("人工智能(ai)") == ("人工智能(ai)", [])
    assert remove_pinyin_annotations("可爱(ai)") == ("可爱", ["(ai)"])


SPAMMED = """二手挖掘机 公司发布季度业绩

本季度公司营收同比增长12%，利润率持续改善，二手挖掘机董事长表示将加大研发投入。

分业务看，广告收入增长较快二手挖掘机，电商业务保持稳定，海外业务亏损收窄。

在线设计师

管理层表示，二手挖掘机下半年将继续控制成本，并在人工智能领域保持投入。
"""


def test_stuffed_keyword_is_found_by_position_not_by_a_list():
    result = normalize(SPAMMED)
    assert "二手挖掘机" not in result.text
    assert kinds(result)["seo-spam"] == 5
    assert "在线设计师" not in result.text
    assert "本季度公司营收同比增长12%，利润率持续改善，董事长表示将加大研发投入。" in result.text
    assert result.title == "公司发布季度业绩"


def test_repeated_real_phrases_are_not_spam():
    text = "数据显示，公司营收增长。\n数据显示，用户增长。\n数据显示，利润增长。\n无论是广告还是电商，本季度都在增长。"
    result = normalize(text)
    assert "seo-spam" not in kinds(result)
    assert result.text.count("数据显示") == 3


def test_a_phrase_bound_to_figures_is_not_spam():
    text = (
        "公司营业收入2011.25亿元，同比增长24.04%；净利润116.07亿元，同比增长11.5%。\n"
        "前三季度营业收入5022.51亿元，同比增长18.94%。\n销量达113.5万辆，同比增长37.7%。"
    )
    result = normalize(text)
    assert "seo-spam" not in kinds(result)
    assert result.text.count("同比增长") == 4


def test_date_source_lines_and_repost_notes_are_chrome():
    text = "2024年10月30日 21:05 来源：某某财经网 作者：王小明\n公司发布年度业绩，收入增长。\n本文来自微信公众号“某某汽车”，经授权发布。"
    result = normalize(text)
    assert result.text == "公司发布年度业绩，收入增长。"
    assert kinds(result) == {"page-metadata": 1, "byline": 1}
    assert result.published == "2024-10-30"


def test_glossary_names_are_never_spam():
    text = "本季度收入增长明显快手星辰科技，表现亮眼。\n管理层认为，快手星辰科技仍有空间。\n分析师指出估值偏低快手星辰科技，值得关注。"
    assert "seo-spam" in kinds(normalize(text))
    assert "seo-spam" not in kinds(normalize(text, ["快手星辰科技"]))


CHROME = """订阅
纠错
某公司发布年度业绩
发布日期:2024-10-02 09:44    点击次数:123
某公司今天公布年度业绩，全年收入增长百分之十，净利润创下新高。
公司创始人兼首席执行官张三
公司创始人兼首席执行官张三表示，明年将继续扩大海外业务。
详见:某公司年度收入创新高
本文源自:某某财经
作者:李四
发表评论
0条评论,0人参与
请输入评论内容...
扫码关注公众号
京公网安备 11010502000000号
"""


def test_page_chrome_bylines_captions_and_comment_forms_are_removed_and_reported():
    result = normalize(CHROME)
    assert result.text == (
        "某公司发布年度业绩\n"
        "某公司今天公布年度业绩，全年收入增长百分之十，净利润创下新高。\n"
        "公司创始人兼首席执行官张三表示，明年将继续扩大海外业务。"
    )
    found = kinds(result)
    assert found["subscribe-link"] == 3
    assert found["page-metadata"] == 1
    assert found["image-caption"] == 1
    assert found["byline"] == 2
    assert found["related-link"] == 1
    assert found["comment-form"] == 3
    assert found["registration"] == 1
    sample = {r.kind: r.sample for r in result.removed}
    assert sample["page-metadata"].startswith("发布日期")


def test_article_ending_in_a_short_line_keeps_it():
    text = "某公司今天公布年度业绩，全年收入增长百分之十。\n展望明年\n公司将继续投资。"
    assert normalize(text).text == text


def _garble(word: str) -> str:
    """What a page shows when the first byte of ``word``'s GBK encoding is lost."""
    return "?" + word.encode("gbk")[1:-1].decode("gbk")


def test_gbk_mojibake_is_repaired_when_unambiguous():
    garbled = "收入稳步增长。" + _garble("可以看到") + "，利润也在改善。"
    assert garbled == "收入稳步增长。?梢钥吹，利润也在改善。"
    text, fixes = repair_mojibake(garbled)
    assert text == "收入稳步增长。可以看到，利润也在改善。"
    assert [(f.original, f.replacement) for f in fixes] == [("?梢钥吹", "可以看到")]


def test_unrepairable_mojibake_is_removed_and_reported():
    result = normalize("收入稳步增长。?鳏鳏鳏，利润也在改善。")
    assert result.text == "收入稳步增长。，利润也在改善。"
    assert kinds(result)["mojibake-removed"] == 1


def test_real_question_marks_survive():
    text = "可灵AI的主要使用场景是什么?未来可能的应用场景还有哪些?"
    assert normalize(text).text == "可灵AI的主要使用场景是什么？未来可能的应用场景还有哪些？"


def test_half_width_punctuation_in_chinese_prose_becomes_full_width_but_numbers_do_not():
    result = normalize("发布日期后,营收为1,131.2亿元,时间09:44:公司表示:增长")
    assert result.text == "发布日期后，营收为1,131.2亿元，时间09:44：公司表示：增长"


# ---- the five seed articles -------------------------------------------------

_NUMBER_FORMS = (1e8, "亿"), (1e4, "万"), (1, "")


def _surface_forms(fact: dict) -> list[str]:
    forms: list[str] = []
    value = fact.get("value")
    if value is not None:
        if fact.get("unit") == "%":
            forms.append(f"{value:g}%")
        else:
            forms += [f"{value / scale:g}{suffix}" for scale, suffix in _NUMBER_FORMS]
            forms += ["千万"] if value == 1e7 else []
    if fact.get("yoy_pct") is not None:
        forms.append(f"{fact['yoy_pct']:g}%")
    return forms


@pytest.mark.parametrize("record", SEED_RECORDS, ids=[r["id"] for r in SEED_RECORDS])
def test_seed_key_figures_survive_normalisation(record, glossary):
    result = normalize(seed_text(record), glossary.forms())
    for fact in record["facts"]:
        forms = _surface_forms(fact)
        assert any(form in result.text for form in forms), (fact, forms)


def _han_ngrams(text: str, n: int = 6) -> set[str]:
    han = "".join(re.findall(r"[\u4e00-\u9fff]", text))
    return {han[i : i + n] for i in range(len(han) - n + 1)}


@pytest.mark.parametrize("record", SEED_RECORDS, ids=[r["id"] for r in SEED_RECORDS])
def test_seed_body_paragraphs_survive(record, glossary):
    from summarizer.text.pinyin_notes import remove_pinyin_annotations
    from summarizer.text.script import to_simplified

    result = normalize(seed_text(record), glossary.forms())
    spam = {r.sample for r in result.removed if r.kind == "seo-spam"}
    kept = _han_ngrams(result.text)
    for line in seed_text(record).splitlines():
        # lines with mojibake are checked by the repair tests
        if len(re.findall(r"[\u4e00-\u9fff]", line)) < 60 or "?" in line or "聲明" in line:
            continue
        expected = to_simplified(remove_pinyin_annotations(line)[0])
        for word in spam:
            expected = expected.replace(word, "")
        grams = _han_ngrams(expected)
        assert len(grams & kept) >= 0.97 * len(grams), line[:40]


def test_seed_noise_kinds_are_reported(seed_records, glossary):
    by_id = {r["id"]: kinds(normalize(seed_text(r), glossary.forms())) for r in seed_records}
    assert by_id["000_c6c8f5322c0b4fb7"]["seo-spam"] >= 7
    assert by_id["000_c6c8f5322c0b4fb7"]["image-caption"] == 3
    assert by_id["000_c6c8f5322c0b4fb7"]["page-metadata"] == 1
    assert by_id["001_ccc67195832f36c2"]["byline"] == 2
    assert by_id["002_f4e6e6f0546128ca"]["pinyin-annotation"] > 100
    assert {"breadcrumb", "page-metadata", "status-line"} <= set(by_id["003_647532c6a556a5db"])
    seed4 = by_id["004_6af262426d160728"]
    assert seed4["pinyin-annotation"] > 100
    assert seed4["mojibake-repaired"] >= 3
    assert seed4["comment-form"] >= 5
    assert seed4["registration"] == 1


def test_seed_mojibake_repairs(seed_records, glossary):
    record = next(r for r in seed_records if r["id"].startswith("004"))
    text = normalize(seed_text(record), glossary.forms()).text
    assert "?" not in text and "梢钥吹" not in text
    assert text.count("可以看到") >= 3
    assert "将它们融入快手内部生态" in text
    assert "可灵o1完整执行" in text


def test_title_is_never_a_section_label_byline_or_caption():
    page = (
        "快讯\n"
        "▲星河科技。（图／资料照）\n"
        "记者王小明／台北报导\n"
        "星河科技第三季营收年增12%\n"
        "星河科技今日公布第三季财报，营收120亿元，年增12%。\n"
    )
    normalized = normalize(page)
    assert normalized.title == "星河科技第三季营收年增12%"
    kinds = {r.kind for r in normalized.removed}
    assert {"section-label", "image-caption", "byline"} <= kinds
    assert "资料照" not in normalized.text and "台北报导" not in normalized.text


def test_a_bare_author_label_takes_the_name_on_the_next_line():
    normalized = normalize("作者:\n王小明\n星河科技今日公布第三季财报，营收120亿元。\n")
    assert "王小明" not in normalized.text
    assert normalized.title.startswith("星河科技今日公布第三季财报")


def test_filing_headers_and_navigation_are_chrome():
    page = (
        "查看原文\n"
        "EX-99.1 2 d123456dex991.htm EX-99.1 EX-99.1\n"
        "附件 99.1\n"
        "LOGO\n"
        "星河科技公布2025年第三季度业绩\n"
        "星河科技今天公布了截至2025年9月30日止三个月的业绩，净收入为人民币120亿元。\n"
    )
    normalized = normalize(page)
    assert normalized.title == "星河科技公布2025年第三季度业绩"
    assert "htm" not in normalized.text and "LOGO" not in normalized.text


def test_a_paragraph_first_line_gives_a_title_cut_at_a_clause():
    first = "〔记者王小明／新竹报导〕星河科技受惠人工智能需求强劲，第三季营收创新高，毛利率与营业利益率同步走高，每股盈余再创单季新高，董事会决议配发现金股利"
    normalized = normalize(first + "。\n第二段。\n")
    assert not normalized.title.startswith("〔")
    assert len(normalized.title) <= 60 and first.find(normalized.title) > 0


def test_a_title_drops_stock_codes_quotes_and_hereinafter_notes():
    page = (
        "星河科技(NASDAQ: XH,HKEX:9999；以下简称“星河”) -0.680 (-3.594%)第三季营收增长 12%\n"
        "星河科技今日公布第三季财报，营收120亿元。\n"
    )
    assert normalize(page).title == "星河科技第三季营收增长12%"
