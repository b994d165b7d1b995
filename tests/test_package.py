"""What importing the package does: nothing to the process, and it says its version."""

import subprocess
import sys

import summarizer


def test_importing_the_package_leaves_warning_filters_alone():
    code = (
        "import warnings, numpy\n"  # numpy's own filters are numpy's business
        "before = list(warnings.filters)\n"
        "import summarizer\n"
        "from summarizer.text.segmenter import plain_segmenter\n"
        "plain_segmenter().segment('快手的可灵')\n"
        "assert warnings.filters == before, warnings.filters\n"
    )
    result = subprocess.run(
        [sys.executable, "-W", "error::UserWarning", "-c", code], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_the_package_has_a_version():
    assert summarizer.__version__ == "0.1.0"


def test_every_user_error_shares_one_base():
    from summarizer import GlossaryError, InputError, SummarizerError
    from summarizer.models.registry import ModelLoadError, ModelNotFoundError

    for error in (InputError, GlossaryError, ModelNotFoundError, ModelLoadError):
        assert issubclass(error, SummarizerError) and issubclass(error, ValueError)


ARTICLE = "快手第三季度营收同比增长11.4%至311亿元。程一笑表示，公司将继续推进AI战略。"


def test_one_call_helpers_for_summaries_figures_and_digests():
    assert (
        summarizer.summarize(ARTICLE, max_chars=30).text
        == "快手第三季度营收同比增长11.4%至311亿元。"
    )
    (fact,) = summarizer.extract_facts(ARTICLE)
    assert (fact.metric, fact.value, fact.unit, fact.text_en) == (
        "revenue",
        31100000000,
        "CNY",
        "RMB 31.1 billion, up 11.4% year on year",
    )
    digest = summarizer.build_digest([ARTICLE, "   "])
    assert len(digest.entries) == 1
    assert digest.failures == [{"source": "article-2", "error": "empty text"}]


def test_a_pipeline_is_called_on_a_text_an_article_or_a_list():
    pipeline = summarizer.Pipeline()
    one = pipeline(ARTICLE)
    assert one.english.text.startswith("Kuaishou's third-quarter revenue rose 11.4% year on year")
    many = pipeline([ARTICLE, summarizer.Article("x", ARTICLE, "x.txt", "utf-8")])
    assert [r.id for r in many] == ["article-1", "x"]
    assert [r.english.text for r in many] == [one.english.text] * 2
