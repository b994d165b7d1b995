"""The common Han characters: the most frequent by the summed frequency of jieba's words."""

import pytest

from summarizer.text import charfreq
from summarizer.text.charfreq import jieba_dictionary
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


@pytest.fixture
def empty_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path))
    charfreq.common_han.cache_clear()
    yield tmp_path
    charfreq.common_han.cache_clear()


@pytest.mark.parametrize("size", [5000, 300])
def test_common_han_is_the_most_frequent_characters_in_both_scripts(empty_cache, size):
    top = _most_frequent(size)
    expected = frozenset(top) | frozenset(to_traditional(top))
    assert charfreq.common_han(size) == expected  # built, and cached
    assert len(list(empty_cache.glob(f"common-han-{size}-*.marshal"))) == 1
    charfreq.common_han.cache_clear()
    assert charfreq.common_han(size) == expected  # read from the cache


def test_the_boundary_between_common_and_rare_follows_the_ranking(empty_cache):
    assert {"的", "是", "公", "司"} <= charfreq.common_han(300)
    assert "龘" not in charfreq.common_han()


def test_a_table_made_from_other_versions_is_removed_when_the_new_one_is_written(
    empty_cache,
):
    stale = empty_cache / "common-han-300-0123456789abcdef.marshal"
    stale.write_bytes(b"made from other versions")
    charfreq.common_han(300)
    assert not stale.exists()
    assert len(list(empty_cache.glob("common-han-300-*.marshal"))) == 1
