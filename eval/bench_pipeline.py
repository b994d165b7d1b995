"""Pipeline throughput and memory: articles per second for each stage, and batched generation.

    python eval/bench_pipeline.py ../shared/seeds --repeat 5 --out eval/results/bench_pipeline.json

Stages are timed over every article, --repeat times, after one warm-up pass (which
builds the lazily loaded tables). With --with-tiny-model, a tiny random-weight Marian
model (built like the tests') compares batched, length-sorted generation with one by one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import sys
import tempfile
import time
from pathlib import Path

from report import publish

from summarizer.digest import collect_inputs
from summarizer.evaluate import machine_description
from summarizer.pipeline import Pipeline
from summarizer.textio import read_article


def timed(work, articles, repeat: int) -> float:
    started = time.perf_counter()
    for _ in range(repeat):
        for article in articles:
            work(article)
    return time.perf_counter() - started


def bench_generation(repeat: int) -> dict:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from builders import build_marian

    from summarizer.seq2seq import Seq2SeqTranslator

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", help="article files or folders")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--with-tiny-model", action="store_true")
    parser.add_argument("--out", help="write JSON here and Markdown beside it")
    args = parser.parse_args(argv)

    articles = [read_article(p) for p in collect_inputs(args.paths)]
    chars = sum(len(a.text) for a in articles)
    pipeline = Pipeline()
    for article in articles:  # warm-up: segmenter, pinyin and character tables
        pipeline.process(article)
    stages = {
        "normalize": pipeline.normalize,
        "summarize (normalise + extractive summary)": pipeline.summarize,
        "facts (normalise + key figures)": pipeline.facts,
        "digest entry (everything)": pipeline.process,
    }
    rows = []
    for name, work in stages.items():
        seconds = timed(work, articles, args.repeat)
        count = len(articles) * args.repeat
        rows.append(
            {
                "stage": name,
                "articles_per_s": round(count / seconds, 2),
                "ms_per_article": round(1000 * seconds / count, 1),
                "chars_per_s": round(chars * args.repeat / seconds),
            }
        )
    report = {
        "date": dt.date.today().isoformat(),
        "machine": machine_description(),
        "articles": len(articles),
        "characters": chars,
        "repeat": args.repeat,
        "stages": rows,
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    if args.with_tiny_model:
        report["generation"] = bench_generation(args.repeat)
    lines = [
        f"# Pipeline throughput ({report['date']})",
        "",
        f"Machine: {report['machine']}. {len(articles)} articles, {chars:,} characters, each timed "
        f"{args.repeat} times after a warm-up. Peak memory (RSS): {report['peak_rss_mib']} MiB.",
        "",
        "| stage | articles/s | ms/article | characters/s |",
        "| --- | ---: | ---: | ---: |",
    ]
    lines += [
        f"| {r['stage']} | {r['articles_per_s']} | {r['ms_per_article']} | {r['chars_per_s']:,} |"
        for r in rows
    ]
    if "generation" in report:
        g = report["generation"]
        lines += [
            "",
            f"Generation, {g['sentences']} sentences with a {g['model']}: batched and sorted by length "
            f"{g['batched_s']} s, one by one {g['one_by_one_s']} s ({g['speed_up']}× faster batched).",
        ]
    markdown = "\n".join(lines) + "\n"
    publish(report, markdown, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
