"""Work stops at a checkpoint between stages (how the HTTP API drops a request whose client left)."""

import pytest

from summarizer.pipeline import Pipeline
from summarizer.text.reading import Article


class Stop(Exception):
    pass


def test_process_stops_at_the_first_checkpoint_that_raises():
    calls = []

    def checkpoint():
        calls.append(len(calls))
        if len(calls) == 2:
            raise Stop

    pipeline = Pipeline()
    article = Article("a", "快手第三季度营收同比增长11.4%至311亿元。", "a", "utf-8")
    with pytest.raises(Stop):
        pipeline.process(article, checkpoint=checkpoint)
    assert calls == [0, 1]  # after normalising, then after the key figures: no summary was made
    assert pipeline.process(article).summary is not None  # without one, the work runs through
