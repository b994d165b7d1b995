"""Load test of the HTTP API: requests per second and p50 / p99 latency at 1, 8 and 32 clients.

Starts the real server (uvicorn) on 127.0.0.1 in this process, unless --url points at one,
and sends a bounded number of requests to /v1/summarize and /v1/facts from N concurrent
clients. 429 answers (the bounded queue doing its job) are counted separately.

    python eval/load.py --requests 64 --out eval/results/load.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from report import publish  # noqa: E402

from summarizer.evaluate import machine_description  # noqa: E402

ARTICLE = (Path(__file__).resolve().parents[1] / "samples" / "kuaishou_q3_results.txt").read_text(
    encoding="utf-8"
)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def measure(url: str, route: str, clients: int, requests: int) -> dict:
    latencies: list[float] = []
    codes: dict[int, int] = {}

    def one(_: int) -> None:
        started = time.perf_counter()
        response = client.post(f"{url}{route}", json={"text": ARTICLE})
        elapsed = time.perf_counter() - started
        codes[response.status_code] = codes.get(response.status_code, 0) + 1
        if response.status_code == 200:
            latencies.append(elapsed)

    with httpx.Client(timeout=120, limits=httpx.Limits(max_connections=clients)) as client:
        client.post(f"{url}{route}", json={"text": ARTICLE})  # warm-up
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=clients) as pool:
            list(pool.map(one, range(requests)))
        wall = time.perf_counter() - started
    return {
        "route": route,
        "clients": clients,
        "requests": requests,
        "ok": len(latencies),
        "status_counts": {str(k): v for k, v in sorted(codes.items())},
        "requests_per_s": round(len(latencies) / wall, 2),
        "p50_ms": round(1000 * statistics.median(latencies), 1) if latencies else None,
        "p99_ms": round(1000 * percentile(latencies, 0.99), 1) if latencies else None,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="an already running server (default: start one here)")
    parser.add_argument(
        "--requests", type=int, default=64, help="requests per route and client count"
    )
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 8, 32])
    parser.add_argument(
        "--concurrency", type=int, default=2, help="server's model-work concurrency"
    )
    parser.add_argument(
        "--queue-size", type=int, default=64, help="server's queue (large: measure, not refuse)"
    )
    parser.add_argument("--out", help="write JSON here and Markdown beside it")
    args = parser.parse_args(argv)

    def run(url: str) -> list[dict]:
        return [
            measure(url, route, n, args.requests)
            for route in ("/v1/summarize", "/v1/facts")
            for n in args.clients
        ]

    if args.url:
        rows = run(args.url)
    else:
        from server import running_server

        from summarizer.service.app import create_app
        from summarizer.service.settings import Settings

        settings = Settings(concurrency=args.concurrency, queue_size=args.queue_size)
        with running_server(create_app(settings)) as url:
            rows = run(url)
    report = {
        "date": dt.date.today().isoformat(),
        "machine": machine_description(),
        "server": {
            "concurrency": args.concurrency,
            "queue_size": args.queue_size,
            "models": "extractive, no translator",
        },
        "article_chars": len(ARTICLE),
        "results": rows,
    }
    lines = [
        f"# API load test ({report['date']})",
        "",
        f"Machine: {report['machine']}. Server: concurrency {args.concurrency}, queue {args.queue_size}, "
        f"extractive summariser, no translator; article of {len(ARTICLE)} characters; "
        f"{args.requests} requests per row, client and server on the same machine.",
        "",
        "| route | clients | ok | req/s | p50 ms | p99 ms | status counts |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    lines += [
        f"| {r['route']} | {r['clients']} | {r['ok']} | {r['requests_per_s']} | {r['p50_ms']} | {r['p99_ms']} | {r['status_counts']} |"
        for r in rows
    ]
    markdown = "\n".join(lines) + "\n"
    publish(report, markdown, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
