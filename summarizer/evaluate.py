"""Evaluation with sacrebleu: BLEU and chrF of summaries against reference summaries."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from summarizer.textio import InputError, read_article


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


def evaluate_summaries(
    items: list[EvalItem],
    summarize: Callable[[EvalItem, int | None], str],
    match_length: bool = True,
) -> dict:
    """Summarise every item and score against ``reference_zh``.

    With ``match_length`` each summary's budget is its reference's length, so that
    methods are compared at the same length.
    """
    scored = [item for item in items if item.reference_zh]
    if not scored:
        raise InputError("no item has a reference_zh to score against")
    hypotheses: list[str] = []
    per_item: list[dict] = []
    for item in scored:
        budget = len(item.reference_zh) if match_length else None
        hypothesis = summarize(item, budget)
        hypotheses.append(hypothesis)
        per_item.append(
            {
                "id": item.id,
                "summary_zh": hypothesis,
                "zh": sentence_scores(hypothesis, item.reference_zh, "zh"),
            }
        )
    corpus = {"zh": score_pair(hypotheses, [i.reference_zh for i in scored], "zh")}
    return {"items": per_item, "corpus": corpus}
