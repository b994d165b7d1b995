"""jieba's dictionary read from this project's cache is jieba's own, and a bad cache is rebuilt."""

import subprocess
import sys

import pytest

from summarizer.text.jieba_cache import jieba_tables, quiet_jieba


@pytest.fixture(scope="module")
def jiebas_own():
    """What jieba's tokenizer and jieba.posseg's tagger hold."""
    jieba = quiet_jieba()
    posseg = quiet_jieba("jieba.posseg")
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer.FREQ, tokenizer.total, dict(posseg.dt.word_tag_tab)


def _as_tuple(tables):
    return tables.frequencies, tables.total, tables.tags


def test_the_second_start_reads_the_cache_and_gets_jiebas_dictionary(
    tmp_path, monkeypatch, jiebas_own
):
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path / "cache"))
    assert _as_tuple(jieba_tables()) == jiebas_own
    (cached,) = (tmp_path / "cache").iterdir()
    assert cached.stat().st_size > 1_000_000

    jieba = quiet_jieba()

    def no_reading(*args, **kwargs):
        raise AssertionError("read by jieba again instead of from the cache")

    monkeypatch.setattr(jieba, "Tokenizer", no_reading)
    tables = jieba_tables()
    assert _as_tuple(tables) == jiebas_own
    # dict.txt's lines: 公司 45604 n, 增长 20465 v, 腾讯 98 nz
    assert (tables.frequencies["公司"], tables.tags["公司"]) == (45604, "n")
    assert (tables.frequencies["增长"], tables.tags["增长"]) == (20465, "v")
    assert (tables.frequencies["腾讯"], tables.tags["腾讯"]) == (98, "nz")
    assert tables.frequencies["腾"] > 0


@pytest.mark.parametrize("content", [b"", b"not marshal data", b"\xe9\x00\x00\x00\x00"])
def test_a_damaged_cache_is_built_again(tmp_path, monkeypatch, jiebas_own, content):
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path))
    jieba_tables()
    (cached,) = tmp_path.iterdir()
    cached.write_bytes(content)
    assert _as_tuple(jieba_tables()) == jiebas_own
    assert cached.stat().st_size > 1_000_000


def test_a_cache_folder_that_cannot_be_made_only_costs_the_cache(tmp_path, monkeypatch, jiebas_own):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder would go")
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(blocker / "cache"))
    assert _as_tuple(jieba_tables()) == jiebas_own
    assert blocker.read_text() == "a file where the folder would go"


def test_with_the_cache_in_place_jieba_itself_is_not_imported(tmp_path, monkeypatch):
    """jieba's import (with pkg_resources) and jieba.posseg's reading of the dictionary are
    what the cache saves at every start."""
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path))
    jieba_tables()
    script = (
        "import sys\n"
        "from summarizer.pipeline import Pipeline\n"
        "from summarizer.text.reading import Article\n"
        "result = Pipeline().process(Article('a', '快手第三季度营收同比增长11.4%至311亿元。"
        "程一笑表示，公司将继续投入。', 'a', 'utf-8'))\n"
        "print(sorted(m for m in sys.modules if m == 'jieba' or m.startswith('jieba.')))\n"
        "print(len(result.facts))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out[0] == "[]"
    assert int(out[1]) >= 1


def test_without_a_home_folder_jieba_reads_the_dictionary(monkeypatch, jiebas_own):
    from pathlib import Path

    def no_home():
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("SUMMARIZER_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert _as_tuple(jieba_tables()) == jiebas_own


def test_the_cache_folder_follows_the_environment(tmp_path, monkeypatch):
    from summarizer.text.table_cache import cache_folder

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("SUMMARIZER_CACHE_DIR", raising=False)
    assert cache_folder() == tmp_path / "xdg" / "summarizer"
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path / "own"))
    assert cache_folder() == tmp_path / "own"
