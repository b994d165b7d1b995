"""``summarizer digest``: a batch through the local or the Ray engine, into rows and a digest.

Rows are written as they come back (JSONL, or Parquet parts); the digest is built at the
end from what ``DigestSink`` kept, never from all the entries in memory.
"""

from __future__ import annotations

import argparse
import itertools
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from summarizer.batch.aggregate import RESUMED_ORDER, DigestSink, tables_locally, write_digest
from summarizer.batch.engine_local import RowWork, local_rows
from summarizer.batch.local import jobs_from_args, positive_int
from summarizer.batch.rows import done_ids, open_writer, read_rows, row_format
from summarizer.batch.sources import SourceItem, expand_inputs, input_kind, iter_items
from summarizer.cli.common import Io
from summarizer.cli.progress import Progress
from summarizer.digest.entry import DigestEntry
from summarizer.digest.render import FORMATS, render_parts
from summarizer.options import PipelineOptions, options_from_args
from summarizer.text.reading import InputError

ENGINES = ("local", "ray")


@dataclass(frozen=True)
class BatchPlan:
    """What one ``digest`` run reads, runs on and writes."""

    inputs: tuple[str, ...]
    row_outputs: tuple[str, ...]
    digest_outputs: tuple[tuple[str, str], ...]
    options: PipelineOptions
    work: RowWork
    engine: str = "local"
    jobs: int = 1
    ray_workers: int | None = None  # --jobs for Ray's actor pools; default: the cluster's CPUs
    resume: bool = False
    limit: int | None = None
    address: str | None = None
    model_gpus: float = 0.0


def add_batch_options(parser: argparse.ArgumentParser) -> None:
    """The ``digest`` options that choose the engine and how a batch restarts."""
    parser.add_argument(
        "--engine",
        choices=ENGINES,
        default="local",
        help="local: processes on this machine (--jobs); ray: Ray Data, here or on a cluster "
        "(needs the 'ray' extra)",
    )
    parser.add_argument(
        "--address",
        metavar="HOST:PORT",
        help="Ray cluster to join (default: $RAY_ADDRESS, else a Ray started on this machine)",
    )
    parser.add_argument(
        "--model-gpus",
        type=float,
        default=0.0,
        metavar="N",
        help="GPUs for each model worker of the Ray engine (with --summarizer/--translator)",
    )
    parser.add_argument(
        "--resume",
        action="store_true",
        help="skip articles whose id is already in the .jsonl/.parquet --out file, and append",
    )
    parser.add_argument(
        "--limit", type=positive_int, metavar="N", help="only the first N articles of the inputs"
    )


def plan_from_args(args: argparse.Namespace) -> BatchPlan:
    row_outputs, digest_outputs = [], []
    for name in args.out:
        suffix = Path(name).suffix.lower()
        if row_format(name):
            row_outputs.append(name)
        elif suffix in FORMATS:
            digest_outputs.append((name, FORMATS[suffix]))
        else:
            raise InputError(
                f"{name}: unknown output format; use .md, .html or .json (digest), "
                ".jsonl or .parquet (rows)"
            )
    if args.resume and not row_outputs:
        raise InputError("--resume needs a .jsonl or .parquet --out file to resume from")
    inputs = expand_inputs(args.paths)
    if not inputs:
        raise InputError("no article files found in " + ", ".join(args.paths))
    jobs = jobs_from_args(args)
    if all(input_kind(name) == "file" for name in inputs):
        jobs = min(jobs, len(inputs))  # one article a file: no process would be left without one
    return BatchPlan(
        inputs=tuple(inputs),
        row_outputs=tuple(row_outputs),
        digest_outputs=tuple(digest_outputs),
        options=options_from_args(args),
        work=RowWork(args.encoding),
        engine=args.engine,
        jobs=jobs,
        ray_workers=args.jobs,
        resume=args.resume,
        limit=args.limit,
        address=args.address or os.environ.get("RAY_ADDRESS") or None,
        model_gpus=args.model_gpus,
    )


def cmd_digest(args: argparse.Namespace, io: Io) -> None:
    plan = plan_from_args(args)
    want_digest = bool(plan.digest_outputs) or not plan.row_outputs
    # the formats the digest is written in (Markdown to stdout without a digest file)
    formats = [fmt for _, fmt in plan.digest_outputs] or ["markdown"]
    sink = DigestSink(formats) if want_digest else None
    try:
        run_batch(plan, io, sink)
        if sink is None:
            return
        digest = sink.digest(_tables_for(plan))
        if not plan.digest_outputs:
            for part in render_parts(digest, "markdown"):
                io.out.write(part)
        for name, fmt in plan.digest_outputs:
            write_digest(digest, name, fmt)
            print(f"wrote {name}", file=io.err)
    finally:
        if sink is not None:
            sink.close()


def run_batch(plan: BatchPlan, io: Io, sink: DigestSink | None = None) -> int:
    """Every article into the row outputs (and ``sink``); returns how many rows were written."""
    done: set[str] = set()
    if plan.resume:
        done = done_ids(plan.row_outputs[0])
        if sink is not None:
            for number, row in enumerate(read_rows(plan.row_outputs[0])):
                sink.add(row, RESUMED_ORDER + number)
    writers = [open_writer(name, append=plan.resume) for name in plan.row_outputs]
    # a bar needs a total: known without reading anything when every input is one article
    files_only = plan.limit is None and all(input_kind(name) == "file" for name in plan.inputs)
    progress = Progress(len(plan.inputs) - len(done), io.err) if files_only else None
    count = 0
    try:
        for position, row, entry in _engine_rows(plan, done):
            if progress is not None:
                progress.step(row["source"])
            for writer in writers:
                writer.write(row)
            if row["error"] is not None:
                io.fail(row["error"])
            if sink is not None:
                sink.add(row, position, entry)
            count += 1
    finally:
        for writer in writers:
            writer.close()
        if progress is not None:
            progress.done()
    return count


def _engine_rows(plan: BatchPlan, done: set[str]) -> Iterator[tuple[int, dict, DigestEntry | None]]:
    """(position, row, the row's digest entry when the engine made it) of every article."""
    if plan.engine == "ray":
        from summarizer.batch.engine_ray import ray_rows

        return ((position, row, None) for position, row in ray_rows(plan, done))
    return local_rows(_items(plan, done), plan.options, plan.work, plan.jobs)


def _items(plan: BatchPlan, done: set[str]) -> Iterator[SourceItem]:
    items = iter_items(plan.inputs)
    if plan.limit is not None:
        items = itertools.islice(items, plan.limit)
    return (item for item in items if item.id not in done)


def _tables_for(plan: BatchPlan):
    if plan.engine == "ray":
        from summarizer.batch.engine_ray import tables_with_ray

        return tables_with_ray
    return tables_locally
