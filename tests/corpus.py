"""Every real article the speed tests compare fast and reference paths on:
the seeds, the dev set's texts and the bundled samples."""

from __future__ import annotations

import json

from conftest import REPO, SHARED


def corpus_articles() -> list[tuple[str, str]]:
    """(id, raw text) of each seed, dev and sample article."""
    articles = [
        (path.stem, path.read_text(encoding="utf-8"))
        for path in sorted((SHARED / "seeds").glob("*.txt"))
    ]
    dev = SHARED / "eval" / "dev.jsonl"
    if dev.is_file():
        for line in dev.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                articles.append((record["id"], record["text"]))
    articles += [
        (path.stem, path.read_text(encoding="utf-8"))
        for path in sorted((REPO / "samples").glob("*.txt"))
    ]
    return articles
