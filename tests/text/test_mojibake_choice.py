"""GBK repair weighs each candidate character by the words it forms: the faster walk
gives the same weights as looking up every span, and the batched conversion the same text."""

import random

from corpus import corpus_articles

from summarizer.text.mojibake import _best_word_freqs, _simplified_each
from summarizer.text.repair_words import repair_dictionary
from summarizer.text.script import to_simplified


def every_span_best(simplified: str, position: int) -> int:
    """Every span of two to five characters that covers ``position``, looked up."""
    frequency = repair_dictionary().frequency
    spans = [
        simplified[start:end]
        for start in range(len(simplified))
        for end in range(start + 2, min(len(simplified), start + 5) + 1)
        if start <= position < end and position - start <= 3
    ]
    return max((frequency(span) or 0 for span in spans), default=0)


def test_the_best_word_is_the_one_every_span_finds():
    rng = random.Random(2)
    text = to_simplified("".join(t for _, t in corpus_articles()))
    found_words = 0
    for _ in range(300):
        # the candidates of one choice share the marker's position; their lengths may differ
        position = rng.randrange(10)
        pieces = []
        for _ in range(10):
            start = rng.randrange(len(text) - 12)
            pieces.append(text[start : start + rng.randrange(position + 1, 12)])
        expected = [every_span_best(piece, position) for piece in pieces]
        assert _best_word_freqs(pieces, position, repair_dictionary()) == expected
        found_words += sum(1 for e in expected if e > 0)
    assert found_words > 1000  # most pieces of real text hold a word at the position


def test_texts_converted_together_read_as_converted_alone():
    texts = ["頭髮乾燥", "\n後來", "發展\n中國\n", "", "营收", "乾\n", "臺積電公佈"]
    assert _simplified_each(texts) == [to_simplified(t) for t in texts]
    assert _simplified_each(["頭髮乾燥"]) == ["头发干燥"]
