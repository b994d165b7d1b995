import pytest

from summarizer.models.constrained import GlossaryTranslator, TermConstraintProcessor
from summarizer.models.seq2seq import Seq2SeqTranslator

TEXTS = [
    "快手公布了第三季度业绩，程一笑表示可灵AI的收入继续增长。",
    "快手科技与快手：可灵和可灵AI。",
    "程一笑说，快手的日活跃用户达到4.08亿，快手的收入也在增长。",
    "没有术语的一句话。",
]


@pytest.fixture(scope="module")
def translator(tiny_marian, glossary):
    return GlossaryTranslator(Seq2SeqTranslator(str(tiny_marian), max_new_tokens=12), glossary)


@pytest.mark.parametrize("beams", [1, 3])
def test_every_term_comes_out_once_per_occurrence_even_with_random_weights(
    translator, beams, monkeypatch
):
    monkeypatch.setattr(translator.inner, "num_beams", beams)
    for result in translator.translate(TEXTS):
        for term in result.terms:
            assert term["satisfied"], (result.source, result.text, term)
            assert result.text.count(term["en"]) >= term["occurrences"]
    counts = {t["en"]: t["occurrences"] for t in translator.translate([TEXTS[2]])[0].terms}
    assert counts == {"Cheng Yixiao": 1, "Kuaishou": 2}


def test_longest_terms_win_and_each_is_reported(translator):
    (result,) = translator.translate([TEXTS[1]])
    assert {(t["zh"], t["en"], t["occurrences"]) for t in result.terms} == {
        ("快手科技", "Kuaishou Technology", 1),
        ("快手", "Kuaishou", 1),
        ("可灵", "Kling", 1),
        ("可灵AI", "Kling AI", 1),
    }


def test_without_constraints_the_post_check_reports_missing_terms(translator):
    plain = translator.inner.translate([TEXTS[0]])[0]
    terms, missing = translator.post_check(plain.text, translator.glossary.match(TEXTS[0]))
    assert {t["en"] for t in terms} == {"Kuaishou", "Cheng Yixiao", "Kling AI"}
    assert set(missing) == {t["en"] for t in terms if not t["satisfied"]}


def test_source_side_hints_put_the_english_form_in_the_source(translator):
    hinted, matches = translator.prepare("快手發佈業績")
    assert hinted == " Kuaishou 发布业绩"
    assert [m.term.en for m in matches] == ["Kuaishou"]


def test_processor_continues_a_started_term_and_forces_the_rest_before_the_end():
    import torch

    processor = TermConstraintProcessor([[(5, 6, 7)]], num_beams=1, eos_token_id=0, max_length=10)
    scores = torch.zeros((1, 10))
    # the hypothesis has begun the term: the next token is forced
    out = processor(torch.tensor([[2, 5]]), scores.clone())
    assert out[0].argmax().item() == 6 and torch.isinf(out[0, 1])
    # no term yet and room left: only the end is banned
    out = processor(torch.tensor([[2, 3]]), scores.clone())
    assert torch.isinf(out[0, 0]) and not torch.isinf(out[0, 1])
    # no room left: the term starts now
    out = processor(torch.tensor([[2, 3, 3, 3, 3, 3, 3]]), scores.clone())
    assert out[0].argmax().item() == 5
    # the term is in: nothing is forced
    out = processor(torch.tensor([[2, 5, 6, 7]]), scores.clone())
    assert not torch.isinf(out).any()


def test_many_term_occurrences_never_run_past_the_decoder_length(translator):
    # 80 terms in one text: more term tokens than the tiny model's 96 positions
    text = "程一笑说快手的收入在增长。" * 40
    (result,) = translator.translate([text])
    assert {(t["en"], t["occurrences"]) for t in result.terms} == {
        ("Cheng Yixiao", 40),
        ("Kuaishou", 40),
    }
    assert all(t["found"] <= t["occurrences"] * 2 for t in result.terms)
