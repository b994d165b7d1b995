import numpy as np
from corpus import corpus_articles

from summarizer.models.extractive import _features, _similarity_matrix, _tfidf
from summarizer.text.normalize import normalize
from summarizer.text.parsed import ParsedText


def reference_similarity(vectors: list[dict[str, float]]) -> np.ndarray:
    """Term by term, in the order terms are first seen, every sharing pair gets the product."""
    n = len(vectors)
    sim = np.zeros((n, n))
    terms = list(dict.fromkeys(term for vec in vectors for term in vec))
    for term in terms:
        holders = [(i, vec[term]) for i, vec in enumerate(vectors) if term in vec]
        if len(holders) < 2:
            continue
        for i, wi in holders:
            for j, wj in holders:
                sim[i, j] += wi * wj
    np.fill_diagonal(sim, 0.0)
    return sim


def test_similarities_are_the_same_to_the_last_bit(glossary):
    for article_id, text in corpus_articles():
        parsed = ParsedText(normalize(text, glossary.forms()).text, glossary.segmenter)
        vectors = _tfidf([_features(s.text, parsed.words) for s in parsed.sentences])
        assert np.array_equal(_similarity_matrix(vectors), reference_similarity(vectors)), (
            article_id
        )


def test_no_shared_terms_gives_zeros():
    assert not _similarity_matrix([{"a": 1.0}, {"b": 1.0}]).any()
    assert _similarity_matrix([{"a": 0.6, "b": 0.8}, {"b": 1.0}])[0, 1] == 0.8
