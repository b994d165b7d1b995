"""Compare the extractive summariser with lead, random and other open-source summarisers.

Every method sees the same normalised text and the same budget (each reference's
length in characters); scores are sacrebleu BLEU (tokenize="zh") and chrF.

    pip install -e .[baselines]
    python eval/baselines.py ../shared/eval/seeds.jsonl --out eval/results/summarizer_baselines.json

Methods whose package is not installed are skipped and listed as such.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
from collections.abc import Callable
from pathlib import Path

from report import publish

from summarizer.evaluate import EvalItem, load_eval_set, machine_description, score_pair
from summarizer.glossary import load_glossaries
from summarizer.pipeline import Pipeline
from summarizer.text.normalize import normalize
from summarizer.text.reading import Article
from summarizer.text.segment import split_sentences

Ranker = Callable[[str], list[str]]  # normalised text → sentences, best first


def fill_budget(ranked: list[str], text: str, budget: int) -> str:
    """Take ranked sentences while they fit the budget, then put them in text order."""
    chosen: list[str] = []
    used = 0
    for sentence in ranked:
        if sentence and sentence not in chosen and used + len(sentence) <= budget:
            chosen.append(sentence)
            used += len(sentence)
    chosen.sort(key=lambda s: text.find(s) if s in text else len(text))
    return "".join(chosen)


def lead_ranker(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def random_ranker(seed: int) -> Ranker:
    def rank(text: str) -> list[str]:
        sentences = lead_ranker(text)
        random.Random(seed).shuffle(sentences)
        return sentences

    return rank


def sumy_ranker(name: str) -> Ranker:
    from sumy.nlp.tokenizers import Tokenizer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer

    summarizer = {"lexrank": LexRankSummarizer, "textrank": TextRankSummarizer}[name]()

    def rank(text: str) -> list[str]:
        # sumy returns its best k sentences in document order and, since 0.13, no ratings:
        # the sentence its best k+1 adds to its best k is its (k+1)-th choice
        document = PlaintextParser.from_string(text, Tokenizer("chinese")).document
        ranked: list[str] = []
        for k in range(1, len(document.sentences) + 1):
            ranked += [s for s in map(str, summarizer(document, k)) if s not in ranked]
        return ranked

    return rank


def snownlp_ranker(text: str) -> list[str]:
    from snownlp import SnowNLP

    # SnowNLP drops sentence punctuation; a full stop is put back for fair scoring.
    return [s + "。" for s in SnowNLP(text).summary(1000)]


def textrank4zh_ranker(text: str) -> list[str]:
    import networkx
    from textrank4zh import TextRank4Sentence

    # textrank4zh predates networkx 3, which renamed this function.
    if not hasattr(networkx, "from_numpy_matrix"):
        networkx.from_numpy_matrix = networkx.from_numpy_array

    ranker = TextRank4Sentence()
    ranker.analyze(text=text, lower=True)
    return [item.sentence + "。" for item in ranker.get_key_sentences(num=1000)]


def run(set_path: str) -> dict:
    items = [i for i in load_eval_set(set_path) if i.reference_zh]
    glossary = load_glossaries()
    pipeline = Pipeline()
    texts = {i.id: normalize(i.text, glossary.forms()).text for i in items}

    def ours(item: EvalItem) -> str:
        article = Article(item.id, item.text, item.id, "utf-8")
        return pipeline.summarize(article, max_chars=len(item.reference_zh)).summary.text

    def from_ranker(ranker: Ranker) -> Callable[[EvalItem], str]:
        return lambda item: fill_budget(
            ranker(texts[item.id]), texts[item.id], len(item.reference_zh)
        )

    methods: dict[str, list[Callable[[EvalItem], str]]] = {
        "ours (extractive-lexrank)": [ours],
        "lead": [from_ranker(lead_ranker)],
        "random (mean of 5 seeds)": [from_ranker(random_ranker(seed)) for seed in range(5)],
    }
    optional = {
        "sumy LexRank": lambda: from_ranker(sumy_ranker("lexrank")),
        "sumy TextRank": lambda: from_ranker(sumy_ranker("textrank")),
        "SnowNLP": lambda: from_ranker(snownlp_ranker),
        "textrank4zh": lambda: from_ranker(textrank4zh_ranker),
    }
    skipped: list[str] = []
    for name, make in optional.items():
        try:
            methods[name] = [make()]
            methods[name][0](items[0])
        except ImportError as exc:
            methods.pop(name, None)
            skipped.append(f"{name} ({exc.name} not installed)")
        except Exception as exc:  # a third-party tool that breaks is reported, not fatal
            methods.pop(name, None)
            skipped.append(f"{name} (failed: {exc})")

    references = [i.reference_zh for i in items]
    rows = []
    for name, variants in methods.items():
        scores = [score_pair([v(i) for i in items], references, "zh") for v in variants]
        rows.append(
            {
                "method": name,
                "bleu": round(statistics.mean(s["bleu"] for s in scores), 2),
                "chrf": round(statistics.mean(s["chrf"] for s in scores), 2),
            }
        )
    return {
        "set": Path(set_path).name,
        "items": len(items),
        "budget": "each reference's length in characters",
        "signature": scores[0]["signature"],
        "machine": machine_description(),
        "date": dt.date.today().isoformat(),
        "results": rows,
        "skipped": skipped,
    }


def to_markdown(report: dict) -> str:
    lines = [
        f"# Extractive summaries on {report['set']} ({report['items']} articles)",
        "",
        f"Budget: {report['budget']}. Date: {report['date']}. Machine: {report['machine']}.",
        "",
        "| method | BLEU (zh) | chrF |",
        "| --- | ---: | ---: |",
    ]
    lines += [f"| {r['method']} | {r['bleu']:.2f} | {r['chrf']:.2f} |" for r in report["results"]]
    lines += [
        "",
        f"BLEU: `{report['signature']['bleu']}`",
        f"chrF: `{report['signature']['chrf']}`",
    ]
    if report["skipped"]:
        lines += ["", "Skipped: " + ", ".join(report["skipped"])]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("set", help="evaluation set (JSONL with reference_zh)")
    parser.add_argument("--out", help="write JSON here, and Markdown beside it")
    args = parser.parse_args(argv)
    report = run(args.set)
    markdown = to_markdown(report)
    publish(report, markdown, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
