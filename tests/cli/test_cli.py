import io
import json
import subprocess
import sys

import pytest

from summarizer.cli.main import main

REPO_SAMPLES = __import__("pathlib").Path(__file__).resolve().parents[2] / "samples"


def run(argv, stdin_bytes: bytes | None = None, monkeypatch=None):
    out, err = io.StringIO(), io.StringIO()
    if stdin_bytes is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin_bytes)))
    code = main(argv, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


ARTICLE = "星河科技今日公布第三季度业绩，营收同比增长11.4%至311亿元。\n董事长表示将继续投入研发，扩大海外业务。\n"


def test_normalize_json_is_an_array_with_one_object_per_input(write_file):
    a = write_file("a.txt", "聪(cong)明(ming)的资金流入。" + ARTICLE)
    b = write_file("b.txt", ARTICLE, "gb18030")
    code, out, err = run(["normalize", str(a), str(b), "--format", "json"])
    assert code == 0, err
    records = json.loads(out)
    assert [r["id"] for r in records] == ["a", "b"]
    assert records[0]["text"].startswith("聪明的资金流入。")
    assert records[0]["script"] == "zh-Hans"
    assert records[0]["removed"] == [{"kind": "pinyin-annotation", "count": 2, "sample": "(cong)"}]
    assert records[1]["removed"] == []


def test_jsonl_is_one_object_per_line(write_file):
    a = write_file("a.txt", ARTICLE)
    code, out, _ = run(["summarize", str(a), str(a), "--format", "jsonl"])
    lines = out.strip().split("\n")
    assert code == 0 and len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert first == second  # the same file twice: the same record
    _, text_out, _ = run(["summarize", str(a)])
    assert first["summary_zh"] == text_out.strip() and first["summary_zh"]
    assert first["id"] == "a" and first["method"].startswith("extractive")
    assert first["sentences"] == sorted(first["sentences"]) and first["warnings"] == []


def test_one_bad_file_does_not_sink_the_batch(write_file, tmp_path):
    good = write_file("good.txt", ARTICLE)
    empty = write_file("empty.txt", "  \n")
    binary = write_file("bin.dat", b"\x00\x01\x02binary\x00")
    code, out, err = run(
        [
            "summarize",
            str(empty),
            str(tmp_path / "missing.txt"),
            str(good),
            str(binary),
            "--format",
            "json",
        ]
    )
    assert code == 1
    assert [r["id"] for r in json.loads(out)] == ["good"]
    assert f"summarizer: {empty}: empty text" in err
    assert f"summarizer: {tmp_path / 'missing.txt'}: no such file" in err
    assert f"summarizer: {binary}: looks like a binary file, not text" in err


def test_summarize_reads_stdin(monkeypatch):
    code, out, err = run(
        ["summarize", "-", "--max-chars", "40"], ARTICLE.encode("gb18030"), monkeypatch
    )
    assert code == 0, err
    assert out.strip() == "星河科技今日公布第三季度业绩，营收同比增长11.4%至311亿元。"


def test_summarize_options_and_user_glossary(write_file):
    article = write_file("a.txt", ARTICLE)
    glossary = write_file("mine.tsv", "星河科技\tXinghe Tech\n")
    code, out, err = run(
        [
            "summarize",
            str(article),
            "--sentences",
            "1",
            "--glossary",
            str(glossary),
            "--format",
            "json",
        ]
    )
    assert code == 0, err
    assert json.loads(out)[0]["sentences"] == [0]


def test_malformed_user_glossary_fails_with_its_line(write_file):
    article = write_file("a.txt", ARTICLE)
    glossary = write_file("bad.tsv", "zh\ten\tkind\taliases\tnote\n星河\t\tcompany\t\t\n")
    code, _, err = run(["summarize", str(article), "--glossary", str(glossary)])
    assert code == 1
    assert f"{glossary}:2: empty English form for '星河'" in err


def test_glossary_check(write_file):
    good = write_file(
        "good.tsv",
        "zh\ten\tkind\taliases\tnote\n快手\tKuaishou\tcompany\t\t\n程一笑\tCheng Yixiao\tperson\t\tCEO\n",
    )
    bad = write_file("bad.csv", "快手,Kuaishou\n,Nobody\n")
    code, out, err = run(["glossary", "check", str(good), str(bad)])
    assert code == 1
    assert f"{good}: 2 entries (1 company, 1 person)" in out
    assert f"{bad}:2: empty Chinese term" in err


def test_glossary_suggest_proposes_pinyin_for_unknown_people(write_file):
    article = write_file(
        "a.txt", "星河科技董事长张伟明表示，公司将继续投资。张伟明还说，明年会更好。"
    )
    code, out, err = run(["glossary", "suggest", str(article)])
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "zh\ten\tkind\taliases\tnote"
    assert any(line.startswith("张伟明\tZhang Weiming\tperson\t") for line in lines)


def test_usage_errors_exit_2():
    code, _, err = run(["summarize"])
    assert code == 2 and "required" in err
    code, _, err = run(["summarize", "x.txt", "--max-chars", "0"])
    assert code == 2 and "must be a positive integer" in err


def test_samples_shipped_for_the_readme_demo_summarise():
    files = sorted(str(p) for p in REPO_SAMPLES.glob("*.txt"))
    assert len(files) >= 3
    code, out, err = run(["summarize", *files, "--format", "json"])
    assert code == 0, err
    assert all(r["summary_zh"] for r in json.loads(out))


@pytest.mark.parametrize("entry", [[sys.executable, "-m", "summarizer"]])
def test_module_entry_point_in_a_subprocess(entry, write_file):
    article = write_file("a.txt", ARTICLE)
    done = subprocess.run(
        [*entry, "summarize", str(article), "--format", "json"], capture_output=True, timeout=120
    )
    assert done.returncode == 0, done.stderr.decode()
    assert json.loads(done.stdout)[0]["id"] == "a"
    assert b"Prefix dict" not in done.stderr  # the segmenter loads quietly


def test_article_that_is_only_page_noise_is_reported(write_file):
    noise = write_file("noise.txt", "订阅\n纠错\n发布日期:2024-10-02 09:44    点击次数:123\n")
    code, out, err = run(["normalize", str(noise), "--format", "json"])
    assert code == 1 and json.loads(out) == []
    assert f"summarizer: {noise}: no article text left after removing page noise" in err


def test_digest_of_a_folder_without_articles(tmp_path):
    (tmp_path / "notes.md").write_text("# nothing", encoding="utf-8")
    code, _, err = run(["digest", str(tmp_path)])
    assert code == 1 and f"summarizer: no article files found in {tmp_path}" in err


def test_facts_text_output_is_one_line_per_figure(write_file):
    article = write_file(
        "a.txt", "快手发布公告。\n2024年第三季度，快手总营收同比增长11.4%至311亿元。"
    )
    code, out, _ = run(["facts", str(article)])
    assert code == 0
    assert (
        out.strip()
        == "Kuaishou\trevenue\tQ3 2024\tRMB 31.1 billion, up 11.4% year on year\t总营收同比增长11.4%至311亿元"
    )


def test_bundled_glossary_passes_its_own_check():
    path = REPO_SAMPLES.parent / "glossary" / "zh_en.tsv"
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()[1:]]
    rows = [row for row in rows if row[0].strip() and not row[0].startswith("#")]
    code, out, err = run(["glossary", "check", str(path)])
    assert code == 0, err
    assert f"{path}: {len(rows)} entries (" in out
    people = sum(1 for row in rows if row[2] == "person")
    assert f"{people} person" in out


def test_verbose_logs_the_steps_on_stderr_and_quiet_logs_nothing(tmp_path):
    sample = str(REPO_SAMPLES / "kuaishou_q3_results.txt")
    glossary = tmp_path / "extra.tsv"  # options of their own: this run builds its pipeline
    glossary.write_text("zh\ten\tkind\n星河电子\tXinghe Electronics\tcompany\n", encoding="utf-8")
    err = io.StringIO()
    argv = ["-v", "facts", sample, "--jobs", "1", "--glossary", str(glossary)]
    assert main(argv, stdout=io.StringIO(), stderr=err) == 0
    assert "summarizer.pipeline: glossary:" in err.getvalue()
    assert "pipeline ready" in err.getvalue()
    quiet = io.StringIO()
    assert main(["facts", sample, "--jobs", "1"], stdout=io.StringIO(), stderr=quiet) == 0
    assert quiet.getvalue() == ""
    debug = io.StringIO()
    assert main(["-vv", "facts", sample, "--jobs", "1"], stdout=io.StringIO(), stderr=debug) == 0
    assert "kuaishou_q3_results.txt: " in debug.getvalue() and " ms" in debug.getvalue()
