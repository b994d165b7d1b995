"""The CTranslate2 backend: conversion, decoding through the CLI and the library, the glossary
guarantee, backend selection and clear lines for a missing extra or a broken model folder."""

import json
import shutil
import sys

import pytest
from test_constrained import bilingual_marian  # noqa: F401 (a fixture)
from test_models import run  # the CLI with its output captured

from summarizer.models import registry
from summarizer.models.backends import load_model, load_translator, select_backend
from summarizer.models.ct2 import Ct2Translator
from summarizer.models.ct2_glossary import (
    Ct2GlossaryTranslator,
    aligned_words,
    attended_step,
    find_spans,
)
from summarizer.models.seq2seq import Seq2SeqTranslator

pytest.importorskip("ctranslate2")

TEXTS = [
    "快手公布了第三季度业绩，程一笑表示可灵AI的收入继续增长。",
    "快手科技与快手：可灵和可灵AI。",
    "程一笑说，快手的日活跃用户达到4.08亿，快手的收入也在增长。",
    "小米和华为发布新手机，阿里巴巴与腾讯的收入增长。",
    "没有术语的一句话。",
]


@pytest.fixture(scope="module")
def marian(tmp_path_factory):
    """A tiny Marian laid out as released opus-mt models are (<pad> last)."""
    from builders import build_marian

    return build_marian(tmp_path_factory.mktemp("ct2") / "marian", pad_last=True)


@pytest.fixture(scope="module")
def converted(marian, tmp_path_factory):
    out = tmp_path_factory.mktemp("ct2-out") / "marian-int8"
    code, stdout, err = run(["models", "convert", str(marian), "--to", "ct2", "--out", str(out)])
    assert code == 0, err
    assert stdout.startswith(f"converted {marian} to {out} (int8, ")
    return out


@pytest.fixture(scope="module")
def bilingual(bilingual_marian, tmp_path_factory):  # noqa: F811 (the fixture above)
    """The bilingual tiny Marian converted: its source vocabulary carries the hints."""
    from summarizer.models.convert import convert_model

    return convert_model(str(bilingual_marian), tmp_path_factory.mktemp("ct2-out") / "bi", "int8")


@pytest.fixture(scope="module")
def converted_fp32(marian, tmp_path_factory):
    from summarizer.models.convert import convert_model

    return convert_model(str(marian), tmp_path_factory.mktemp("ct2-out") / "fp32", "float32")


@pytest.mark.slow
def test_converted_folder_is_self_contained(converted, marian):
    import ctranslate2
    from transformers import AutoTokenizer

    names = {p.name for p in converted.iterdir()}
    assert {
        "model.bin",
        "shared_vocabulary.json",
        "source.spm",
        "target.spm",
        "vocab.json",
    } <= names
    metadata = json.loads((converted / "summarizer-model.json").read_text())
    assert metadata["quantization"] == "int8" and metadata["task"] == "translation"
    assert metadata["family"] == "marian" and metadata["max_positions"] == 96
    # both halves load without the original folder
    tokenizer = AutoTokenizer.from_pretrained(str(converted))
    assert (
        tokenizer("快手").input_ids == AutoTokenizer.from_pretrained(str(marian))("快手").input_ids
    )
    assert ctranslate2.Translator(str(converted)).model_is_loaded


@pytest.mark.slow
def test_float32_decodes_as_transformers_does(marian, converted_fp32):
    """Same weights, greedy: CTranslate2 writes transformers' tokens (which stop one early,
    transformers forcing the end token at its length limit)."""
    reference = Seq2SeqTranslator(str(marian), max_new_tokens=10)
    engine = Ct2Translator(str(converted_fp32), max_new_tokens=10, compute_type="float32")
    for text in TEXTS:
        ids = reference.tokenizer([text], return_tensors="pt")
        out = reference.model.generate(**ids, max_new_tokens=10, num_beams=1, do_sample=False)
        expected = reference.tokenizer.convert_ids_to_tokens(out[0][1:])
        expected = [t for t in expected if t != "</s>"]
        (decoded,) = engine.decode_tokens([engine.source_tokens(text)])
        assert decoded.tokens[: len(expected)] == expected


@pytest.mark.slow
def test_batching_does_not_change_greedy_results(converted_fp32):
    engine = Ct2Translator(
        str(converted_fp32), max_new_tokens=8, batch_size=2, compute_type="float32"
    )
    batched = [d.text for d in engine.decode_guarded(TEXTS)]
    assert batched == [engine.decode_guarded([t])[0].text for t in TEXTS]


@pytest.mark.slow
@pytest.mark.parametrize("beams", ["1", "3"])
def test_cli_translate_keeps_every_term_greedy_and_beam(converted, beams):
    for text in TEXTS:
        code, out, err = run(
            ["translate", text, "--model", str(converted), "--backend", "ct2"]
            + ["--num-beams", beams, "--format", "json"]
        )
        assert code == 0, err
        result = json.loads(out)
        for term in result["terms"]:
            assert term["satisfied"], (text, result["translation"], term)
            assert result["translation"].count(term["en"]) >= term["required"]


@pytest.mark.slow
def test_glossary_report_matches_the_transformers_path(marian, converted, glossary):
    ct2 = load_translator(str(converted), glossary, max_new_tokens=8)
    assert isinstance(ct2, Ct2GlossaryTranslator)
    plain = load_translator(str(marian), glossary, backend="transformers", max_new_tokens=8)
    for ours, theirs in zip(ct2.translate(TEXTS), plain.translate(TEXTS)):
        assert [(t["zh"], t["en"], t["required"]) for t in ours.terms] == [
            (t["zh"], t["en"], t["required"]) for t in theirs.terms
        ]
        assert all(t["satisfied"] for t in ours.terms)
    counts = {t["en"]: t["required"] for t in ct2.translate([TEXTS[2]])[0].terms}
    assert counts == {"Cheng Yixiao": 1, "Kuaishou": 2}


@pytest.mark.slow
def test_a_long_text_keeps_every_term_across_chunks(converted, glossary):
    translator = load_translator(str(converted), glossary, max_new_tokens=6)
    # a long text: more term tokens than six new tokens hold, in several chunks
    text = "程一笑说快手的收入在增长。" * 12
    (result,) = translator.translate([text])
    assert {(t["en"], t["required"]) for t in result.terms} == {
        ("Cheng Yixiao", 12),
        ("Kuaishou", 12),
    }
    assert all(t["satisfied"] for t in result.terms), result.text


@pytest.mark.slow
def test_without_constraints_terms_are_only_checked(converted, glossary):
    translator = load_translator(str(converted), glossary, constrained=False, max_new_tokens=6)
    (result,) = translator.translate([TEXTS[0]])
    missing = [t["en"] for t in result.terms if not t["satisfied"]]
    assert all(result.text.count(en) == 0 for en in missing)
    if missing:
        assert result.warnings[-1].startswith("glossary terms missing from the output: ")


def test_span_and_attention_helpers():
    assert find_spans(list("abcabca"), list("ca")) == [(2, 4), (5, 7)]
    assert find_spans(list("abc"), []) == []
    attention = [[0.9, 0.1, 0.0], [0.1, 0.2, 0.7], [0.5, 0.3, 0.2]]
    assert attended_step(attention, (1, 3), 3) == 1
    assert attended_step(attention, (0, 1), 3) == 0
    assert attended_step([], (0, 1), 4) == 4


@pytest.mark.slow
def test_pipeline_keyword_arguments_choose_the_engine(converted, marian):
    from summarizer.pipeline import Pipeline

    pipeline = Pipeline(translator=str(marian), backend="transformers")
    assert type(pipeline.translator.inner) is Seq2SeqTranslator
    pipeline = Pipeline(translator=str(converted), backend="auto", threads=1, max_new_tokens=8)
    assert isinstance(pipeline.translator.inner, Ct2Translator)
    result = pipeline(
        "快手公布第三季度业绩\n报告期内，快手总营收同比增长11.4%至311亿元。程一笑表示增长。"
    )
    assert result.translation.terms and all(t["satisfied"] for t in result.translation.terms)


@pytest.mark.slow
def test_auto_picks_ct2_once_a_model_is_converted(marian, tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_MODEL_STORE", str(tmp_path / "store"))
    shutil.copytree(marian, registry.store_path("Helsinki-NLP/opus-mt-zh-en"))
    assert select_backend("opus-mt-zh-en") == ("transformers", "opus-mt-zh-en")
    code, out, err = run(["models", "convert", "opus-mt-zh-en", "--to", "ct2"])
    assert code == 0, err
    folder = tmp_path / "store" / "Helsinki-NLP--opus-mt-zh-en--ct2"
    assert select_backend("opus-mt-zh-en") == ("ct2", str(folder))
    assert select_backend("opus-mt-zh-en", "transformers") == ("transformers", "opus-mt-zh-en")
    # the ct2 preset names the converted folder; converting it again converts the original
    assert registry.resolve_model("opus-mt-zh-en-ct2").path == folder
    code, out, _ = run(["models", "convert", "opus-mt-zh-en-ct2", "--quantization", "float32"])
    assert code == 0 and out.startswith(f"converted opus-mt-zh-en-ct2 to {folder} (float32, ")
    assert json.loads((folder / "summarizer-model.json").read_text())["quantization"] == "float32"
    assert isinstance(load_model("opus-mt-zh-en-ct2", "translation"), Ct2Translator)
    # a local folder converts beside itself, and auto finds it there
    local = tmp_path / "local"
    shutil.copytree(marian, local)
    assert select_backend(str(local))[0] == "transformers"
    assert run(["models", "convert", str(local)])[0] == 0
    assert select_backend(str(local)) == ("ct2", str(tmp_path / "local-ct2"))


def test_ct2_preset_not_converted_says_how(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_MODEL_STORE", str(tmp_path / "store"))
    code, _, err = run(["translate", "快手", "--model", "opus-mt-zh-en-ct2"])
    assert code == 1 and len(err.splitlines()) == 1
    assert "summarizer models convert Helsinki-NLP/opus-mt-zh-en --to ct2" in err


def test_missing_extra_is_one_line(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "ctranslate2", None)  # import fails as if not installed
    original, converted = tmp_path / "model", tmp_path / "model-ct2"
    for folder, name in ((original, "config.json"), (converted, "model.bin")):
        folder.mkdir()
        (folder / name).write_text("{}")
    expected = (
        "summarizer: the ct2 backend needs CTranslate2; install it with: "
        "pip install 'zh-digest-summarizer[ct2]'\n"
    )
    assert run(["translate", "快手", "--model", str(converted)]) == (1, "", expected)
    assert run(["translate", "快手", "--model", str(original), "--backend", "ct2"]) == (
        1,
        "",
        expected,
    )
    assert run(["models", "convert", str(original)]) == (1, "", expected)
    # auto without the extra keeps to transformers for a model it can run that way
    assert select_backend(str(original)) == ("transformers", str(original))


def _broken(converted, tmp_path, remove=(), truncate=None):
    folder = tmp_path / "broken"
    shutil.copytree(converted, folder)
    for name in remove:
        (folder / name).unlink()
    if truncate:
        data = (folder / truncate).read_bytes()
        (folder / truncate).write_bytes(data[: len(data) // 2])
    return folder


@pytest.mark.slow
@pytest.mark.parametrize(
    ("remove", "truncate", "message"),
    [
        (["shared_vocabulary.json"], None, "no vocabulary (shared_vocabulary.json"),
        (["source.spm", "target.spm", "vocab.json"], None, "no tokenizer files"),
        ([], "model.bin", "model.bin cannot be loaded"),
        (["model.bin"], None, "no model.bin; not a CTranslate2 model folder"),
    ],
)
def test_broken_folder_is_one_line_naming_it(converted, tmp_path, remove, truncate, message):
    folder = _broken(converted, tmp_path, remove, truncate)
    code, out, err = run(["translate", "快手", "--model", str(folder), "--backend", "ct2"])
    assert code == 1 and out == ""
    assert len(err.splitlines()) == 1 and err.startswith(f"summarizer: {folder}: ")
    assert message in err


@pytest.mark.slow
def test_a_transformers_folder_is_not_a_ct2_model(marian, tmp_path):
    plain = tmp_path / "plain"
    shutil.copytree(marian, plain)
    code, _, err = run(["translate", "快手", "--model", str(plain), "--backend", "ct2"])
    assert code == 1
    assert err == (
        f"summarizer: {plain}: not a CTranslate2 model (no model.bin); convert it with: "
        f"summarizer models convert {plain} --to ct2\n"
    )
    code, _, err = run(["translate", "快手", "--model", str(tmp_path), "--backend", "ct2"])
    assert err == f"summarizer: {tmp_path}: no model.bin; not a CTranslate2 model folder\n"


@pytest.mark.slow
def test_summaries_on_ct2_through_the_cli(tiny_mt5, tmp_path, write_file):
    out = tmp_path / "mt5-ct2"
    assert run(["models", "convert", str(tiny_mt5), "--out", str(out)])[0] == 0
    assert json.loads((out / "summarizer-model.json").read_text())["task"] == "summarization"
    article = write_file(
        "a.txt", "快手公布第三季度业绩\n报告期内，快手总营收同比增长11.4%至311亿元。"
    )
    code, stdout, err = run(
        ["summarize", str(article), "--summarizer", str(out), "--format", "json"]
    )
    assert code == 0, err
    (record,) = json.loads(stdout)
    assert record["method"] == f"seq2seq:{out}"


def test_settings_carry_the_engine_options(monkeypatch):
    from summarizer.service.settings import Settings

    monkeypatch.setenv("SUMMARIZER_BACKEND", "ct2")
    options = Settings.from_env(compute_type="int8", threads=2).pipeline_options()
    assert (options.backend, options.compute_type, options.threads) == ("ct2", "int8", 2)
    with pytest.raises(ValueError):
        Settings.from_env(backend="onnx")


@pytest.mark.slow
def test_a_missing_term_goes_before_the_word_that_attended_to_its_hint(bilingual, glossary):
    from summarizer.models.ct2 import Decoded

    translator = load_translator(str(bilingual), glossary)
    hinted = " Kuaishou 公布业绩"
    assert translator.prepare("快手公布业绩")[0] == hinted
    width = len(translator.inner.source_tokens(hinted))
    # step 1 attends to the whole source; it continues a word, so the term goes before step 2
    attention = [[0.0] * width, [1.0] * width, [0.0] * width, [0.0] * width]
    decoded = Decoded("", ["▁a", "b", "▁c", "▁d"], attention)
    prefix, whole = translator._placed_prefix(hinted, decoded, ["Kuaishou"], [])
    assert (prefix, whole) == (["▁a", "b", "▁Kuaishou", "▁c"], False)
    # placed before the last word: the prefix is the whole output, nothing is left to redo
    attention = [[0.0] * width, [0.0] * width, [0.0] * width, [1.0] * width]
    decoded = Decoded("", ["▁a", "b", "▁c", "▁d"], attention)
    prefix, whole = translator._placed_prefix(hinted, decoded, ["Kuaishou"], [])
    assert (prefix, whole) == (["▁a", "b", "▁c", "▁Kuaishou", "▁d"], True)


def test_aligned_words_are_the_whole_words_that_looked_at_the_span():
    tokens = ["▁a", "b", "▁c", "d", "▁e"]
    # each step's strongest source position: 0, 2, 3, 5, 0; the span is positions 2 and 3
    attention = [[1.0 if j == k else 0.0 for j in range(6)] for k in (0, 2, 3, 5, 0)]
    assert aligned_words(tokens, attention, (2, 4), 1) == (0, 4)  # "▁a b" and "▁c d"
    assert aligned_words(tokens, attention, (2, 4), 4) == (4, 4)  # looks elsewhere: none
    assert aligned_words(tokens, attention, (5, 6), 3) == (2, 4)


@pytest.mark.slow
def test_a_spliced_term_replaces_the_words_that_rendered_its_hint(bilingual, glossary):
    from summarizer.models.ct2 import Decoded

    translator = load_translator(str(bilingual), glossary)
    hinted = " Kuaishou 公布业绩"
    assert translator.prepare("快手公布业绩")[0] == hinted
    width = len(translator.inner.source_tokens(hinted))
    on_hint = [1.0] + [0.0] * (width - 1)  # the hint's first piece
    elsewhere = [0.0] * (width - 1) + [1.0]  # the end of the source
    decoded = Decoded("", ["▁a", "b", "▁c", "▁d"], [elsewhere, on_hint, elsewhere, elsewhere])
    term = translator.inner.target_tokens("Kuaishou")
    assert translator._spliced(hinted, decoded, ["Kuaishou"], []) == term + ["▁c", "▁d"]
    # no step looks at the hint: the term goes before the word that attended most to it
    decoded = Decoded("", ["▁a", "b", "▁c", "▁d"], [elsewhere] * 4)
    assert translator._spliced(hinted, decoded, ["Kuaishou"], []) == term + ["▁a", "b", "▁c", "▁d"]


@pytest.mark.slow
def test_without_a_hint_the_term_goes_where_its_chinese_form_was_attended(converted, glossary):
    from summarizer.models.ct2 import Decoded

    translator = load_translator(str(converted), glossary)
    hinted = translator.prepare("业绩快手公布")[0]
    assert hinted == "业绩快手公布"  # this vocabulary spells Kuaishou letter by letter: no hint
    source = translator.inner.source_tokens(hinted)
    assert source[2] == "快手"  # [▁, 业绩, 快手, 公布, </s>]: the name inside a word
    on_name = [1.0 if j == 2 else 0.0 for j in range(len(source))]
    elsewhere = [1.0 if j == 0 else 0.0 for j in range(len(source))]
    decoded = Decoded("", ["▁a", "▁b", "c", "▁d"], [elsewhere, on_name, on_name, elsewhere])
    term = translator.inner.target_tokens("Kuaishou")
    assert translator._spliced(hinted, decoded, ["Kuaishou"], []) == ["▁a", *term, "▁d"]


@pytest.mark.slow
def test_attention_is_asked_for_only_when_a_term_is_owed(converted, glossary, monkeypatch):
    translator = load_translator(str(converted), glossary, max_new_tokens=8)
    calls: list[tuple[int, bool]] = []
    decode = translator.inner.decode_tokens

    def recording(sources, prefixes=None, attention=False, **options):
        calls.append((len(sources), attention))
        return decode(sources, prefixes, attention=attention, **options)

    monkeypatch.setattr(translator.inner, "decode_tokens", recording)
    (plain,) = translator.translate([TEXTS[4]])  # "没有术语的一句话。" owes no term
    assert plain.terms == [] and (1, False) in calls and (1, True) not in calls
    calls.clear()
    results = translator.translate(TEXTS)
    assert all(t["satisfied"] for r in results for t in r.terms)
    assert (5, True) in calls  # one call, every row with its attention
    assert results[4].text == plain.text  # the attention does not change the output


def _prefixed_rows(translator) -> list[int]:
    """Counts the rows each call decodes again with a target prefix."""
    calls: list[int] = []
    decode = translator.inner.decode_tokens

    def counting(sources, prefixes=None, **options):
        if prefixes:
            calls.append(len(sources))
        return decode(sources, prefixes, **options)

    translator.inner.decode_tokens = counting
    return calls


@pytest.mark.slow
@pytest.mark.parametrize("beams", [1, 3])
def test_the_redecode_budget_decides_between_decoding_again_and_splicing(
    converted, glossary, beams, monkeypatch
):
    first_pass = load_translator(str(converted), glossary, max_new_tokens=12, num_beams=beams)
    hinted = [first_pass.prepare(t)[0] for t in TEXTS]
    first = [d.text.split() for d in first_pass.inner.decode_guarded(hinted)]
    for share in (0.0, 1.0):
        translator = load_translator(
            str(converted), glossary, max_new_tokens=12, num_beams=beams, redecode_share=share
        )

        def before_the_first_word(hinted, decoded, needed, translator=translator):
            # where random attention puts a term is luck; here every term goes first, so a
            # row decoded again has words left for the model to write
            return [(0, 0, 0, translator.inner.target_tokens(en)) for en in needed]

        monkeypatch.setattr(translator, "_placements", before_the_first_word)
        calls = _prefixed_rows(translator)
        results = translator.translate(TEXTS)
        for result in results:
            assert all(t["satisfied"] for t in result.terms), (share, result.text)
        owing = sum(bool(r.terms) for r in results)  # rows that owe terms at all
        if share == 0.0:
            assert calls == []  # nothing decoded twice
            for words, result in zip(first, results):
                # a splice only adds the terms: the rest is the first output's, in order
                rest = result.text
                for en in sorted({t["en"] for t in result.terms}, key=len, reverse=True):
                    rest = rest.replace(en, " ")
                assert rest.split() == words, (words, result.text)
        else:
            assert 0 < sum(calls) <= owing


@pytest.mark.slow
def test_terms_the_placement_misses_are_appended_where_the_output_ends(
    converted, glossary, monkeypatch
):
    translator = load_translator(str(converted), glossary, max_new_tokens=6)
    monkeypatch.setattr(translator, "_placed_prefix", lambda *args: ([], False))
    (result,) = translator.translate(["程一笑表示收入增长。"])
    assert result.terms == [
        {
            "zh": "程一笑",
            "en": "Cheng Yixiao",
            "required": 1,
            "found": 1,
            "missing": 0,
            "satisfied": True,
        }
    ]
    assert result.text.endswith("Cheng Yixiao")


@pytest.mark.slow
def test_api_translates_on_ct2_with_request_terms(converted):
    from fastapi.testclient import TestClient

    from summarizer.service.app import create_app
    from summarizer.service.settings import Settings

    app = create_app(Settings(translator=str(converted), backend="ct2"))
    with TestClient(app) as client:
        body = {
            "text": "星河科技和快手公布业绩。",
            "glossary": [{"zh": "星河科技", "en": "Xinghe Tech", "kind": "company"}],
        }
        data = client.post("/v1/translate", json=body).json()
    assert {t["en"]: t["satisfied"] for t in data["terms"]} == {
        "Xinghe Tech": True,
        "Kuaishou": True,
    }
    assert data["translation"].count("Xinghe Tech") >= 1


@pytest.mark.slow
def test_a_failed_conversion_is_one_line_and_leaves_nothing(tiny_marian):
    # the shared tiny Marian keeps <pad> at id 2, which CTranslate2's Marian converter rejects
    code, out, err = run(["models", "convert", str(tiny_marian)])
    assert code == 1 and out == "" and len(err.splitlines()) == 1
    assert err.startswith(
        f"summarizer: {tiny_marian}: CTranslate2 cannot convert this marian model: "
    )
    assert not tiny_marian.with_name("marian-ct2").exists()
    assert not [p for p in tiny_marian.parent.iterdir() if p.name.startswith(".marian-ct2")]
