"""A list of articles is translated in batches across articles, with the outputs of one by one."""

from pathlib import Path

import pytest

from summarizer.pipeline import Pipeline
from summarizer.text.reading import Article
from summarizer.text.script import to_simplified

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.mark.slow
def test_a_list_is_translated_across_articles_as_one_by_one(tiny_marian, monkeypatch):
    pipeline = Pipeline(translator=str(tiny_marian), threads=1)
    articles = [
        Article(path.stem, path.read_text(encoding="utf-8"), path.name, "utf-8")
        for path in sorted(SAMPLES.glob("*.txt"))
    ]
    assert len(articles) >= 3
    one_by_one = [pipeline(article).to_dict() for article in articles]

    batches: list[list[str]] = []
    inner = pipeline.translator.inner
    original = inner._generate_batch

    def spy(batch, settings, processors=None):
        if not settings:  # first passes, not the guard's retries
            batches.append(list(batch))
        return original(batch, settings, processors)

    monkeypatch.setattr(inner, "_generate_batch", spy)
    together = [r.to_dict() for r in pipeline(articles)]
    assert together == one_by_one
    # the model's inputs: each summary with its glossary hints
    hinted = [pipeline.translator.hint(to_simplified(r["summary_zh"])) for r in one_by_one]
    owners = {i for chunk in batches[0] for i, text in enumerate(hinted) if chunk in text}
    assert len(batches) < len(articles) and len(owners) > 1
