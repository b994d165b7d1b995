"""Proposing people: only the blocks where a name can stand are tagged, with the same result."""

from summarizer.suggest import suggest_terms
from summarizer.text.segment import split_sentences
from summarizer.text.tagger import han_blocks


def test_each_block_is_tagged_as_within_its_sentence(glossary):
    """jieba tags each run of Han, Latin and digits alone: the blocks' tags, one after
    another, are the sentence's (what tagging only some blocks relies on)."""
    from corpus import corpus_articles

    segmenter = glossary.segmenter
    checked = 0
    for _, text in corpus_articles()[:5]:
        for sentence in split_sentences(text):
            whole = list(segmenter.tag(sentence.text))
            pieces = [pair for block in han_blocks(sentence.text) for pair in segmenter.tag(block)]
            assert pieces == whole
            checked += 1
    assert checked > 50


def test_blocks_cut_at_punctuation_and_spaces():
    assert han_blocks("分析师王建国表示，收入增长5%。") == [
        "",
        "分析师王建国表示",
        "，",
        "收入增长5",
        "%。",
    ]


def test_a_glossary_name_is_not_proposed_beside_a_cue(glossary):
    """程一笑 is in the glossary: beside 表示 only the name the glossary lacks is proposed."""
    assert glossary.lookup("程一笑") is not None
    text = "快手董事长程一笑表示，收入增长。分析师王建国表示，估值偏低。"
    found = suggest_terms([text], glossary, people_only=True)
    assert [(s.zh, s.kind) for s in found] == [("王建国", "person")]
