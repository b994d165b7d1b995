"""The text-to-text engine: local seq2seq models for summaries and translation.

One base (preprocess → generate → postprocess) with the summariser and the
translator as thin siblings. Models load once per process (models.loading),
batches are sorted by length so padding stays small, and greedy results do not
depend on how inputs were batched. Known failure modes of small MT models on
noisy input (phrase loops, empty output, runaway length) are detected and the
offending rows retried once, together, greedily with an n-gram block, so the
guard at most doubles a batch's cost; what happened is reported.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from summarizer.models.loading import LoadedModel, load_model
from summarizer.models.registry import ResolvedModel, resolve_model
from summarizer.models.summary_text import fit_sentences, join_pieces, supporting_sentences
from summarizer.text.segment import Sentence, chunk_sentences, split_sentences

DEFAULT_BATCH_SIZE = 16
# Output longer than this many times the source (in characters) is a runaway.
_RUNAWAY_RATIO = 4.0
# The guard's one retry: greedy, with the loop blocked, whatever the first pass used.
SAFER_SETTINGS = {"no_repeat_ngram_size": 3, "repetition_penalty": 1.3, "num_beams": 1}
# A piece that glues letters or digits onto the word before it: SentencePiece marks a word
# start with ▁, byte-level BPE with Ġ; pieces without the mark continue the word.
_WORD_CONTINUATION = re.compile(r"^[A-Za-z0-9]")
# Rounds of chunk summaries before the rest is left out (each round shrinks the text by a third).
_MAX_ROUNDS = 12

# Called with the rows' indices in the texts given to ``generate``, the encoded batch and the
# generate() keyword arguments; returns the logits processors for that batch.
ProcessorFactory = Callable[[list[int], Any, dict], Any]


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


def pick_device(device: str | None = None) -> str:
    if device:
        return device
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


class TextToTextModel:
    """A local seq2seq model: batches sorted by length, guarded generation.

    ``threads`` is the torch thread count of each calling thread (a server with
    several workers gives each a share of the cores).
    """

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
        self.threads = threads
        self.loaded: LoadedModel = load_model(str(self.resolved.path), self.device, self.task)
        self.tokenizer, self.model = self.loaded.tokenizer, self.loaded.model
        config = self.model.config
        positions = getattr(config, "max_position_embeddings", None) or 1024
        # Decoder positions bound the output; the tokenizer and positions bound the input.
        self.max_new_tokens = min(max_new_tokens, positions - 2)
        self.num_beams = num_beams
        self.batch_size = batch_size
        self.max_input_tokens = min(
            getattr(self.tokenizer, "model_max_length", 512) or 512, positions, 1024
        )
        forced = self.loaded.languages.forced_bos_token
        self.forced_bos_token_id = (
            self.tokenizer.convert_tokens_to_ids(forced) if forced is not None else None
        )

    def token_length(self, text: str) -> int:
        with self.loaded.tokenizer_lock:
            return len(self.tokenizer(text, add_special_tokens=True).input_ids)

    def encode(self, texts: list[str]):
        """The model's input for ``texts``: a padded batch of tensors."""
        with self.loaded.tokenizer_lock:
            return self.tokenizer(texts, return_tensors="pt", padding=True, truncation=False)

    def target_ids(self, text: str) -> tuple[int, ...]:
        """``text`` as the decoder writes it (the target vocabulary, no language or end tokens)."""
        with self.loaded.tokenizer_lock:
            return tuple(self.tokenizer(text_target=text, add_special_tokens=False).input_ids)

    def continuation_ids(self) -> tuple[int, ...]:
        """Tokens that continue the word before them with a letter or digit (no word-start mark)."""
        if self.loaded.continuations is None:
            with self.loaded.tokenizer_lock:
                pieces = self.tokenizer.convert_ids_to_tokens(list(range(len(self.tokenizer))))
                special = set(self.tokenizer.all_special_ids)
            self.loaded.continuations = tuple(
                i
                for i, piece in enumerate(pieces)
                if piece and i not in special and _WORD_CONTINUATION.match(piece)
            )
        return self.loaded.continuations

    # -- generation -------------------------------------------------------------

    def _use_threads(self) -> None:
        if self.threads:
            import torch

            if torch.get_num_threads() != self.threads:  # per calling thread
                torch.set_num_threads(self.threads)

    def _generate_batch(
        self, texts: list[str], settings: dict, processors: Callable | None = None
    ) -> list[str]:
        import torch

        self._use_threads()
        encoded = self.encode(texts).to(self.device)
        kwargs = {
            "max_new_tokens": self.max_new_tokens,
            "num_beams": self.num_beams,
            "do_sample": False,
            **settings,
        }
        if self.forced_bos_token_id is not None:
            kwargs["forced_bos_token_id"] = self.forced_bos_token_id
        if processors is not None:
            kwargs["logits_processor"] = processors(encoded, kwargs)
        with torch.inference_mode():
            output = self.model.generate(**encoded, **kwargs)
        if self.forced_bos_token_id is not None:
            # the decoder's start and language tokens are not text, special or not
            output = output[:, 2:]
        with self.loaded.tokenizer_lock:
            decoded = self.tokenizer.batch_decode(output, skip_special_tokens=True)
        return [t.strip() for t in decoded]

    def generate(
        self,
        texts: Sequence[str],
        processors: ProcessorFactory | None = None,
        settings: dict | None = None,
    ) -> list[Generated]:
        """Generate for every text: sorted by length into batches, results in input order."""
        settings = settings or {}
        lengths = [self.token_length(t) for t in texts]
        order = sorted(range(len(texts)), key=lambda i: lengths[i])
        results: list[Generated | None] = [None] * len(texts)
        for start in range(0, len(order), self.batch_size):
            batch = order[start : start + self.batch_size]
            outputs = self._generate_batch(
                [texts[i] for i in batch], settings, _bind(processors, batch)
            )
            for i, generated in zip(
                batch, self._guard(texts, batch, outputs, settings, processors)
            ):
                results[i] = generated
        return [r for r in results if r is not None]

    def _guard(
        self,
        texts: Sequence[str],
        batch: list[int],
        outputs: list[str],
        settings: dict,
        processors: ProcessorFactory | None,
    ) -> list[Generated]:
        """Outputs with a problem are generated again, all in one batch, once."""
        found = {i: problems(texts[i], out) for i, out in zip(batch, outputs)}
        retry = [i for i in batch if found[i]]
        retried = dict(
            zip(
                retry,
                self._generate_batch(
                    [texts[i] for i in retry],
                    {**settings, **SAFER_SETTINGS},
                    _bind(processors, retry),
                )
                if retry
                else [],
            )
        )
        note = "retried greedily with no_repeat_ngram_size=3, repetition_penalty=1.3"
        results = []
        for i, output in zip(batch, outputs):
            if not found[i]:
                results.append(Generated(output))
                continue
            still = problems(texts[i], retried[i])
            outcome = f"still {', '.join(still)}" if still else "fixed"
            results.append(Generated(retried[i], [f"{', '.join(found[i])}; {note}: {outcome}"]))
        return results


def _bind(processors: ProcessorFactory | None, rows: list[int]) -> Callable | None:
    return functools.partial(processors, list(rows)) if processors is not None else None


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
        self, texts: Sequence[str], processors: ProcessorFactory | None = None
    ) -> list[Translation]:
        """Translate texts; each is cut into sentence chunks that fit the model's input window."""
        translations = self.translate_chunks([self.chunks(t) for t in texts], processors)
        for translation, text in zip(translations, texts):
            translation.source = text
        return translations

    def translate_chunks(
        self, chunked: Sequence[Sequence[str]], processors: ProcessorFactory | None = None
    ) -> list[Translation]:
        """One translation per list of chunks; every chunk of every text shares the batches.

        ``processors`` is called with indices into the chunks in reading order.
        """
        pieces = [chunk for chunks in chunked for chunk in chunks]
        owners = [owner for owner, chunks in enumerate(chunked) for _ in chunks]
        generated = self.generate(pieces, processors)
        out = [Translation(source="".join(chunks), text="") for chunks in chunked]
        for owner, piece in zip(owners, generated):
            out[owner].text = f"{out[owner].text} {piece.text}".strip()
            out[owner].warnings.extend(piece.warnings)
        return out

    def chunks(self, text: str, length: Callable[[str], int] | None = None) -> list[str]:
        """Sentence chunks of ``text`` whose ``length`` (default: tokens) fits the input window."""
        budget = max(8, self.max_input_tokens - 2)
        sentences = split_sentences(text)
        chunks = chunk_sentences(sentences, budget, length or self.token_length)
        return [c.text for c in chunks] or [text]


class Seq2SeqSummarizer(TextToTextModel):
    """Abstractive summaries (mT5 XL-Sum, CrossSum, BART, Pegasus) with the extractive
    summariser's contract: any length (chunk summaries, re-chunked and summarised
    again until they fit one window), whole sentences within ``max_chars`` and
    ``max_sentences``, and the indices of the source sentences the summary draws on."""

    task = "summarization"
    method = "seq2seq"

    def summarize(self, text: str, max_chars: int | None = None, max_sentences: int | None = None):
        from summarizer.models.extractive import Summary

        sentences = split_sentences(text)
        if not sentences:
            return Summary("", [], self.method, ["no sentences to summarise"])
        window, warnings = self._reduce(sentences)
        final = self.generate([window])[0]
        warnings.extend(final.warnings)
        summary, cut = fit_sentences(final.text, max_chars, max_sentences)
        warnings.extend(cut)
        used = supporting_sentences(summary, [s.text for s in sentences])
        counted = Counter(warnings)  # one line per kind of event, however many chunks had it
        lines = [w if n == 1 else f"{w} (×{n})" for w, n in counted.items()]
        return Summary(summary, used, f"{self.method}:{self.name}", lines)

    def _within(self, text: str, tokens: int) -> str:
        """``text`` cut to at most ``tokens`` tokens as this tokenizer reads it back (a decoded
        summary can re-encode longer than it was generated, so rounds would not shrink)."""
        if self.token_length(text) <= tokens:
            return text
        low, high = 0, len(text)
        while low < high:
            middle = (low + high + 1) // 2
            low, high = (
                (middle, high) if self.token_length(text[:middle]) <= tokens else (low, middle - 1)
            )
        return text[:low]

    def _reduce(self, sentences: list[Sentence]) -> tuple[str, list[str]]:
        """Text that fits one input window: chunk summaries of chunk summaries, as often as needed.

        Chunk summaries are capped at a third of the window and chunks are more
        than half full on average, so each round shrinks the text by a third; a model whose positions are learned (BART) never sees
        more than it has positions for.
        """
        budget = max(8, self.max_input_tokens - 2)
        warnings: list[str] = []
        first_round = 0
        for rounds in range(_MAX_ROUNDS + 1):
            chunks = chunk_sentences(sentences, budget, self.token_length)
            if len(chunks) > 1 and rounds == _MAX_ROUNDS:
                break
            if len(chunks) <= 1:
                if rounds:
                    warnings.append(
                        f"long article: summarised in {first_round} chunks, then the chunk "
                        f"summaries ({rounds} round{'s' if rounds > 1 else ''})"
                    )
                return (chunks[0].text if chunks else ""), warnings
            first_round = first_round or len(chunks)
            cap = max(4, budget // 3)
            parts = self.generate([c.text for c in chunks], settings={"max_new_tokens": cap})
            for part in parts:
                warnings.extend(part.warnings)
            joined = join_pieces([self._within(p.text, cap) for p in parts])
            sentences = split_sentences(joined)
        warnings.append(
            f"long article: after {_MAX_ROUNDS} rounds of chunk summaries the text still did not fit "
            f"one window; summarised its first {len(chunks[0].text)} characters"
        )
        return chunks[0].text, warnings
