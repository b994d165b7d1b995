import io
import json
import shutil

import pytest
from conftest import SHARED

from summarizer.cli.main import main
from summarizer.models import registry as models
from summarizer.models.registry import ModelNotFoundError, resolve_model


def run(argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_MODEL_STORE", str(tmp_path / "store"))
    return tmp_path / "store"


def test_missing_preset_says_how_to_get_it(store):
    with pytest.raises(ModelNotFoundError) as info:
        resolve_model("opus-mt-zh-en")
    assert str(info.value) == (
        f"model opus-mt-zh-en (Helsinki-NLP/opus-mt-zh-en, 300 MB) is not installed in {store}; "
        "get it with: summarizer models pull opus-mt-zh-en"
    )


def test_unknown_name_lists_the_valid_ones(store):
    with pytest.raises(
        ModelNotFoundError,
        match="unknown model 'opus-mt-xx'; valid names: opus-mt-zh-en, nllb-200-distilled-600m, m2m100-418m",
    ):
        resolve_model("opus-mt-xx", "translation")


def test_a_summariser_is_not_a_translator(store):
    with pytest.raises(
        ModelNotFoundError, match="mt5-xlsum is a summarization model, not translation"
    ):
        resolve_model("mt5-xlsum", "translation")


def test_hub_id_not_in_the_store_gives_the_pull_command(store):
    with pytest.raises(
        ModelNotFoundError, match="get it with: summarizer models pull Helsinki-NLP/opus-mt-en-de"
    ):
        resolve_model("Helsinki-NLP/opus-mt-en-de")


def test_pulled_model_is_found_by_alias_and_listed_installed(store, tiny_marian):
    shutil.copytree(tiny_marian, models.store_path("Helsinki-NLP/opus-mt-zh-en"))
    assert resolve_model("opus-mt-zh-en").path == store / "Helsinki-NLP--opus-mt-zh-en"
    code, out, _ = run(["models", "list"])
    assert code == 0
    line = next(line for line in out.splitlines() if line.startswith("opus-mt-zh-en"))
    assert "installed" in line and "not installed" not in line
    code, out, _ = run(["models", "info", "opus-mt-zh-en"])
    assert json.loads(out)["installed"] is True


def test_pull_offline_fails_clearly(store):
    code, _, err = run(["models", "pull", "opus-mt-zh-en"])
    assert code == 1
    assert "could not download Helsinki-NLP/opus-mt-zh-en" in err
    assert "Pulling needs access to the Hugging Face hub" in err


def test_cli_translate_unknown_model(store):
    code, _, err = run(["translate", "快手", "--model", "nope"])
    assert code == 1 and "unknown model 'nope'; valid names:" in err


def test_cli_translate_json_end_to_end(tiny_marian):
    code, out, err = run(
        [
            "translate",
            "快手公布业绩，程一笑表示可灵AI增长。",
            "--model",
            str(tiny_marian),
            "--threads",
            "1",
            "--format",
            "json",
        ]
    )
    assert code == 0, err
    result = json.loads(out)
    assert {"translation", "terms", "warnings"} <= set(result)
    assert all(t["satisfied"] for t in result["terms"])
    assert [t["en"] for t in result["terms"]] == ["Kuaishou", "Cheng Yixiao", "Kling AI"]


def test_cli_summarize_with_local_summariser_and_translator(tiny_marian, tiny_mt5, write_file):
    article = write_file(
        "a.txt",
        "快手公布第三季度业绩\n报告期内，快手总营收同比增长11.4%至311亿元。程一笑表示可灵AI继续增长。",
    )
    code, out, err = run(
        [
            "summarize",
            str(article),
            "--summarizer",
            str(tiny_mt5),
            "--translator",
            str(tiny_marian),
            "--threads",
            "1",
            "--format",
            "json",
        ]
    )
    assert code == 0, err
    (record,) = json.loads(out)
    assert record["method"] == f"seq2seq:{tiny_mt5}"
    assert "summary_en" in record and isinstance(record["terms"], list)


def test_cli_digest_uses_the_translator(tiny_marian, write_file, tmp_path):
    article = write_file(
        "a.txt", "快手公布第三季度业绩\n2024年第三季度，快手总营收同比增长11.4%至311亿元。"
    )
    out_file = tmp_path / "d.json"
    code, _, err = run(
        ["digest", str(article), "--translator", str(tiny_marian), "--out", str(out_file)]
    )
    assert code == 0, err
    (entry,) = json.loads(out_file.read_text(encoding="utf-8"))["entries"]
    assert entry["english"]["source"] == f"translation ({tiny_marian})"
    assert entry["english"]["text"] == entry["summary_en"]
    assert entry["english"]["key_figures"].startswith(
        "Kuaishou's third-quarter 2024 revenue rose 11.4%"
    )


def test_cli_eval_with_a_translator_on_both_kinds_of_set(tiny_marian, tmp_path):
    code, out, err = run(
        [
            "eval",
            str(SHARED / "eval" / "ntrex128" / "business_tech.jsonl"),
            "--translator",
            str(tiny_marian),
            "--limit",
            "3",
            "--format",
            "json",
        ]
    )
    assert code == 0, err
    results = json.loads(out)
    assert set(results["corpus"]) == {"zh-Hans", "zh-Hant"}
    assert len(results["items"]) == 3
    data = tmp_path / "set.jsonl"
    record = {
        "id": "x",
        "text": "快手总营收同比增长11.4%至311亿元。",
        "reference_zh": "快手营收增长。",
        "reference_en": "Kuaishou's revenue rose 11.4%.",
        "terms": {"快手": "Kuaishou"},
    }
    data.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    code, out, err = run(["eval", str(data), "--translator", str(tiny_marian), "--format", "json"])
    assert code == 0, err
    results = json.loads(out)
    assert results["method"]["english"] == f"translation: {tiny_marian}"
    assert results["corpus"]["terms"] == {"considered": 1, "correct": 1, "accuracy": 1.0}


def test_cli_translate_without_constraints_still_checks_traditional_terms(tiny_marian):
    code, out, err = run(
        [
            "translate",
            "程一笑表示可靈AI增長。",
            "--model",
            str(tiny_marian),
            "--no-constraints",
            "--threads",
            "1",
            "--format",
            "json",
        ]
    )
    assert code == 0, err
    result = json.loads(out)
    assert [(t["zh"], t["en"]) for t in result["terms"]] == [
        ("程一笑", "Cheng Yixiao"),
        ("可灵AI", "Kling AI"),
    ]
    missing = [
        f"{t['en']} ({t['required'] - t['found']} of {t['required']})"
        for t in result["terms"]
        if t["found"] < t["required"]
    ]
    if missing:
        assert "glossary terms missing from the output: " + ", ".join(missing) in result["warnings"]
    else:
        assert not any("glossary terms missing" in w for w in result["warnings"])
