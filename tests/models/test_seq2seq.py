import pytest

from summarizer.models.seq2seq import (
    Seq2SeqSummarizer,
    Seq2SeqTranslator,
    has_repetition_loop,
    problems,
)

SENTENCES = [
    "快手公布了第三季度业绩。",
    "报告期内，快手总营收同比增长11.4%至311亿元，经调整净利润同比增长24.4%至39亿元。",
    "程一笑表示公司将继续推进AI战略。",
    "电商业务方面，第三季度电商GMV同比增长15.1%至3342亿元，线上营销服务收入同比增长20.0%至176亿元。",
]


@pytest.fixture(scope="module")
def translator(tiny_marian):
    return Seq2SeqTranslator(str(tiny_marian), max_new_tokens=24)


def test_loads_by_path_and_generates(translator):
    (result,) = translator.translate([SENTENCES[0]])
    assert isinstance(result.text, str) and result.text
    assert result.source == SENTENCES[0]


def test_model_is_loaded_once_per_process(tiny_marian, translator):
    again = Seq2SeqTranslator(str(tiny_marian))
    assert again.model is translator.model and again.tokenizer is translator.tokenizer


def test_batched_results_equal_one_by_one_greedy(translator):
    batched = [g.text for g in translator.generate(SENTENCES)]
    single = [translator.generate([s])[0].text for s in SENTENCES]
    assert batched == single


def test_batches_are_sorted_by_length(translator, monkeypatch):
    seen: list[list[str]] = []
    original = translator._generate_batch

    def spy(texts, settings, processors=None):
        if not settings:  # first passes, not the guard's retries
            seen.append(list(texts))
        return original(texts, settings, processors)

    monkeypatch.setattr(translator, "_generate_batch", spy)
    monkeypatch.setattr(translator, "batch_size", 2)
    translator.generate(SENTENCES)
    assert [len(batch) for batch in seen] == [2, 2]
    lengths = [translator.token_length(t) for batch in seen for t in batch]
    assert lengths == sorted(lengths)


def test_long_input_is_chunked_to_the_window_not_truncated(translator, monkeypatch):
    monkeypatch.setattr(translator, "max_input_tokens", 24)
    text = "".join(SENTENCES * 3)
    chunks = translator.chunks(text)
    assert len(chunks) > 3
    assert "".join(chunks) == text
    assert all(translator.token_length(c) <= 24 for c in chunks if len(c) > 1)


def test_repetition_guard_retries_with_safer_settings(translator, monkeypatch):
    calls: list[dict] = []

    def fake(texts, settings, processors=None):
        calls.append(settings)
        return (
            ["the company the company the company the company"]
            if not settings
            else ["Revenue rose."]
        )

    monkeypatch.setattr(translator, "_generate_batch", fake)
    (result,) = translator.generate([SENTENCES[0]])
    assert result.text == "Revenue rose."
    assert calls[1] == {"no_repeat_ngram_size": 3, "repetition_penalty": 1.3, "num_beams": 4}
    assert result.warnings == [
        "repeated-phrase loop; retried with no_repeat_ngram_size=3, repetition_penalty=1.3, beams=4: fixed"
    ]


def test_guard_reports_what_it_could_not_fix(translator, monkeypatch):
    monkeypatch.setattr(
        translator, "_generate_batch", lambda texts, settings, processors=None: [""]
    )
    (result,) = translator.generate([SENTENCES[0]])
    assert result.warnings[0].endswith(": still empty output")


@pytest.mark.parametrize(
    ("output", "found"),
    [
        ("", ["empty output"]),
        (", , , , ,", ["repeated-phrase loop"]),
        ("Revenue rose 11.4%.", []),
        ("x" * 500, ["repeated-phrase loop", "output much longer than the source"]),
    ],
)
def test_problems(output, found):
    assert problems("营收增长。", output) == found


def test_loops_in_real_sentences_are_not_flagged():
    assert not has_repetition_loop("Revenue rose, profit rose, and users rose in the quarter.")


def test_mt5_summariser_chunks_long_articles(tiny_mt5, monkeypatch):
    summarizer = Seq2SeqSummarizer(str(tiny_mt5), max_new_tokens=12)
    monkeypatch.setattr(summarizer, "max_input_tokens", 40)
    summary = summarizer.summarize("".join(SENTENCES * 2))
    assert summary.method == f"seq2seq:{tiny_mt5}"
    assert summary.sentence_indices == list(range(8))
    assert any("summarised in" in w and "chunks" in w for w in summary.warnings)
