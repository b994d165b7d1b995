"""CLI command eval: summaries, English, terms and figures against references; translation sets."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

from summarizer.cli.common import Io, pipeline_from_args
from summarizer.text.reading import InputError


def cmd_eval(args: argparse.Namespace, io: Io) -> None:
    from summarizer.evaluate import evaluate_pipeline, is_translation_set, load_eval_set

    if args.set == "facts":
        cmd_eval_facts(args, io)
        return
    if args.gold:
        raise InputError(f"eval: unexpected {args.gold!r} (only 'eval facts GOLD.jsonl' takes two)")
    if is_translation_set(args.set):
        _eval_translation(args, io)
        return
    pipeline = pipeline_from_args(args)
    items = load_eval_set(args.set)[: args.limit] if args.limit else load_eval_set(args.set)
    results = evaluate_pipeline(pipeline, items, args.max_chars)
    english_method = (
        f"translation: {args.translator}" if args.translator else "key-figure entry (no model)"
    )
    results["method"] = {"summary_zh": pipeline.summarizer.method, "english": english_method}
    if _write_results(results, args, io):
        return
    _print_eval_text(results, io)


def _write_results(results: dict, args: argparse.Namespace, io: Io) -> bool:
    """Save the results where --out says; print them as JSON when asked. True when printed."""
    from summarizer.evaluate import machine_description

    results["recorded"] = {"date": dt.date.today().isoformat(), "machine": machine_description()}
    if args.out:
        out_path = Path(args.out)
        out_path.parent.mkdir(parents=True, exist_ok=True)
        out_path.write_text(
            json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    if args.format == "json":
        print(json.dumps(results, ensure_ascii=False, indent=2), file=io.out)
        return True
    return False


def _eval_translation(args: argparse.Namespace, io: Io) -> None:
    from summarizer.evaluate import evaluate_translation

    if not args.translator:
        raise InputError(f"{args.set} is a translation set; name a model with --translator")
    pipeline = pipeline_from_args(args)
    results = evaluate_translation(args.set, pipeline.translator.translate, args.limit)
    results["method"] = {"translator": args.translator, "glossary": "constrained"}
    if _write_results(results, args, io):
        return
    for label, scores in results["corpus"].items():
        print(f"{label}\tBLEU {scores['bleu']:6.2f}\tchrF {scores['chrf']:6.2f}", file=io.out)
        print(f"  BLEU: {scores['signature']['bleu']}", file=io.out)


def _print_eval_text(results: dict, io: Io) -> None:
    for item in results["items"]:
        cells = [item["id"]]
        for lang in ("zh", "en"):
            if lang in item:
                cells.append(
                    f"{lang} BLEU {item[lang]['bleu']:6.2f} chrF {item[lang]['chrf']:6.2f}"
                )
        if "facts" in item:
            f = item["facts"]
            cells.append(
                f"facts {f['matched_gold']}/{f['gold']} found, {f['matched_predicted']}/{f['predicted']} right"
            )
        print("\t".join(cells), file=io.out)
    corpus = results["corpus"]
    for lang in ("zh", "en"):
        if lang in corpus:
            c = corpus[lang]
            print(f"corpus {lang}\tBLEU {c['bleu']:6.2f}\tchrF {c['chrf']:6.2f}", file=io.out)
            print(
                f"  BLEU: {c['signature']['bleu']}\n  chrF: {c['signature']['chrf']}", file=io.out
            )
    if "terms" in corpus:
        t = corpus["terms"]
        print(f"term accuracy\t{t['accuracy']:.3f} ({t['correct']}/{t['considered']})", file=io.out)
    if "recorded" in results:
        print(
            f"recorded\t{results['recorded']['date']}, {results['recorded']['machine']}",
            file=io.out,
        )
    if "facts" in corpus:
        f = corpus["facts"]
        print(f"figures\tprecision {f['precision']:.3f}\trecall {f['recall']:.3f}", file=io.out)


def cmd_eval_facts(args: argparse.Namespace, io: Io) -> None:
    """Key figures alone against a gold set: recall, labels, periods, traceability, per article."""
    from summarizer.evaluate import load_eval_set, score_pipeline_facts

    if not args.gold:
        raise InputError("eval facts: name the gold set, e.g. summarizer eval facts dev.jsonl")
    pipeline = pipeline_from_args(args)
    items = load_eval_set(args.gold)
    items = items[: args.limit] if args.limit else items
    results = score_pipeline_facts(pipeline, items, args.gold)
    articles = results["items"]
    if _write_results(results, args, io):
        return
    for a in articles:
        print(
            f"{a['id']}\tfound {a['found']}/{a['gold']}\tlabels {a['labels_right']}/{a['found']}"
            f"\tperiod {a['with_period']}/{a['predicted']}"
            f"\ttraceable {a['traceable']}/{a['predicted']}",
            file=io.out,
        )
        if args.verbose_misses:
            for line in a["missed"]:
                print(f"  missed: {line}", file=io.out)
            for line in a["mislabelled"]:
                print(f"  label: {line}", file=io.out)
    c = results["corpus"]
    print(
        f"corpus\trecall {c['recall']}\tlabels {c['label_accuracy']} (kind {c['kind_accuracy']}, "
        f"adjusted {c['adjusted_accuracy']}, subject {c['subject_accuracy']})"
        f"\tperiod given {c['period_given']}\ttraceable {c['traceable']}",
        file=io.out,
    )
    print(f"recorded\t{results['recorded']['date']}, {results['recorded']['machine']}", file=io.out)
