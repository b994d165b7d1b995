"""Fingerprints of the digest of every corpus article (seeds, dev set, samples).

Hashes, not texts: the articles stay outside the project. Each part of an entry is
hashed apart, so a failing comparison names what changed (the summary, the figures,
the English entry or the normalisation report). To record the current outputs after
an intended change (say which and why in the commit):

    .venv/bin/python tests/text/digest_fingerprints.py > tests/text/digest_fingerprints.json
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PARTS = {
    "summary": ("summary_zh", "sentences", "title", "published"),
    "facts": ("facts",),
    "english": ("english", "people", "products", "companies"),
    "report": ("removed", "warnings"),
}


def fingerprint(entry: dict) -> dict[str, str]:
    """A short hash of each part of one digest entry (ArticleResult.to_dict())."""
    hashes = {}
    for part, keys in PARTS.items():
        chosen = {key: entry.get(key) for key in keys}
        data = json.dumps(chosen, ensure_ascii=False, sort_keys=True).encode("utf-8")
        hashes[part] = hashlib.sha256(data).hexdigest()[:16]
    return hashes


def digest_fingerprints() -> dict[str, dict[str, str]]:
    from corpus import corpus_articles

    from summarizer.pipeline import Pipeline
    from summarizer.text.reading import Article

    pipeline = Pipeline()
    return {
        article_id: fingerprint(
            pipeline.process(Article(article_id, text, article_id, "utf-8")).to_dict()
        )
        for article_id, text in corpus_articles()
    }


if __name__ == "__main__":
    print(json.dumps(digest_fingerprints(), indent=1, sort_keys=True))
