"""`summarizer serve`: the API under uvicorn, in one process or several worker processes.

Everything that can be wrong with the settings (a glossary file, a model folder)
is found before the server starts, so it is one clear line, not a traceback in a
worker. On SIGTERM uvicorn stops accepting connections and lets requests in
flight finish, for at most the request time budget.
"""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING, TextIO

from summarizer.service.settings import Settings

if TYPE_CHECKING:
    from fastapi import FastAPI

    from summarizer.pipeline import Pipeline

# Worker processes are started by uvicorn from an import string, so they get the
# parent's settings through the environment, as JSON.
_SETTINGS_ENV = "SUMMARIZER_SERVE_SETTINGS_JSON"


def configure_logging() -> None:
    """Request logs and server-side tracebacks on stderr, unless logging is already set up."""
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )


def build_pipeline(settings: Settings) -> Pipeline:
    from summarizer.pipeline import Pipeline

    return Pipeline(settings.pipeline_options())


def check_settings(settings: Settings) -> None:
    """Load the glossaries and check the model folders without loading the weights."""
    from summarizer.glossary import load_glossaries
    from summarizer.models.registry import check_model_folder, resolve_model

    load_glossaries(tuple(settings.glossary), settings.bundled_glossary)
    for name, task in (
        (settings.summarizer, "summarization"),
        (settings.translator, "translation"),
    ):
        if name and name != "extractive":
            check_model_folder(resolve_model(name, task).path)


def app_from_environment() -> FastAPI:
    """The app in a worker process (uvicorn's factory); each worker loads its models once."""
    from summarizer.service.app import create_app

    configure_logging()
    return create_app(Settings.model_validate_json(os.environ[_SETTINGS_ENV]))


def run_server(settings: Settings, err: TextIO) -> None:
    import uvicorn

    from summarizer.service.app import create_app
    from summarizer.service.protocol import (
        HEADER_TIMEOUT_ENV,
        HeaderDeadlineProtocol,
        protocol_with_header_timeout,
    )

    configure_logging()
    common = {
        "host": settings.host,
        "port": settings.port,
        "log_level": "info",
        "access_log": False,  # the request guard logs each request with its time and articles
        "timeout_graceful_shutdown": int(settings.request_timeout_s) + 1,
    }
    where = f"http://{settings.host}:{settings.port}"
    # slow header senders get the same patience as slow bodies (--client-timeout)
    if settings.workers == 1:
        app = create_app(settings, build_pipeline(settings))
        print(f"serving on {where} (docs at /docs)", file=err)
        uvicorn.run(app, http=protocol_with_header_timeout(settings.client_timeout_s), **common)
        return
    # spawned workers import the protocol afresh and read their deadline from the environment
    os.environ[HEADER_TIMEOUT_ENV] = f"{settings.client_timeout_s:g}"
    check_settings(settings)
    os.environ[_SETTINGS_ENV] = settings.model_dump_json()
    print(f"serving on {where} with {settings.workers} workers (docs at /docs)", file=err)
    uvicorn.run(
        "summarizer.service.server:app_from_environment",
        factory=True,
        workers=settings.workers,
        http=HeaderDeadlineProtocol,
        **common,
    )
