"""The summary's graph and compression passes give the floats and text of their plain forms.

PageRank skips the dangling sentences' share where there are none, and the compression
passes skip a pattern where the words it needs are absent; each is checked here against
the plain computation, on random graphs and on every corpus sentence.
"""

import numpy as np
from corpus import corpus_articles

from summarizer.models.sentence_graph import DAMPING, pagerank
from summarizer.text import compress
from summarizer.text.segment import split_sentences


def reference_pagerank(sim: np.ndarray, prior: np.ndarray, iterations: int = 100) -> np.ndarray:
    """Power iteration with the dangling sentences' share added every step, each step
    tested for convergence as it is made."""
    personal = prior / prior.sum()
    out_weight = sim.sum(axis=1)
    dangling = out_weight <= 0
    transition = np.divide(
        sim, out_weight[:, None], out=np.zeros_like(sim), where=~dangling[:, None]
    )
    scores = personal.copy()
    for _ in range(iterations):
        new = (1 - DAMPING) * personal + DAMPING * (
            scores @ transition + scores[dangling].sum() * personal
        )
        if np.abs(new - scores).sum() < 1e-10:
            return new
        scores = new
    return scores


def test_pagerank_gives_the_reference_floats_with_and_without_dangling_sentences():
    rng = np.random.default_rng(5)
    dangling_seen = 0
    for _ in range(300):
        n = int(rng.integers(1, 30))
        sim = rng.random((n, n)) * (rng.random((n, n)) < rng.random())
        sim = sim + sim.T
        np.fill_diagonal(sim, 0.0)
        dangling_seen += bool((sim.sum(axis=1) <= 0).any())
        prior = rng.random(n) + 0.1
        assert np.array_equal(pagerank(sim, prior), reference_pagerank(sim, prior))
    assert dangling_seen > 20  # both paths were taken


def test_pagerank_stops_at_the_reference_step_whatever_the_limit():
    # the iterates are made and tested in blocks: a limit inside a block, at its end, or
    # before convergence returns the step the plain iteration returns
    rng = np.random.default_rng(11)
    for _ in range(200):
        n = int(rng.integers(1, 80))
        sim = rng.random((n, n)) * (rng.random((n, n)) < rng.random())
        sim = sim + sim.T
        np.fill_diagonal(sim, 0.0)
        prior = rng.random(n) + 0.1
        iterations = int(rng.integers(0, 40))
        expected = reference_pagerank(sim, prior, iterations)
        assert np.array_equal(pagerank(sim, prior, iterations), expected)


def corpus_sentences() -> list[str]:
    return [s.text for _, text in corpus_articles() for s in split_sentences(text)]


def test_mainland_wording_is_every_rewrite_applied_in_order():
    sentences = corpus_sentences() + ["2025Q3每股纯益", "按年增长5%，季减3%", "前三季营业利益率"]
    for sentence in sentences:
        expected = sentence
        for _, pattern, replacement in compress._MAINLAND_WORDING:
            expected = pattern.sub(replacement, expected)
        assert compress.mainland_wording(sentence) == expected, sentence


def test_asides_and_frames_go_as_every_pass_would_take_them():
    def plain_asides(text: str) -> str:
        text = compress._INLINE_QUOTE.sub(
            "", compress._CITATION.sub("", compress.ASIDE.sub("", text))
        )
        return compress._CONVERSION.sub("", compress._CJK_SPACE.sub("", text))

    extra = [
        "星河（2330）营收 5 亿元(约7亿美元) [4]",
        "甲 -0.680 (-3.594%)乙",
        "据星河财报，",
        "某某指出，",
    ]
    frames = (compress._SOURCE_FRAME, compress._SPEAKER_FRAME, compress._NAMED_FRAME)
    for sentence in corpus_sentences() + extra:
        assert compress.without_asides(sentence) == plain_asides(sentence), sentence
        for clause in [sentence, *compress.CLAUSE.findall(sentence)]:
            text = clause.strip()
            plain_frame = text.endswith(("：", ":")) or any(f.fullmatch(text) for f in frames)
            assert compress.is_frame(clause) == plain_frame, clause


def test_one_sentence_holds_the_whole_walk():
    # no edges: every step hands the dangling sentence's score back to it, 1.0 each time
    assert pagerank(np.zeros((1, 1)), np.array([2.5])).tolist() == [1.0]
    assert pagerank(np.zeros((1, 1)), np.array([2.5]), iterations=0).tolist() == [1.0]
