import re

import pytest

from summarizer.glossary import Glossary, Term, count_terms, required_terms
from summarizer.models.constrained import GlossaryTranslator
from summarizer.models.seq2seq import Seq2SeqTranslator
from summarizer.models.term_decoding import TermConstraintProcessor, TokenTerm

TEXTS = [
    "快手公布了第三季度业绩，程一笑表示可灵AI的收入继续增长。",
    "快手科技与快手：可灵和可灵AI。",
    "程一笑说，快手的日活跃用户达到4.08亿，快手的收入也在增长。",
    "没有术语的一句话。",
]
ALIBABA = Glossary(
    [
        Term("阿里", "Alibaba", "company"),
        Term("阿里云", "Alibaba Cloud", "company"),
        Term("阿里巴巴", "Alibaba Group", "company"),
    ]
)
ALIBABA_TEXT = "阿里云的收入增长了26%，阿里表示…"


def words(text: str, form: str, unless_followed_by: str = "") -> int:
    """Occurrences of ``form`` as whole words, counted here without the code under test."""
    tail = f"(?!{re.escape(unless_followed_by)})" if unless_followed_by else ""
    return len(re.findall(rf"(?<![A-Za-z0-9]){re.escape(form)}(?![A-Za-z0-9]){tail}", text))


@pytest.fixture(scope="module")
def translator(tiny_marian, glossary):
    inner = Seq2SeqTranslator(str(tiny_marian), max_new_tokens=12, threads=1)
    return GlossaryTranslator(inner, glossary)


@pytest.fixture(scope="session")
def bilingual_marian(tmp_path_factory):
    """A tiny Marian whose source vocabulary was trained on Chinese and English: it writes the
    glossary's English forms in whole pieces (▁Kuaishou), as real opus-mt vocabularies write
    Latin names in a few, where the default builder's Chinese-only one spells them letter by
    letter."""
    from builders import _chinese_corpus, _english_corpus, build_marian

    folder = tmp_path_factory.mktemp("models") / "bilingual"
    lines = _chinese_corpus() + _english_corpus()
    return build_marian(folder, seed=1, pad_last=True, source_lines=lines)


@pytest.fixture(scope="module")
def ending_model(tmp_path_factory):
    """A model whose top choice is always the end token: unaided, it writes nothing."""
    from builders import build_marian

    return build_marian(tmp_path_factory.mktemp("models") / "ending", end_bias=50.0)


@pytest.mark.parametrize("beams", [1, 3])
def test_every_term_comes_out_once_per_occurrence_even_with_random_weights(
    translator, beams, monkeypatch
):
    monkeypatch.setattr(translator.inner, "num_beams", beams)
    for result in translator.translate(TEXTS):
        for term in result.terms:
            assert term["satisfied"], (result.source, result.text, term)
    (result,) = translator.translate([TEXTS[2]])
    assert {t["en"]: t["required"] for t in result.terms} == {"Cheng Yixiao": 1, "Kuaishou": 2}
    assert words(result.text, "Kuaishou") >= 2 and words(result.text, "Cheng Yixiao") >= 1


@pytest.mark.parametrize("beams", [1, 3])
def test_nested_terms_each_get_their_own_occurrence(tiny_marian, beams):
    inner = Seq2SeqTranslator(str(tiny_marian), max_new_tokens=12, num_beams=beams, threads=1)
    (result,) = GlossaryTranslator(inner, ALIBABA).translate([ALIBABA_TEXT])
    assert words(result.text, "Alibaba Cloud") >= 1
    # one more "Alibaba" that is not the start of "Alibaba Cloud"
    assert words(result.text, "Alibaba", unless_followed_by=" Cloud") >= 1
    assert [(t["en"], t["required"], t["missing"]) for t in result.terms] == [
        ("Alibaba Cloud", 1, 0),
        ("Alibaba", 1, 0),
    ]


def test_a_longer_form_does_not_count_for_the_shorter_one_it_holds():
    requirements = required_terms(ALIBABA_TEXT, ALIBABA)
    report = {
        c.en: (c.required, c.found, c.missing)
        for c in count_terms("Alibaba Cloud grew 26%", requirements)
    }
    assert report == {"Alibaba Cloud": (1, 1, 0), "Alibaba": (1, 0, 1)}


def test_a_model_that_would_end_at_once_gets_the_terms_and_nothing_else(ending_model):
    inner = Seq2SeqTranslator(str(ending_model), max_new_tokens=64, threads=1)
    assert inner.translate([ALIBABA_TEXT])[0].text == ""
    for beams in (1, 3):
        inner.num_beams = beams
        (result,) = GlossaryTranslator(inner, ALIBABA).translate([ALIBABA_TEXT])
        # the terms begin where the model ends, in source order; no filler before them
        assert result.text == "Alibaba Cloud Alibaba"
        assert result.warnings == []


def test_longest_terms_win_and_each_is_reported(translator):
    (result,) = translator.translate([TEXTS[1]])
    assert {(t["zh"], t["en"], t["required"]) for t in result.terms} == {
        ("快手科技", "Kuaishou Technology", 1),
        ("快手", "Kuaishou", 1),
        ("可灵", "Kling", 1),
        ("可灵AI", "Kling AI", 1),
    }
    assert all(t["satisfied"] for t in result.terms), (result.text, result.terms)
    assert words(result.text, "Kuaishou", unless_followed_by=" Technology") >= 1
    assert words(result.text, "Kling", unless_followed_by=" AI") >= 1


def test_without_constraints_the_report_says_what_is_missing(translator):
    plain = GlossaryTranslator(translator.inner, translator.glossary, constrained=False)
    (result,) = plain.translate([TEXTS[0]])
    assert {t["en"] for t in result.terms} == {"Kuaishou", "Cheng Yixiao", "Kling AI"}
    for term in result.terms:
        assert term["found"] == words(result.text, term["en"])
        assert term["missing"] == max(0, 1 - term["found"])


def test_source_side_hints_put_the_english_form_in_the_source(bilingual_marian, glossary):
    inner = Seq2SeqTranslator(str(bilingual_marian), max_new_tokens=12, threads=1)
    translator = GlossaryTranslator(inner, glossary)
    assert inner.tokenizer.tokenize("Kuaishou") == ["▁Kuaishou"]  # one piece: worth a hint
    hinted, matches = translator.prepare("快手發佈業績")
    assert hinted == " Kuaishou 发布业绩"
    assert [m.term.en for m in matches] == ["Kuaishou"]
    # a form with a character the vocabulary lacks (ü) gets no hint, whatever its pieces
    assert (
        inner.tokenizer.unk_token_id
        in inner.tokenizer("Zürich", add_special_tokens=False)["input_ids"]
    )
    assert not translator.carries("Zürich")


def test_a_form_the_source_vocabulary_spells_letter_by_letter_gets_no_hint(translator):
    # the default tiny model's source vocabulary knows Chinese only
    pieces = translator.inner.tokenizer.tokenize("Kuaishou")
    assert [p for p in pieces if p != "▁"] == list("Kuaishou")
    assert not translator.carries("Kuaishou")
    hinted, matches = translator.prepare("快手發佈業績")
    assert hinted == "快手发布业绩"  # simplified, the name left in Chinese
    assert [m.term.en for m in matches] == ["Kuaishou"]  # and still owed
    (result,) = translator.translate(["快手發佈業績"])
    assert result.terms[0]["satisfied"] and words(result.text, "Kuaishou") == 1


def test_each_chunk_owes_only_its_own_terms_and_commas_survive(tiny_marian, monkeypatch):
    catl = "Contemporary Amperex Technology Co., Limited"
    glossary = Glossary([Term("宁德时代", catl, "company"), Term("快手", "Kuaishou", "company")])
    inner = Seq2SeqTranslator(str(tiny_marian), max_new_tokens=8, threads=1)
    monkeypatch.setattr(inner, "max_input_tokens", 40)
    translator = GlossaryTranslator(inner, glossary)
    text = "宁德时代公布业绩，营收增长。快手表示，快手的用户增长了。" * 2
    plan = translator.plan(text)
    assert len(plan.chunks) > 1
    for chunk in plan.chunks:
        # what this chunk owes: the terms in its own text (hinted or not), counted by hand
        owed = {r.en: r.required for r in chunk.requirements}
        assert owed.get(catl, 0) == chunk.hinted.count(catl) + chunk.hinted.count("宁德时代")
        assert owed.get("Kuaishou", 0) == chunk.hinted.count("Kuaishou") + chunk.hinted.count(
            "快手"
        )
    (result,) = translator.translate([text])
    assert {t["en"]: (t["required"], t["missing"]) for t in result.terms} == {
        catl: (2, 0),
        "Kuaishou": (4, 0),
    }
    assert result.text.count(catl) >= 2


def test_many_term_occurrences_never_run_past_the_decoder_length(translator):
    # 80 terms in one text: more term tokens than the tiny model's 96 positions hold at once
    text = "程一笑说快手的收入在增长。" * 40
    (result,) = translator.translate([text])
    assert {(t["en"], t["required"]) for t in result.terms} == {
        ("Cheng Yixiao", 40),
        ("Kuaishou", 40),
    }
    # every chunk owes only its own terms, so all of them fit
    assert all(t["satisfied"] for t in result.terms), result.terms
    assert words(result.text, "Kuaishou") >= 40 and words(result.text, "Cheng Yixiao") >= 40


# -- the processor on its own: scores made up, one step at a time ------------------------------

END = 0


def run_greedy(processor, preferred, steps, vocab=12, prompt=(2,)):
    """Greedy decoding where ``preferred(step)`` is the model's favourite token."""
    import torch

    ids = list(prompt)
    for step in range(steps):
        scores = torch.zeros((1, vocab))
        scores[0, preferred(step)] = 5.0
        chosen = int(processor(torch.tensor([ids]), scores)[0].argmax())
        ids.append(chosen)
        if chosen == END:
            break
    return ids[len(prompt) :]


def test_a_missing_term_begins_where_the_model_would_end():
    processor = TermConstraintProcessor(
        [[TokenTerm((5, 6, 7), (50,))]], num_beams=1, eos_token_id=END, max_length=60
    )
    # the model writes 3, 3, then wants to end: the term comes there, then the end
    written = run_greedy(processor, lambda step: 3 if step < 2 else END, 20)
    assert written == [3, 3, 5, 6, 7, END]


def test_a_missing_term_begins_at_its_deadline_not_after_filler():
    processor = TermConstraintProcessor(
        [[TokenTerm((5, 6), (4,))]], num_beams=1, eos_token_id=END, max_length=60
    )
    written = run_greedy(processor, lambda step: 3, 10)
    assert written[:7] == [3, 3, 3, 3, 5, 6, 3]


def test_a_term_the_model_writes_itself_is_not_forced_again():
    processor = TermConstraintProcessor(
        [[TokenTerm((5, 6), (8,))]], num_beams=1, eos_token_id=END, max_length=60
    )
    model = [3, 5, 6, 3, END]
    assert run_greedy(processor, lambda step: model[step], 10) == model


def test_the_shorter_term_inside_a_longer_one_is_not_counted_twice():
    # owed: (5, 6, 7) once and (5, 6) once; the model writes 5 6 7 and wants to end
    processor = TermConstraintProcessor(
        [[TokenTerm((5, 6, 7), (20,)), TokenTerm((5, 6), (20,))]],
        num_beams=1,
        eos_token_id=END,
        max_length=60,
    )
    model = [5, 6, 7]
    written = run_greedy(processor, lambda step: model[step] if step < 3 else END, 20)
    assert written == [5, 6, 7, 5, 6, END]


def test_a_forced_term_is_not_extended_into_a_longer_one_already_there():
    # after the forced (5, 6) the model wants 7, which would turn it into a second (5, 6, 7)
    processor = TermConstraintProcessor(
        [[TokenTerm((5, 6, 7), (20,)), TokenTerm((5, 6), (20,))]],
        num_beams=1,
        eos_token_id=END,
        max_length=60,
    )
    model = {0: 5, 1: 6, 2: 7, 3: END, 5: 7}
    written = run_greedy(processor, lambda step: model.get(step, END), 20)
    assert written == [5, 6, 7, 5, 6, END]


def test_glue_tokens_are_banned_right_after_a_term():
    processor = TermConstraintProcessor(
        [[TokenTerm((5, 6), (0,))]],
        num_beams=1,
        eos_token_id=END,
        max_length=60,
        continuations=(9,),
    )
    # the model would glue 9 onto the term ("Alibabas"); it gets its second choice
    import torch

    def step(ids, favourite, second=4):
        scores = torch.zeros((1, 12))
        scores[0, favourite], scores[0, second] = 5.0, 4.0
        return int(processor(torch.tensor([ids]), scores)[0].argmax())

    assert step([2], 9) == 5 and step([2, 5], 9) == 6 and step([2, 5, 6], 9) == 4


def test_out_of_room_the_terms_start_in_time():
    processor = TermConstraintProcessor(
        [[TokenTerm((5, 6, 7), (100,))]], num_beams=1, eos_token_id=END, max_length=8
    )
    # room for 7 new tokens, the model never ends: the term must still fit
    written = run_greedy(processor, lambda step: 3, 7)
    assert written == [3, 3, 3, 3, 5, 6, 7]


def test_a_form_that_encodes_to_nothing_is_reported_not_forced():
    from summarizer.models.constrained import fitting

    assert fitting([((), (0.5,)), ((5, 6), (0.1, 0.9))], limit=40) == [((5, 6), (0.1, 0.9))]
    # the decoder holds 2 start tokens and two 3-token occurrences in 8 positions, not three
    assert fitting([((5, 6, 7), (0.1, 0.5, 0.9))], limit=8) == [((5, 6, 7), (0.1, 0.5))]
