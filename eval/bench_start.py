"""Start-up: ``summarizer digest`` as a user runs it, a new process that loads its tables.

    python eval/bench_start.py ../shared/seeds --jsonl ../shared/eval/dev.jsonl \\
        --baseline /path/to/an/earlier/checkout --out eval/results/bench_start.json

The pipeline bench times the digest in a process whose tables are already loaded; a
command started afresh also pays for its imports and for jieba's, OpenCC's and the
glossary's tables once. Each figure here is the best of --repeat new processes:

- a digest of one file, with this code and, with --baseline, with the code of another
  checkout (run from its folder on the same interpreter and packages);
- the parts of the start that the table cache saves: jieba's dictionary read by jieba
  itself (its tokenizer and ``jieba.posseg``'s import) against this project's cache, and
  the common Han characters built against cached; and pypinyin's import, which ``--jobs``
  makes before it forks. Each timed from just before it, its process started and this
  project's modules imported.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_history import code_version, cpu_model
from report import publish

from summarizer.evaluate import machine_description

# each part timed in a process of its own, from just before it (imports of this project
# done); the table cache in the folder the environment names (empty for "built", filled
# beforehand for "cached")
_PARTS = {
    "jieba's own loading (its tokenizer, and jieba.posseg's import for the tags)": (
        "import logging\nfrom summarizer.text.jieba_cache import quiet_jieba\n"
        "import time; t = time.perf_counter()\n"
        "jieba = quiet_jieba(); jieba.setLogLevel(logging.WARNING)\n"
        "tokenizer = jieba.Tokenizer(); tokenizer.initialize()\n"
        "posseg = quiet_jieba('jieba.posseg'); dict(posseg.dt.word_tag_tab)\n"
    ),
    "jieba's dictionary from the table cache": (
        "from summarizer.text.jieba_cache import jieba_tables\n"
        "import time; t = time.perf_counter()\njieba_tables()\n"
    ),
    "common Han characters, built": (
        "from summarizer.text import charfreq\ncharfreq.jieba_dictionary()\n"
        "import time; t = time.perf_counter()\ncharfreq.common_han()\n"
    ),
    "common Han characters, from the table cache": (
        "from summarizer.text import charfreq\ncharfreq.jieba_dictionary()\n"
        "import time; t = time.perf_counter()\ncharfreq.common_han()\n"
    ),
    "pypinyin's import": "import time; t = time.perf_counter()\nimport pypinyin\n",
}


def _seconds(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, cwd=cwd, env=env)
    return time.perf_counter() - started


def _digest(arguments: list[str], folder: Path) -> float:
    return _seconds([sys.executable, "-m", "summarizer", "digest", *arguments], folder)


def one_file_seconds(path: str, folder: Path, repeat: int, env: dict | None = None) -> float:
    """Best of ``repeat`` new processes digesting one file (``env``: the code to run)."""
    command = [sys.executable, "-m", "summarizer", "digest", path]
    command += ["--out", str(folder / "one.json"), "--jobs", "1"]
    return round(min(_seconds(command, folder, env) for _ in range(repeat)), 2)


def cold_runs(paths: list[str], folder: Path, repeat: int) -> dict:
    """Best of ``repeat`` new processes: one file, then every file with --jobs 1 and 2."""
    out = str(folder / "cold.json")
    runs = {
        "one_file_s": [paths[0], "--out", out, "--jobs", "1"],
        "all_jobs1_s": [*paths, "--out", out, "--jobs", "1"],
        "all_jobs2_s": [*paths, "--out", out, "--jobs", "2"],
    }
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeat):
        for name, arguments in runs.items():
            times[name].append(_digest(arguments, folder))
    best = {name: round(min(seconds), 2) for name, seconds in times.items()}
    best["files"] = len(paths)
    return best


def _part_seconds(script: str, cache: Path) -> float:
    env = {**os.environ, "SUMMARIZER_CACHE_DIR": str(cache), "PYTHONWARNINGS": "ignore"}
    command = [sys.executable, "-c", script + "print(time.perf_counter() - t)\n"]
    done = subprocess.run(command, check=True, capture_output=True, text=True, env=env)
    return float(done.stdout.split()[-1])


def start_parts(repeat: int) -> dict[str, float]:
    """Best seconds of each part, each in new processes; "built" ones with an empty cache."""
    best: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as filled, tempfile.TemporaryDirectory() as scratch:
        warm = {**os.environ, "SUMMARIZER_CACHE_DIR": filled}
        subprocess.run(
            [sys.executable, "-c", "from summarizer.text import charfreq; charfreq.common_han()"],
            check=True,
            capture_output=True,
            env=warm,
        )
        for name, script in _PARTS.items():
            # "built" each time anew: its writing of the cache goes to a scratch folder
            # emptied before each run
            runs = []
            for _ in range(repeat):
                if name.endswith("built"):
                    for stale in Path(scratch).iterdir():
                        stale.unlink()
                runs.append(
                    _part_seconds(script, Path(scratch if name.endswith("built") else filled))
                )
            best[name] = round(min(runs), 3)
    return best


def to_markdown(report: dict) -> str:
    lines = [
        f"# Start-up ({report['date']})",
        "",
        f"Machine: {report['machine']}, shared with other work while measured. Best of "
        f"{report['repeat']} new processes each.",
        "",
        "| run | seconds |",
        "| --- | ---: |",
        f"| one-file digest, this code ({report['code']}) | {report['one_file_s']} |",
    ]
    if report.get("baseline"):
        b = report["baseline"]
        lines.append(f"| one-file digest, the code of {b['code']} | {b['one_file_s']} |")
    lines += [f"| {name} | {seconds} |" for name, seconds in report["parts"].items()]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", help="article files or folders")
    parser.add_argument("--jsonl", action="append", default=[], help="also the texts of this set")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--baseline", type=Path, help="a checkout of earlier code to compare")
    parser.add_argument("--out", help="write JSON here and Markdown beside it")
    args = parser.parse_args(argv)

    from bench_pipeline import load_articles

    article = load_articles(args.paths, args.jsonl)[0]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{article.id}.txt"
        path.write_text(article.text, encoding="utf-8")
        report = {
            "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "machine": f"{cpu_model()}, {machine_description()}",
            "code": code_version(),
            "repeat": args.repeat,
            "one_file_s": one_file_seconds(str(path), Path(tmp), args.repeat),
            "parts": start_parts(args.repeat),
        }
        if args.baseline:
            # the other checkout's summarizer package first on the path
            env = {**os.environ, "PYTHONPATH": str(args.baseline.resolve())}
            report["baseline"] = {
                "code": code_version(args.baseline),
                "one_file_s": one_file_seconds(str(path), Path(tmp), args.repeat, env),
            }
    publish(report, to_markdown(report), args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
