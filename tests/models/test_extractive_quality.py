"""Chinese summaries on the seeds and the development set: general properties (the chrF floors
are in the development-set gate, tests/figures/test_dev_gate.py).

Every summary at the 160-character budget holds the budget, ends with a full
stop, opens no sentence on a dangling connective, and states only numbers that
stand whole in the article (311亿 never becomes 31).
"""

import json
import re

import pytest
from conftest import SHARED, seed_text

from summarizer.pipeline import Pipeline
from summarizer.text.reading import Article

BUDGET = 160
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_DANGLING = re.compile(r"(?:^|。)(?:但|而|并且|不过|然而)")


def _records(name: str) -> list[dict]:
    path = SHARED / "eval" / f"{name}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture(scope="module")
def summaries(shared_dir) -> dict[str, list[tuple[str, str, str]]]:
    """Per set: (article text as normalised, summary, reference) of every record."""
    pipeline = Pipeline()
    out = {}
    for name in ("seeds", "dev"):
        rows = []
        for record in _records(name):
            text = record.get("text") or seed_text(record)
            result = pipeline.process(Article(record["id"], text, record["id"], "utf-8"), BUDGET)
            rows.append((result.normalized.text, result.summary.text, record["reference_zh"]))
        out[name] = rows
    return out


@pytest.mark.slow
def test_every_summary_holds_the_budget_and_reads_as_whole_sentences(summaries):
    for rows in summaries.values():
        for _, summary, _ in rows:
            assert 0 < len(summary) <= BUDGET, summary
            assert summary.endswith("。"), summary
            assert not _DANGLING.search(summary), summary
            assert "，。" not in summary and "。。" not in summary, summary


@pytest.mark.slow
def test_every_number_in_a_summary_stands_whole_in_its_article(summaries):
    for rows in summaries.values():
        for article, summary, _ in rows:
            for number in _NUMBER.findall(summary):
                whole = rf"(?<![\d.,]){re.escape(number)}(?![\d])"
                assert re.search(whole, article), (number, summary)
