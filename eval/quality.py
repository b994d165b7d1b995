"""Quality on the seeds and the development set: key figures, Chinese summaries, English entries.

Runs the model-free pipeline on each set the way `summarizer eval` and
`summarizer eval facts` do, and records, with the machine and the date:

- key figures against the gold figures: recall, label accuracy (metric kind,
  adjusted or reported, subject), periods given, traceability;
- Chinese summaries against `reference_zh`: chrF and BLEU (sacrebleu, tokenize=zh)
  at a fixed budget (160 characters) and at each reference's own length;
- English entries against `reference_en`: chrF and BLEU (13a), and term accuracy.

    python eval/quality.py ../shared/eval/seeds.jsonl ../shared/eval/dev.jsonl --out eval/results/quality.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from report import publish  # noqa: E402

from summarizer.evaluate import (  # noqa: E402
    evaluate_pipeline,
    load_eval_set,
    machine_description,
    score_pipeline_facts,
)
from summarizer.pipeline import Pipeline  # noqa: E402

FIXED_BUDGET = 160


def _scores(pipeline: Pipeline, path: str) -> dict:
    items = load_eval_set(path)
    figures = score_pipeline_facts(pipeline, items, path)["corpus"]
    fixed = evaluate_pipeline(pipeline, items, FIXED_BUDGET)["corpus"]
    matched = evaluate_pipeline(pipeline, items)["corpus"]
    return {
        "articles": len(items),
        "figures": {k: v for k, v in figures.items() if not isinstance(v, list)},
        "summary_zh_160": fixed["zh"],
        "summary_zh_reference_length": matched["zh"],
        "english": matched["en"],
        "terms": matched.get("terms"),
    }


def _markdown(report: dict) -> str:
    lines = [
        "# Quality on the seeds and the development set",
        "",
        f"Recorded {report['date']} on {report['machine']}; method: {report['method']}.",
        "",
        "| set | articles | figure recall | labels right | periods given | traceable | zh chrF @160 | zh chrF @ref | en chrF | terms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, s in report["sets"].items():
        f = s["figures"]
        terms = s["terms"]["accuracy"] if s.get("terms") else None
        lines.append(
            f"| {name} | {s['articles']} | {f['recall']} ({f['found']}/{f['gold']}) | {f['label_accuracy']} "
            f"| {f['period_given']} | {f['traceable']} | {s['summary_zh_160']['chrf']} "
            f"| {s['summary_zh_reference_length']['chrf']} | {s['english']['chrf']} | {terms} |"
        )
    lines += [
        "",
        "BLEU and chrF by sacrebleu; signatures in the JSON. Figure recall: a gold figure is found when a",
        "figure has its value (within 0.5%) and a compatible period; labels: metric kind, adjusted or",
        "reported, and subject agree (`summarizer eval facts`).",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sets", nargs="+", metavar="SET.jsonl")
    parser.add_argument("--out", help="write the JSON here and the Markdown beside it")
    args = parser.parse_args(argv)
    pipeline = Pipeline()
    report = {
        "date": dt.date.today().isoformat(),
        "machine": machine_description(),
        "method": f"{pipeline.summarizer.method}, key-figure English entry (no model)",
        "sets": {Path(path).stem: _scores(pipeline, path) for path in args.sets},
    }
    publish(report, _markdown(report), args.out)


if __name__ == "__main__":
    main()
