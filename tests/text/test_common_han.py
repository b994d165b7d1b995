"""The common Han characters: the most frequent by the summed frequency of jieba's words."""

from summarizer.text.charfreq import common_han, jieba_dictionary
from summarizer.text.script import to_traditional


def _most_frequent(size: int) -> str:
    """The definition, one word at a time: each character's frequencies summed, the most
    frequent first, ties in the order jieba's words first show the character."""
    totals: dict[str, int] = {}
    for word, frequency in jieba_dictionary().frequencies.items():
        if frequency > 0:
            for ch in word:
                if "\u4e00" <= ch <= "\u9fff":
                    totals[ch] = totals.get(ch, 0) + frequency
    return "".join(sorted(totals, key=totals.__getitem__, reverse=True)[:size])


def test_common_han_is_the_most_frequent_characters_in_both_scripts():
    top = _most_frequent(5000)
    assert common_han() == frozenset(top) | frozenset(to_traditional(top))


def test_the_boundary_between_common_and_rare_follows_the_ranking():
    top = _most_frequent(300)
    assert common_han(300) == frozenset(top) | frozenset(to_traditional(top))
    assert {"的", "是", "公", "司"} <= common_han(300)
    assert "龘" not in common_han()
