"""How far extraction can go: greedy oracles for the Chinese summary at a fixed budget.

For each article, pieces of the article are added greedily, each time the one
that raises the summary's chrF against the reference most, while the summary
(pieces in source order) fits the budget. Three pools of pieces:

- sentences: whole sentences of the normalised article;
- clauses: its clauses as written (split at ，；：);
- compressed clauses: the clauses after the summariser's compression (frames,
  asides and conversions out, mainland financial wording), without regard to sense.

The oracles read the reference, so they bound what a summariser could reach; the
summariser's own chrF is recorded beside them. Corpus chrF by sacrebleu.

    python eval/summary_oracle.py ../shared/eval/seeds.jsonl ../shared/eval/dev.jsonl \\
        --budget 160 --out eval/results/summary_oracle.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from report import publish  # noqa: E402
from sacrebleu.metrics import CHRF  # noqa: E402

from summarizer.evaluate import load_eval_set, machine_description, score_pair  # noqa: E402
from summarizer.pipeline import Pipeline  # noqa: E402
from summarizer.text.compress import CLAUSE, mainland_wording, strip_frames  # noqa: E402
from summarizer.text.reading import Article  # noqa: E402
from summarizer.text.segment import split_sentences  # noqa: E402

_CHRF = CHRF()


def _greedy(pieces: list[str], reference: str, budget: int) -> str:
    chosen: list[int] = []
    best = 0.0
    while True:
        pick = None
        for i in range(len(pieces)):
            if i in chosen:
                continue
            text = "".join(pieces[j] for j in sorted([*chosen, i]))
            if len(text) > budget:
                continue
            score = _CHRF.sentence_score(text, [reference]).score
            if score > best:
                best, pick = score, i
        if pick is None:
            return "".join(pieces[j] for j in sorted(chosen))
        chosen.append(pick)


def _clauses(sentences: list[str]) -> list[str]:
    return [m.group(0) for s in sentences for m in CLAUSE.finditer(s) if m.group(0).strip()]


def _set_scores(pipeline: Pipeline, path: str, budget: int) -> dict:
    outputs: dict[str, list[str]] = {
        "sentences": [],
        "clauses": [],
        "compressed": [],
        "ours": [],
    }
    references = []
    for item in load_eval_set(path):
        result = pipeline.process(Article(item.id, item.text, item.id, "utf-8"), budget)
        sentences = [s.text for s in split_sentences(result.normalized.text)]
        compressed = [mainland_wording(strip_frames(s)) for s in sentences]
        ref = item.reference_zh
        outputs["sentences"].append(_greedy(sentences, ref, budget))
        outputs["clauses"].append(_greedy(_clauses(sentences), ref, budget))
        outputs["compressed"].append(_greedy(_clauses(compressed), ref, budget))
        outputs["ours"].append(result.summary.text)
        references.append(ref)
    return {
        "articles": len(references),
        **{name: score_pair(texts, references, "zh") for name, texts in outputs.items()},
    }


def _markdown(report: dict) -> str:
    lines = [
        f"# Chinese summary oracles at {report['budget']} characters",
        "",
        f"Recorded {report['date']} on {report['machine']}.",
        "",
        "| set | articles | oracle: sentences | oracle: clauses | oracle: compressed clauses | ours |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, s in report["sets"].items():
        lines.append(
            f"| {name} | {s['articles']} | {s['sentences']['chrf']} | {s['clauses']['chrf']} "
            f"| {s['compressed']['chrf']} | {s['ours']['chrf']} |"
        )
    lines += [
        "",
        "chrF (sacrebleu; signatures and BLEU in the JSON). The oracles pick pieces by their chrF against",
        "the reference, so they bound what extraction can reach; they are not summarisers.",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sets", nargs="+", metavar="SET.jsonl")
    parser.add_argument("--budget", type=int, default=160, help="summary length in characters")
    parser.add_argument("--out", help="write the JSON here and the Markdown beside it")
    args = parser.parse_args(argv)
    pipeline = Pipeline()
    sets = {Path(path).stem: _set_scores(pipeline, path, args.budget) for path in args.sets}
    report = {
        "date": dt.date.today().isoformat(),
        "machine": machine_description(),
        "budget": args.budget,
        "sets": sets,
    }
    publish(report, _markdown(report), args.out)


if __name__ == "__main__":
    main()
