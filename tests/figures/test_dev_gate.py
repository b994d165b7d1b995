"""The development-set gate: key figures, labels, periods and traceability, the Chinese summary's
and the English entry's chrF, on dev.jsonl and the seeds.

Reads ../shared/eval/dev.jsonl (22 articles of 21 companies) and scores the
extractor the way `summarizer eval facts` does, the summaries and entries the way
`summarizer eval` and eval/quality.py do. The floors sit a little under what is
measured (eval/results/quality.md); they only ever move up.
"""

import json

import pytest
from conftest import SHARED, seed_text

from summarizer.figures.score import corpus_scores, score_article
from summarizer.pipeline import Pipeline
from summarizer.text.reading import Article

DEV = SHARED / "eval" / "dev.jsonl"


def _scores(records, texts):
    pipeline = Pipeline()
    articles = []
    for record, text in zip(records, texts):
        result = pipeline.facts(Article(record["id"], text, record["id"], "utf-8"))
        predicted = [f.to_dict() for f in result.facts]
        articles.append(score_article(predicted, record["facts"], result.normalized.text))
    return corpus_scores(articles)


@pytest.fixture(scope="module")
def dev_records(shared_dir):
    return [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line]


@pytest.mark.slow
def test_dev_key_figures_found_labelled_dated_and_traceable(dev_records):
    scores = _scores(dev_records, [r["text"] for r in dev_records])
    assert scores["gold"] == 288
    assert scores["recall"] >= 0.95, scores
    assert scores["label_accuracy"] >= 0.99, scores
    assert scores["period_given"] >= 0.95, scores
    assert scores["traceable"] == 1.0, scores


def test_seed_key_figures_hold(seed_records):
    scores = _scores(seed_records, [seed_text(r) for r in seed_records])
    assert scores["recall"] >= 0.95, scores
    assert scores["period_given"] >= 0.95, scores
    assert scores["traceable"] == 1.0, scores


@pytest.mark.slow
def test_dev_summaries_and_english_entries_hold_their_chrf(shared_dir):
    from summarizer.evaluate import evaluate_pipeline, load_eval_set

    pipeline, dev = Pipeline(), load_eval_set(DEV)
    at_160 = evaluate_pipeline(pipeline, dev, 160)["corpus"]
    assert at_160["zh"]["chrf"] >= 38.0, at_160["zh"]
    english = evaluate_pipeline(pipeline, dev)["corpus"]["en"]
    assert english["chrf"] >= 48.5, english
    seeds = evaluate_pipeline(pipeline, load_eval_set(SHARED / "eval" / "seeds.jsonl"), 160)
    assert seeds["corpus"]["zh"]["chrf"] >= 27.5, seeds["corpus"]["zh"]
