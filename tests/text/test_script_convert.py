import random
import re

import pytest
from corpus import corpus_articles
from opencc import OpenCC

from summarizer.text.script import detect_script, to_simplified, to_traditional
from summarizer.text.script_convert import ScriptConverter

ARTICLES = corpus_articles()


def test_the_corpus_is_there():
    assert len(ARTICLES) >= 27  # 5 seeds, 22 dev texts, the samples


@pytest.mark.parametrize("config", ["t2s", "s2t"])
def test_same_text_as_the_packages_own_converter_on_every_article(config):
    reference, fast = OpenCC(config), ScriptConverter(config)
    for article_id, text in ARTICLES:
        assert fast.convert(text) == reference.convert(text), article_id
        # detect_script converts the Han characters run together, with no separators
        han = "".join(re.findall(r"[\u4e00-\u9fff]+", text))
        assert fast.convert(han) == reference.convert(han), article_id


@pytest.mark.parametrize("config", ["t2s", "s2t"])
def test_same_text_where_phrases_overlap(config):
    """Phrases glued together and cut at random: the longest-first choice decides."""
    reference, fast = OpenCC(config), ScriptConverter(config)
    keys = sorted(fast._phrases.values)
    rng = random.Random(7)
    for _ in range(500):
        parts = [rng.choice(keys) for _ in range(4)]
        text = "".join(p[rng.randrange(len(p)) :] if rng.random() < 0.5 else p for p in parts)
        assert fast.convert(text) == reference.convert(text), text


def test_known_conversions():
    assert to_simplified("臺積電公佈10月營收") == "台积电公布10月营收"
    assert to_simplified("頭髮乾燥，") == "头发干燥，"
    assert to_traditional("头发") == "頭髮"
    assert to_traditional("发展") == "發展"
    assert to_simplified("") == ""


def test_script_detection_on_the_corpus_matches_the_reference():
    reference_t2s, reference_s2t = OpenCC("t2s"), OpenCC("s2t")
    for article_id, text in ARTICLES:
        han = "".join(re.findall(r"[\u4e00-\u9fff]+", text))
        simplified, traditional = reference_t2s.convert(han), reference_s2t.convert(han)
        trad = sum(a != b for a, b in zip(han, simplified)) if len(simplified) == len(han) else 0
        simp = sum(a != b for a, b in zip(han, traditional)) if len(traditional) == len(han) else 0
        share = trad / (trad + simp) if trad + simp else 0.0
        expected = "zh-Hant" if share >= 0.9 else "zh-Hans" if share <= 0.1 else "mixed"
        assert detect_script(text) == expected, article_id
