import json
import re

import pytest

from summarizer.cli.main import main

Q3 = "快手第三季度业绩\n11月20日，快手公布了2024年第三季度业绩。报告期内，快手平均日活跃用户达到4.08亿，总营收同比增长11.4%至311亿元。"
Q2 = "快手第二季度业绩\n8月20日，快手公布了2024年第二季度业绩。快手平均日活跃用户达到3.95亿。"
Q3_AGAIN = "快手三季度点评\n2024年第三季度，快手平均日活跃用户达到4.08亿，总营收为330亿元。"


@pytest.fixture
def batch(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "q3.txt").write_text(Q3, encoding="utf-8")
    (folder / "q2.txt").write_bytes(Q2.encode("gb18030"))
    (folder / "again.html").write_text(
        f"<html><body><p>{Q3_AGAIN.replace(chr(10), '</p><p>')}</p></body></html>", encoding="utf-8"
    )
    (folder / "broken.txt").write_bytes(b"\x00\x01binary\x00")
    return folder


def test_digest_in_three_formats_with_merged_and_conflicting_figures(batch, tmp_path, capsys):
    outs = [tmp_path / "out" / name for name in ("digest.md", "digest.html", "digest.json")]
    code = main(["digest", str(batch), *[arg for out in outs for arg in ("--out", str(out))]])
    err = capsys.readouterr().err
    assert code == 1  # the binary file failed
    assert "broken.txt: looks like a binary file, not text" in err
    data = json.loads(outs[2].read_text(encoding="utf-8"))
    assert data["articles"] == 3
    assert data["failed"] == [
        {"source": str(batch / "broken.txt"), "error": "looks like a binary file, not text"}
    ]
    assert data["companies"] == {"Kuaishou": ["again", "q2", "q3"]}
    tables = {(t["subject"], t["metric"]): t["periods"] for t in data["metrics"]}
    dau = tables[("Kuaishou", "daily active users")]
    assert [row["period"] for row in dau] == ["Q2 2024", "Q3 2024"]
    assert dau[1]["values"][0]["sources"] == ["again", "q3"]  # one figure, both sources
    assert not dau[1]["conflict"]
    revenue = tables[("Kuaishou", "revenue")]
    assert revenue[0]["conflict"] and len(revenue[0]["values"]) == 2

    markdown = outs[0].read_text(encoding="utf-8")
    assert "## Kuaishou" in markdown and "**conflict:**" in markdown
    assert (
        "Kuaishou's third-quarter 2024 revenue rose 11.4% year on year to RMB 31.1 billion"
        in markdown
    )

    page = outs[1].read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert page.count("<svg") == 1  # daily active users has two periods
    assert not re.search(r"(?:src|href)=['\"]https?:", page)  # self-contained


def test_digest_to_stdout_is_markdown(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text(Q3, encoding="utf-8")
    assert main(["digest", str(article)]) == 0
    assert capsys.readouterr().out.startswith("# Investor digest")


def test_unknown_output_format_is_refused_before_work(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text(Q3, encoding="utf-8")
    assert main(["digest", str(article), "--out", str(tmp_path / "x.pdf")]) == 1
    assert "x.pdf: unknown output format; use .md, .html or .json" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_output_appears_complete_or_not_at_all(tmp_path, monkeypatch):
    from summarizer.digest import render as digest

    target = tmp_path / "digest.md"
    target.write_text("previous digest", encoding="utf-8")

    def failing_replace(source, destination):
        raise OSError("disk full")

    monkeypatch.setattr(digest.os, "replace", failing_replace)
    with pytest.raises(OSError, match="disk full"):
        digest.write_atomic(target, "new digest")
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == "previous digest"
    assert [p.name for p in tmp_path.iterdir()] == ["digest.md"]


def test_progress_bar_only_on_a_terminal():
    import io

    from summarizer.cli.progress import Progress

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    terminal, pipe = Terminal(), io.StringIO()
    for stream in (terminal, pipe):
        progress = Progress(2, stream, width=4)
        progress.step("a.txt")
        progress.step("b.txt")
        progress.done()
    assert pipe.getvalue() == ""
    assert "[##--] 1/2 a.txt" in terminal.getvalue() and "[####] 2/2 b.txt" in terminal.getvalue()


def test_a_figure_of_another_product_is_named_in_the_table(glossary):
    from summarizer.digest.build import Digest, as_entry
    from summarizer.digest.render import render
    from summarizer.pipeline import Pipeline
    from summarizer.text.reading import Article

    text = "快手第二季收入按年升13.1%至350亿元人民币，纯利为49亿元。可灵AI第二季收入超过2.5亿元。"
    entry = Pipeline().process(Article("k", text, "k.txt", "utf-8")).to_dict()
    markdown = render(Digest(entries=[as_entry(entry)]), "markdown")
    assert "| Kling AI revenue | Q2 " in markdown
    assert "| revenue | Q2 " in markdown  # the company's own stays plain


def test_the_cross_article_table_names_business_lines_in_english_and_keeps_ranges_apart():
    from summarizer.digest.build import Digest, as_entry
    from summarizer.pipeline import Pipeline
    from summarizer.text.reading import Article

    text = (
        "百度公布第三季度业绩。期内智能云设施收入增33%至42亿元人民币。"
        "百度预计第四季度收入为300亿元至320亿元。"
    )
    entry = Pipeline().process(Article("b", text, "b.txt", "utf-8")).to_dict()
    tables = {t["metric"]: t for t in Digest(entries=[as_entry(entry)]).metric_tables()}
    assert "smart cloud infrastructure revenue" in tables
    low, high = tables["revenue forecast (low end)"], tables["revenue forecast (high end)"]
    assert [v["value"] for row in low["periods"] for v in row["values"]] == [3e10]
    assert [v["value"] for row in high["periods"] for v in row["values"]] == [3.2e10]
    assert not any(row["conflict"] for t in tables.values() for row in t["periods"])
