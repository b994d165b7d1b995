from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.text.segment import chunk_sentences, split_sentences


def test_sentences_carry_offsets_into_the_text():
    text = "营收同比增长11.4%至311亿元。利润为1,131.2亿元！是否超预期？\n下一段；分号也断句"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "营收同比增长11.4%至311亿元。",
        "利润为1,131.2亿元！",
        "是否超预期？",
        "下一段；",
        "分号也断句",
    ]
    for s in sentences:
        assert text[s.start : s.end] == s.text
    assert [s.index for s in sentences] == list(range(5))


def test_closing_quotes_and_brackets_stay_with_their_sentence():
    text = "他说：“我们坚信AI的价值。”随后（会议结束。）散会了。"
    assert [s.text for s in split_sentences(text)] == [
        "他说：“我们坚信AI的价值。”",
        "随后（会议结束。）",
        "散会了。",
    ]


def test_chunks_respect_the_budget_and_keep_every_sentence():
    text = "第一句话很短。第二句话也不长。第三句话稍微长一点点。第四句。"
    sentences = split_sentences(text)
    chunks = chunk_sentences(sentences, budget=16)
    assert all(len(c.text) <= 16 for c in chunks)
    assert "".join(c.text for c in chunks) == text
    assert [i for c in chunks for i in c.sentence_indices] == [0, 1, 2, 3]


def test_long_sentence_is_split_at_commas_and_flagged():
    sentence = "第一分句讲收入，第二分句讲利润，第三分句讲用户，第四分句讲展望。"
    chunks = chunk_sentences(split_sentences(sentence), budget=10)
    assert all(len(c.text) <= 10 for c in chunks)
    assert all(c.split_sentence for c in chunks)
    assert "".join(c.text for c in chunks) == sentence
    assert chunks[0].text == "第一分句讲收入，"


def test_chunk_length_can_count_tokens():
    sentences = split_sentences("一二三。四五六。七八九。")
    chunks = chunk_sentences(sentences, budget=2, length=lambda s: -(-len(s) // 4))
    assert len(chunks) == 2


@settings(deadline=None)
@given(
    st.text(alphabet="快手营收增长。，！？；1.%\n亿元", max_size=200),
    st.integers(min_value=1, max_value=40),
)
def test_chunking_never_loses_text(text, budget):
    sentences = split_sentences(text)
    chunks = chunk_sentences(sentences, budget)
    assert "".join(c.text for c in chunks) == "".join(s.text for s in sentences)
    assert all(len(c.text) <= budget for c in chunks)
    for s in sentences:
        assert text[s.start : s.end] == s.text
