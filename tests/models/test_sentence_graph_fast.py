"""The article-wide term weights against the sentence-by-sentence computation on hostile text.

term_weights reads Han characters from one array of the article's code points and strips
words only in sentences holding white space; both must give ``tfidf(features(...))`` to
the last bit on any text: Han range edges, stop characters, white space of every kind,
padded words and words of spaces.
"""

import math
import random

import numpy as np

from summarizer.models.sentence_graph import features, term_weights, tfidf
from summarizer.text.segmenter import plain_segmenter

# the edges of the Han range _HAN_RUN reads (一 and 鿿 in, ䷿ and ꀀ out), stop characters,
# Latin, digits, punctuation and white space of several kinds
_ALPHABET = "一鿿䷿ꀀ营收增长的了是快手年月亿元AIabc0123.,%。，；：！？ \u3000\xa0\t-"


def _random_sentence(rng: random.Random) -> str:
    return "".join(rng.choice(_ALPHABET) for _ in range(rng.randrange(0, 30)))


def _chopped(sentence: str, rng: random.Random) -> list[str]:
    """The sentence cut at random places: words padded with spaces, words of spaces."""
    cuts = (
        sorted(rng.sample(range(1, len(sentence)), min(len(sentence) - 1, 6))) if sentence else []
    )
    edges = [0, *cuts, len(sentence)]
    return [sentence[a:b] for a, b in zip(edges, edges[1:]) if b > a]


def _same(fast, reference) -> bool:
    return (
        fast.size == reference.size
        and np.array_equal(fast.sentences, reference.sentences)
        and np.array_equal(fast.terms, reference.terms)
        and np.array_equal(fast.weights, reference.weights)
    )


def test_term_weights_of_random_text_with_jieba_words():
    rng = random.Random(8)
    segment = plain_segmenter().segment
    for _ in range(300):
        sentences = [_random_sentence(rng) for _ in range(rng.randrange(1, 9))]
        reference = tfidf([features(s, segment) for s in sentences])
        assert _same(term_weights(sentences, segment), reference), sentences


def test_term_weights_of_random_text_cut_anywhere():
    rng = random.Random(9)
    for _ in range(300):
        sentences = [_random_sentence(rng) for _ in range(rng.randrange(1, 9))]
        words = {s: _chopped(s, rng) for s in sentences}
        reference = tfidf([features(s, words.__getitem__) for s in sentences])
        assert _same(term_weights(sentences, words.__getitem__), reference), sentences
    # the case the strip is for: a word of two spaces counts as none. Terms: the word 营收
    # twice, the bigrams 营收 twice and 收营 once (idf the same for all, so it cancels)
    padded = term_weights(["营收  营收"], {"营收  营收": ["营收", "  ", "营收"]}.__getitem__)
    twice = 1 + math.log(2)
    length = math.sqrt(2 * twice**2 + 1)
    assert np.allclose(padded.weights, [twice / length, twice / length, 1 / length])
