"""The local engine: processes on this machine (``--jobs``), rows streaming back in input order."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from summarizer.batch.local import pipeline_for, run_ordered
from summarizer.batch.rows import error_row, result_row
from summarizer.batch.sources import SourceItem, item_article
from summarizer.options import PipelineOptions
from summarizer.pipeline import Pipeline
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
    if item.error is not None:
        return error_row(item.id, item.source, item.error, item.url)
    article_pipeline = functools.partial(_processed, pipeline, item, work)
    record, error = attempt(item.source, article_pipeline)
    if error is not None:
        return error_row(item.id, item.source, error, item.url)
    return result_row(record, item.url)


def _processed(pipeline: Pipeline, item: SourceItem, work: RowWork) -> dict:
    return pipeline.process(item_article(item, work.encoding)).to_dict()


def _positioned_row(work: RowWork, options: PipelineOptions, item: SourceItem) -> tuple[int, dict]:
    return item.position, item_row(pipeline_for(options), item, work)


def local_rows(
    items: Iterable[SourceItem], options: PipelineOptions, work: RowWork, jobs: int = 1
) -> Iterator[tuple[int, dict]]:
    """(position, row) of every item, in input order, from ``jobs`` processes."""
    return run_ordered(items, functools.partial(_positioned_row, work), options, jobs)
