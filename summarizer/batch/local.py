"""Running the pipeline over many articles on several cores, results in input order.

With ``--jobs N``, N - 1 worker processes and this one process the articles. Each
worker builds its pipeline once (the pool's initializer) and then takes one article
at a time. Articles are read lazily and a bounded number are in flight, so a batch
of any size streams through in bounded memory, and the results come back in input
order: the same output as one process.
"""

from __future__ import annotations

import argparse
import functools
import gc
import logging
import multiprocessing
import os
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

from summarizer.options import PipelineOptions
from summarizer.pipeline import Outcome, Pipeline
from summarizer.text.reading import Article, InputError, read_article

# Articles in flight per worker: enough to keep every worker busy while the
# parent writes results, few enough that memory does not grow with the batch.
_IN_FLIGHT_PER_JOB = 4

T = TypeVar("T")
R = TypeVar("R")


log = logging.getLogger(__name__)


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def add_jobs_option(parser: argparse.ArgumentParser) -> None:
    """``--jobs N`` for the commands that take many articles."""
    parser.add_argument(
        "--jobs",
        type=positive_int,
        default=None,
        metavar="N",
        help="articles processed in parallel processes (default: the number of cores; "
        "1 with a --summarizer or --translator model)",
    )


def jobs_from_args(args: argparse.Namespace) -> int:
    """--jobs, else every core; one process when a model is named."""
    if args.jobs is not None:
        return args.jobs
    # every worker would load its own copy of a model: one process unless asked
    models = getattr(args, "summarizer", None) or getattr(args, "translator", None)
    return 1 if models else default_jobs()


def positive_int(value: str) -> int:
    """argparse type: an integer above zero."""
    number = int(value)
    if number <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive integer, got {value}")
    return number


# Touches the lazily built tables most articles need: GBK repair, script conversion,
# figures and the name tagger. Not pypinyin's readings (a third of a second to load):
# only a page that annotates characters with pinyin needs them, and loads them then.
_WARM_UP_TEXT = "快手第三季度营收同比增长11.4%至311亿元。?梢钥吹。程一笑表示，公司将继续投入。"


@functools.cache
def _pipeline(options: PipelineOptions) -> Pipeline:
    """One pipeline per process and options, with its tables loaded.

    Built in the parent before the workers fork, so they share it instead of each
    loading the same tables again; elsewhere each worker builds it in the initializer.
    """
    from summarizer.digest.english import english_entry
    from summarizer.models.extractive import ExtractiveSummarizer

    pipeline = Pipeline(options)
    result = pipeline.facts(Article("warm-up", _WARM_UP_TEXT, "warm-up", "utf-8"))
    english_entry(result.normalized.text, result.facts, pipeline.glossary)
    if isinstance(pipeline.summarizer, ExtractiveSummarizer):
        pipeline.summarizer.summarize(result.normalized.text)
    return pipeline


Work = Callable[[Pipeline, Article], Any]


def _read(name: str, encoding: str | None) -> Article | Outcome:
    try:
        return read_article(name, encoding)
    except InputError as exc:
        return Outcome(name, error=str(exc))
    except OSError as exc:
        return Outcome(name, error=f"{name}: {exc.strerror or exc}")


def _process(options: PipelineOptions, work: Work, name: str, article: Article) -> Outcome:
    started = time.perf_counter()
    try:
        outcome = Outcome(name, record=work(_pipeline(options), article))
    except InputError as exc:
        return Outcome(name, error=str(exc))
    log.debug("%s: %.1f ms", name, 1000 * (time.perf_counter() - started))
    return outcome


def process_files(
    names: Iterable[str],
    work: Work,
    options: PipelineOptions,
    jobs: int = 1,
    encoding: str | None = None,
) -> Iterator[Outcome]:
    """Read each file and apply ``work`` to it, yielding outcomes in input order.

    ``work`` must be picklable (a module-level function or a partial of one) when
    ``jobs`` > 1. A file that cannot be read, or that the pipeline refuses
    (InputError), gives an outcome with the error; any other exception propagates.
    """
    names = list(names)
    log.info("%d inputs in %d process(es)", len(names), max(1, min(jobs, len(names))))
    articles = (_read(name, encoding) for name in names)  # read here, lazily, in order
    task = functools.partial(_process_read, work)
    yield from run_ordered(articles, task, options, min(jobs, max(len(names), 1)))


def _process_read(work: Work, options: PipelineOptions, item: Article | Outcome) -> Outcome:
    if isinstance(item, Outcome):
        return item
    return _process(options, work, item.source, item)


def run_ordered(
    items: Iterable[T],
    task: Callable[[PipelineOptions, T], R],
    options: PipelineOptions,
    jobs: int = 1,
) -> Iterator[R]:
    """``task(options, item)`` for each item, in ``jobs`` processes, results in input order.

    Items are drawn lazily and at most ``jobs`` × 4 are in flight, so a stream of any
    length goes through in bounded memory. ``task`` gets the process's pipeline with
    ``pipeline_for(options)``; it must be picklable when ``jobs`` > 1.
    """
    if jobs <= 1:
        for item in items:
            yield task(options, item)
        return
    yield from _in_pool(items, task, options, jobs)


def pipeline_for(options: PipelineOptions) -> Pipeline:
    """This process's pipeline for ``options``, built and warmed up once."""
    return _pipeline(options)


def _pool_context():
    # fork shares the parent's loaded tables with the workers at no cost, but is only
    # safe in a single-threaded process on Linux (a lock held by another thread
    # would stay locked in the child); elsewhere each worker loads its own copy.
    if (
        sys.platform == "linux"
        and threading.active_count() == 1
        and "fork" in multiprocessing.get_all_start_methods()
    ):
        return multiprocessing.get_context("fork")
    if "forkserver" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


def _in_pool(
    items: Iterable[T], task: Callable[[PipelineOptions, T], R], options: PipelineOptions, jobs: int
) -> Iterator[R]:
    """``jobs`` - 1 worker processes, and this one as the last: it runs an item itself
    whenever the workers already have enough queued. Collecting and writing the results
    takes this process little of its time, so a core left to it alone would mostly wait.
    """
    context = _pool_context()
    # Built here first: a bad glossary fails in the parent with its own message, and
    # forked workers inherit the loaded pipeline instead of each loading it again.
    _pipeline(options)
    if context.get_start_method() == "fork":
        _load_batch_tables()
        # The loaded tables are long-lived: out of the collector's sight, a worker's
        # collections neither walk them nor copy the pages they sit on.
        gc.freeze()
    workers = jobs - 1
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_pipeline, initargs=(options,)
    )
    queued_for_workers = workers * _IN_FLIGHT_PER_JOB
    # results held back until those before them are in: bounds memory when one slow
    # article holds up the rest
    held = 4 * queued_for_workers
    pending: deque[Future[R]] = deque()
    in_workers: list[Future[R]] = []
    finished = False
    try:
        for item in items:
            while len(pending) >= held:
                yield pending.popleft().result()
            in_workers = [future for future in in_workers if not future.done()]
            if len(in_workers) < queued_for_workers:
                in_workers.append(pool.submit(task, options, item))
                pending.append(in_workers[-1])
            else:
                pending.append(_run_here(task, options, item))
            while pending and pending[0].done():
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
        finished = True
    finally:
        # after the last result the workers only have to exit: the caller need not wait
        pool.shutdown(wait=not finished, cancel_futures=True)
        gc.unfreeze()


def _load_batch_tables() -> None:
    """The tables only some articles need, which a batch of many all but surely does:
    pypinyin's readings (names no glossary knows) and the common Han characters (legacy
    encodings, mojibake). Loaded before the workers fork, they are loaded once (about 0.3 s), and
    no process stops mid-batch to load its own copy while the others wait on its results."""
    from summarizer.suggest import pinyin_name
    from summarizer.text.charfreq import common_han

    pinyin_name("程一笑", "person")
    common_han()


def _run_here(
    task: Callable[[PipelineOptions, T], R], options: PipelineOptions, item: T
) -> Future[R]:
    """``task`` run in this process, its result (or exception) in a future like the workers',
    so it comes out in input order like theirs."""
    future: Future[R] = Future()
    try:
        future.set_result(task(options, item))
    except Exception as exc:
        future.set_exception(exc)
    return future
