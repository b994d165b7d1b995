"""The digest of every corpus article stays identical while the text path is made faster.

The fingerprints were recorded from the outputs before the per-pipeline segmenter
and the one-parse-per-article work; see digest_fingerprints.py for what they hash
and how to record them after an intended change.
"""

import json
from pathlib import Path

import pytest
from digest_fingerprints import digest_fingerprints

RECORDED = Path(__file__).with_name("digest_fingerprints.json")


@pytest.fixture(scope="module")
def fingerprints(shared_dir):
    return digest_fingerprints()


def test_every_corpus_article_has_a_recorded_digest(fingerprints):
    recorded = json.loads(RECORDED.read_text(encoding="utf-8"))
    assert sorted(fingerprints) == sorted(recorded)
    assert len(recorded) >= 30  # seeds, dev set and samples


def test_summaries_figures_and_english_entries_are_unchanged(fingerprints):
    recorded = json.loads(RECORDED.read_text(encoding="utf-8"))
    changed = [
        (article_id, part)
        for article_id, parts in recorded.items()
        for part, digest in parts.items()
        if fingerprints.get(article_id, {}).get(part) != digest
    ]
    assert changed == []
