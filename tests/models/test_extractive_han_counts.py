"""The Chinese characters of each sentence, counted in one pass over the article, against
the runs of U+4E00 to U+9FFF a regular expression finds in the sentence alone."""

import random
import re

from summarizer.models.extractive import _han_counts
from summarizer.text.parsed import ParsedText
from summarizer.text.segmenter import plain_segmenter

_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")


def test_each_sentence_s_han_characters_on_random_text():
    # the range's edges (一, 鿿 in; ䷿, ꀀ out), an astral character, marks that end sentences
    alphabet = "一鿿䷿ꀀ营收a1 。！？\n𠀀"
    rng = random.Random(3)
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40)))
        parsed = ParsedText(text, plain_segmenter())
        expected = [sum(map(len, _HAN_RUN.findall(s.text))) for s in parsed.sentences]
        assert _han_counts(parsed) == expected, text


def test_han_counts_of_two_sentences():
    parsed = ParsedText("营收增长30%。  Apple收入1亿元！", plain_segmenter())
    assert _han_counts(parsed) == [4, 4]
