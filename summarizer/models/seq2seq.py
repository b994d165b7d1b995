"""The text-to-text engine: local seq2seq models for summaries and translation.

One base (preprocess → generate → postprocess) with the summariser and the
translator as thin siblings. Models load once per process (a cache keyed by
path and device), batches are sorted by length so padding stays small, and
greedy results do not depend on how inputs were batched. Known failure modes of
small MT models on noisy input (phrase loops, empty output, runaway length) are
detected and retried with safer settings; what happened is reported.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from summarizer.models.registry import (
    ModelLoadError,
    ResolvedModel,
    check_model_folder,
    resolve_model,
)
from summarizer.text.segment import chunk_sentences, split_sentences

DEFAULT_BATCH_SIZE = 16
# Output longer than this many times the source (in characters) is a runaway.
_RUNAWAY_RATIO = 4.0
_LANG_CODES = {"nllb": ("zho_Hans", "eng_Latn"), "m2m100": ("zh", "en")}


@dataclass
class Generated:
    """One model output with what the guard noticed and did."""

    text: str
    warnings: list[str] = field(default_factory=list)


def has_repetition_loop(text: str, min_repeats: int = 3) -> bool:
    """True when a phrase repeats back to back (", , , ," or "the company the company the company")."""
    words = text.split()
    for size in range(1, 6):
        for start in range(0, max(0, len(words) - size * min_repeats) + 1):
            unit = words[start : start + size]
            if all(
                words[start + k * size : start + (k + 1) * size] == unit for k in range(min_repeats)
            ):
                return True
    return bool(re.search(r"(.{2,12}?)\1{3,}", text.replace(" ", "")))


def problems(source: str, output: str) -> list[str]:
    found = []
    if not output.strip():
        found.append("empty output")
    elif has_repetition_loop(output):
        found.append("repeated-phrase loop")
    if len(output) > _RUNAWAY_RATIO * max(len(source), 8):
        found.append("output much longer than the source")
    return found


@functools.cache
def _load(path: str, device: str, threads: int | None):
    import torch
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    if threads:
        torch.set_num_threads(threads)
    check_model_folder(Path(path))
    try:
        tokenizer = AutoTokenizer.from_pretrained(
            path, local_files_only=True, trust_remote_code=False
        )
        model = AutoModelForSeq2SeqLM.from_pretrained(
            path, local_files_only=True, trust_remote_code=False
        )
    except Exception as exc:  # truncated weights, a broken vocabulary: whatever the library says
        reason = (str(exc).strip().splitlines() or [""])[0][:300]
        raise ModelLoadError(
            f"{path}: cannot load the model: {type(exc).__name__}: {reason}"
        ) from None
    model.to(device)
    model.eval()
    return tokenizer, model


def pick_device(device: str | None = None) -> str:
    if device:
        return device
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


class TextToTextModel:
    """A local seq2seq model: batches sorted by length, guarded generation."""

    task = "text2text"

    def __init__(
        self,
        model: str,
        device: str | None = None,
        threads: int | None = None,
        max_new_tokens: int = 256,
        num_beams: int = 1,
        batch_size: int = DEFAULT_BATCH_SIZE,
    ) -> None:
        self.resolved: ResolvedModel = resolve_model(
            model, self.task if self.task != "text2text" else None
        )
        self.name = model
        self.device = pick_device(device)
        self.tokenizer, self.model = _load(str(self.resolved.path), self.device, threads)
        config = self.model.config
        positions = getattr(config, "max_position_embeddings", None) or 1024
        # Decoder positions bound the output; the tokenizer and positions bound the input.
        self.max_new_tokens = min(max_new_tokens, positions - 2)
        self.num_beams = num_beams
        self.batch_size = batch_size
        self.max_input_tokens = min(
            getattr(self.tokenizer, "model_max_length", 512) or 512, positions, 1024
        )
        self._configure_languages()

    def _configure_languages(self) -> None:
        self.forced_bos_token_id = None
        codes = _LANG_CODES.get(self.resolved.family)
        if codes:
            source, target = codes
            self.tokenizer.src_lang = source
            self.forced_bos_token_id = self.tokenizer.convert_tokens_to_ids(
                target if self.resolved.family == "nllb" else f"__{target}__"
            )

    def token_length(self, text: str) -> int:
        return len(self.tokenizer(text, add_special_tokens=True).input_ids)

    # -- generation -------------------------------------------------------------

    def _generate_batch(
        self, texts: list[str], settings: dict, processors: Callable | None = None
    ) -> list[str]:
        import torch

        encoded = self.tokenizer(texts, return_tensors="pt", padding=True, truncation=False).to(
            self.device
        )
        kwargs = {
            "max_new_tokens": self.max_new_tokens,
            "num_beams": self.num_beams,
            "do_sample": False,
            **settings,
        }
        if self.forced_bos_token_id is not None:
            kwargs["forced_bos_token_id"] = self.forced_bos_token_id
        if processors is not None:
            kwargs["logits_processor"] = processors(texts, kwargs)
        with torch.inference_mode():
            output = self.model.generate(**encoded, **kwargs)
        return [t.strip() for t in self.tokenizer.batch_decode(output, skip_special_tokens=True)]

    def generate(self, texts: Sequence[str], processors: Callable | None = None) -> list[Generated]:
        """Generate for every text: sorted by length into batches, results in input order."""
        order = sorted(range(len(texts)), key=lambda i: self.token_length(texts[i]))
        results: list[Generated | None] = [None] * len(texts)
        for start in range(0, len(order), self.batch_size):
            batch = order[start : start + self.batch_size]
            outputs = self._generate_batch([texts[i] for i in batch], {}, processors)
            for i, output in zip(batch, outputs):
                results[i] = self._guard(texts[i], output, processors)
        return [r for r in results if r is not None]

    def _guard(self, source: str, output: str, processors: Callable | None) -> Generated:
        found = problems(source, output)
        if not found:
            return Generated(output)
        safer = {
            "no_repeat_ngram_size": 3,
            "repetition_penalty": 1.3,
            "num_beams": max(self.num_beams, 4),
        }
        retry = self._generate_batch([source], safer, processors)[0]
        still = problems(source, retry)
        note = f"{', '.join(found)}; retried with no_repeat_ngram_size=3, repetition_penalty=1.3, beams=4"
        if still:
            return Generated(retry, [note + f": still {', '.join(still)}"])
        return Generated(retry, [note + ": fixed"])


@dataclass
class Translation:
    source: str
    text: str
    terms: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "source": self.source,
            "translation": self.text,
            "terms": self.terms,
            "warnings": self.warnings,
        }


class Seq2SeqTranslator(TextToTextModel):
    """Chinese → English with a local model (Marian opus-mt, NLLB, M2M100)."""

    task = "translation"

    def translate(
        self, texts: Sequence[str], processors: Callable | None = None
    ) -> list[Translation]:
        """Translate texts; each is cut into sentence chunks that fit the model's input window."""
        pieces: list[str] = []
        owners: list[int] = []
        for i, text in enumerate(texts):
            for chunk in self.chunks(text):
                pieces.append(chunk)
                owners.append(i)
        generated = self.generate(pieces, processors)
        out = [Translation(source=t, text="") for t in texts]
        for owner, piece in zip(owners, generated):
            joined = out[owner].text
            out[owner].text = f"{joined} {piece.text}".strip()
            out[owner].warnings.extend(piece.warnings)
        return out

    def chunks(self, text: str) -> list[str]:
        budget = max(8, self.max_input_tokens - 2)
        sentences = split_sentences(text)
        return [c.text for c in chunk_sentences(sentences, budget, self.token_length)] or [text]


class Seq2SeqSummarizer(TextToTextModel):
    """Abstractive summaries (mT5 XL-Sum, CrossSum, BART, Pegasus); long articles go
    chunk summaries → final summary, never silently truncated."""

    task = "summarization"
    method = "seq2seq"

    def summarize(self, text: str, max_chars: int | None = None, max_sentences: int | None = None):
        from summarizer.models.extractive import Summary

        sentences = split_sentences(text)
        if not sentences:
            return Summary("", [], self.method, ["no sentences to summarise"])
        budget = max(8, self.max_input_tokens - 2)
        chunks = chunk_sentences(sentences, budget, self.token_length)
        warnings: list[str] = []
        parts = self.generate([c.text for c in chunks])
        for part in parts:
            warnings.extend(part.warnings)
        summary = " ".join(p.text for p in parts)
        if len(chunks) > 1:
            warnings.append(
                f"long article: summarised in {len(chunks)} chunks, then the chunk summaries"
            )
            final = self.generate([summary])[0]
            warnings.extend(final.warnings)
            summary = final.text
        if max_chars and len(summary) > max_chars:
            cut = summary[:max_chars]
            warnings.append(f"summary cut to {max_chars} characters")
            summary = cut
        indices = sorted({i for c in chunks for i in c.sentence_indices})
        return Summary(summary, indices, f"{self.method}:{self.name}", warnings)
