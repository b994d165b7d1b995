from summarizer.digest.markdown import md


def test_markdown_specials_are_escaped_and_breaks_become_spaces():
    assert md("营收 *311* 亿元") == "营收 \\*311\\* 亿元"
    assert md("[link](x) <b>|#~!&_`\\") == "\\[link\\](x) \\<b\\>\\|\\#\\~\\!\\&\\_\\`\\\\"
    assert md("第一行\n  第二行\t末尾 ") == "第一行 第二行 末尾"


def test_text_without_specials_is_only_joined():
    assert md("快手总营收同比增长11.4%至311亿元。") == "快手总营收同比增长11.4%至311亿元。"
    assert md(42) == "42"
    assert md("") == ""
