"""What two cores give: the digest's --jobs 2 against --jobs 1, and the machine's own ceiling.

The ceiling is the same articles split in two halves, each processed by a process forked
from this one, with nothing sent between them and nothing written: no ``--jobs`` can do
better on this machine. Runs take turns (one process, then two) so that a spell of load on
a shared machine falls on both; each turn's ratio is kept, and the median reported beside
the best times.
"""

from __future__ import annotations

import multiprocessing
import statistics
import time
from collections.abc import Callable, Sequence

from summarizer.pipeline import Pipeline
from summarizer.text.reading import Article


def _process_all(pipeline: Pipeline, articles: Sequence[Article]) -> None:
    for article in articles:
        pipeline.process(article)


def two_process_ceiling(
    pipeline: Pipeline, articles: Sequence[Article], count: int, repeat: int
) -> dict | None:
    """``count`` articles (cycled) in this process, then in two forked halves; None where
    this platform cannot fork."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    context = multiprocessing.get_context("fork")
    batch = [articles[i % len(articles)] for i in range(count)]
    ones, twos = [], []
    for _ in range(repeat):
        started = time.perf_counter()
        _process_all(pipeline, batch)
        ones.append(time.perf_counter() - started)
        started = time.perf_counter()
        halves = [
            context.Process(target=_process_all, args=(pipeline, batch[i::2])) for i in (0, 1)
        ]
        for half in halves:
            half.start()
        for half in halves:
            half.join()
        twos.append(time.perf_counter() - started)
    return speed_up(ones, twos)


def jobs_speed_up(run: Callable[[int], float], repeat: int) -> dict:
    """``run(jobs)`` (seconds) with --jobs 1 and --jobs 2, taking turns."""
    ones, twos = [], []
    for _ in range(repeat):
        ones.append(run(1))
        twos.append(run(2))
    return speed_up(ones, twos)


def speed_up(ones: list[float], twos: list[float]) -> dict:
    """The best time of each, and the median of each turn's ratio."""
    return {
        "one_s": round(min(ones), 3),
        "two_s": round(min(twos), 3),
        "best_over_best": round(min(ones) / min(twos), 2),
        "median_of_turns": round(statistics.median(a / b for a, b in zip(ones, twos)), 2),
        "turns": len(ones),
    }
