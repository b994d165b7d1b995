"""`summarizer serve` as a process: SIGTERM lets the request in flight finish before exiting."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import httpx
import pytest
from server import free_port

ARTICLE = "2024年第三季度，快手总营收同比增长11.4%至311亿元。程一笑表示将继续推进AI战略。"


def _start(port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-m", "summarizer", "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=os.environ.copy(),
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return process
        except httpx.TransportError:
            pass
        assert time.monotonic() < deadline and process.poll() is None, "serve did not start"
        time.sleep(0.2)


@pytest.mark.slow
def test_sigterm_drains_the_request_in_flight():
    port = free_port()
    process = _start(port)
    answer: list[httpx.Response] = []
    articles = [{"id": str(i), "text": ARTICLE * 3} for i in range(40)]

    def post() -> None:
        answer.append(
            httpx.post(
                f"http://127.0.0.1:{port}/v1/digest", json={"articles": articles}, timeout=120
            )
        )

    client = threading.Thread(target=post)
    client.start()
    time.sleep(0.5)  # the digest is being worked on
    process.send_signal(signal.SIGTERM)
    client.join(timeout=120)
    code = process.wait(timeout=60)
    log = process.stderr.read().decode()
    assert answer and answer[0].status_code == 200
    assert answer[0].json()["articles"] == 40
    assert code == 0
    assert "POST /v1/digest 200" in log and "articles=40" in log
