"""The Ray engine: the batch as a Ray Data pipeline, on this machine or a cluster.

read (one read task per record file, files in groups) → ``map_batches`` on actor pools
whose actors load the glossary (and models) once → rows streamed back to this process,
which writes them. With a summariser or translator model the work is split: the model
stage is its own actor pool that can ask for GPUs (``--model-gpus``), the stages before
and after it run on CPUs. The digest's tables come from a Ray Data ``groupby``.
"""

from __future__ import annotations

import dataclasses
import json
import pickle
import re
import socket
import warnings
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from summarizer.batch.engine_local import RowWork, attempt, item_row
from summarizer.batch.local import pipeline_for
from summarizer.batch.rows import (
    MissingExtra,
    arrow_schema,
    decode_row,
    encode_row,
    error_row,
    result_row,
)
from summarizer.batch.sources import SourceItem, input_kind, item_article, iter_items
from summarizer.digest.build import metric_table
from summarizer.options import PipelineOptions
from summarizer.text.reading import InputError

try:  # an optional extra: without it only start_ray is reached, and says how to install it
    import ray
    import ray.data
    from ray.data import Datasource
except ImportError:
    ray = None
    Datasource = object

if TYPE_CHECKING:
    from summarizer.batch.aggregate import FactGroups
    from summarizer.batch.run import BatchPlan

INSTALL_HINT = "the ray engine needs Ray: pip install 'zh-digest-summarizer[ray]'"
ITEM_FIELDS = tuple(field.name for field in dataclasses.fields(SourceItem))
_FILES_PER_READ_TASK = 64
_ROWS_PER_BLOCK = 64
_ARTICLES_PER_BATCH = 8
# A worker process that dies (killed, out of memory) is restarted and its batch retried;
# an article that kills every worker it meets does not loop for ever.
_RETRIES = {"max_restarts": 3, "max_task_retries": 3}


def _check_reachable(address: str | None) -> None:
    """A HOST:PORT nothing listens on is one line at once (Ray itself retries for minutes)."""
    found = re.fullmatch(r"(?:ray://)?\[?([\w.:-]+?)\]?:(\d+)", address or "")
    if found is None:
        return
    try:
        socket.create_connection((found.group(1), int(found.group(2))), timeout=5).close()
    except OSError as exc:
        raise InputError(
            f"cannot reach the Ray cluster at {address}: {exc.strerror or exc}"
        ) from None


def start_ray(address: str | None = None) -> None:
    """Join the cluster at ``address``, or start Ray on this machine; reuse a running one."""
    if ray is None:
        raise MissingExtra(INSTALL_HINT)
    if not ray.is_initialized():
        _check_reachable(address)
        try:
            ray.init(address=address, include_dashboard=False, log_to_driver=False)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            where = f"the Ray cluster at {address}" if address else "a local Ray"
            raise InputError(f"cannot start or join {where}: {exc}") from None
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.print_on_execution_start = False


def ray_rows(
    plan: BatchPlan, done: set[str], per_node: Counter | None = None
) -> Iterator[tuple[int, dict]]:
    """(position, row) of every article not in ``done``, in the order they finish;
    ``per_node`` counts the rows each Ray node made."""
    start_ray(plan.address)
    # reading is light next to the articles' work: with no CPU of its own it is never starved
    # by actor pools that take every core
    source = ArticleSource(plan.inputs, frozenset(done), plan.limit)
    dataset = ray.data.read_datasource(source, num_cpus=0)
    resources = ray.cluster_resources()
    workers = plan.ray_workers or max(1, int(resources.get("CPU", 1)))
    model_workers = max(1, int(resources.get("GPU", 0) / plan.model_gpus)) if plan.model_gpus else 1
    options, work = plan.options, plan.work
    if options.summarizer is None and options.translator is None:
        dataset = _actor_stage(dataset, ArticleRows, (options, work), (workers, workers))
    else:
        # the same options without the models: no worker of these stages loads one
        plain = PipelineOptions.make(
            **{
                k: getattr(options, k)
                for k in options.model_fields_set - {"summarizer", "translator"}
            }
        )
        # the light stages around the model grow to ``workers`` actors only as the CPUs the
        # model stage leaves allow
        dataset = _actor_stage(dataset, PrepareArticles, (plain, work), (1, workers))
        dataset = _actor_stage(
            dataset,
            ModelStage,
            (options, work),
            (model_workers, model_workers),
            gpus=plan.model_gpus,
        )
        dataset = _actor_stage(dataset, FinishArticles, (plain, work), (1, workers))
    for batch in dataset.iter_batches(batch_format="pyarrow", batch_size=None):
        for flat in batch.to_pylist():
            if per_node is not None:
                per_node[flat["node"]] += 1
            yield flat["position"], decode_row(flat)


def _actor_stage(dataset, stage: type, args: tuple, workers: tuple[int, int], gpus: float = 0.0):
    """``map_batches`` on a pool of (at least, at most) ``workers`` actors of ``stage``,
    each built once."""
    with warnings.catch_warnings():
        # Ray 2.5x deprecates passing actor options such as max_restarts as keywords but
        # offers no other way to bound them; the extra pins Ray below their removal
        warnings.filterwarnings("ignore", message=".*ray_remote_args.*deprecated")
        return dataset.map_batches(
            stage,
            fn_constructor_args=args,
            compute=ray.data.ActorPoolStrategy(min_size=workers[0], max_size=workers[1]),
            batch_size=_ARTICLES_PER_BATCH,
            batch_format="pyarrow",
            num_cpus=0 if gpus else 1,
            num_gpus=gpus or None,
            # the pool's actors go to different nodes where they can: a cluster shares the work
            scheduling_strategy="SPREAD",
            **_RETRIES,
        )


class ArticleSource(Datasource):
    """A Ray Data datasource of the batch's items: each JSONL or Parquet input is one read
    task, article files go in groups; every task streams blocks of a few dozen items."""

    def __init__(self, inputs: tuple[str, ...], done: frozenset[str], limit: int | None) -> None:
        self._inputs = inputs
        self._done = done
        self._limit = limit

    def estimate_inmemory_data_size(self) -> int | None:
        return None

    def get_read_tasks(self, parallelism: int, per_task_row_limit=None, data_context=None):
        from ray.data.block import BlockMetadata
        from ray.data.datasource import ReadTask

        tasks = []
        for numbers in self._task_inputs():
            metadata = BlockMetadata(
                num_rows=None,
                size_bytes=None,
                exec_stats=None,
                input_files=tuple(self._inputs[n] for n in numbers),
            )
            tasks.append(ReadTask(lambda numbers=numbers: self._read(numbers), metadata))
        return tasks

    def _task_inputs(self) -> list[list[int]]:
        """Input numbers of each read task; with --limit, one task so the first N are exact."""
        numbers = range(len(self._inputs))
        if self._limit is not None:
            return [list(numbers)]
        tasks: list[list[int]] = []
        files: list[int] = []
        for number in numbers:
            if input_kind(self._inputs[number]) == "file":
                files.append(number)
                if len(files) == _FILES_PER_READ_TASK:
                    tasks.append(files)
                    files = []
            else:
                tasks.append([number])
        return tasks + ([files] if files else [])

    def _read(self, numbers: list[int]):
        import itertools

        import pyarrow as pa

        def items() -> Iterator[SourceItem]:
            for number in numbers:
                # iter_items numbers its inputs from 0: shift to this input's place in the batch
                for item in iter_items([self._inputs[number]]):
                    yield dataclasses.replace(item, position=item.position + (number << 32))

        stream = items()
        if self._limit is not None:
            stream = itertools.islice(stream, self._limit)
        block: list[dict] = []
        for item in stream:
            if item.id in self._done:
                continue
            block.append(dataclasses.asdict(item))
            if len(block) == _ROWS_PER_BLOCK:
                yield pa.Table.from_pylist(block, schema=_item_schema())
                block = []
        if block:
            yield pa.Table.from_pylist(block, schema=_item_schema())


def _item_schema():
    import pyarrow as pa

    types = {"position": pa.int64()}
    return pa.schema([(name, types.get(name, pa.string())) for name in ITEM_FIELDS])


def _row_schema():
    import pyarrow as pa

    return (
        arrow_schema()
        .append(pa.field("position", pa.int64()))
        .append(pa.field("node", pa.string()))
    )


def _rows_table(rows: list[tuple[int, dict]]):
    """Encoded rows with their positions and the node that made them."""
    import pyarrow as pa

    node = ray.get_runtime_context().get_node_id()
    return pa.Table.from_pylist(
        [{**encode_row(row), "position": position, "node": node} for position, row in rows],
        schema=_row_schema(),
    )


class ArticleRows:
    """Items to rows, the whole pipeline in one actor (no models)."""

    def __init__(self, options: PipelineOptions, work: RowWork) -> None:
        self._pipeline = pipeline_for(options)
        self._work = work

    def __call__(self, batch):
        items = [SourceItem(**record) for record in batch.to_pylist()]
        return _rows_table(
            [(item.position, item_row(self._pipeline, item, self._work)) for item in items]
        )


# Between the split stages each article travels as its id, source, url, position, and either
# its pickled ArticleResult or the error that stopped it.
_STATE_FIELDS = ("position", "id", "source", "url", "state", "error")


def _state_table(records: list[dict]):
    import pyarrow as pa

    types = {"position": pa.int64(), "state": pa.binary()}
    schema = pa.schema([(name, types.get(name, pa.string())) for name in _STATE_FIELDS])
    return pa.Table.from_pylist(records, schema=schema)


class PrepareArticles:
    """Items to normalised text and key figures (CPU)."""

    def __init__(self, options: PipelineOptions, work: RowWork) -> None:
        self._pipeline = pipeline_for(options)
        self._work = work

    def __call__(self, batch):
        records = []
        for record in batch.to_pylist():
            item = SourceItem(**record)
            state, error = None, item.error
            if error is None:
                result, error = attempt(
                    item.source,
                    lambda item=item: self._pipeline.facts(item_article(item, self._work.encoding)),
                )
                state = pickle.dumps(result) if error is None else None
            records.append(
                {"position": item.position, "id": item.id, "source": item.source,
                 "url": item.url, "state": state, "error": error}
            )  # fmt: skip
        return _state_table(records)


class ModelStage:
    """Summaries and translations from the models, loaded once per actor (CPU or GPU)."""

    def __init__(self, options: PipelineOptions, work: RowWork) -> None:
        self._pipeline = pipeline_for(options)
        self._work = work

    def __call__(self, batch):
        records = batch.to_pylist()
        for record in records:
            if record["error"] is not None:
                continue
            result, error = attempt(
                record["source"],
                lambda record=record: self._pipeline.add_summary(pickle.loads(record["state"])),
            )
            record["state"], record["error"] = (
                (pickle.dumps(result), None) if error is None else (None, error)
            )
        return _state_table(records)


class FinishArticles:
    """English entries and their checks, then rows (CPU)."""

    def __init__(self, options: PipelineOptions, work: RowWork) -> None:
        self._pipeline = pipeline_for(options)

    def __call__(self, batch):
        rows = []
        for record in batch.to_pylist():
            where = (record["id"], record["source"])
            if record["error"] is None:
                result, error = attempt(
                    record["source"],
                    lambda record=record: self._pipeline.finish(pickle.loads(record["state"])),
                )
                if error is None:
                    rows.append((record["position"], result_row(result.to_dict(), record["url"])))
                    continue
                record["error"] = error
            rows.append((record["position"], error_row(*where, record["error"], record["url"])))
        return _rows_table(rows)


def tables_with_ray(groups: FactGroups) -> list[dict]:
    """The digest's metric tables by a Ray Data groupby over the table facts."""
    facts = [
        {"subject": subject, "metric": metric, "fact": json.dumps(fact, ensure_ascii=False)}
        for (subject, metric), group in groups.items()
        for fact in group
    ]
    if not facts:
        return []
    tables = (
        ray.data.from_items(facts)
        .groupby(["subject", "metric"])
        .map_groups(_group_table, batch_format="pyarrow")
        .take_all()
    )
    return [
        json.loads(row["table"])
        for row in sorted(tables, key=lambda r: (r["subject"], r["metric"]))
    ]


def _group_table(group):
    import pyarrow as pa

    subject = group.column("subject")[0].as_py()
    metric = group.column("metric")[0].as_py()
    facts = [json.loads(text) for text in group.column("fact").to_pylist()]
    table = json.dumps(metric_table(subject, metric, facts), ensure_ascii=False)
    return pa.table({"subject": [subject], "metric": [metric], "table": [table]})


def local_worker_pids(stage: str = "ArticleRows") -> list[int]:
    """Process ids of this machine's actors of one stage, found by the titles Ray gives them
    (for watching a run, and for killing a worker to see its batch retried)."""
    title = f"ray::MapWorker(MapBatches({stage}))".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "cmdline").read_bytes().startswith(title):
                    found.append(int(entry.name))
            except OSError:
                continue
    return found
