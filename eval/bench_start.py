"""``summarizer digest`` as a user runs it: a new process that loads its tables, then the files.

The pipeline bench times the digest in a process whose tables are already loaded; a
command started afresh also pays for its imports and for jieba's, OpenCC's and the
glossary's tables once. One file shows that start; all the files show what a user
waits for a batch.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path


def _seconds(arguments: list[str], folder: Path) -> float:
    command = [sys.executable, "-m", "summarizer", "digest", *arguments]
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, cwd=folder)
    return time.perf_counter() - started


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
            times[name].append(_seconds(arguments, folder))
    best = {name: round(min(seconds), 2) for name, seconds in times.items()}
    best["files"] = len(paths)
    return best
