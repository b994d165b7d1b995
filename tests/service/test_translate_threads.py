"""Many clients at once on one model: the shared tokenizer is never used by two threads at a time."""

from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from server import running_server

from summarizer.service.app import create_app
from summarizer.service.settings import Settings

TEXTS = [
    "阿里云的收入增长了26%，阿里表示将继续投入。",
    "快手公布了第三季度业绩，程一笑表示可灵AI的收入继续增长。",
    "没有术语的一句话。",
    "小米第三季度营收同比增长。" * 3,
]


@pytest.fixture(scope="module")
def tiny_nllb(tmp_path_factory):
    from builders import build_nllb

    # a model that would end at once: outputs are the glossary terms, so requests are quick
    return build_nllb(tmp_path_factory.mktemp("models") / "nllb", end_bias=50.0)


@pytest.mark.slow
def test_translate_route_hammered_from_many_threads_never_fails(tiny_nllb):
    # NLLB's tokenizer is a fast (Rust) one: the kind that fails when shared unguarded
    settings = Settings(translator=str(tiny_nllb), concurrency=6, queue_size=64, threads=1)
    requests = [
        {
            "text": TEXTS[n % len(TEXTS)],
            **({"glossary": [{"zh": "阿里云", "en": "Alibaba Cloud"}]} if n % 3 == 0 else {}),
        }
        for n in range(200)
    ]
    with running_server(create_app(settings)) as url, httpx.Client(base_url=url) as client:

        def call(body: dict) -> tuple[int, dict]:
            response = client.post("/v1/translate", json=body, timeout=60)
            return response.status_code, response.json()

        with ThreadPoolExecutor(max_workers=12) as pool:
            answers = list(pool.map(call, requests))
    statuses = [status for status, _ in answers]
    assert statuses == [200] * len(requests), {s: statuses.count(s) for s in set(statuses)}
    for body, (_, answer) in zip(requests, answers):
        assert answer["source"] == body["text"]
        assert all(t["satisfied"] for t in answer["terms"]), answer
