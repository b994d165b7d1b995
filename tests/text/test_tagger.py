"""Segmenter.segment and Segmenter.tag against jieba's own tokenizers holding the same words."""

import random
import re

import jieba
import jieba.posseg
import pytest
from corpus import corpus_articles

from summarizer.digest.english import entities
from summarizer.suggest import suggest_terms
from summarizer.text.normalize import normalize
from summarizer.text.parsed import ParsedText
from summarizer.text.segment import split_sentences
from summarizer.text.segmenter import NAME_FREQUENCY, Segmenter, plain_segmenter


def jieba_tokenizer(words=()):
    """A jieba tokenizer of its own with ``words`` added the way jieba documents it."""
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for word in words:
        if len(word) >= 2:
            tokenizer.add_word(word, freq=max(tokenizer.FREQ.get(word, 0), NAME_FREQUENCY))
    return tokenizer


@pytest.fixture(scope="module")
def references(glossary):
    """(our segmenter, jieba's tokenizer, jieba's tagger) without and with the glossary's names."""
    plain = jieba_tokenizer()
    named = jieba_tokenizer(glossary.forms())
    return [
        (plain_segmenter(), plain, jieba.posseg.POSTokenizer(plain)),
        (glossary.segmenter, named, jieba.posseg.POSTokenizer(named)),
    ]


@pytest.fixture(scope="module")
def normalized(glossary) -> dict[str, str]:
    return {
        article_id: normalize(text, glossary.forms()).text for article_id, text in corpus_articles()
    }


@pytest.mark.slow
def test_same_pairs_as_jieba_posseg_on_every_sentence(normalized, references):
    for ours, _, tagger in references:
        for article_id, text in normalized.items():
            for sentence in split_sentences(text):
                for hmm in (True, False):
                    expected = [(p.word, p.flag) for p in tagger.cut(sentence.text, HMM=hmm)]
                    assert list(ours.tag(sentence.text, hmm=hmm)) == expected, (
                        article_id,
                        sentence.text,
                    )


@pytest.mark.slow
def test_same_pairs_on_raw_scraped_text(references):
    """Latin, digits, symbols and long unpunctuated runs take jieba's other branches."""
    ours, _, tagger = references[1]
    for article_id, text in corpus_articles()[:8]:
        expected = [(p.word, p.flag) for p in tagger.cut(text)]
        assert list(ours.tag(text)) == expected, article_id


def test_unknown_names_come_from_the_hmm():
    pairs = list(plain_segmenter().tag("何海建表示，公司将继续投入。"))
    assert pairs[0] == ("何海建", "nr")
    assert "".join(word for word, _ in pairs) == "何海建表示，公司将继续投入。"


def test_glossary_names_stay_whole_only_in_the_segmenter_that_has_them():
    sentence = "星河电子的银杉模型今年上线。"
    assert "星河电子" not in plain_segmenter().segment(sentence)
    named = Segmenter(["星河电子", "银杉模型"])
    assert named.segment(sentence)[:3] == ["星河电子", "的", "银杉模型"]
    assert ("星河电子", "x") in list(named.tag(sentence))  # a name has no tag of its own
    assert "星河电子" not in plain_segmenter().segment(sentence)  # still, after the other


def test_people_missing_from_the_glossary_on_seeds_and_dev(normalized, glossary):
    """The names jieba.posseg found before the tagger replaced it (seeds: none; dev: three)."""
    people = {
        article_id: [(s.zh, s.count) for s in suggest_terms([text], glossary) if s.kind == "person"]
        for article_id, text in normalized.items()
    }
    found = {article_id: names for article_id, names in people.items() if names}
    assert found == {
        "d03_honhai_2025oct_analysts_udn": [("张博凯", 1)],
        "d07_tsmc_2025nov_cna_yahoo": [("魏哲家", 1)],
        "d09_baidu_2025q3_etnet": [("何海建", 2)],
    }
    pinyin = entities(normalized["d09_baidu_2025q3_etnet"], glossary)[0]
    assert [(p.en, p.pinyin_fallback) for p in pinyin if p.zh == "何海建"] == [("He Haijian", True)]


def test_suggestions_are_those_jieba_posseg_gives(normalized, glossary, references, monkeypatch):
    suggestions = [s for text in normalized.values() for s in suggest_terms([text], glossary)]
    assert suggestions and {s.kind for s in suggestions} <= {"person", "org", "product"}
    tagger = references[1][2]

    def posseg(self, span, hmm=True):
        return [(p.word, p.flag) for p in tagger.cut(span, HMM=hmm)]

    monkeypatch.setattr(ParsedText, "tags", posseg)
    reference = [s for text in normalized.values() for s in suggest_terms([text], glossary)]
    assert suggestions == reference


def test_same_words_as_jieba_lcut_on_every_sentence(normalized, references):
    for ours, tokenizer, _ in references:
        for article_id, text in normalized.items():
            for sentence in split_sentences(text):
                expected = tokenizer.lcut(sentence.text)
                assert ours.segment(sentence.text) == expected, (article_id, sentence.text)
        mixed = "A股 3.5% 与\r\n  Kwai-pilot 50%增长，ＡＢ"
        assert ours.segment(mixed) == tokenizer.lcut(mixed)


def test_same_words_as_jieba_lcut_on_random_text(normalized, references):
    """Corpus characters, Latin letters, digits, joiners and rare characters drawn at random
    (jieba-rs breaks an exact tie between two splits of an unknown run its own way: about one
    string in 20,000 of this kind, none here)."""
    ours, tokenizer, _ = references[1]
    pool = list("".join(normalized.values())) + list("+#&._%-abcXYZ0123456789 ") * 20
    pool += list("億營製説娲") * 5 + ["C++", "AT&T", "T恤", "A股", "11.4%", "GPT-4"]
    rng = random.Random(11)
    for _ in range(4000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(1, 40)))
        assert ours.segment(text) == tokenizer.lcut(text), text


def test_a_parsed_text_routes_each_block_once_for_its_tags(glossary):
    parsed = ParsedText(
        "快手第三季度营收同比增长11.4%。程一笑表示，公司将继续投入。", glossary.segmenter
    )
    first = parsed.sentences[1].text
    tags = parsed.tags(first)
    routes = dict(parsed._routes)
    assert routes  # the tagging routed the sentence's blocks
    plain = parsed.tags(first, hmm=False)
    assert parsed._routes == routes  # tagging without the HMM reused those routes
    expected = ["程一笑", "表示", "，", "公司", "将", "继续", "投入", "。"]
    assert [w for w, _ in tags] == [w for w, _ in plain] == parsed.words(first) == expected


@pytest.fixture(scope="module")
def python_route(glossary):
    """The glossary's segmenter with jieba's Python route alone, nothing compiled."""
    segmenter = Segmenter(glossary.forms(), compiled=False)
    assert segmenter._compiled is None
    return segmenter


def test_compiled_words_are_those_of_the_python_route(normalized, glossary, python_route):
    """jieba-rs (words) against this module's own Python route, on every corpus sentence
    and on runs that jieba and jieba-rs split apart (01024.HK, GPT-4, 2.5Turbo, C++)."""
    segmenter = glossary.segmenter
    assert segmenter._compiled is not None  # rjieba is a dependency
    spans = [s.text for text in normalized.values() for s in split_sentences(text)]
    spans += ["快手(01024.HK)超过GPT-4，可灵2.5Turbo与C++、AT&T、c#及Trip.com增长11.4%"]
    for span in spans:
        assert segmenter.segment(span) == python_route.segment(span), span
        assert list(segmenter.tag(span)) == list(python_route.tag(span)), span
    assert segmenter.segment("快手(01024.HK)")[2:5] == ["01024", ".", "HK"]


def test_compiled_routes_are_those_of_the_python_route(normalized, glossary, python_route):
    """jieba-rs's routes, its joined Latin letters and digits taken apart: the same words
    on every block of the corpus, on pieces of it, and on Han characters, Latin letters,
    digits and dictionary words that mix them (A股, T恤, 卡拉OK) drawn at random."""
    segmenter = glossary.segmenter
    han = re.findall(r"[\u4e00-\u9fff]", "".join(normalized.values()))
    latin = list("ABCXYZabcxyz0123456789") + [
        "AI",
        "IT",
        "T恤",
        "A股",
        "卡拉OK",
        "GPT",
        "C++",
        "._",
    ]
    rng = random.Random(5)
    blocks = [
        block
        for text in normalized.values()
        for sentence in split_sentences(text)
        for block in segmenter._han_internal.findall(sentence.text)
    ]
    for number in range(8000):
        if number % 2:
            start = rng.randrange(len(han) - 40)
            blocks.append("".join(han[start : start + rng.randint(1, 40)]))
        else:
            drawn = (rng.choice(han if rng.random() < 0.6 else latin) for _ in range(25))
            blocks += segmenter._han_internal.findall("".join(drawn))[:1]
    assert segmenter.route("快手的收入") == ["快手", "的", "收入"]
    assert segmenter.route("AI收入") == ["A", "I", "收入"]  # jieba-rs alone gives AI
    compiled = 0
    for block in blocks:
        assert segmenter.route(block) == python_route.route(block), block
        compiled += segmenter._compiled_route(block) is not None
    assert compiled > 0.9 * len(blocks)


def test_unknown_runs_split_as_jieba_finalseg_splits_them(normalized):
    import jieba.finalseg

    from summarizer.text.tagger import split_unknown

    runs = {
        run for text in normalized.values() for run in re.findall(r"[\u4e00-\u9fff]{2,12}", text)
    }
    runs |= {"A股3.5%与Kwai-pilot 50%增长ＡＢ好的", "何海建", "魏哲家表示"}
    for run in sorted(runs):
        assert split_unknown(run) == list(jieba.finalseg.cut(run)), run
