"""No hidden state in the text path: every stage gives the same output whatever ran before it.

A glossary used to be written into jieba's global dictionary, so normalize() repaired
seed 004 differently before and after a pipeline was built. Here the stages run in
different orders, beside pipelines with other glossaries, and must agree.
"""

import re

import pytest
from conftest import SHARED

from summarizer.pipeline import Pipeline
from summarizer.text.normalize import normalize
from summarizer.text.reading import Article

SEED_004 = SHARED / "seeds" / "004_6af262426d160728.txt"
ARTICLE = (
    "星河电子第三季度营收同比增长12%至120亿元。\n"
    "星河电子董事长王大明表示，银杉模型将在明年上线，公司将继续加大研发投入。\n"
    "报告期内，银杉模型用户规模已达4500万，经调整净利润同比增长20%至15亿元。"
)


def repairs(normalized) -> int:
    return sum(r.count for r in normalized.removed if r.kind == "mojibake-repaired")


@pytest.fixture(scope="module")
def seed_004(shared_dir) -> str:
    return SEED_004.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def large_glossary(tmp_path_factory, seed_004):
    """Every two- and three-character Han run of seed 004, garbled ones included, as names:
    thousands of words that would change how its mojibake reads if repair saw them."""
    runs = {
        run[i : i + size]
        for run in re.findall(r"[\u4e00-\u9fff]+", seed_004)
        for size in (2, 3)
        for i in range(len(run) - size + 1)
    }
    path = tmp_path_factory.mktemp("glossary") / "large.tsv"
    lines = [f"{zh}\tName {n}" for n, zh in enumerate(sorted(runs))]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert len(lines) > 3000
    return path


@pytest.fixture(scope="module")
def named_glossary(tmp_path_factory):
    path = tmp_path_factory.mktemp("glossary") / "names.tsv"
    path.write_text(
        "zh\ten\tkind\n星河电子\tGalaxy Electronics\tcompany\n银杉模型\tYinshan\tproduct\n"
        "王大明\tWang Daming\tperson\n",
        encoding="utf-8",
    )
    return path


def test_normalize_repairs_seed_004_the_same_before_and_after_a_large_glossary(
    seed_004, large_glossary
):
    before = normalize(seed_004)
    # the figures of the brief: four fragments repaired (可靈, 快手 among them), 4,241 characters
    assert (repairs(before), len(before.text)) == (4, 4241)
    pipeline = Pipeline(glossary=[str(large_glossary)])
    after = normalize(seed_004)
    assert (after.text, after.removed) == (before.text, before.removed)
    through_pipeline = pipeline.normalize(Article("004", seed_004, "004", "utf-8"))
    assert through_pipeline.normalized.text == before.text
    assert repairs(through_pipeline.normalized) == 4


def test_jieba_itself_is_left_alone(named_glossary):
    import jieba

    Pipeline(glossary=[str(named_glossary)]).process(Article("a", ARTICLE, "a", "utf-8"))
    assert "星河电子" not in jieba.lcut("星河电子发布财报")  # jieba never learnt the name


def test_two_pipelines_with_different_glossaries_interleaved(named_glossary, large_glossary):
    article = Article("a", ARTICLE, "a", "utf-8")
    named = Pipeline(glossary=[str(named_glossary)])
    first = named.process(article).to_dict()
    plain = Pipeline(bundled_glossary=False)
    plain_first = plain.process(article).to_dict()
    large = Pipeline(glossary=[str(large_glossary)])
    large.process(article)
    assert named.process(article).to_dict() == first
    assert plain.process(article).to_dict() == plain_first
    # each pipeline segments with its own names, whatever the others hold
    sentence = "星河电子的银杉模型今年上线。"
    assert named.segmenter.segment(sentence)[:3] == ["星河电子", "的", "银杉模型"]
    assert "星河电子" not in plain.segmenter.segment(sentence)
    assert first["people"] == [{"zh": "王大明", "en": "Wang Daming", "kind": "person"}]
    assert plain_first["people"][0]["pinyin_fallback"] is True  # no glossary: a pinyin name
