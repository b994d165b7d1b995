import pytest

from summarizer.models.seq2seq import (
    Generated,
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
    return Seq2SeqTranslator(str(tiny_marian), max_new_tokens=24, threads=1)


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


def test_repetition_guard_retries_only_the_offending_rows_once_together(translator, monkeypatch):
    calls: list[tuple[list[str], dict]] = []
    looping = {SENTENCES[1], SENTENCES[3]}

    def fake(texts, settings, processors=None):
        calls.append((list(texts), settings))
        if settings:
            return ["Revenue rose."] * len(texts)
        return [("the company " * 4) if t in looping else "Fine." for t in texts]

    monkeypatch.setattr(translator, "_generate_batch", fake)
    results = translator.generate(SENTENCES)
    assert [r.text for r in results] == ["Fine.", "Revenue rose.", "Fine.", "Revenue rose."]
    # one first pass, one retry holding just the two looping rows, greedy with the loop blocked
    assert len(calls) == 2
    assert sorted(calls[1][0]) == sorted(looping)
    assert calls[1][1] == {"no_repeat_ngram_size": 3, "repetition_penalty": 1.3, "num_beams": 1}
    assert results[1].warnings == [
        "repeated-phrase loop; retried greedily with no_repeat_ngram_size=3, "
        "repetition_penalty=1.3: fixed"
    ]
    assert results[0].warnings == []


def test_the_guard_costs_at_most_one_more_pass_with_beams(translator, monkeypatch):
    monkeypatch.setattr(translator, "num_beams", 4)
    monkeypatch.setattr(translator, "batch_size", 2)
    beams_used: list[int] = []
    original = translator._generate_batch

    def spy(texts, settings, processors=None):
        beams_used.append(settings.get("num_beams", translator.num_beams))
        return original(texts, settings, processors)

    monkeypatch.setattr(translator, "_generate_batch", spy)
    translator.generate(SENTENCES)
    batches = 2  # four sentences, two per batch
    assert beams_used.count(4) == batches and len(beams_used) <= 2 * batches
    assert all(b == 1 for b in beams_used if b != 4)


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
    summarizer = Seq2SeqSummarizer(str(tiny_mt5), max_new_tokens=12, threads=1)
    monkeypatch.setattr(summarizer, "max_input_tokens", 40)
    summary = summarizer.summarize("".join(SENTENCES * 2))
    assert summary.method == f"seq2seq:{tiny_mt5}"
    assert any("summarised in" in w and "chunks" in w for w in summary.warnings)
    assert set(summary.sentence_indices) <= set(range(8))


ARTICLE_1500 = ("".join(SENTENCES) * 8)[:1500]


@pytest.fixture(scope="module")
def tiny_bart(tmp_path_factory):
    from builders import build_bart

    return build_bart(tmp_path_factory.mktemp("models") / "bart", max_positions=128)


def test_a_model_with_learned_positions_summarises_any_length(tiny_bart):
    summarizer = Seq2SeqSummarizer(str(tiny_bart), max_new_tokens=16, threads=1)
    summary = summarizer.summarize(ARTICLE_1500, max_chars=80)
    assert len(summary.text) <= 80
    assert any("then the chunk summaries" in w for w in summary.warnings)
    # each round was re-chunked: no input ever held more tokens than the model has positions
    assert summarizer.max_input_tokens <= 128


def fake_generate(outputs):
    def generate(texts, processors=None, settings=None):
        return [Generated(outputs(t)) for t in texts]

    return generate


def test_summary_is_whole_sentences_within_the_budgets(tiny_mt5, monkeypatch):
    summarizer = Seq2SeqSummarizer(str(tiny_mt5), threads=1)
    two = SENTENCES[1] + SENTENCES[2]
    monkeypatch.setattr(summarizer, "generate", fake_generate(lambda t: two))
    # the first sentence is 45 characters; a 50-character budget keeps it whole and stops
    summary = summarizer.summarize("".join(SENTENCES), max_chars=50)
    assert summary.text == SENTENCES[1]
    summary = summarizer.summarize("".join(SENTENCES), max_sentences=1)
    assert summary.text == SENTENCES[1]
    summary = summarizer.summarize("".join(SENTENCES), max_chars=200, max_sentences=2)
    assert summary.text == two


def test_a_first_sentence_over_the_budget_is_cut_at_a_clause_not_in_a_number(tiny_mt5, monkeypatch):
    summarizer = Seq2SeqSummarizer(str(tiny_mt5), threads=1)
    monkeypatch.setattr(summarizer, "generate", fake_generate(lambda t: SENTENCES[1]))
    summary = summarizer.summarize("".join(SENTENCES), max_chars=30)
    assert summary.text == "报告期内，快手总营收同比增长11.4%至311亿元…"
    monkeypatch.setattr(
        summarizer, "generate", fake_generate(lambda t: "快手总营收同比增长11.4%至311亿元")
    )
    summary = summarizer.summarize("".join(SENTENCES), max_chars=19)
    assert summary.text == "快手总营收同比增长11.4%至…"


def test_used_sentences_are_the_ones_the_summary_draws_on(tiny_mt5, monkeypatch):
    summarizer = Seq2SeqSummarizer(str(tiny_mt5), threads=1)
    monkeypatch.setattr(summarizer, "generate", fake_generate(lambda t: SENTENCES[2]))
    assert summarizer.summarize("".join(SENTENCES)).sentence_indices == [2]
    monkeypatch.setattr(
        summarizer, "generate", fake_generate(lambda t: "The company did well this year.")
    )
    assert summarizer.summarize("".join(SENTENCES)).sentence_indices == []


def test_chinese_chunk_summaries_are_joined_without_spaces(tiny_mt5, monkeypatch):
    summarizer = Seq2SeqSummarizer(str(tiny_mt5), threads=1)
    monkeypatch.setattr(summarizer, "max_input_tokens", 40)
    seen: list[str] = []

    def generate(texts, processors=None, settings=None):
        seen.extend(texts)
        return [Generated("营收增长。") for _ in texts]

    monkeypatch.setattr(summarizer, "generate", generate)
    summarizer.summarize("".join(SENTENCES * 2))
    assert seen[-1].startswith("营收增长。营收增长。")
    assert " " not in seen[-1]
