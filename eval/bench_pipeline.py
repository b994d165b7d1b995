"""Pipeline throughput: each stage on one core, the whole digest beside sumy's LexRank, and --jobs.

    python eval/bench_pipeline.py ../shared/seeds --jsonl ../shared/eval/dev.jsonl \\
        --digest-articles 120 --repeat 3 --out eval/results/bench_pipeline.json

Stages are timed over every article, --repeat times, after one warm-up pass (which
builds the lazily loaded tables); each stage is fed the previous stage's output, so
its time is its own. A digest entry splits, segments and tags its article once and
every stage reads that (Pipeline.parse); timed alone, each stage gets a fresh parse
and pays for the words and tags it needs, so the stages add up to more than the entry. The whole digest (``summarizer digest`` on --digest-articles
files, the corpus cycled to that count, Markdown and JSON written) is timed in this
process with --jobs 1 and --jobs 2, and sumy's LexRank (extra ``.[baselines]``)
summarises the same files in the same run. With --with-tiny-model, a tiny
random-weight Marian model compares batched, length-sorted generation with one by one.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import json
import multiprocessing
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from bench_history import code_version, comparison_markdown, cpu_model, earlier_runs
from bench_parallel import jobs_speed_up, speed_up, two_process_ceiling
from bench_start import cold_runs
from report import publish

from summarizer.cli.main import main as cli_main
from summarizer.digest.build import collect_inputs
from summarizer.digest.english import english_entry
from summarizer.evaluate import machine_description
from summarizer.figures.check import check_figures
from summarizer.pipeline import Pipeline
from summarizer.text.reading import Article, read_article


def load_articles(paths: list[str], jsonl: list[str]) -> list[Article]:
    """Article files (and folders), then the ``text`` of each record of the JSONL sets."""
    articles = [read_article(p) for p in collect_inputs(paths)]
    for set_path in jsonl:
        for line in Path(set_path).read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                if record.get("text"):
                    articles.append(Article(record["id"], record["text"], record["id"], "utf-8"))
    return articles


def timed(work, items, repeat: int) -> float:
    return timed_wall_cpu(work, items, repeat)[0]


def timed_wall_cpu(work, items, repeat: int) -> tuple[float, float]:
    """Wall-clock and CPU seconds: on a shared machine the CPU time is the steadier one."""
    started, cpu = time.perf_counter(), time.process_time()
    for _ in range(repeat):
        for item in items:
            work(item)
    return time.perf_counter() - started, time.process_time() - cpu


def _every_sentence_segmented(pipeline: Pipeline, result) -> None:
    parsed = pipeline.parse(result)
    for sentence in parsed.sentences:
        parsed.words(sentence.text)


def bench_stages(pipeline: Pipeline, articles: list[Article], repeat: int) -> list[dict]:
    """Each stage alone, on the previous stage's output (and a parse of its own)."""
    normalized = [pipeline.normalize(a) for a in articles]
    texts = [r.normalized.text for r in normalized]
    facts = [
        pipeline.fact_extractor.extract(pipeline.parse(r), r.normalized.published)
        for r in normalized
    ]
    entries = [
        english_entry(pipeline.parse(r), f, pipeline.glossary) for r, f in zip(normalized, facts)
    ]
    raw_mb = sum(len(a.text.encode("utf-8")) for a in articles) / 1e6
    stages = {
        "normalise (script, noise, mojibake)": (pipeline.normalize, articles),
        "split and segment every sentence": (
            lambda r: _every_sentence_segmented(pipeline, r),
            normalized,
        ),
        "extractive summary": (
            lambda r: pipeline.summarizer.summarize(pipeline.parse(r)),
            normalized,
        ),
        "key figures": (
            lambda r: pipeline.fact_extractor.extract(pipeline.parse(r), r.normalized.published),
            normalized,
        ),
        "English entry (names, figure sentences)": (
            lambda i: english_entry(pipeline.parse(normalized[i]), facts[i], pipeline.glossary),
            range(len(texts)),
        ),
        "figure check": (
            lambda i: check_figures(entries[i].text, texts[i], facts[i]),
            range(len(texts)),
        ),
        "digest entry (all of the above)": (pipeline.process, articles),
    }
    rows = []
    for name, (work, items) in stages.items():
        seconds, cpu = timed_wall_cpu(work, items, repeat)
        count = len(articles) * repeat
        rows.append(
            {
                "stage": name,
                "articles_per_s": round(count / seconds, 1),
                "ms_per_article": round(1000 * seconds / count, 2),
                "cpu_ms_per_article": round(1000 * cpu / count, 2),
                "mb_per_s": round(raw_mb * repeat / seconds, 3),
            }
        )
    return rows


def write_corpus(articles: list[Article], count: int, folder: Path) -> list[str]:
    """``count`` article files, the corpus cycled (file names keep them apart)."""
    paths = []
    for i in range(count):
        article = articles[i % len(articles)]
        path = folder / f"{i:05d}_{article.id}.txt"
        path.write_text(article.text, encoding="utf-8")
        paths.append(str(path))
    return paths


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished workers."""
    own, workers = (resource.getrusage(r) for r in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def run_digest(paths: list[str], jobs: int, folder: Path) -> tuple[float, float]:
    """Wall-clock and CPU seconds (workers included) for ``summarizer digest`` on the files."""
    out = [str(folder / f"digest-{jobs}.md"), str(folder / f"digest-{jobs}.json")]
    argv = ["digest", *paths, "--out", out[0], "--out", out[1], "--jobs", str(jobs)]
    started, cpu = time.perf_counter(), _cpu_seconds()
    with contextlib.redirect_stderr(io.StringIO()):
        status = cli_main(argv, stdout=io.StringIO(), stderr=io.StringIO())
    seconds = time.perf_counter() - started
    # the workers exit after the last result without being waited for: reaped here, so
    # that their CPU time is counted
    for child in multiprocessing.active_children():
        child.join()
    cpu = _cpu_seconds() - cpu
    if status != 0:
        raise SystemExit(f"digest --jobs {jobs} failed with status {status}")
    return seconds, cpu


def run_sumy(paths: list[str], sentences: int) -> tuple[float, float] | None:
    """Seconds for sumy's LexRank to summarise each file in ``sentences`` sentences.

    sumy's own call (parse, rate every sentence, pick the best); its summarisers
    have no public ranking method, so ``eval/baselines.py`` cannot be reused here.
    """
    try:
        from sumy.nlp.tokenizers import Tokenizer
        from sumy.parsers.plaintext import PlaintextParser
        from sumy.summarizers.lex_rank import LexRankSummarizer
    except ImportError:
        return None
    summarize = LexRankSummarizer()
    tokenizer = Tokenizer("chinese")
    started, cpu = time.perf_counter(), time.process_time()
    for path in paths:
        text = Path(path).read_text(encoding="utf-8")
        summarize(PlaintextParser.from_string(text, tokenizer).document, sentences)
    return time.perf_counter() - started, time.process_time() - cpu


def bench_digest(
    pipeline: Pipeline, articles: list[Article], count: int, repeat: int, larger: int
) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = write_corpus(articles, count, folder)
        run_digest(paths[: min(count, 10)], 1, folder)  # warm-up: tables loaded once
        run_sumy(paths[:2], 3)
        load_before = os.getloadavg()[0]
        # best of the runs by wall clock, each with the CPU time it took. The runs take
        # turns, so a spell of load on this shared machine falls on all of them alike
        digest_runs, two_runs, sumy_runs = [], [], []
        for _ in range(repeat):
            digest_runs.append(run_digest(paths, 1, folder))
            sumy_runs.append(run_sumy(paths, 3))
            two_runs.append(run_digest(paths, 2, folder))
        one, one_cpu = min(digest_runs)
        sumy, sumy_cpu = min(sumy_runs) if sumy_runs[0] else (None, None)
        two, two_cpu = min(two_runs)
        same = (folder / "digest-1.json").read_text() == (folder / "digest-2.json").read_text()
        jobs2 = speed_up([run[0] for run in digest_runs], [run[0] for run in two_runs])
        cold = cold_runs(paths, folder, repeat=3)
        ceiling = two_process_ceiling(pipeline, articles, count, repeat)
        (folder / "larger").mkdir()
        larger_paths = write_corpus(articles, larger, folder / "larger")
        larger_jobs2 = jobs_speed_up(
            lambda jobs: run_digest(larger_paths, jobs, folder)[0], max(2, (repeat + 1) // 2)
        )
        load_after = os.getloadavg()[0]
    return {
        "articles": count,
        "distinct_articles": len(articles),
        "jobs1_s": round(one, 2),
        "jobs1_cpu_s": round(one_cpu, 2),
        "jobs1_articles_per_s": round(count / one, 1),
        # on a machine shared with other work the clock counts their time too; the CPU
        # time is this process's own: articles per CPU second is the one-core rate
        "jobs1_articles_per_cpu_s": round(count / one_cpu, 1),
        "jobs2_s": round(two, 2),
        "jobs2_cpu_s": round(two_cpu, 2),
        "jobs2_articles_per_s": round(count / two, 1),
        "jobs2_speed_up": round(one / two, 2),
        "jobs2_speed_up_median": jobs2["median_of_turns"],
        "jobs2_output_identical": same,
        "two_process_ceiling": ceiling,
        "larger_batch": {"articles": larger, **larger_jobs2},
        "new_process": cold,
        "sumy_lexrank_s": round(sumy, 2) if sumy else None,
        "sumy_lexrank_cpu_s": round(sumy_cpu, 2) if sumy else None,
        "ours_over_sumy": round(one / sumy, 2) if sumy else None,
        "ours_over_sumy_cpu": round(one_cpu / sumy_cpu, 2) if sumy else None,
        "load_average_before_after": [round(load_before, 2), round(load_after, 2)],
    }


def bench_generation(repeat: int) -> dict:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from builders import build_marian

    from summarizer.models.seq2seq import Seq2SeqTranslator

    sentences = [
        "快手公布了第三季度业绩。",
        "报告期内，快手总营收同比增长11.4%至311亿元，经调整净利润同比增长24.4%至39亿元。",
        "程一笑表示公司将继续推进AI战略。",
        "电商业务方面，第三季度电商GMV同比增长15.1%至3342亿元。",
    ] * 8
    with tempfile.TemporaryDirectory() as folder:
        translator = Seq2SeqTranslator(
            str(build_marian(Path(folder) / "marian")), max_new_tokens=32
        )
        translator.generate(sentences[:2])
        batched = timed(lambda _: translator.generate(sentences), [None], repeat)
        single = timed(lambda _: [translator.generate([s]) for s in sentences], [None], repeat)
    return {
        "sentences": len(sentences),
        "batched_s": round(batched / repeat, 3),
        "one_by_one_s": round(single / repeat, 3),
        "speed_up": round(single / batched, 2),
        "model": "tiny random-weight Marian (d_model 16, 1 layer), greedy, max 32 new tokens",
    }


def goals_markdown(report: dict) -> list[str]:
    """The throughput goals, met or not, by this run's numbers."""
    d = report["digest"]
    rate, cpu_rate = d["jobs1_articles_per_s"], d["jobs1_articles_per_cpu_s"]
    lines = ["", "## Goals", ""]
    lines.append(
        f"- at least 50 articles/s with --jobs 1 (one core): {rate}/s by the clock "
        + ("(met)" if rate >= 50 else "(not met)")
        + f", {cpu_rate} per CPU second "
        + ("(met)." if cpu_rate >= 50 else "(not met).")
    )
    if d["ours_over_sumy"] is not None:
        ratio, ratio_cpu = d["ours_over_sumy"], d["ours_over_sumy_cpu"]
        lines.append(
            f"- at most 0.4× sumy LexRank's time: {ratio}× ({ratio_cpu}× its CPU time), "
            + ("met." if max(ratio, ratio_cpu) <= 0.4 else "not met.")
        )
    if "larger_batch" in d:
        big, ceiling = d["larger_batch"], d["two_process_ceiling"]
        line = (
            f"- --jobs 2 close to 2×: {d['jobs2_speed_up_median']}× on {d['articles']} files, "
            f"{big['median_of_turns']}× on {big['articles']} (medians of the turns)"
        )
        if ceiling:
            line += f"; two independent halves of the work reach {ceiling['median_of_turns']}× here"
        lines.append(line + ".")
    return lines


def _two_cores_markdown(d: dict) -> list[str]:
    """--jobs 2 against --jobs 1, here and on a larger batch, beside the machine's ceiling."""
    if "larger_batch" not in d:  # earlier reports
        return []
    big, ceiling = d["larger_batch"], d["two_process_ceiling"]
    lines = [
        "",
        f"Two cores: --jobs 2 over --jobs 1, best time over best time and the median of the "
        f"turns' ratios: {d['jobs2_speed_up']}× and {d['jobs2_speed_up_median']}× on "
        f"{d['articles']} files; {big['best_over_best']}× and {big['median_of_turns']}× on "
        f"{big['articles']} files ({big['one_s']} s and {big['two_s']} s, best of "
        f"{big['turns']}).",
    ]
    cold = d.get("new_process")
    if cold:
        lines.append(
            f"As a user runs it, in a new process that first loads its tables (best of 3): one "
            f"file {cold['one_file_s']} s; all {cold['files']} files {cold['all_jobs1_s']} s "
            f"with --jobs 1, {cold['all_jobs2_s']} s with --jobs 2."
        )
    if ceiling:
        lines.append(
            f"The ceiling on this machine: the {d['articles']} articles processed in one "
            f"process, then in two halves, each in a process forked from it, nothing sent "
            f"between them and nothing written: {ceiling['best_over_best']}× and "
            f"{ceiling['median_of_turns']}× ({ceiling['one_s']} s and {ceiling['two_s']} s)."
        )
    return lines


def to_markdown(report: dict) -> str:
    lines = [
        f"# Pipeline throughput ({report['date']})",
        "",
        f"Machine: {report['machine']}, shared with other work while measured (load average "
        f"before / after the digest runs: {report['digest']['load_average_before_after']}). "
        f"{report['articles']} articles ({report['characters']:,} characters, "
        f"{report['mb']} MB of UTF-8), each stage timed {report['repeat']} times after a "
        f"warm-up, one core. Peak memory (RSS) of this process: {report['peak_rss_mib']} MiB.",
        "",
        "| stage (each on the previous stage's output) | articles/s | ms/article | CPU ms/article | MB/s |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    lines += [
        f"| {r['stage']} | {r['articles_per_s']} | {r['ms_per_article']} | "
        f"{r['cpu_ms_per_article']} | {r['mb_per_s']} |"
        for r in report["stages"]
    ]
    d = report["digest"]
    runs = report.get("digest_repeat", report["repeat"])  # earlier reports ran --repeat times
    lines += [
        "",
        f"Whole digest (`summarizer digest`, Markdown and JSON written) on {d['articles']} "
        f"files ({d['distinct_articles']} distinct articles cycled), best of {runs}"
        " (the digest and sumy taking turns):",
        "",
        "| run | seconds | articles/s | CPU seconds (workers included) |",
        "| --- | ---: | ---: | ---: |",
        f"| digest --jobs 1 | {d['jobs1_s']} | {d['jobs1_articles_per_s']} | {d['jobs1_cpu_s']} "
        f"({d['jobs1_articles_per_cpu_s']} articles per CPU second) |",
        f"| digest --jobs 2 | {d['jobs2_s']} | {d['jobs2_articles_per_s']} | {d['jobs2_cpu_s']} |",
    ]
    if d["sumy_lexrank_s"]:
        rate = round(d["articles"] / d["sumy_lexrank_s"], 1)
        lines.append(
            f"| sumy LexRank summaries alone (3 sentences) | {d['sumy_lexrank_s']} | {rate} "
            f"| {d['sumy_lexrank_cpu_s']} |"
        )
    comparison = (
        f"; the digest takes {d['ours_over_sumy']}× sumy LexRank's time "
        f"({d['ours_over_sumy_cpu']}× its CPU time)"
        if d["sumy_lexrank_s"]
        else "; sumy is not installed (pip install -e '.[baselines]')"
    )
    lines += [
        "",
        f"--jobs 2 is {d['jobs2_speed_up']}× --jobs 1 by the clock (output identical: "
        f"{d['jobs2_output_identical']}){comparison}.",
    ]
    lines += _two_cores_markdown(d)
    if "generation" in report:
        g = report["generation"]
        lines += [
            "",
            f"Generation, {g['sentences']} sentences with a {g['model']}: batched and sorted by length "
            f"{g['batched_s']} s, one by one {g['one_by_one_s']} s ({g['speed_up']}× faster batched).",
        ]
    lines += goals_markdown(report)
    lines += comparison_markdown(report)
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", help="article files or folders")
    parser.add_argument("--jsonl", action="append", default=[], help="also the texts of this set")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--digest-articles", type=int, default=120)
    parser.add_argument(
        "--digest-repeat", type=int, default=5, help="runs of the digest and of sumy, taking turns"
    )
    parser.add_argument(
        "--larger-batch",
        type=int,
        default=600,
        help="files for a second --jobs 1 / --jobs 2 comparison, where starting the workers "
        "counts for less",
    )
    parser.add_argument("--with-tiny-model", action="store_true")
    parser.add_argument("--out", help="write JSON here and Markdown beside it")
    args = parser.parse_args(argv)

    articles = load_articles(args.paths, args.jsonl)
    chars = sum(len(a.text) for a in articles)
    pipeline = Pipeline()
    for article in articles:  # warm-up: segmenter, pinyin and character tables
        pipeline.process(article)
    report = {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{cpu_model()}, {machine_description()}",
        "code": code_version(),
        "articles": len(articles),
        "characters": chars,
        "mb": round(sum(len(a.text.encode("utf-8")) for a in articles) / 1e6, 3),
        "repeat": args.repeat,
        "stages": bench_stages(pipeline, articles, args.repeat),
        "digest_repeat": args.digest_repeat,
        "digest": bench_digest(
            pipeline, articles, args.digest_articles, args.digest_repeat, args.larger_batch
        ),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    if args.with_tiny_model:
        report["generation"] = bench_generation(args.repeat)
    report["earlier"] = earlier_runs(args.out)
    publish(report, to_markdown(report), args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
