import math
import random
from collections import Counter

import numpy as np
from corpus import corpus_articles

from summarizer.models.sentence_graph import (
    TermWeights,
    features,
    similarity_matrix,
    term_weights,
    tfidf,
)
from summarizer.text.normalize import normalize
from summarizer.text.parsed import ParsedText


def referencetfidf(bags: list[Counter[str]]) -> list[dict[str, float]]:
    """Term by term with Python floats: (1 + log tf) · log((n + 1) / (df + 0.5)), unit length."""
    n = len(bags)
    vectors = []
    for bag in bags:
        vec = {}
        for term, count in bag.items():
            df = sum(1 for other in bags if term in other)
            vec[term] = (1 + math.log(count)) * math.log((n + 1) / (df + 0.5))
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors.append({t: v / norm for t, v in vec.items()})
    return vectors


def reference_similarity(vectors: list[dict[int, float]]) -> np.ndarray:
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


def same_vectors(weights: TermWeights, reference: list[dict[str, float]]) -> bool:
    """The same floats in the same order, and term ids numbering terms as first seen."""
    first_seen = {t: i for i, t in enumerate(dict.fromkeys(t for vec in reference for t in vec))}
    expected = [{first_seen[t]: w for t, w in vec.items()} for vec in reference]
    vectors = weights.as_dicts()
    return vectors == expected and [list(v) for v in vectors] == [list(v) for v in expected]


def test_similarities_are_the_same_to_the_last_bit(glossary):
    for article_id, text in corpus_articles():
        parsed = ParsedText(normalize(text, glossary.forms()).text, glossary.segmenter)
        bags = [features(s.text, parsed.words) for s in parsed.sentences]
        weights = tfidf(bags)
        assert same_vectors(weights, referencetfidf(bags)), article_id
        assert np.array_equal(
            similarity_matrix(weights), reference_similarity(weights.as_dicts())
        ), article_id


def test_random_bags_give_the_reference_floats():
    rng = np.random.default_rng(7)
    for _ in range(200):
        vocabulary = [f"t{i}" for i in range(rng.integers(1, 40))]
        bags = [
            Counter(rng.choice(vocabulary, size=rng.integers(0, 30)).tolist())
            for _ in range(rng.integers(1, 15))
        ]
        weights = tfidf(bags)
        assert same_vectors(weights, referencetfidf(bags))
        assert np.array_equal(similarity_matrix(weights), reference_similarity(weights.as_dicts()))


def test_features_count_words_and_bigrams_apart():
    bags = features("营收增长，营收", lambda s: ["营收", "增长", "，", "营收"])
    assert bags == Counter({"w:营收": 2, "w:增长": 1, "营收": 2, "收增": 1, "增长": 1, "长营": 1})


def test_no_shared_terms_gives_zeros():
    two = TermWeights(2, np.array([0, 1]), np.array([0, 1]), np.array([1.0, 1.0]))
    assert not similarity_matrix(two).any()
    shared = TermWeights(2, np.array([0, 0, 1]), np.array([0, 1, 1]), np.array([0.6, 0.8, 1.0]))
    assert similarity_matrix(shared)[0, 1] == 0.8
    assert similarity_matrix(shared)[1, 0] == 0.8
    assert not similarity_matrix(TermWeights(3, *(np.zeros(0, int),) * 2, np.zeros(0))).any()


def same_arrays(fast: TermWeights, reference: TermWeights) -> bool:
    return (
        fast.size == reference.size
        and np.array_equal(fast.sentences, reference.sentences)
        and np.array_equal(fast.terms, reference.terms)
        and np.array_equal(fast.weights, reference.weights)  # every float, to the last bit
    )


def test_article_term_weights_are_those_of_each_sentence_counted_apart(glossary):
    for article_id, text in corpus_articles():
        parsed = ParsedText(normalize(text, glossary.forms()).text, glossary.segmenter)
        sentences = [s.text for s in parsed.sentences]
        reference = tfidf([features(s, parsed.words) for s in sentences])
        assert same_arrays(term_weights(sentences, parsed.words), reference), article_id


def test_term_weights_of_odd_sentences():
    """Empty sentences, no Han, one character, repeated words and bigrams, stop characters,
    padded words, a word that is also a bigram, Han runs split by Latin and digits."""
    words = {
        "": [],
        "AI": ["AI"],
        "的": ["的"],
        "营": ["营"],
        "营收营收营收": ["营收", "营收", "营收"],
        "营收 增长AI营收": ["营收", " ", "增长", "AI", "营收"],
        "2025年营收的增长": ["2025", "年", "营收", "的", "增长"],
        " 快手 ": [" ", "快手", " "],
        "快a手b快c手": ["快", "a", "手", "b", "快", "c", "手"],
    }
    rng = random.Random(4)
    for _ in range(300):
        sentences = [rng.choice(list(words)) for _ in range(rng.randrange(1, 8))]
        reference = tfidf([features(s, words.__getitem__) for s in sentences])
        assert same_arrays(term_weights(sentences, words.__getitem__), reference), sentences


def test_more_entries_than_a_short_integer_holds_give_the_reference_floats():
    # past 32,767 (sentence, term) entries the postings are sorted on the wide ids
    rng = np.random.default_rng(3)
    vocabulary = [f"t{i}" for i in range(3000)]
    bags = [Counter(rng.choice(vocabulary, size=900).tolist()) for _ in range(60)]
    weights = tfidf(bags)
    assert len(weights.terms) > 32767
    assert np.array_equal(similarity_matrix(weights), reference_similarity(weights.as_dicts()))
