import json

import pytest
from conftest import SEEDS_JSONL

from summarizer.cli import main
from summarizer.evaluate import load_eval_set
from summarizer.textio import InputError


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


def test_seed_summaries_meet_the_quality_target(shared_dir, tmp_path, capsys):
    """The extractive default on the seeds, at reference length: chrF >= 30 and BLEU >= 28."""
    out_file = tmp_path / "results.json"
    assert main(["eval", str(SEEDS_JSONL), "--format", "json", "--out", str(out_file)]) == 0
    results = json.loads(capsys.readouterr().out)
    assert len(results["items"]) == 5
    corpus = results["corpus"]["zh"]
    assert corpus["chrf"] >= 30 and corpus["bleu"] >= 28, corpus
    assert json.loads(out_file.read_text(encoding="utf-8")) == results
