"""Pipeline benchmark runs kept side by side: each new run lists the earlier ones it replaces.

The recorded JSON holds the latest run in full and a short summary of every earlier
one (date, machine, commit, whole-digest rates, CPU ms per stage), so the Markdown
can show how the numbers moved and on which machine each was taken.
"""

from __future__ import annotations

import json
import platform
import subprocess
from pathlib import Path


def cpu_model() -> str:
    """The processor's model name, as lscpu gives it."""
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return platform.processor() or "unknown processor"
    names = [line.split(":", 1)[1].strip() for line in out.splitlines() if "Model name" in line]
    return names[0] if names else platform.processor() or "unknown processor"


def code_version(tree: Path | None = None) -> str:
    """The commit the measured code (this checkout, or ``tree``) is at (``-dirty`` with
    uncommitted changes)."""
    try:
        return subprocess.run(
            ["git", "describe", "--always", "--dirty"],
            capture_output=True,
            text=True,
            check=True,
            cwd=tree or Path(__file__).resolve().parent,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def run_summary(report: dict) -> dict:
    """What the comparison table keeps of one run."""
    digest = report["digest"]
    return {
        "date": report["date"],
        "machine": report["machine"],
        # the one run recorded before commits were: jieba's global dictionary, every stage
        # splitting and segmenting on its own
        "code": report.get("code", "before the per-pipeline segmenter"),
        "stages_ms": {r["stage"]: r["cpu_ms_per_article"] for r in report["stages"]},
        "digest_ms": next(
            (r["cpu_ms_per_article"] for r in report["stages"] if r["stage"].startswith("digest")),
            None,
        ),
        "jobs1_articles_per_s": digest["jobs1_articles_per_s"],
        "jobs1_articles_per_cpu_s": digest.get(
            "jobs1_articles_per_cpu_s", round(digest["articles"] / digest["jobs1_cpu_s"], 1)
        ),
        "jobs2_articles_per_s": digest["jobs2_articles_per_s"],
        "ours_over_sumy": digest["ours_over_sumy"],
        "ours_over_sumy_cpu": digest["ours_over_sumy_cpu"],
    }


def earlier_runs(out: str | None) -> list[dict]:
    """The runs recorded in ``out`` so far: kept beside the new one for comparison."""
    if not out or not Path(out).is_file():
        return []
    previous = json.loads(Path(out).read_text(encoding="utf-8"))
    return [*previous.get("earlier", []), run_summary(previous)]


def comparison_markdown(report: dict) -> list[str]:
    """This run beside the earlier ones: whole digest, and CPU ms per article by stage."""
    runs = [
        *report.get("earlier", []),
        {**run_summary(report), "code": report["code"] + " (this run)"},
    ]
    lines = [
        "",
        "## This run and the earlier ones",
        "",
        "| run | code | digest --jobs 1 articles/s (per CPU second) | --jobs 2 articles/s "
        "| × sumy LexRank's time (CPU) |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    lines += [
        f"| {r['date']} | {r['code']} | {r['jobs1_articles_per_s']} ({r['jobs1_articles_per_cpu_s']}) "
        f"| {r['jobs2_articles_per_s']} | {r['ours_over_sumy']} ({r['ours_over_sumy_cpu']}) |"
        for r in runs
    ]
    stages = list(dict.fromkeys(name for r in runs for name in r["stages_ms"]))
    lines += [
        "",
        "CPU ms per article, each stage alone (– where a run did not time it):",
        "",
        "| stage | " + " | ".join(f"{r['date']}" for r in runs) + " |",
        "| --- |" + " ---: |" * len(runs),
    ]
    lines += [
        f"| {stage} | " + " | ".join(str(r["stages_ms"].get(stage, "–")) for r in runs) + " |"
        for stage in stages
    ]
    machines = sorted({r["machine"] for r in runs})
    lines += ["", "Machines: " + "; ".join(machines) + "."]
    return lines
