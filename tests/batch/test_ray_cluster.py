"""On a two-node cluster the Ray engine spreads the work over both nodes and loses no article
when a worker process is killed mid-job. Slow: it starts a simulated cluster."""

import json
import os
import signal
import time
from collections import Counter

import pytest
from corpus import corpus_articles

from summarizer.batch.engine_local import RowWork
from summarizer.options import PipelineOptions

ray = pytest.importorskip("ray", reason="the Ray engine needs the 'ray' extra")
pytestmark = pytest.mark.slow


@pytest.fixture
def two_node_cluster():
    from ray.cluster_utils import Cluster

    if ray.is_initialized():
        ray.shutdown()  # a Ray an earlier test started in this process would take the place of the cluster
    cluster = Cluster(
        initialize_head=True, head_node_args={"num_cpus": 1, "include_dashboard": False}
    )
    cluster.add_node(num_cpus=1)
    cluster.wait_for_nodes()  # both nodes registered before any work is placed
    ray.init(address=cluster.address, log_to_driver=False)
    assert sum(1 for node in ray.nodes() if node["Alive"]) == 2
    yield cluster
    ray.shutdown()
    cluster.shutdown()


def test_a_cluster_spreads_the_work_and_a_killed_worker_loses_nothing(two_node_cluster, tmp_path):
    from summarizer.batch.engine_ray import local_worker_pids, ray_rows
    from summarizer.batch.run import BatchPlan

    short = [(i, t) for i, t in corpus_articles() if i.startswith("d")]
    feed = tmp_path / "feed.jsonl"
    # enough work that the second node's actor, which may start seconds after the first on a
    # busy machine, takes part
    copies = 16
    ids = [f"{article_id}-{copy}" for copy in range(copies) for article_id, _ in short]
    with feed.open("w", encoding="utf-8") as out:
        for copy in range(copies):
            for article_id, text in short:
                out.write(json.dumps({"id": f"{article_id}-{copy}", "text": text}) + "\n")
    plan = BatchPlan(
        inputs=(str(feed),),
        row_outputs=(),
        digest_outputs=(),
        options=PipelineOptions(),
        work=RowWork(),
        engine="ray",
        ray_workers=2,
    )
    per_node: Counter = Counter()
    seen, killed = [], None
    for _, row in ray_rows(plan, set(), per_node):
        seen.append(row)
        if killed is None and len(seen) >= 8:
            workers = local_worker_pids()
            assert len(workers) == 2
            killed = workers[0]
            os.kill(killed, signal.SIGKILL)
            time.sleep(0.5)
    assert killed is not None
    assert sorted(r["id"] for r in seen) == sorted(ids)  # each exactly once
    assert all(r["error"] is None for r in seen)
    assert len(per_node) == 2 and sum(per_node.values()) == len(ids)
