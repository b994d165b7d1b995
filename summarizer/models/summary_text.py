"""Shaping a generated summary: joining pieces, whole sentences within a budget, the sentences it used."""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarizer.text.segment import split_sentences

# Chinese characters and full-width punctuation: text made of them is joined without spaces.
_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
_CLAUSE_BREAK = re.compile(r"[，,；;：:、]")
# A cut must not split a word or a figure with its unit: 311亿元 must not become 31 or 311.
_UNBREAKABLE = re.compile(r"[A-Za-z]+|\d[\d.,]*%?[十百千万亿]*(?:美元|港元|元)?")
# A summary sentence is taken from the source sentence holding at least this share of its
# character pairs; below it the sentence is the model's own wording.
SUPPORT_SHARE = 0.4


def join_pieces(pieces: Sequence[str]) -> str:
    """Pieces of text in order: no space between Chinese pieces, one space otherwise."""
    joined = ""
    for piece in (p.strip() for p in pieces):
        if not piece:
            continue
        chinese_seam = joined and _CJK.match(joined[-1]) and _CJK.match(piece[0])
        joined = joined + piece if not joined or chinese_seam else f"{joined} {piece}"
    return joined


def _shorten(sentence: str, max_chars: int) -> str:
    """``sentence`` cut to ``max_chars`` with an ellipsis: at a clause break, else between words."""
    limit = max(1, max_chars - 1)
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, limit)]
    cut = breaks[-1] - 1 if breaks else limit
    if not breaks:
        inside = (m.start() for m in _UNBREAKABLE.finditer(sentence) if m.start() < cut < m.end())
        cut = max(1, next(inside, cut))
    return sentence[:cut].rstrip() + "…"


def fit_sentences(
    text: str, max_chars: int | None, max_sentences: int | None
) -> tuple[str, list[str]]:
    """The leading whole sentences of ``text`` within both budgets, and what was left out.

    A first sentence longer than ``max_chars`` on its own is cut at a clause break
    (or between words) and marked with an ellipsis, never inside a number.
    """
    sentences = [s.text for s in split_sentences(text)]
    if not sentences:
        return text.strip(), []
    kept: list[str] = []
    for sentence in sentences:
        if max_sentences and len(kept) >= max_sentences:
            break
        if max_chars and len(join_pieces([*kept, sentence])) > max_chars:
            break
        kept.append(sentence)
    warnings = []
    if not kept:
        kept = [_shorten(sentences[0], max_chars or len(sentences[0]))]
        warnings.append(
            f"the summary's first sentence is longer than {max_chars} characters; cut short"
        )
    elif len(kept) < len(sentences):
        warnings.append(f"kept the first {len(kept)} of the summary's {len(sentences)} sentences")
    return join_pieces(kept), warnings


def _pairs(text: str) -> set[str]:
    compact = re.sub(r"\s+", "", text)
    return {compact[i : i + 2] for i in range(len(compact) - 1)}


def supporting_sentences(summary: str, sources: Sequence[str]) -> list[int]:
    """Indices of the source sentences the summary's sentences are taken from.

    For each summary sentence, the source sentence sharing most of its
    character pairs, when that share reaches SUPPORT_SHARE; a summary in its
    own words (or another language) draws on none.
    """
    source_pairs = [_pairs(s) for s in sources]
    used: set[int] = set()
    for sentence in split_sentences(summary):
        pairs = _pairs(sentence.text)
        if not pairs or not source_pairs:
            continue
        shares = [len(pairs & candidate) / len(pairs) for candidate in source_pairs]
        best = max(range(len(shares)), key=shares.__getitem__)
        if shares[best] >= SUPPORT_SHARE:
            used.add(best)
    return sorted(used)
