"""Evaluation with sacrebleu: BLEU and chrF of summaries against reference summaries."""

from __future__ import annotations

import json
import os
import platform
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from summarizer.text.reading import Article, InputError, read_article


@dataclass
class EvalItem:
    """One evaluation record: the article text and its references."""

    id: str
    text: str
    reference_zh: str = ""
    reference_en: str = ""
    extra: dict = field(default_factory=dict)


def load_eval_set(path: str | Path) -> list[EvalItem]:
    """Read a JSONL set like seeds.jsonl: articles by ``source`` path (relative to the set) or inline ``text``."""
    set_path = Path(path)
    if not set_path.is_file():
        raise InputError(f"{path}: no such evaluation set")
    items: list[EvalItem] = []
    for number, line in enumerate(set_path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{number}: not valid JSON ({exc.msg})") from exc
        if not isinstance(record, dict):
            raise InputError(f"{path}:{number}: each line must be a JSON object")
        if "text" in record:
            text = record["text"]
        elif "source" in record:
            text = read_article(set_path.parent / record["source"]).text
        else:
            raise InputError(f"{path}:{number}: needs 'text' or 'source'")
        _check_gold_facts(record.get("facts"), f"{path}:{number}")
        item_id = str(record.get("id", number))
        known = {"id", "text", "source", "reference_zh", "reference_en"}
        items.append(
            EvalItem(
                id=item_id,
                text=text,
                reference_zh=record.get("reference_zh", ""),
                reference_en=record.get("reference_en", ""),
                extra={k: v for k, v in record.items() if k not in known},
            )
        )
    if not items:
        raise InputError(f"{path}: no records")
    return items


def _check_gold_facts(facts: object, where: str) -> None:
    """A gold figure needs a metric and a value or a change; say which record is malformed."""
    if facts is None:
        return
    if not isinstance(facts, list):
        raise InputError(f"{where}: 'facts' must be a list of objects")
    for position, fact in enumerate(facts, 1):
        if not isinstance(fact, dict):
            raise InputError(f"{where}: fact {position} is not an object")
        if not isinstance(fact.get("metric"), str) or not fact["metric"].strip():
            raise InputError(f"{where}: fact {position} has no 'metric' name")
        numbers = ["value", "yoy_pct", "qoq_pct", "mom_pct", "yoy_pp", "qoq_pp"]
        for key in numbers:
            value = fact.get(key)
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, int | float)
            ):
                raise InputError(f"{where}: fact {position} has a non-numeric {key!r}: {value!r}")
        if all(fact.get(key) is None for key in numbers):
            raise InputError(f"{where}: fact {position} has neither a value nor a change")
        for key in ("period", "subject", "unit"):
            if fact.get(key) is not None and not isinstance(fact[key], str):
                raise InputError(f"{where}: fact {position} has a non-text {key!r}")


def score_pair(hypotheses: list[str], references: list[str], tokenize: str) -> dict:
    """Corpus BLEU and chrF with their sacrebleu signatures."""
    from sacrebleu.metrics import BLEU, CHRF

    bleu = BLEU(tokenize=tokenize)
    chrf = CHRF()
    bleu_score = bleu.corpus_score(hypotheses, [references])
    chrf_score = chrf.corpus_score(hypotheses, [references])
    return {
        "bleu": round(bleu_score.score, 2),
        "chrf": round(chrf_score.score, 2),
        "signature": {"bleu": str(bleu.get_signature()), "chrf": str(chrf.get_signature())},
    }


def sentence_scores(hypothesis: str, reference: str, tokenize: str) -> dict:
    from sacrebleu.metrics import BLEU, CHRF

    bleu = BLEU(tokenize=tokenize, effective_order=True)
    return {
        "bleu": round(bleu.sentence_score(hypothesis, [reference]).score, 2),
        "chrf": round(CHRF().sentence_score(hypothesis, [reference]).score, 2),
    }


def machine_description() -> str:
    """CPU architecture, cores, memory and Python version, for recorded results."""
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.is_file():
        kib = int(meminfo.read_text().split("MemTotal:")[1].split()[0])
        memory = f", {kib / 2**20:.0f} GiB"
    return (
        f"{platform.machine()} {platform.system()}, {os.cpu_count()} cores{memory}, "
        f"Python {platform.python_version()}"
    )


def score_facts(predicted: list[dict], gold: list[dict]) -> dict:
    """Precision and recall counts: a match is the same value (or change) in a compatible period."""
    from summarizer.figures.score import figure_found as fact_matches

    matched_predicted = sum(1 for p in predicted if any(fact_matches(p, g) for g in gold))
    matched_gold = sum(1 for g in gold if any(fact_matches(p, g) for p in predicted))
    return {
        "predicted": len(predicted),
        "gold": len(gold),
        "matched_predicted": matched_predicted,
        "matched_gold": matched_gold,
    }


def term_counts(english: str, terms: dict[str, str], article_text: str, glossary) -> dict:
    """Terms whose source form is in the article and that the English mentions; how many are exact.

    A term counts as mentioned when the English holds the expected form or the
    glossary's form for it; it is right only with the expected form, word for word.
    """
    from summarizer.text.script import to_simplified

    considered = correct = 0
    wrong: list[str] = []
    for zh, en in terms.items():
        if to_simplified(zh) not in article_text:
            continue
        ours = glossary.lookup(zh)
        expected_present = bool(re.search(rf"(?<![A-Za-z]){re.escape(en)}(?![A-Za-z])", english))
        if not expected_present and not (ours and ours.en in english):
            continue
        considered += 1
        if expected_present:
            correct += 1
        else:
            wrong.append(f"{zh}: expected {en!r}, got {ours.en!r}")
    return {"considered": considered, "correct": correct, "wrong": wrong}


def _ratio(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def evaluate_items(
    items: list[EvalItem],
    process: Callable[[EvalItem, int | None], dict],
    match_length: bool = True,
) -> dict:
    """Run ``process`` on every item and score what it returns.

    ``process(item, budget)`` returns ``summary_zh`` and optionally ``english``
    (text), ``facts`` (dicts), ``text`` (the normalised article) and ``glossary``.
    The Chinese summary budget is the reference's length when ``match_length``.
    """
    per_item: list[dict] = []
    zh_pairs: list[tuple[str, str]] = []
    en_pairs: list[tuple[str, str]] = []
    terms = {"considered": 0, "correct": 0}
    facts = {"predicted": 0, "gold": 0, "matched_predicted": 0, "matched_gold": 0}
    for item in items:
        budget = len(item.reference_zh) if match_length and item.reference_zh else None
        output = process(item, budget)
        record: dict = {"id": item.id, "summary_zh": output["summary_zh"]}
        if "figure_check" in output:
            record["figure_check"] = output["figure_check"]
        if item.reference_zh:
            zh_pairs.append((output["summary_zh"], item.reference_zh))
            record["zh"] = sentence_scores(output["summary_zh"], item.reference_zh, "zh")
        english = output.get("english")
        if english is not None:
            record["english"] = english
            if item.reference_en:
                en_pairs.append((english, item.reference_en))
                record["en"] = sentence_scores(english, item.reference_en, "13a")
            if item.extra.get("terms") and "glossary" in output:
                counts = term_counts(
                    english, item.extra["terms"], output["text"], output["glossary"]
                )
                record["terms"] = counts
                terms["considered"] += counts["considered"]
                terms["correct"] += counts["correct"]
        if "facts" in output and "facts" in item.extra:
            counts = score_facts(output["facts"], item.extra["facts"])
            record["facts"] = counts
            for key in facts:
                facts[key] += counts[key]
        per_item.append(record)
    corpus: dict = {}
    if zh_pairs:
        corpus["zh"] = score_pair([h for h, _ in zh_pairs], [r for _, r in zh_pairs], "zh")
    if en_pairs:
        corpus["en"] = score_pair([h for h, _ in en_pairs], [r for _, r in en_pairs], "13a")
    if terms["considered"]:
        corpus["terms"] = {**terms, "accuracy": _ratio(terms["correct"], terms["considered"])}
    if facts["gold"]:
        corpus["facts"] = {
            **facts,
            "precision": _ratio(facts["matched_predicted"], facts["predicted"]),
            "recall": _ratio(facts["matched_gold"], facts["gold"]),
        }
    if not corpus:
        raise InputError("nothing to score: the set has no references, terms or facts")
    return {"items": per_item, "corpus": corpus}


def is_translation_set(path: str | Path) -> bool:
    """A sentence-level translation set (NTREX style: ``source_zh`` and ``reference_en`` per line)."""
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                return (
                    isinstance(record, dict) and "source_zh" in record and "reference_en" in record
                )
    return False


def evaluate_translation(
    path: str | Path, translate: Callable[[list[str]], list], limit: int | None = None
) -> dict:
    """Corpus BLEU (13a) and chrF of ``translate`` on ``source_zh`` and, when present, ``source_zh_hant``.

    ``translate`` takes a list of sources and returns objects with ``text`` and ``warnings``.
    """
    records = [
        json.loads(line)
        for line in Path(path).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    records = records[:limit] if limit else records
    references = [r["reference_en"] for r in records]
    corpus: dict = {}
    items: list[dict] = [{"id": r.get("id", i)} for i, r in enumerate(records)]
    for field_name, label in (("source_zh", "zh-Hans"), ("source_zh_hant", "zh-Hant")):
        if not all(field_name in r for r in records):
            continue
        outputs = translate([r[field_name] for r in records])
        corpus[label] = score_pair([o.text for o in outputs], references, "13a")
        warned = 0
        for item, output in zip(items, outputs):
            item[label] = output.text
            warned += bool(output.warnings)
        corpus[label]["segments_with_warnings"] = warned
    return {"items": items, "corpus": corpus}


def evaluate_pipeline(pipeline, items: list[EvalItem], max_chars: int | None = None) -> dict:
    """Summaries, English, terms and figures of a pipeline on an evaluation set, scored.

    ``max_chars`` fixes the Chinese summary budget; None gives each item its reference's length.
    """
    from summarizer.figures.check import check_figures

    def process(item: EvalItem, budget: int | None) -> dict:
        article = Article(id=item.id, text=item.text, source=item.id, encoding="utf-8")
        result = pipeline.process(article, max_chars=max_chars or budget)
        english = result.translation.text if result.translation else result.english.text
        stated = result.english.facts if result.translation is None else result.facts
        check = check_figures(english, result.normalized.text, stated)
        return {
            "figure_check": {
                "unmatched": [n.text for n in check.unmatched],
                "dropped": len(check.dropped),
            },
            "summary_zh": result.summary.text,
            "english": english,
            "facts": [f.to_dict() for f in result.facts],
            "text": result.normalized.text,
            "glossary": pipeline.glossary,
        }

    return evaluate_items(items, process, match_length=max_chars is None)


def score_pipeline_facts(pipeline, items: list[EvalItem], where: str = "gold set") -> dict:
    """Key figures alone against gold figures: per article and for the corpus."""
    from summarizer.figures.score import corpus_scores, score_article

    articles = []
    for item in items:
        if "facts" not in item.extra:
            raise InputError(f"{where}: record {item.id!r} has no 'facts' to score against")
        result = pipeline.facts(Article(item.id, item.text, item.id, "utf-8"))
        predicted = [f.to_dict() for f in result.facts]
        scores = score_article(predicted, item.extra["facts"], result.normalized.text)
        articles.append({"id": item.id, **scores})
    return {"items": articles, "corpus": corpus_scores(articles)}
