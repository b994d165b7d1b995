"""The request guard on a real server: refusals in the cheapest order, clients that send
everything before reading, slow clients, time budgets, disconnects, logs and offline docs."""

from __future__ import annotations

import contextlib
import http.client
import json
import logging
import re
import socket
import threading
import time
import urllib.error
import urllib.request

import httpx
import pytest
from server import running_server

from summarizer.pipeline import Pipeline
from summarizer.service.app import create_app
from summarizer.service.limits import body_limits
from summarizer.service.settings import Settings

TEXT = "2024年第三季度，快手总营收同比增长11.4%至311亿元。"
KEY = "secret"


class CountingPipeline(Pipeline):
    """The real pipeline, slowed down and counting the articles it processes."""

    delay = 0.0

    def __init__(self) -> None:
        super().__init__()
        self.processed = 0

    def process(self, article, *args, **kwargs):
        time.sleep(self.delay)
        self.processed += 1
        return super().process(article, *args, **kwargs)


def settings(**overrides) -> Settings:
    values = {"api_key": KEY, "max_text_chars": 1000, "client_timeout_s": 1.0} | overrides
    return Settings(**values)


@pytest.fixture(scope="module")
def url():
    with running_server(create_app(settings())) as base:
        yield base


def urllib_post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, dict]:
    """POST the way urllib does: the whole body is sent before the answer is read."""
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_limits_are_sized_per_route():
    limits = body_limits(Settings(max_text_chars=100_000, max_articles=50))
    assert limits["/v1/summarize"] == limits["/v1/facts"] == 100_000 * 6 + 64_000
    assert limits["/v1/digest"] == 8_000_000


def test_no_key_is_refused_before_the_body_is_read_and_the_client_still_gets_the_401(url):
    status, body = urllib_post(
        f"{url}/v1/facts", b"x" * 3_000_000, {"Content-Type": "application/json"}
    )
    assert status == 401
    assert body == {
        "error": {
            "code": "unauthorized",
            "message": "missing API key: send it in the X-API-Key header",
        }
    }


def test_an_oversized_body_sent_before_reading_gets_the_413_json(url):
    limit = 1000 * 6 + 64_000
    status, body = urllib_post(
        f"{url}/v1/facts",
        b"x" * 2_000_000,
        {"Content-Type": "application/json", "X-API-Key": KEY},
    )
    assert status == 413
    assert body["error"] == {
        "code": "too_large",
        "message": f"request body is 2,000,000 bytes; the limit is {limit:,}",
    }


@pytest.mark.parametrize("field", ["text", "id"])
def test_a_lone_surrogate_is_422(url, field):
    body = {"text": TEXT, "id": "a"} | {field: "快手\ud800"}
    response = httpx.post(
        f"{url}/v1/facts",
        content=json.dumps(body).encode(),  # ensure_ascii spells it \ud800, as clients do
        headers={"X-API-Key": KEY, "Content-Type": "application/json"},
    )
    assert response.status_code == 422
    assert response.json()["error"] == {
        "code": "invalid_unicode",
        "message": f"{field}: invalid Unicode: a lone surrogate U+D800 at character 2",
    }


def test_a_slow_client_is_timed_out_with_408(url):
    port = int(url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(
            b"POST /v1/facts HTTP/1.1\r\nHost: x\r\nX-API-Key: secret\r\n"
            b'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"text": '
        )
        answer = ""
        while not answer.endswith("}}"):  # the headers and the JSON body may come apart
            chunk = sock.recv(4096).decode()
            if not chunk:
                break
            answer += chunk
    status_line, _, rest = answer.partition("\r\n")
    assert status_line == "HTTP/1.1 408 Request Timeout"
    assert json.loads(rest.split("\r\n\r\n", 1)[1])["error"] == {
        "code": "request_timeout",
        "message": "the request body did not arrive within 1 s of the last part",
    }


def test_docs_work_offline(url):
    page = httpx.get(f"{url}/docs")
    assert page.status_code == 200
    assert "/docs-assets/swagger-ui-bundle.js" in page.text and "cdn" not in page.text.lower()
    script = httpx.get(f"{url}/docs-assets/swagger-ui-bundle.js")
    assert script.status_code == 200 and len(script.content) > 100_000


def test_requests_are_logged_and_500s_log_their_traceback(caplog):
    class BrokenPipeline(Pipeline):
        def normalize(self, article):
            if article.id != "warm-up":  # the server's start-up run goes through
                raise RuntimeError("boom")
            return super().normalize(article)

    app = create_app(settings(api_key=None), pipeline=BrokenPipeline())
    with (
        caplog.at_level(logging.INFO, logger="summarizer.service.app"),
        running_server(app) as base,
    ):
        response = httpx.post(f"{base}/v1/facts", json={"text": TEXT})
        digest = httpx.post(
            f"{base}/v1/digest",
            json={"articles": [{"id": "a", "text": TEXT}, {"id": "b", "text": TEXT}]},
        )
    assert response.status_code == 500
    assert response.json()["error"] == {
        "code": "internal",
        "message": "internal error: RuntimeError",
    }
    assert digest.status_code == 500
    failure = next(r for r in caplog.records if r.levelno == logging.ERROR)
    assert failure.getMessage() == "internal error on POST /v1/facts"
    assert failure.exc_info[0] is RuntimeError
    lines = [r.getMessage() for r in caplog.records if r.levelno == logging.INFO]
    assert any(
        line.startswith("POST /v1/facts 500 ") and line.endswith(" articles=1") for line in lines
    )
    assert any(
        line.startswith("POST /v1/digest 500 ") and line.endswith(" articles=2") for line in lines
    )


@pytest.mark.slow
def test_work_over_the_time_budget_is_503_and_stops():
    pipeline = CountingPipeline()
    app = create_app(settings(api_key=None, request_timeout_s=0.5), pipeline=pipeline)
    pipeline.delay = 0.4
    articles = [{"id": str(i), "text": TEXT} for i in range(5)]
    with running_server(app) as base:
        pipeline.processed = 0  # not counting the start-up run
        response = httpx.post(f"{base}/v1/digest", json={"articles": articles}, timeout=30)
        time.sleep(1.5)
    assert response.status_code == 503
    assert response.json()["error"] == {
        "code": "timeout",
        "message": "request took longer than the 0.5 s time budget",
    }
    # the digest stopped at the next article after the budget, not after all five
    assert pipeline.processed <= 2


@pytest.mark.slow
def test_a_client_that_disconnects_has_its_digest_cancelled():
    pipeline = CountingPipeline()
    app = create_app(settings(api_key=None), pipeline=pipeline)
    pipeline.delay = 0.4
    body = json.dumps({"articles": [{"id": str(i), "text": TEXT} for i in range(6)]})
    with running_server(app) as base:
        pipeline.processed = 0  # not counting the start-up run
        connection = http.client.HTTPConnection(base.removeprefix("http://"), timeout=10)
        connection.request("POST", "/v1/digest", body, {"Content-Type": "application/json"})
        time.sleep(0.6)
        connection.sock.shutdown(socket.SHUT_RDWR)
        connection.close()
        time.sleep(2.0)
        assert httpx.get(f"{base}/healthz").json() == {"status": "ok", "busy": 0, "waiting": 0}
    # the article in progress when the client left was the last one
    assert pipeline.processed <= 2


def test_many_oversized_bodies_at_once_are_all_answered(url):
    """30 clients each sending 3 MB with no key, and 30 with a key: every one gets its JSON error."""
    results: list[int] = []

    def send(with_key: bool) -> None:
        headers = {"Content-Type": "application/json"} | ({"X-API-Key": KEY} if with_key else {})
        results.append(urllib_post(f"{url}/v1/summarize", b"x" * 3_000_000, headers)[0])

    threads = [threading.Thread(target=send, args=(i % 2 == 0,)) for i in range(60)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sorted(set(results)) == [401, 413] and len(results) == 60


def test_refusals_carry_cors_headers_for_allowed_origins():
    from fastapi.testclient import TestClient

    app = create_app(settings(cors_origins=["http://example.org"]))
    with TestClient(app) as client:
        response = client.post(
            "/v1/facts", json={"text": TEXT}, headers={"Origin": "http://example.org"}
        )
    assert response.status_code == 401
    assert response.headers["access-control-allow-origin"] == "http://example.org"


@pytest.mark.slow
def test_a_trickling_body_is_cut_off_at_the_time_budget():
    app = create_app(settings(request_timeout_s=1.0, client_timeout_s=0.8))
    with running_server(app) as base:
        port = int(base.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            sock.sendall(
                b"POST /v1/facts HTTP/1.1\r\nHost: x\r\nX-API-Key: secret\r\n"
                b"Content-Type: application/json\r\nContent-Length: 100\r\n\r\n"
            )
            answer = ""
            for _ in range(20):  # one byte every 0.3 s: each part in time, the whole too slow
                sock.sendall(b" ")
                time.sleep(0.3)
                sock.setblocking(False)
                with contextlib.suppress(BlockingIOError):
                    answer += sock.recv(4096).decode()
                sock.setblocking(True)
                if answer.endswith("}}"):
                    break
    assert answer.startswith("HTTP/1.1 408 Request Timeout")
    assert json.loads(answer.split("\r\n\r\n", 1)[1])["error"] == {
        "code": "request_timeout",
        "message": "the request body did not arrive within the 1 s time budget",
    }


def test_hostile_articles_through_the_api(url):
    headers = {"X-API-Key": KEY}
    digits = httpx.post(
        f"{url}/v1/summarize", headers=headers, json={"text": "营收" + "1" * 990}, timeout=60
    )
    assert digits.status_code == 200 and len(digits.json()["summary_zh"]) <= 250
    body = {
        "articles": [{"id": "<img src=x onerror=alert(1)>", "text": TEXT}],
        "format": "markdown",
    }
    markdown = httpx.post(f"{url}/v1/digest", headers=headers, json=body, timeout=60).text
    assert "Source: \\<img src=x onerror=alert(1)\\>" in markdown
    assert not re.search(r"(?<!\\)<", markdown)  # every < is escaped


def test_a_body_over_the_limit_in_its_last_part_is_not_read_past_its_end():
    """After the last part of a body, receive() only returns when the client leaves: the
    guard must answer the 413 without asking for more."""
    import asyncio
    from types import SimpleNamespace

    from summarizer.service.limits import RequestGuard, WorkGate

    parts = [{"type": "http.request", "body": b"x" * 200_000, "more_body": False}]
    sent: list[dict] = []

    async def receive() -> dict:
        assert parts, "read past the end of the body"
        return parts.pop(0)

    async def send(message: dict) -> None:
        sent.append(message)

    service = SimpleNamespace(gate=WorkGate(concurrency=1, queue_size=0, retry_after_s=1))
    scope = {
        "type": "http",
        "method": "POST",
        "path": "/v1/facts",
        "headers": [(b"x-api-key", KEY.encode())],
        "app": SimpleNamespace(state=SimpleNamespace(service=service)),
    }
    asyncio.run(RequestGuard(app=None, settings=settings())(scope, receive, send))
    assert sent[0]["status"] == 413
    assert json.loads(sent[1]["body"])["error"]["message"] == (
        "request body is over the 70,000-byte limit"
    )


@pytest.mark.slow
def test_a_client_that_trickles_its_headers_is_answered_408_and_closed():
    from summarizer.service.protocol import protocol_with_header_timeout

    slow_headers = protocol_with_header_timeout(1.0)
    with running_server(create_app(settings()), http=slow_headers) as base:
        port = int(base.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")  # and no end of headers
            started = time.monotonic()
            answer = b""
            while chunk := sock.recv(4096):
                answer += chunk
            waited = time.monotonic() - started
        status_line, _, rest = answer.decode().partition("\r\n")
        assert status_line == "HTTP/1.1 408 Request Timeout"
        assert json.loads(rest.split("\r\n\r\n", 1)[1])["error"] == {
            "code": "request_timeout",
            "message": "the request headers did not arrive within 1 s",
        }
        assert waited < 5  # closed by the server, not by the client's own timeout
        # a client that sends its headers in time is served as before
        assert httpx.get(f"{base}/healthz").status_code == 200
