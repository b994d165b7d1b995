"""Property-based tests of every route from the OpenAPI schema (schemathesis), on a real server.

Generated requests, valid and invalid, must never get a 500, and every answer must
match the schema: its status code is documented, its content type and body are
the documented ones.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks
from server import running_server

from summarizer.service.app import create_app
from summarizer.service.settings import Settings


def _app(translator: str | None = None):
    settings = Settings(max_text_chars=2000, max_articles=3, queue_size=64, translator=translator)
    return create_app(settings)


# The schema is the app's own; the requests go to a real server on loopback.
schema = schemathesis.openapi.from_dict(_app().openapi())


@pytest.fixture(scope="module")
def base_url(tiny_marian):
    # with a (tiny, random) translator, so that /v1/translate does real work, not 503
    with running_server(_app(str(tiny_marian))) as base:
        yield base


@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,  # the same examples on every run, so the suite's time is stable
)
@pytest.mark.slow
def test_every_route_answers_within_its_schema(case, base_url):
    case.call_and_validate(
        base_url=base_url,
        checks=[
            checks.not_a_server_error,
            checks.status_code_conformance,
            checks.content_type_conformance,
            checks.response_schema_conformance,
        ],
        timeout=60,
    )
