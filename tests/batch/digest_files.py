"""Hashes of the files ``summarizer digest`` writes for every corpus article at once.

The Markdown, JSON and HTML renderings of one digest of the whole corpus (seeds, dev
set, samples) and one unreadable file, dated by a fixed day: what a change to reading,
the batch engine, the digest's spool or the renderers must leave byte for byte as it
was. Hashes, not texts: the articles stay outside the project. To record the current
files after an intended change to the digest's outputs (say which and why in the commit):

    .venv/bin/python tests/batch/digest_files.py > tests/batch/digest_files.json
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import sys
import tempfile
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

FORMATS = ("md", "json", "html")
# the day the digest says it was generated on: today's date would change the files daily
GENERATED = dt.date(2025, 1, 2)


def digest_file_hashes(folder: Path) -> dict[str, str]:
    """The sha256 of each rendering of the corpus's digest, written under ``folder``."""
    from corpus import corpus_articles

    import summarizer.batch.aggregate as aggregate
    from summarizer.cli.main import main

    inputs = []
    for number, (article_id, text) in enumerate(corpus_articles()):
        name = f"{number:03d}_{article_id}.txt"
        (folder / name).write_text(text, encoding="utf-8")
        inputs.append(name)
    (folder / "999_unreadable.txt").write_bytes(b"\x00\x01binary")
    inputs.append("999_unreadable.txt")
    outs = [f"digest.{fmt}" for fmt in FORMATS]
    fixed_day = SimpleNamespace(date=SimpleNamespace(today=lambda: GENERATED))
    # names relative to the folder: the files name their inputs, and the folder differs
    real_dt, aggregate.dt, cwd = aggregate.dt, fixed_day, os.getcwd()
    os.chdir(folder)
    try:
        argv = ["digest", *inputs, "--jobs", "1", *[a for o in outs for a in ("--out", o)]]
        main(argv, stdout=io.StringIO(), stderr=io.StringIO())
    finally:
        aggregate.dt = real_dt
        os.chdir(cwd)
    return {
        fmt: hashlib.sha256((folder / out).read_bytes()).hexdigest()
        for fmt, out in zip(FORMATS, outs)
    }


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as temp:
        print(json.dumps(digest_file_hashes(Path(temp)), indent=1, sort_keys=True))
