"""Model folders: each fault is one line naming the folder and the piece; languages come from the model."""

import io
import shutil

import pytest

from summarizer.cli.main import main
from summarizer.errors import SummarizerError
from summarizer.glossary import Glossary, Term
from summarizer.models import registry
from summarizer.models.constrained import GlossaryTranslator
from summarizer.models.registry import ModelLoadError
from summarizer.models.seq2seq import Seq2SeqSummarizer, Seq2SeqTranslator

GLOSSARY = Glossary(
    [Term("阿里", "Alibaba", "company"), Term("阿里云", "Alibaba Cloud", "company")]
)
TEXT = "阿里云的收入增长了26%，阿里表示…"


@pytest.fixture(scope="module")
def tiny_m2m100(tmp_path_factory):
    from builders import build_m2m100

    return build_m2m100(tmp_path_factory.mktemp("models") / "m2m100")


def broken_copy(source, tmp_path, name, remove=(), truncate=None, replace=None):
    folder = tmp_path / name
    shutil.copytree(source, folder)
    for file in remove:
        (folder / file).unlink()
    if truncate:
        path = folder / truncate
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    for target, origin in (replace or {}).items():
        shutil.copy(folder / origin, folder / target)
    return folder


def load_error(cls, folder) -> str:
    with pytest.raises(ModelLoadError) as info:
        cls(str(folder), threads=1)
    message = str(info.value)
    assert isinstance(info.value, SummarizerError)
    assert "\n" not in message and message.startswith(f"{folder}: ")
    return message


def test_missing_tokenizer_files_are_named(tiny_mt5, tmp_path):
    folder = broken_copy(tiny_mt5, tmp_path, "mt5", remove=("spiece.model", "tokenizer.json"))
    (folder / "vocab.json").write_text("{}", encoding="utf-8")  # a stray file is no vocabulary
    message = load_error(Seq2SeqSummarizer, folder)
    assert "without its tokenizer file spiece.model or tokenizer.json" in message


def test_a_tokenizer_that_cannot_read_chinese_is_refused(tiny_marian, tmp_path):
    # the English target vocabulary in the source's place: every Chinese character is <unk>
    folder = broken_copy(tiny_marian, tmp_path, "marian", replace={"source.spm": "target.spm"})
    assert "the tokenizer cannot encode Chinese" in load_error(Seq2SeqTranslator, folder)


def test_a_truncated_weights_file_is_named(tiny_mt5, tmp_path):
    folder = broken_copy(tiny_mt5, tmp_path, "mt5", truncate="model.safetensors")
    message = load_error(Seq2SeqSummarizer, folder)
    assert "model.safetensors is damaged or truncated" in message


def test_an_encoder_only_model_is_refused(tmp_path):
    from transformers import BertConfig, BertModel

    folder = tmp_path / "bert"
    BertModel(
        BertConfig(
            vocab_size=32,
            hidden_size=8,
            num_hidden_layers=1,
            num_attention_heads=2,
            intermediate_size=16,
        )
    ).save_pretrained(folder)
    (folder / "vocab.txt").write_text("[PAD]\n[UNK]\n快\n手\n", encoding="utf-8")
    message = load_error(Seq2SeqTranslator, folder)
    assert "a bert model is not a sequence-to-sequence model" in message


def test_a_marian_folder_without_its_sentencepiece_files(tiny_marian, tmp_path):
    folder = broken_copy(tiny_marian, tmp_path, "marian", remove=("source.spm", "target.spm"))
    assert "marian model folder without its tokenizer file source.spm" in load_error(
        Seq2SeqTranslator, folder
    )


def test_the_cli_says_it_in_one_line(tiny_mt5, tmp_path):
    folder = broken_copy(tiny_mt5, tmp_path, "mt5", truncate="model.safetensors")
    out, err = io.StringIO(), io.StringIO()
    code = main(["translate", "快手", "--model", str(folder)], stdout=out, stderr=err)
    assert code == 1
    assert len(err.getvalue().strip().splitlines()) == 1
    assert str(folder) in err.getvalue() and "model.safetensors" in err.getvalue()


def test_nllb_by_folder_reads_chinese_and_writes_english(tiny_nllb):
    translator = Seq2SeqTranslator(str(tiny_nllb), max_new_tokens=8, threads=1)
    tokenizer = translator.tokenizer
    assert translator.forced_bos_token_id == tokenizer.convert_tokens_to_ids("eng_Latn")
    assert tokenizer("快手").input_ids[0] == tokenizer.convert_tokens_to_ids("zho_Hans")
    seen = {}
    generate = translator.model.generate

    def spy(**kwargs):
        seen["output"] = generate(**kwargs)
        return seen["output"]

    translator.model.generate = spy
    try:
        translator.translate(["快手公布业绩。"])
    finally:
        del translator.model.generate
    assert seen["output"][0, 1].item() == translator.forced_bos_token_id


def test_m2m100_by_folder_with_a_glossary(tiny_m2m100):
    translator = Seq2SeqTranslator(str(tiny_m2m100), max_new_tokens=8, threads=1)
    tokenizer = translator.tokenizer
    assert translator.forced_bos_token_id == tokenizer.convert_tokens_to_ids("__en__")
    assert tokenizer("快手").input_ids[0] == tokenizer.convert_tokens_to_ids("__zh__")
    (result,) = GlossaryTranslator(translator, GLOSSARY).translate([TEXT])
    assert [(t["en"], t["missing"]) for t in result.terms] == [("Alibaba Cloud", 0), ("Alibaba", 0)]
    assert not result.text.startswith("__en__")


def test_nllb_by_a_hub_id_that_is_no_preset(tiny_nllb, tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_MODEL_STORE", str(tmp_path / "store"))
    shutil.copytree(tiny_nllb, registry.store_path("someone/nllb-finetuned"))
    translator = Seq2SeqTranslator("someone/nllb-finetuned", max_new_tokens=8, threads=1)
    assert translator.resolved.preset is None
    assert translator.loaded.languages.source == "zho_Hans"
    assert translator.forced_bos_token_id == translator.tokenizer.convert_tokens_to_ids("eng_Latn")


def test_a_family_that_cannot_translate_is_one_line(tiny_mt5):
    message = load_error(Seq2SeqTranslator, tiny_mt5)
    assert "cannot be driven as a Chinese → English translator" in message
    assert "Marian (opus-mt-zh-en), NLLB and M2M100" in message
