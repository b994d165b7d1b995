import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from server import running_server

from summarizer.pipeline import Pipeline
from summarizer.service.app import create_app
from summarizer.service.settings import Settings

TEXT = "2024年第三季度，快手总营收同比增长11.4%至311亿元。"


class SlowPipeline(Pipeline):
    """The real pipeline with model-like latency, so that requests overlap."""

    def facts(self, article, *args):
        time.sleep(0.6)
        return super().facts(article, *args)


@pytest.fixture(scope="module")
def url():
    settings = Settings(concurrency=2, queue_size=2, retry_after_s=3)
    with running_server(create_app(settings, pipeline=SlowPipeline())) as base:
        yield base


def _post_many(url: str, count: int) -> list[httpx.Response]:
    with httpx.Client(timeout=30) as client, ThreadPoolExecutor(max_workers=count) as pool:
        return list(
            pool.map(lambda _: client.post(f"{url}/v1/facts", json={"text": TEXT}), range(count))
        )


def test_requests_within_capacity_are_all_answered(url):
    responses = _post_many(url, 4)  # 2 working + 2 waiting
    assert [r.status_code for r in responses] == [200] * 4
    assert all(
        r.json()["facts"][0]["text_en"] == "RMB 31.1 billion, up 11.4% year on year"
        for r in responses
    )


def test_beyond_the_queue_requests_get_429_with_retry_after_and_none_is_lost(url):
    responses = _post_many(url, 10)
    codes = [r.status_code for r in responses]
    assert set(codes) <= {200, 429} and len(codes) == 10
    assert codes.count(200) >= 4  # capacity is always used
    assert codes.count(429) >= 1
    for busy in (r for r in responses if r.status_code == 429):
        assert busy.headers["Retry-After"] == "3"
        assert busy.json()["error"]["code"] == "busy"


def test_health_stays_responsive_under_load(url):
    with ThreadPoolExecutor(max_workers=1) as pool:
        load = pool.submit(_post_many, url, 6)
        time.sleep(0.2)
        health = httpx.get(f"{url}/healthz", timeout=5)
        load.result()
    # answered while model work was in progress, not after it
    assert health.status_code == 200 and health.json()["busy"] >= 1


def test_serve_listens_on_loopback_by_default(monkeypatch):
    monkeypatch.delenv("SUMMARIZER_HOST", raising=False)
    assert Settings.from_env().host == "127.0.0.1"


def test_serve_command_starts_the_api_with_options_and_environment(tmp_path):
    import os
    import subprocess
    import sys

    from server import free_port

    port = free_port()
    env = os.environ | {"SUMMARIZER_API_KEY": "from-env", "SUMMARIZER_MAX_TEXT_CHARS": "50"}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "summarizer",
            "serve",
            "--port",
            str(port),
            "--max-text-chars",
            "40",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline and process.poll() is None, "serve did not start"
            time.sleep(0.2)
        assert (
            httpx.post(f"{url}/v1/facts", json={"text": TEXT}).status_code == 401
        )  # key from the environment
        too_long = httpx.post(
            f"{url}/v1/facts", headers={"X-API-Key": "from-env"}, json={"text": "快" * 41}
        )
        assert (
            too_long.status_code == 413 and "the limit is 40" in too_long.json()["error"]["message"]
        )  # option wins
    finally:
        process.terminate()
        process.wait(timeout=20)
