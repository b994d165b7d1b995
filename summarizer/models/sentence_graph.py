"""The sentence graph of the extractive summary: TF-IDF vectors, cosine similarities, PageRank.

Sentences are bags of words and Han character bigrams; their TF-IDF vectors are
kept as flat arrays (one entry per sentence and term), the similarities are
summed term by term in the order the terms were first seen, and PageRank runs on
the row-normalised graph. Every float is the one a term-by-term computation in
Python gives, so the summary does not move by a bit when this gets faster.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate, chain, count

import numpy as np

from summarizer.text.script_convert import code_points, han_mask

_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
_SPACE = re.compile(r"\s")  # what str.strip strips (str.isspace)
STOP_CHARS = set("的了是在和与及或也都而并就这那其之为于以对把被将从向由等")
# the one-character words features keeps
_HAN_WORD = frozenset(map(chr, range(0x4E00, 0xA000))) - STOP_CHARS
DAMPING = 0.85  # a design choice (LexRank's), not fitted to an evaluation set


def features(sentence: str, tokenize: Callable[[str], list[str]]) -> Counter[str]:
    """A sentence's words (``w:`` before each) and its Han character bigrams, counted.

    Word keys carry a prefix and bigrams none: a bigram is two Han characters, so the
    two kinds never share a key. Counted in C, words first: the order the terms are
    first seen, which fixes the order of every sum below.
    """
    words = [
        "w:" + word
        for word in map(str.strip, tokenize(sentence))
        if len(word) >= 2 or (word and "\u4e00" <= word <= "\u9fff" and word not in STOP_CHARS)
    ]
    han = "".join(_HAN_RUN.findall(sentence))
    words += [han[i : i + 2] for i in range(len(han) - 1)]
    return Counter(words)


@dataclass
class TermWeights:
    """The sentences' TF-IDF vectors, unit length, as flat arrays: one entry per
    (sentence, term), sentence by sentence, each sentence's terms in the order first seen;
    a term's id is the order it was first seen in the article."""

    size: int  # the number of sentences
    sentences: np.ndarray
    terms: np.ndarray
    weights: np.ndarray

    def as_dicts(self) -> list[dict[int, float]]:
        """Each sentence's vector as {term id: weight}."""
        vectors: list[dict[int, float]] = [{} for _ in range(self.size)]
        for sentence, term, weight in zip(
            self.sentences.tolist(), self.terms.tolist(), self.weights.tolist()
        ):
            vectors[sentence][term] = weight
        return vectors


def tfidf(bags: list[Counter[str]]) -> TermWeights:
    """TF-IDF (1 + log tf, smoothed idf), each vector scaled to unit length.

    The logarithms are Python's (``math``), once per distinct count: numpy's vectorised
    log may differ in the last bit, and every float here is the one a term-by-term
    computation gives.
    """
    n = len(bags)
    sizes = [len(bag) for bag in bags]
    # sentence by sentence, each bag's terms in order; a term's id is the order first seen
    every_term = list(chain.from_iterable(bags))
    ids = dict(zip(dict.fromkeys(every_term), count()))  # in C: no Python step per term
    terms = np.fromiter(map(ids.__getitem__, every_term), np.intp, len(every_term))
    counts = list(chain.from_iterable(bag.values() for bag in bags))
    return _weighted(n, np.repeat(np.arange(n), sizes), terms, counts, sizes)


# Term keys of term_weights: a Han bigram is its two 21-bit code points, a word its number
# in the article above them.
_WORD_KEY = 1 << 42


def term_weights(sentences: list[str], tokenize: Callable[[str], list[str]]) -> TermWeights:
    """``tfidf([features(s, tokenize) for s in sentences])``, the same arrays to the last
    bit, made for the whole article at once: terms are numbers (a bigram its code points),
    counted and numbered by first sighting in numpy instead of string by string."""
    n = len(sentences)
    words: list[str] = []
    word_counts: list[int] = []
    for sentence in sentences:
        sentence_words = tokenize(sentence)
        if _SPACE.search(sentence):  # only then may a word change when stripped
            sentence_words = [word.strip() for word in sentence_words]
        # the words features keeps: two characters or more, or one Han character not a stop word
        kept = [word for word in sentence_words if len(word) > 1 or word in _HAN_WORD]
        words += kept
        word_counts.append(len(kept))
    # a word's number: any one per word will do (here its last place), the ids come later
    word_ids = dict(zip(words, count()))
    word_keys = np.fromiter(map(word_ids.__getitem__, words), np.int64, len(words))
    # every sentence's bigrams from one array of the article's Han characters (those
    # _HAN_RUN finds); a pair across two sentences is none
    codes = code_points("".join(sentences)).astype(np.int64)
    han = han_mask(codes)
    codes = codes[han]
    char_owner = np.arange(n).repeat([len(sentence) for sentence in sentences])[han]
    within = char_owner[:-1] == char_owner[1:]
    bigram_keys = ((codes[:-1] << 21) | codes[1:])[within]
    bigram_owners = char_owner[:-1][within]
    bigram_counts = np.bincount(bigram_owners, minlength=n)
    word_counts_array = np.array(word_counts, dtype=np.intp)
    # every term sighting in the order features counts them: sentence by sentence, words
    # before bigrams, each in text order; a sighting's place is counted past the bigrams
    # (of a word) or the words (of a bigram) of the sentences before and at its own
    bag = np.empty(len(word_keys) + len(bigram_keys), dtype=np.int64)
    if not len(bag):
        return TermWeights(n, bag.astype(np.intp), bag.astype(np.intp), np.zeros(0))
    bigrams_before = (bigram_counts.cumsum() - bigram_counts).repeat(word_counts)
    bag[np.arange(len(word_keys)) + bigrams_before] = word_keys + _WORD_KEY
    bag[np.arange(len(bigram_keys)) + word_counts_array.cumsum()[bigram_owners]] = bigram_keys
    bag_owner = np.arange(n).repeat(word_counts_array + bigram_counts)
    # grouped by term, each term's sightings in place order: a (sentence, term) entry is a
    # run of one sentence within a term's group, its first place the run's first
    by_term = bag.argsort(kind="stable")
    grouped, grouped_owner = bag[by_term], bag_owner[by_term]
    new_term = np.empty(len(bag), dtype=bool)
    new_term[:1] = True
    np.not_equal(grouped[1:], grouped[:-1], out=new_term[1:])
    new_entry = new_term.copy()
    new_entry[1:] |= grouped_owner[1:] != grouped_owner[:-1]
    entry_start = np.flatnonzero(new_entry)
    counts = np.diff(entry_start, append=len(bag))
    # a term's id is the order first seen, sentence by sentence
    term_first = by_term[new_term]
    rank = np.empty(len(term_first), dtype=np.intp)
    rank[term_first.argsort()] = np.arange(len(term_first))
    entry_term = rank[new_term.cumsum()[entry_start] - 1]
    in_bag_order = by_term[entry_start].argsort()  # entries by their first place
    owners = grouped_owner[entry_start][in_bag_order]
    sizes = np.bincount(owners, minlength=n).tolist()
    return _weighted(n, owners, entry_term[in_bag_order], counts[in_bag_order], sizes)


def _weighted(
    n: int,
    sentences: np.ndarray,
    terms: np.ndarray,
    counts: list[int] | np.ndarray,
    sizes: list[int],
) -> TermWeights:
    """The unit TF-IDF vectors of the (sentence, term) entries, given each entry's count."""
    if not len(terms):
        return TermWeights(n, sentences, terms, np.zeros(0))
    # 1 + log tf of each count that occurs, read from a table by every entry holding it
    counts = np.asarray(counts)
    distinct = np.flatnonzero(np.bincount(counts))
    tf = np.zeros(distinct[-1] + 1)
    tf[distinct] = [1 + math.log(c) for c in distinct.tolist()]
    # a bag holds each term once: a term's entries are the sentences holding it (1 to n)
    idf = np.array([0.0] + [math.log((n + 1) / (d + 0.5)) for d in range(1, n + 1)])
    weights = tf[counts]
    weights *= idf[np.bincount(terms)[terms]]
    # each vector's length: its squares summed in Python, in order, as a sum of its floats
    squares = (weights * weights).tolist()
    ends = list(accumulate(sizes))
    norms = [math.sqrt(sum(squares[start:end])) or 1.0 for start, end in zip([0, *ends[:-1]], ends)]
    return TermWeights(n, sentences, terms, weights / np.array(norms)[sentences])


def similarity_matrix(vectors: TermWeights) -> np.ndarray:
    """Cosine similarities through an inverted index: cost grows with shared terms, not n²·|V|.

    Every pair of sentences sharing a term gets that term's product; the products
    are summed into each cell in the order the terms were first seen (``np.bincount``
    adds its weights in order), which keeps each sum, and so the summary, the same to
    the last bit.
    """
    n = vectors.size
    # postings: grouped by term (ids are first-seen ranks), sentences in order within each
    ids = vectors.terms
    if len(ids) <= np.iinfo(np.int16).max:  # ids below the entries' number: a radix sort
        ids = ids.astype(np.int16)
    by_term = ids.argsort(kind="stable")
    terms = vectors.terms[by_term]
    lengths = np.bincount(terms)[terms]  # each entry's posting length
    shared = lengths >= 2  # a term in one sentence pairs it with itself only
    terms, lengths = terms[shared], lengths[shared]
    sentences, weights = vectors.sentences[by_term][shared], vectors.weights[by_term][shared]
    if not len(terms):
        return np.zeros((n, n))
    # every entry paired with each entry of its posting (itself included), posting by posting
    posting_start = np.flatnonzero(np.concatenate(([True], terms[1:] != terms[:-1])))
    first_of_entry = posting_start.repeat(lengths[posting_start])
    rows = np.arange(len(terms)).repeat(lengths)
    block_start = (lengths.cumsum() - lengths).repeat(lengths)
    cols = first_of_entry.repeat(lengths) + (np.arange(len(rows)) - block_start)
    cells = sentences[rows] * n + sentences[cols]
    sim = np.bincount(cells, weights=weights[rows] * weights[cols], minlength=n * n)
    sim = sim.reshape(n, n)
    np.fill_diagonal(sim, 0.0)
    return sim


_CHECK_EVERY = 8  # iterations run between two convergence tests


def pagerank(sim: np.ndarray, prior: np.ndarray, iterations: int = 100) -> np.ndarray:
    """Personalised PageRank over a weighted undirected graph.

    On a news article's twenty-odd sentences each numpy call costs more than its
    arithmetic, so the iterates are made a block at a time (each row the step from the
    row before, in place) and the block's changes are summed in one call: the iterate
    returned is the first whose change is under the tolerance, the same floats as when
    each step is tested as it is made.
    """
    personal = prior / prior.sum()
    out_weight = sim.sum(axis=1)
    dangling = out_weight <= 0
    has_dangling = bool(dangling.any())
    if has_dangling:  # a dangling sentence's row stays 0.0
        transition = np.divide(
            sim, out_weight[:, None], out=np.zeros_like(sim), where=~dangling[:, None]
        )
    else:
        transition = sim / out_weight[:, None]
    teleport = (1 - DAMPING) * personal
    # row 0: the last iterate of the block before; rows 1..: this block's steps
    # one sentence's walk settles at the first step: test each step, not a block of them
    check_every = 1 if len(personal) == 1 else _CHECK_EVERY
    block = np.empty((check_every + 1, len(personal)))
    block[0] = personal
    rows = list(block)  # each row's view made once
    done = 0
    while done < iterations:
        steps = min(check_every, iterations - done)
        for k in range(1, steps + 1):
            scores, walk = rows[k - 1], rows[k]
            np.dot(scores, transition, out=walk)  # scores @ transition, without a new array
            if (
                has_dangling
            ):  # without dangling sentences their share is 0.0: adding it changes nothing
                walk += scores[dangling].sum() * personal
            walk *= DAMPING
            walk += teleport
        change = block[1 : steps + 1] - block[:steps]
        converged = np.flatnonzero(np.abs(change, out=change).sum(axis=1) < 1e-10)
        if len(converged):
            return block[converged[0] + 1].copy()
        block[0] = block[steps]
        done += steps
    return block[0].copy()
