"""The local engine: processes on this machine (``--jobs``), rows streaming back in input order."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from summarizer.batch.local import pipeline_for, run_ordered
from summarizer.batch.rows import digest_entry, error_row, result_row
from summarizer.batch.sources import SourceItem, item_article
from summarizer.digest.entry import DigestEntry
from summarizer.options import PipelineOptions
from summarizer.pipeline import ArticleResult, Pipeline
from summarizer.text.reading import InputError

logger = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True)
class RowWork:
    """How each article is processed: the same for every engine."""

    encoding: str | None = None


def attempt(source: str, step: Callable[[], T]) -> tuple[T | None, str | None]:
    """``step()`` and no error, or None and the message of why it failed: whatever goes
    wrong with one article is caught, so in a batch it never sinks the others."""
    try:
        return step(), None
    except InputError as exc:
        return None, str(exc)
    except OSError as exc:
        return None, f"{source}: {exc.strerror or exc}"
    except Exception as exc:  # a bug met by one article: reported in its row
        logger.debug("%s failed", source, exc_info=True)
        return None, f"{source}: failed ({type(exc).__name__}: {exc})"


def item_row(pipeline: Pipeline, item: SourceItem, work: RowWork) -> dict:
    """The row of one item: its results, or an error row saying why there are none."""
    return _row_and_entry(pipeline, item, work, with_entry=False)[0]


def _row_and_entry(
    pipeline: Pipeline, item: SourceItem, work: RowWork, with_entry: bool
) -> tuple[dict, DigestEntry | None]:
    """The item's row and, when asked, its digest entry made from the result itself (in this
    process the digest need not read the entry back from the row's dicts)."""
    if item.error is not None:
        return error_row(item.id, item.source, item.error, item.url), None
    result, error = attempt(item.source, functools.partial(_processed, pipeline, item, work))
    if error is not None:
        return error_row(item.id, item.source, error, item.url), None
    row = result_row(result.to_dict(), item.url)
    return row, DigestEntry.from_result(result, digest_entry(row)) if with_entry else None


def _processed(pipeline: Pipeline, item: SourceItem, work: RowWork) -> ArticleResult:
    return pipeline.process(item_article(item, work.encoding))


def _positioned_row(
    work: RowWork, with_entry: bool, options: PipelineOptions, item: SourceItem
) -> tuple[int, dict, DigestEntry | None]:
    return item.position, *_row_and_entry(pipeline_for(options), item, work, with_entry)


def local_rows(
    items: Iterable[SourceItem], options: PipelineOptions, work: RowWork, jobs: int = 1
) -> Iterator[tuple[int, dict, DigestEntry | None]]:
    """(position, row, entry) of every item, in input order, from ``jobs`` processes. With one
    process the entry of a processed article comes with its row; from workers it is None (the
    row is what crosses between processes)."""
    task = functools.partial(_positioned_row, work, jobs <= 1)
    return run_ordered(items, task, options, jobs)
