import jieba.posseg
import pytest
from corpus import corpus_articles

from summarizer.digest.english import entities
from summarizer.suggest import suggest_terms
from summarizer.text.normalize import normalize
from summarizer.text.segment import split_sentences
from summarizer.text.tagger import segment, tag


@pytest.fixture(scope="module")
def normalized(glossary) -> dict[str, str]:
    return {
        article_id: normalize(text, glossary.forms()).text for article_id, text in corpus_articles()
    }


@pytest.mark.slow
def test_same_pairs_as_jieba_posseg_on_every_sentence(normalized):
    for article_id, text in normalized.items():
        for sentence in split_sentences(text):
            for hmm in (True, False):
                expected = [(p.word, p.flag) for p in jieba.posseg.cut(sentence.text, HMM=hmm)]
                assert list(tag(sentence.text, hmm=hmm)) == expected, (article_id, sentence.text)


@pytest.mark.slow
def test_same_pairs_on_raw_scraped_text():
    """Latin, digits, symbols and long unpunctuated runs take jieba's other branches."""
    for article_id, text in corpus_articles()[:8]:
        expected = [(p.word, p.flag) for p in jieba.posseg.cut(text)]
        assert list(tag(text)) == expected, article_id


def test_unknown_names_come_from_the_hmm():
    pairs = list(tag("何海建表示，公司将继续投入。"))
    assert pairs[0] == ("何海建", "nr")
    assert "".join(word for word, _ in pairs) == "何海建表示，公司将继续投入。"


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


def test_suggestions_are_those_jieba_posseg_gives(normalized, glossary, monkeypatch):
    suggestions = [s for text in normalized.values() for s in suggest_terms([text], glossary)]
    assert suggestions and {s.kind for s in suggestions} <= {"person", "org", "product"}

    import summarizer.text.tagger

    def posseg(text, hmm=True):
        return ((p.word, p.flag) for p in jieba.posseg.cut(text, HMM=hmm))

    monkeypatch.setattr(summarizer.text.tagger, "tag", posseg)
    reference = [s for text in normalized.values() for s in suggest_terms([text], glossary)]
    assert suggestions == reference


def test_same_words_as_jieba_lcut_on_every_sentence(normalized):
    import jieba

    for article_id, text in normalized.items():
        for sentence in split_sentences(text):
            assert segment(sentence.text) == jieba.lcut(sentence.text), (article_id, sentence.text)
    mixed = "A股 3.5% 与\r\n  Kwai-pilot 50%增长，ＡＢ"
    assert segment(mixed) == jieba.lcut(mixed)
