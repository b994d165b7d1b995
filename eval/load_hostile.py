"""Hostile load on the real `summarizer serve`: many clients at once, and oversized bodies.

For each worker count, starts `summarizer serve --workers N` on 127.0.0.1 and
1. sends bursts from 64 and 200 concurrent clients to /v1/summarize: every answer
   must be 200, or 429 with Retry-After; a transport error or any other status is
   a lost request. Records throughput and p50 / p99 of the 200s;
2. sends 30 concurrent 20 MB bodies to /v1/summarize, half without the API key,
   half with it (both refused: 401, 413), while sampling the server's memory.
Reports the resident memory of the server (all its processes) idle, at peak and
after each phase.

    python eval/load_hostile.py --workers 1 2 --out eval/results/load_hostile.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import ARTICLE, percentile  # noqa: E402
from report import publish  # noqa: E402

from summarizer.evaluate import machine_description  # noqa: E402

KEY = "load-test-key"


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        text = (task / "children").read_text() if (task / "children").exists() else ""
        for child in text.split():
            found += [int(child), *_children(int(child))]
    return found


def rss_mib(pid: int) -> float:
    """Resident memory of a process and all its descendants (uvicorn's workers)."""
    total_kib = 0
    for each in [pid, *_children(pid)]:
        try:
            status = Path(f"/proc/{each}/status").read_text()
        except FileNotFoundError:
            continue
        total_kib += int(status.split("VmRSS:")[1].split()[0])
    return round(total_kib / 1024, 1)


class MemorySampler:
    """The peak of rss_mib while a phase runs, sampled every 50 ms."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self._stop = pid, 0.0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, rss_mib(self.pid))
            time.sleep(0.05)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


def burst(url: str, clients: int, per_client: int) -> dict:
    latencies: list[float] = []
    codes: dict[str, int] = {}
    lost: list[str] = []
    lock = threading.Lock()

    def client_run(_: int) -> None:
        with httpx.Client(timeout=120, headers={"X-API-Key": KEY}) as client:
            for _ in range(per_client):
                started = time.perf_counter()
                try:
                    response = client.post(f"{url}/v1/summarize", json={"text": ARTICLE})
                except httpx.HTTPError as exc:
                    with lock:
                        lost.append(type(exc).__name__)
                    continue
                elapsed = time.perf_counter() - started
                with lock:
                    codes[str(response.status_code)] = codes.get(str(response.status_code), 0) + 1
                    if response.status_code == 200:
                        latencies.append(elapsed)
                    elif response.status_code != 429 or "retry-after" not in response.headers:
                        lost.append(f"status {response.status_code}")

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(client_run, range(clients)))
    wall = time.perf_counter() - started
    return {
        "clients": clients,
        "requests": clients * per_client,
        "status_counts": dict(sorted(codes.items())),
        "lost": len(lost),
        "lost_reasons": sorted(set(lost)),
        "ok_per_s": round(len(latencies) / wall, 2),
        "p50_ms": round(1000 * statistics.median(latencies), 1) if latencies else None,
        "p99_ms": round(1000 * percentile(latencies, 0.99), 1) if latencies else None,
        "wall_s": round(wall, 1),
    }


def oversized(url: str, count: int, size: int) -> dict:
    """``count`` clients at once, each sending ``size`` bytes before reading (urllib)."""
    body = b"x" * size
    codes: dict[str, int] = {}
    lost: list[str] = []
    lock = threading.Lock()

    def send(i: int) -> None:
        headers = {"Content-Type": "application/json"} | ({"X-API-Key": KEY} if i % 2 else {})
        request = urllib.request.Request(f"{url}/v1/summarize", data=body, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        except OSError as exc:
            with lock:
                lost.append(type(exc).__name__)
            return
        with lock:
            codes[str(status)] = codes.get(str(status), 0) + 1

    with ThreadPoolExecutor(max_workers=count) as pool:
        list(pool.map(send, range(count)))
    return {"clients": count, "bytes_each": size, "status_counts": codes, "lost": len(lost)}


def serve(workers: int, port: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "summarizer", "serve", "--port", str(port)]
    command += ["--workers", str(workers), "--api-key", KEY, "--concurrency", "2"]
    command += ["--queue-size", "8"]
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=os.environ.copy()
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                time.sleep(2 * workers)  # every worker up, not just the first
                return process
        except httpx.TransportError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError("server did not start")


def run_one(workers: int, clients: list[int], per_client: int) -> dict:
    from server import free_port

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    process = serve(workers, port)
    try:
        idle = rss_mib(process.pid)
        bursts = []
        for n in clients:
            with MemorySampler(process.pid) as sampler:
                row = burst(url, n, per_client)
            bursts.append(row | {"peak_rss_mib": sampler.peak})
        after_bursts = rss_mib(process.pid)
        with MemorySampler(process.pid) as sampler:
            big = oversized(url, 30, 20_000_000)
        big |= {"peak_rss_mib": sampler.peak, "peak_over_idle_mib": round(sampler.peak - idle, 1)}
        return {
            "workers": workers,
            "idle_rss_mib": idle,
            "bursts": bursts,
            "rss_after_bursts_mib": after_bursts,
            "oversized": big,
            "rss_after_oversized_mib": rss_mib(process.pid),
        }
    finally:
        process.terminate()
        process.wait(timeout=60)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--clients", type=int, nargs="+", default=[64, 200])
    parser.add_argument("--per-client", type=int, default=2, help="requests each client sends")
    parser.add_argument("--out", help="write JSON here and Markdown beside it")
    args = parser.parse_args(argv)
    runs = [run_one(w, args.clients, args.per_client) for w in args.workers]
    report = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="minutes"),
        "machine": machine_description(),
        "server": "summarizer serve --concurrency 2 --queue-size 8 --api-key ..., extractive, no translator",
        "article_chars": len(ARTICLE),
        "runs": runs,
    }
    lines = [
        f"# Hostile load test ({report['date']})",
        "",
        f"Machine: {report['machine']} (shared with other jobs; client and server on it). "
        f"Server: {report['server']}. Each client sends {args.per_client} /v1/summarize requests "
        f"({len(ARTICLE)}-character article) one after another. Lost = a transport error, or an "
        "answer other than 200 or 429 with Retry-After.",
        "",
        "| workers | clients | requests | status counts | lost | ok/s | p50 ms | p99 ms | peak RSS MiB |",
        "| ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for run in runs:
        for b in run["bursts"]:
            lines.append(
                f"| {run['workers']} | {b['clients']} | {b['requests']} | {b['status_counts']} | "
                f"{b['lost']} | {b['ok_per_s']} | {b['p50_ms']} | {b['p99_ms']} | {b['peak_rss_mib']} |"
            )
    lines += [
        "",
        "30 clients at once, each sending a 20 MB body before reading (half without the key):",
        "",
        "| workers | idle RSS MiB | status counts | lost | peak RSS MiB | peak over idle | RSS after |",
        "| ---: | ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    for run in runs:
        big = run["oversized"]
        lines.append(
            f"| {run['workers']} | {run['idle_rss_mib']} | {big['status_counts']} | {big['lost']} | "
            f"{big['peak_rss_mib']} | {big['peak_over_idle_mib']} | {run['rss_after_oversized_mib']} |"
        )
    publish(report, "\n".join(lines) + "\n", args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
