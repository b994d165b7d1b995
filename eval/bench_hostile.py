"""Time of the whole pipeline (normalise, summarise, key figures, English entry) on hostile input.

Each case is an input built to hit a stage's worst case: long runs of digits, of
1,1,1…, of 一, a page of mojibake markers, long text without punctuation, one
repeated character, bidi and zero-width controls, and an article near the 5 MB
limit. Linear-time stages keep each of these to seconds.

    python eval/bench_hostile.py --out eval/results/bench_hostile.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from report import publish  # noqa: E402

from summarizer.evaluate import machine_description  # noqa: E402
from summarizer.pipeline import Pipeline  # noqa: E402
from summarizer.text.reading import MAX_ARTICLE_BYTES, Article  # noqa: E402

SAMPLE = (Path(__file__).resolve().parents[1] / "samples" / "kuaishou_q3_results.txt").read_text(
    encoding="utf-8"
)


def analyst_notes(count: int) -> str:
    """``count`` sentences, each a different analyst introduced by broker and title, with a
    target price and a rating: every analyst's name is looked up, every rating placed."""
    given, surnames = "明华国立志强文军伟静丽敏杰涛斌", "王李张刘陈杨黄赵吴周徐孙马朱胡郭"
    names = [f"{s}{a}{b}" for s in surnames for a in given for b in given]
    return "".join(
        f"高盛证券分析师{names[i % len(names)]}认为，星河科技目标价为{40 + i % 50}元，"
        "维持「买入」评级。"
        for i in range(count)
    )


def cases() -> dict[str, str]:
    near_limit = SAMPLE * (MAX_ARTICLE_BYTES // len(SAMPLE.encode("utf-8")))
    return {
        "4,000 analysts, target prices and ratings (140,000 chars)": analyst_notes(4_000),
        "营收 + 25,000 digits": "营收" + "1" * 25_000,
        "营收 + 1,1,1… (40,000 chars)": "营收" + "1," * 20_000,
        "营收 + 25,000 × 一": "营收" + "一" * 25_000,
        "mojibake markers (12,000 chars)": "?梢钥吹" * 3_000,
        "200,000 chars, no punctuation": "快手营收增长很快" * 25_000,
        "1,000,000 × one character (3 MB)": "啊" * 1_000_000,
        "bidi / zero-width controls (40,000 chars)": "\u202e快手\u200f营收\u200b增长。" * 4_000,
        f"sample article repeated to {len(near_limit.encode('utf-8')) / 1e6:.1f} MB": near_limit,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", help="write JSON here and Markdown beside it")
    args = parser.parse_args(argv)
    pipeline = Pipeline()
    pipeline.process(Article("warm-up", SAMPLE, "warm-up", "utf-8"))
    rows = []
    for name, text in cases().items():
        started = time.perf_counter()
        result = pipeline.process(Article("x", text, "x", "utf-8")).to_dict()
        seconds = time.perf_counter() - started
        rows.append(
            {
                "case": name,
                "chars": len(text),
                "seconds": round(seconds, 2),
                "summary_chars": len(result["summary_zh"]),
                "title_chars": len(result["title"]),
            }
        )
        print(f"{name}: {seconds:.2f} s", file=sys.stderr)
    report = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="minutes"),
        "machine": machine_description(),
        "results": rows,
    }
    lines = [
        f"# Pipeline on hostile input ({report['date']})",
        "",
        f"Machine: {report['machine']} (shared with other jobs). Whole pipeline per input "
        "(normalise, summarise with the default 250-character budget, key figures, English entry), "
        "extractive, no translator.",
        "",
        "| input | characters | seconds | summary chars | title chars |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    lines += [
        f"| {r['case']} | {r['chars']:,} | {r['seconds']} | {r['summary_chars']} | {r['title_chars']} |"
        for r in rows
    ]
    publish(report, "\n".join(lines) + "\n", args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
