import json

import pytest
from conftest import SEEDS_JSONL

from summarizer.cli.main import main
from summarizer.evaluate import load_eval_set
from summarizer.text.reading import InputError


def test_inline_text_sets_are_scored(tmp_path, capsys):
    data = tmp_path / "set.jsonl"
    record = {
        "id": "x",
        "text": "星河科技营收同比增长11.4%至311亿元。董事长表示将继续投资。",
        "reference_zh": "星河科技营收同比增长11.4%至311亿元。",
    }
    data.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["eval", str(data), "--format", "json"]) == 0
    results = json.loads(capsys.readouterr().out)
    assert "en" not in results["corpus"]  # no English reference in this set
    assert results["items"][0]["summary_zh"] == "星河科技营收同比增长11.4%至311亿元。"
    assert results["items"][0]["zh"]["bleu"] == 100.0
    assert results["corpus"]["zh"]["signature"]["bleu"].startswith(
        "nrefs:1|case:mixed|eff:no|tok:zh"
    )


def test_bad_sets_are_reported_with_their_line(tmp_path):
    data = tmp_path / "set.jsonl"
    data.write_text('{"id": 1, "text": "x"}\nnot json\n', encoding="utf-8")
    with pytest.raises(InputError, match="set.jsonl:2: not valid JSON"):
        load_eval_set(data)


@pytest.fixture(scope="module")
def seed_results(tmp_path_factory):
    import io

    out_file = tmp_path_factory.mktemp("eval") / "results.json"
    stdout = io.StringIO()
    assert (
        main(["eval", str(SEEDS_JSONL), "--format", "json", "--out", str(out_file)], stdout=stdout)
        == 0
    )
    results = json.loads(stdout.getvalue())
    assert json.loads(out_file.read_text(encoding="utf-8")) == results
    return results


def test_seed_summaries_meet_the_quality_target(shared_dir, seed_results):
    """The extractive default on the seeds, at reference length: chrF >= 30 and BLEU >= 28."""
    assert len(seed_results["items"]) == 5
    corpus = seed_results["corpus"]["zh"]
    assert corpus["chrf"] >= 30 and corpus["bleu"] >= 28, corpus


def test_seed_english_entries_are_scored_with_terms_and_figures(shared_dir, seed_results):
    corpus = seed_results["corpus"]
    assert corpus["en"]["signature"]["bleu"].startswith("nrefs:1|case:mixed|eff:no|tok:13a")
    assert corpus["en"]["chrf"] > 40
    assert corpus["terms"]["considered"] >= 15 and corpus["terms"]["accuracy"] == 1.0
    # every stated figure is extracted, beyond the key figures the seed gold lists: recall is what holds
    assert corpus["facts"]["recall"] >= 0.9
    first = seed_results["items"][0]
    assert first["english"].startswith("Kuaishou's ")
    # the key-figure entry states only source figures and drops none
    assert all(i["figure_check"] == {"unmatched": [], "dropped": 0} for i in seed_results["items"])
    assert {"zh", "en", "terms", "facts"} <= set(first)


def test_term_accuracy_counts_a_wrong_rendering(glossary):
    from summarizer.evaluate import term_counts
    from summarizer.glossary import parse_glossary

    overridden = glossary.merged_with(parse_glossary("快手\tKwai Tech\n"))
    terms = {"快手": "Kuaishou", "程一笑": "Cheng Yixiao"}
    counts = term_counts("Kwai Tech's revenue rose.", terms, "快手和程一笑", overridden)
    assert counts == {
        "considered": 1,
        "correct": 0,
        "wrong": ["快手: expected 'Kuaishou', got 'Kwai Tech'"],
    }
