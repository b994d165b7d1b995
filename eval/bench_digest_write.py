"""Writing a batch's digest: how much is left to do after the last article comes back.

    python eval/bench_digest_write.py ../shared/seeds --jsonl ../shared/eval/dev.jsonl \\
        --entries 2000 --out eval/results/bench_digest_write.json

The corpus's entries are made once and cycled (each copy with its own id) into a
``DigestSink`` for Markdown and JSON, as ``summarizer digest --out d.md --out d.json``
feeds it: the sink renders each entry as it arrives, keeps the first 512 entries' texts
and spools the rest. Timed apart, CPU seconds, best of --repeat:

- taking every entry (``add``): done while the articles are still being processed;
- writing both files after the last one (the tables, and the texts copied);
- beside it, rendering every entry at that point instead, as a ``Digest`` holding all the
  entries in memory does: the work the sink moves to before the last article.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from bench_history import code_version, cpu_model
from bench_pipeline import load_articles
from report import publish

from summarizer.batch.aggregate import DigestSink, write_digest
from summarizer.digest.build import Digest
from summarizer.digest.entry import DigestEntry
from summarizer.digest.render import render_parts, write_atomic
from summarizer.evaluate import machine_description
from summarizer.pipeline import Pipeline

FORMATS = {"markdown": "digest.md", "json": "digest.json"}


def corpus_entries(
    paths: list[str], jsonl: list[str], count: int
) -> list[tuple[dict, DigestEntry]]:
    """``count`` (row, entry) pairs: the corpus processed once, cycled with distinct ids."""
    pipeline = Pipeline()
    made = []
    for article in load_articles(paths, jsonl):
        result = pipeline.process(article)
        made.append((result.to_dict(), DigestEntry.from_result(result)))
    pairs = []
    for number in range(count):
        record, entry = made[number % len(made)]
        copy_id = f"{entry.id}-{number}"
        row = {**record, "id": copy_id, "error": None}
        pairs.append((row, replace(entry, id=copy_id)))
    return pairs


def _cpu(work) -> float:
    started = time.process_time()
    work()
    return time.process_time() - started


def one_run(pairs: list[tuple[dict, DigestEntry]], folder: Path) -> dict[str, float]:
    sink = DigestSink(tuple(FORMATS))
    try:
        added = _cpu(lambda: [sink.add(row, n, entry) for n, (row, entry) in enumerate(pairs)])

        def write() -> None:
            digest = sink.digest(generated="2025-01-02")
            for fmt, name in FORMATS.items():
                write_digest(digest, str(folder / name), fmt)

        written = _cpu(write)
    finally:
        sink.close()
    whole = Digest(entries=[entry for _, entry in pairs], generated="2025-01-02")

    def render_all() -> None:
        for fmt, name in FORMATS.items():
            write_atomic(folder / f"whole-{name}", render_parts(whole, fmt))

    rendered = _cpu(render_all)
    same = all(
        (folder / name).read_bytes() == (folder / f"whole-{name}").read_bytes()
        for name in FORMATS.values()
    )
    return {
        "add_s": added,
        "write_after_last_s": written,
        "render_all_at_end_s": rendered,
        "same": same,
    }


def to_markdown(report: dict) -> str:
    r = report["result"]
    return (
        "\n".join(
            [
                f"# Writing a batch's digest ({report['date']})",
                "",
                f"Machine: {report['machine']}, shared with other work while measured. "
                f"{report['entries']:,} entries (the corpus's {report['distinct']} cycled), "
                f"Markdown and JSON, CPU seconds, best of {report['repeat']}; code {report['code']}.",
                "",
                "| step | CPU seconds |",
                "| --- | ---: |",
                f"| taking every entry, each rendered as it arrives (before the last article) | {r['add_s']} |",
                f"| writing both files after the last article | {r['write_after_last_s']} |",
                f"| rendering every entry at that point instead (a Digest in memory) | {r['render_all_at_end_s']} |",
                "",
                f"The same files either way: {r['same']}.",
            ]
        )
        + "\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", help="article files or folders")
    parser.add_argument("--jsonl", action="append", default=[], help="also the texts of this set")
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", help="write JSON here and Markdown beside it")
    args = parser.parse_args(argv)

    pairs = corpus_entries(args.paths, args.jsonl, args.entries)
    with tempfile.TemporaryDirectory() as tmp:
        runs = [one_run(pairs, Path(tmp)) for _ in range(args.repeat)]
    result = {key: round(min(run[key] for run in runs), 3) for key in runs[0] if key != "same"}
    result["same"] = all(run["same"] for run in runs)
    report = {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{cpu_model()}, {machine_description()}",
        "code": code_version(),
        "entries": args.entries,
        "distinct": len({entry.id.rsplit("-", 1)[0] for _, entry in pairs}),
        "repeat": args.repeat,
        "result": result,
    }
    publish(report, to_markdown(report), args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
