"""The block patterns and model tables read without jieba.posseg are jieba's own."""

import pytest

from summarizer.text import jieba_model
from summarizer.text.jieba_cache import quiet_jieba

jieba = quiet_jieba()
posseg = quiet_jieba("jieba.posseg")
finalseg = quiet_jieba("jieba.finalseg")


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        ("HAN_DEFAULT", jieba.re_han_default),
        ("SKIP_DEFAULT", jieba.re_skip_default),
        ("HAN_INTERNAL", posseg.re_han_internal),
        ("SKIP_INTERNAL", posseg.re_skip_internal),
        ("HAN_DETAIL", posseg.re_han_detail),
        ("SKIP_DETAIL", posseg.re_skip_detail),
        ("ENGLISH", posseg.re_eng),
        ("ENGLISH_CHAR", posseg.re_eng1),
        ("NUMBER", posseg.re_num),
        ("FINALSEG_HAN", finalseg.re_han),
        ("FINALSEG_SKIP", finalseg.re_skip),
    ],
)
def test_each_pattern_is_jiebas(ours, theirs):
    pattern = getattr(jieba_model, ours)
    assert (pattern.pattern, pattern.flags) == (theirs.pattern, theirs.flags)


@pytest.mark.parametrize(
    ("package", "name", "theirs"),
    [
        ("posseg", "char_state_tab", posseg.char_state_tab_P),
        ("posseg", "prob_start", posseg.start_P),
        ("posseg", "prob_trans", posseg.trans_P),
        ("posseg", "prob_emit", posseg.emit_P),
        ("finalseg", "prob_start", finalseg.start_P),
        ("finalseg", "prob_trans", finalseg.trans_P),
        ("finalseg", "prob_emit", finalseg.emit_P),
    ],
)
def test_each_model_table_is_jiebas(package, name, theirs):
    assert jieba_model.model_table(package, name) == theirs
