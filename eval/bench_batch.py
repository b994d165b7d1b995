"""Batch throughput and memory of ``summarizer digest``: the local engine (--jobs 1, 2) and Ray.

    python eval/bench_batch.py ../shared/seeds --jsonl ../shared/eval/dev.jsonl \\
        --articles 10000 --small 1000 --cluster-articles 400 --out eval/results/bench_batch.json

The corpus (seed files and dev records) is repeated to N records with unique ids and
written as one JSONL feed. Each run is the CLI in a fresh process writing the rows
(.jsonl) and the digest (.json); a sampler walks the command's whole process tree (Ray's
raylet, GCS and workers included) every 0.2 s and records the peak of the summed
proportional set size (PSS: pages shared between processes counted once) and of the
summed RSS, and the CPU seconds of the whole tree (steadier than wall seconds on a shared
machine). The same engine on 1,000 and on N articles shows whether memory grows with
the batch.

The cluster part starts ``ray.cluster_utils.Cluster`` with two one-CPU nodes on this
machine, counts the rows each node made, kills one article worker mid-job (SIGKILL) and
checks that every id is in the output exactly once.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

from bench_pipeline import load_articles
from report import publish

from summarizer.evaluate import machine_description


def write_feed(articles, count: int, path: Path) -> list[str]:
    """``count`` records cycling the corpus, ids made unique; returns the ids."""
    ids = []
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            article = articles[n % len(articles)]
            ids.append(f"{article.id}-{n // len(articles)}")
            out.write(json.dumps({"id": ids[-1], "text": article.text}, ensure_ascii=False) + "\n")
    return ids


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry.name))
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(children.get(pid, []))
    return found


def _cpu_seconds(pid: int) -> float:
    """User and system CPU seconds a process has used so far; 0 for one that has gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _memory_kib(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in KiB; zeros for one that has gone."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0, 0
    values = {line.split(":")[0]: int(line.split()[1]) for line in text.splitlines()[1:]}
    return values.get("Rss", 0), values.get("Pss", 0)


class TreeSampler(threading.Thread):
    """Peak summed RSS and PSS of a process and all its descendants, and the CPU seconds they
    used (each process's last reading: a process that ends between two samples loses at most
    0.2 s of its time)."""

    def __init__(self, root: int, every: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.root, self.every = root, every
        self.peak_rss = self.peak_pss = self.peak_processes = 0
        self.cpu: dict[int, float] = {}
        self.finished = threading.Event()

    def run(self) -> None:
        while not self.finished.is_set():
            pids = _tree(self.root)
            for pid in pids:
                self.cpu[pid] = max(self.cpu.get(pid, 0.0), _cpu_seconds(pid))
            sizes = [_memory_kib(pid) for pid in pids]
            self.peak_rss = max(self.peak_rss, sum(r for r, _ in sizes))
            self.peak_pss = max(self.peak_pss, sum(p for _, p in sizes))
            self.peak_processes = max(self.peak_processes, len(pids))
            time.sleep(self.every)


def measure(name: str, argv: list[str], articles: int, env: dict | None = None) -> dict:
    started = time.perf_counter()
    process = subprocess.Popen(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, start_new_session=True
    )
    sampler = TreeSampler(process.pid)
    sampler.start()
    _, err = process.communicate()
    seconds = time.perf_counter() - started
    sampler.finished.set()
    sampler.join()
    if process.returncode != 0:
        raise RuntimeError(f"{name} failed ({process.returncode}): {err.decode()[-2000:]}")
    result = {
        "run": name,
        "articles": articles,
        "seconds": round(seconds, 1),
        "articles_per_s": round(articles / seconds, 1),
        "peak_pss_mib": round(sampler.peak_pss / 1024),
        "peak_rss_sum_mib": round(sampler.peak_rss / 1024),
        "peak_processes": sampler.peak_processes,
        "cpu_seconds": round(sum(sampler.cpu.values()), 1),
        "cpu_ms_per_article": round(1000 * sum(sampler.cpu.values()) / articles, 1),
        # the machine's 1-minute load at the end: above the core count, other work competed
        "load_after": round(os.getloadavg()[0], 1),
    }
    print(json.dumps(result), file=sys.stderr, flush=True)
    return result


def digest_argv(feed: Path, folder: Path, engine: str, jobs: int) -> list[str]:
    return [
        sys.executable, "-m", "summarizer", "digest", str(feed), "--engine", engine,
        "--jobs", str(jobs), "--out", str(folder / "rows.jsonl"), "--out", str(folder / "digest.json"),
    ]  # fmt: skip


def bench_cluster(articles, count: int, folder: Path) -> dict:
    """Two nodes, one worker killed mid-job: rows per node, and every id exactly once."""
    import ray
    from ray.cluster_utils import Cluster

    from summarizer.batch.engine_local import RowWork
    from summarizer.batch.engine_ray import local_worker_pids, ray_rows
    from summarizer.batch.run import BatchPlan
    from summarizer.options import PipelineOptions

    feed = folder / "cluster.jsonl"
    ids = write_feed(articles, count, feed)
    cluster = Cluster(
        initialize_head=True, head_node_args={"num_cpus": 1, "include_dashboard": False}
    )
    cluster.add_node(num_cpus=1)
    ray.init(address=cluster.address, log_to_driver=False)
    try:
        plan = BatchPlan(
            inputs=(str(feed),), row_outputs=(), digest_outputs=(), options=PipelineOptions(),
            work=RowWork(), engine="ray", ray_workers=2,
        )  # fmt: skip
        per_node: Counter = Counter()
        seen: list[str] = []
        killed_after = None
        started = time.perf_counter()
        for _, row in ray_rows(plan, set(), per_node):
            seen.append(row["id"])
            if killed_after is None and len(seen) >= count // 4:
                workers = local_worker_pids()
                os.kill(workers[0], signal.SIGKILL)
                killed_after = len(seen)
        seconds = time.perf_counter() - started
    finally:
        ray.shutdown()
        cluster.shutdown()
    counts = Counter(seen)
    return {
        "articles": count,
        "seconds": round(seconds, 1),
        "rows_per_node": sorted(per_node.values(), reverse=True),
        "worker_killed_after_rows": killed_after,
        "every_id_once": sorted(counts) == sorted(ids) and set(counts.values()) == {1},
        "rows": len(seen),
    }


def to_markdown(report: dict) -> str:
    runs = {r["run"]: r for r in report["runs"]}
    lines = [
        f"# Batch engines: throughput and memory ({report['date']})",
        "",
        f"Machine: {report['machine']}; {report['cpu']}. Other work shared the machine while measured.",
        "",
        f"`summarizer digest FEED.jsonl --out rows.jsonl --out digest.json`, the corpus ({report['corpus']} "
        "articles: seeds and dev) repeated with unique ids, each run in a fresh process. Peak memory "
        "of the whole process tree (Ray's raylet, GCS and workers included), sampled every 0.2 s: "
        "PSS counts a page shared by processes once, the RSS sum counts it in each. CPU ms per "
        "article: the CPU time of the whole tree over the articles. Load after: the 1-minute load "
        "average when the run ended (above 2, other work competed for the 2 cores).",
        "",
        "| run | articles | seconds | articles/s | CPU ms per article | peak PSS | peak RSS sum | processes | load after |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in report["runs"]:
        lines.append(
            f"| {r['run']} | {r['articles']:,} | {r['seconds']} | {r['articles_per_s']} | "
            f"{r['cpu_ms_per_article']} | {r['peak_pss_mib']} MiB | {r['peak_rss_sum_mib']} MiB | "
            f"{r['peak_processes']} | {r['load_after']} |"
        )
    ratio = report.get("ray_over_local_jobs_2")
    if ratio:
        lines += [
            "",
            f"Ray over local `--jobs 2`, {report['articles']:,} articles: {ratio['seconds']}× the "
            f"seconds, {ratio['cpu']}× the CPU time. The machine is shared: when other work "
            "holds the cores (load above 2), seconds swing from run to run, while CPU time per "
            "article stays the steadier measure of what each engine costs.",
        ]
    small, large = runs.get(f"local --jobs 2, {report['small']:,}"), runs.get("local --jobs 2")
    if small and large:
        lines += [
            "",
            f"Memory against batch size (local `--jobs 2`): {small['peak_pss_mib']} MiB PSS for "
            f"{small['articles']:,} articles, {large['peak_pss_mib']} MiB for {large['articles']:,}. "
            "Before this engine the digest held every entry: 644 MiB in the parent alone for 10,000 "
            "(eval/results/bench_scale.md).",
        ]
    cluster = report.get("cluster")
    if cluster:
        lines += [
            "",
            "## Simulated cluster",
            "",
            f"`ray.cluster_utils.Cluster`, two nodes of one CPU on this machine, {cluster['articles']:,} "
            f"articles in {cluster['seconds']} s. Rows made per node: "
            f"{', '.join(str(n) for n in cluster['rows_per_node'])}. One article worker was killed "
            f"(SIGKILL) after {cluster['worker_killed_after_rows']} rows had come back; rows received: "
            f"{cluster['rows']}, every id exactly once: {'yes' if cluster['every_id_once'] else 'NO'}.",
        ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("seeds", help="folder of seed articles")
    parser.add_argument("--jsonl", action="append", default=[], help="records with id and text")
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--small", type=int, default=1000, help="the smaller batch for memory")
    parser.add_argument("--runs", nargs="+", default=["local1", "local2", "ray", "small"])
    parser.add_argument("--cluster-articles", type=int, default=400, help="0: no cluster part")
    parser.add_argument("--out")
    args = parser.parse_args(argv)
    articles = load_articles([args.seeds], args.jsonl)
    lscpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in lscpu.splitlines()
            if line.startswith("Model name")
        ),
        "",
    )
    report = {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine_description(),
        "cpu": cpu,
        "corpus": len(articles),
        "articles": args.articles,
        "small": args.small,
        "runs": [],
    }
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        feed, small_feed = folder / "feed.jsonl", folder / "small.jsonl"
        write_feed(articles, args.articles, feed)
        write_feed(articles, args.small, small_feed)
        plans = {
            "local1": ("local --jobs 1", feed, "local", 1, args.articles),
            "local2": ("local --jobs 2", feed, "local", 2, args.articles),
            "ray": ("ray (local Ray, 2 workers)", feed, "ray", 2, args.articles),
            "small": (f"local --jobs 2, {args.small:,}", small_feed, "local", 2, args.small),
        }
        for key in args.runs:
            name, source, engine, jobs, count = plans[key]
            run_folder = folder / key
            run_folder.mkdir()
            report["runs"].append(
                measure(name, digest_argv(source, run_folder, engine, jobs), count)
            )
        runs = {r["run"]: r for r in report["runs"]}
        ray_run, local_run = runs.get("ray (local Ray, 2 workers)"), runs.get("local --jobs 2")
        if ray_run and local_run:
            report["ray_over_local_jobs_2"] = {
                "seconds": round(ray_run["seconds"] / local_run["seconds"], 2),
                "cpu": round(ray_run["cpu_seconds"] / local_run["cpu_seconds"], 2),
            }
        if args.cluster_articles:
            report["cluster"] = bench_cluster(articles, args.cluster_articles, folder)
    publish(report, to_markdown(report), args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
