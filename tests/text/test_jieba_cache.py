"""jieba's frequencies read from this project's cache are jieba's own, and a bad cache is rebuilt."""

import pytest

from summarizer.text.charfreq import quiet_jieba
from summarizer.text.jieba_cache import jieba_frequencies

jieba = quiet_jieba()


@pytest.fixture(scope="module")
def jiebas_own():
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer.FREQ, tokenizer.total


def test_the_second_start_reads_the_cache_and_gets_jiebas_frequencies(
    tmp_path, monkeypatch, jiebas_own
):
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path / "cache"))
    assert jieba_frequencies(jieba) == jiebas_own
    (cached,) = (tmp_path / "cache").iterdir()
    assert cached.stat().st_size > 1_000_000

    def no_building(*args, **kwargs):
        raise AssertionError("built again instead of read from the cache")

    monkeypatch.setattr(jieba, "Tokenizer", no_building)
    frequencies, total = jieba_frequencies(jieba)
    assert (frequencies, total) == jiebas_own
    assert frequencies["腾讯"] > 0 and frequencies["腾"] > 0 and total > 10_000_000


@pytest.mark.parametrize("content", [b"", b"not marshal data", b"\xe9\x00\x00\x00\x00"])
def test_a_damaged_cache_is_built_again(tmp_path, monkeypatch, jiebas_own, content):
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path))
    jieba_frequencies(jieba)
    (cached,) = tmp_path.iterdir()
    cached.write_bytes(content)
    assert jieba_frequencies(jieba) == jiebas_own
    assert cached.stat().st_size > 1_000_000


def test_a_cache_folder_that_cannot_be_made_only_costs_the_cache(tmp_path, monkeypatch, jiebas_own):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder would go")
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(blocker / "cache"))
    assert jieba_frequencies(jieba) == jiebas_own
    assert blocker.read_text() == "a file where the folder would go"
