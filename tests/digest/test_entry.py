"""Digest entries are typed: built from results, and read back from the records a results file holds."""

import io
import json
from decimal import Decimal

import pytest
from conftest import REPO

from summarizer.cli.main import main
from summarizer.digest.entry import DigestEntry
from summarizer.digest.render import render
from summarizer.helpers import build_digest
from summarizer.pipeline import Pipeline
from summarizer.text.reading import read_article

SAMPLES = sorted(str(p) for p in (REPO / "samples").glob("*.txt"))


@pytest.fixture(scope="module")
def results():
    pipeline = Pipeline()
    return [pipeline.process(read_article(name)) for name in SAMPLES]


def test_an_entry_keeps_the_article_record_and_reads_it_back(results):
    for result in results:
        record = result.to_dict()
        entry = DigestEntry.from_result(result)
        assert entry.to_dict() == record
        assert DigestEntry.from_dict(json.loads(json.dumps(record))).to_dict() == record


def test_an_entry_holds_typed_figures_not_the_article_text(results):
    kuaishou = next(r for r in results if r.id == "kuaishou_q3_results")
    entry = DigestEntry.from_result(kuaishou)
    # the article: 第三季度业绩 … 总营收同比增长11.4%至311亿元
    revenue = next(f for f in entry.facts if f.metric == "revenue" and f.period == "Q3 2024")
    assert (revenue.value, revenue.unit, revenue.yoy_pct) == (
        Decimal("31.1e9"),
        "CNY",
        Decimal("11.4"),
    )
    assert kuaishou.normalized.text not in json.dumps(entry.to_dict(), ensure_ascii=False)


def test_the_library_and_the_cli_build_the_same_digest():
    out = io.StringIO()
    assert main(["digest", *SAMPLES, "--jobs", "1"], stdout=out, stderr=io.StringIO()) == 0
    library = render(build_digest([read_article(name) for name in SAMPLES]), "markdown")
    assert out.getvalue() == library
    assert library.count("\n### ") >= len(SAMPLES)
