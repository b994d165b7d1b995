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


@pytest.mark.parametrize("config", ["t2s", "s2t"])
def test_a_text_that_changes_says_so_and_one_that_does_not_is_left_alone(config):
    """``changes`` lets detect_script skip a conversion: it may answer yes for a text the
    phrases leave as it is, never no for one they change."""
    reference, fast = OpenCC(config), ScriptConverter(config)
    keys = sorted(fast._phrases.values)
    rng = random.Random(11)
    texts = [text for _, text in ARTICLES] + ["快手营收增长", "营收增长。", ""]
    texts += ["".join(rng.choice(keys)[:2] for _ in range(3)) for _ in range(300)]
    for text in texts:
        if not fast.changes(text):
            assert reference.convert(text) == text, text
    assert fast.changes("後來發展" if config == "t2s" else "后来发展")


@pytest.mark.parametrize("config", ["t2s", "s2t"])
def test_same_text_for_phrases_among_separators_digits_and_rare_characters(config):
    """Phrase pieces, converting characters, separators (spaces, ．, ，), digits, Latin,
    characters past the tables and a lone surrogate, short and long (converted as arrays)."""
    reference, fast = OpenCC(config), ScriptConverter(config)
    keys = sorted(fast._phrases.values)
    characters = sorted(fast._run_chars)
    others = [" ", "  ", "\n", "．", "，", "。", "-", "2025", "AI", "𠀋", "\U0003134a", "\u3000"]
    rng = random.Random(3)
    for _ in range(400):
        pieces = []
        for _ in range(rng.randrange(1, 40)):
            roll = rng.random()
            if roll < 0.4:
                key = rng.choice(keys)
                pieces.append(key[rng.randrange(len(key)) :] if rng.random() < 0.3 else key)
            elif roll < 0.75:
                pieces.append(rng.choice(characters))
            else:
                pieces.append(rng.choice(others))
        text = "".join(pieces)
        assert fast.convert(text) == reference.convert(text), text
    lone = "发展\ud800后来" * 30  # a lone surrogate survives the array round trip
    assert fast.convert(lone) == reference.convert(lone)


def _reference_script(text: str, reference_t2s: OpenCC, reference_s2t: OpenCC) -> str:
    """detect_script's rule on the package's own conversions of the Han characters."""
    han = "".join(re.findall(r"[\u4e00-\u9fff]+", text))
    simplified, traditional = reference_t2s.convert(han), reference_s2t.convert(han)
    trad = sum(a != b for a, b in zip(han, simplified)) if len(simplified) == len(han) else 0
    simp = sum(a != b for a, b in zip(han, traditional)) if len(traditional) == len(han) else 0
    share = trad / (trad + simp) if trad + simp else 0.0
    return "zh-Hant" if share >= 0.9 else "zh-Hans" if share <= 0.1 else "mixed"


def test_script_detection_on_mixes_near_every_threshold():
    """Simplified and Traditional sentences mixed at random shares: the answers read off the
    tables' bounds are those of converting both ways."""
    sentences = [s for _, text in ARTICLES for s in re.split(r"(?<=[。！？\n])", text) if s]
    rng = random.Random(5)
    references = OpenCC("t2s"), OpenCC("s2t")
    answers = set()
    for _ in range(150):
        picked = rng.sample(sentences, rng.randrange(1, 12))
        traditional_share = rng.random()
        text = "".join(
            to_traditional(s) if rng.random() < traditional_share else to_simplified(s)
            for s in picked
        )
        expected = _reference_script(text, *references)
        assert detect_script(text) == expected, text
        answers.add(expected)
    assert answers == {"zh-Hans", "zh-Hant", "mixed"}


@pytest.mark.parametrize("config", ["t2s", "s2t"])
def test_changed_bounds_hold_the_count_of_changed_characters(config):
    reference, fast = OpenCC(config), ScriptConverter(config)
    for article_id, text in ARTICLES:
        for piece in (text, to_traditional(text), "".join(re.findall(r"[\u4e00-\u9fff]+", text))):
            converted = reference.convert(piece)
            assert len(converted) == len(piece)  # these tables keep every character in place
            changed = sum(a != b for a, b in zip(piece, converted))
            low, high = fast.changed_bounds(piece)
            assert low <= changed <= high, article_id


@pytest.mark.parametrize("config", ["t2s", "s2t"])
def test_runs_resolve_the_bounds_into_the_count_of_changed_characters(config):
    """Run by run, the ambiguous characters settle the bounds at the reference's own count."""
    reference, fast = OpenCC(config), ScriptConverter(config)
    for article_id, text in ARTICLES:
        for piece in (text, to_traditional(text), "".join(re.findall(r"[\u4e00-\u9fff]+", text))):
            changed = sum(a != b for a, b in zip(piece, reference.convert(piece)))
            low, high = fast.changed_bounds(piece)
            runs = list(fast.resolved_runs(piece))
            assert sum(n for n, _ in runs) == high - low, article_id
            assert low + sum(c for _, c in runs) == changed, article_id
            assert fast.changed_count(piece) == changed, article_id


def test_changed_count_of_a_known_text():
    # 頭, 髮 and 乾 change, 燥 is shared; 干 stays in the phrase 干涉 but alone turns into 幹
    assert ScriptConverter("t2s").changed_count("頭髮乾燥") == 3
    assert ScriptConverter("s2t").changed_count("干涉") == 0
    assert ScriptConverter("s2t").changed_count("干活") == 1


@pytest.mark.parametrize("config", ["t2s", "s2t"])
def test_changed_count_from_the_callers_lower_bound(config):
    reference, fast = OpenCC(config), ScriptConverter(config)
    for article_id, text in ARTICLES:
        han = "".join(re.findall(r"[\u4e00-\u9fff]+", text))
        changed = sum(a != b for a, b in zip(han, reference.convert(han)))
        assert fast.changed_count(han, fast.changed_bounds(han)[0]) == changed, article_id
