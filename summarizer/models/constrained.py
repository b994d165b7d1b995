"""Glossary-constrained translation: every glossary term in the source comes out in its English form.

Three layers, each doing what the others cannot:
- source-side hints: the Chinese term is replaced by its English form before
  translation; real MT models copy Latin-script names well. Only where the model's
  source vocabulary writes the form in pieces of two characters or more on average:
  a form it can only spell letter by letter is input the encoder never saw, which a
  trained model cannot copy either, and it lengthens the source for nothing;
- constrained decoding (models.term_decoding): a logits processor counts, per
  hypothesis, the required term token sequences already written, finishes a
  term once begun, and begins a missing one where the model would otherwise
  end or where the source occurrence's relative position points. This holds
  for any model, even one with random weights;
- a post-check (glossary.count_terms) counts each English form in the output
  the way the source was counted: longest form first, without overlaps.

Each chunk the model translates owes only the terms of its own source text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from summarizer.glossary import Glossary, TermRequirement, count_terms, required_terms
from summarizer.models.seq2seq import Seq2SeqTranslator, Translation
from summarizer.models.term_decoding import TermConstraintProcessor, TokenTerm
from summarizer.text.segment import chunk_sentences, split_sentences

# Where a missing term is due: its relative source position times the expected output
# length (the source's length in tokens, within the room), plus this slack and a quarter of it.
_SLACK_TOKENS = 2
# A hint goes in only if its pieces hold at least this many characters on average.
MIN_HINT_CHARS_PER_PIECE = 2.0
# Pieces' word-start marks: SentencePiece's "▁", byte-level BPE's "Ġ".
WORD_STARTS = ("▁", "Ġ")


@dataclass(frozen=True)
class PlannedChunk:
    """One piece the model translates: the hinted text and the terms it owes."""

    hinted: str
    requirements: list[TermRequirement]


@dataclass(frozen=True)
class TranslationPlan:
    """What a text owes as a whole (for the report) and the chunks it is translated in."""

    requirements: list[TermRequirement]
    chunks: list[PlannedChunk]


# A term owed by one chunk, as decoder tokens, with its occurrences' relative source positions.
_Owed = tuple[tuple[int, ...], tuple[float, ...]]


def deadlines(positions: Sequence[float], expected_tokens: int) -> tuple[int, ...]:
    """Output steps by which each occurrence should have begun, from its relative source position."""
    slack = _SLACK_TOKENS + expected_tokens // 4
    return tuple(sorted(round(p * expected_tokens) + slack for p in positions))


def fitting(owed: list[_Owed], limit: int) -> list[_Owed]:
    """The occurrences that fit the decoder's length, earliest first; the post-check reports the rest."""
    kept, used = [], 2
    for ids, positions in owed:
        if not ids:  # a form the target vocabulary cannot write at all: reported missing
            continue
        room = max(0, (limit - used) // len(ids))
        occurrences = tuple(sorted(positions))[:room]
        if occurrences:
            kept.append((ids, occurrences))
            used += len(ids) * len(occurrences)
    return kept


def _token_count(owed: list[_Owed]) -> int:
    return sum(len(ids) * len(positions) for ids, positions in owed)


def report_terms(translation: Translation, requirements: Sequence[TermRequirement]) -> None:
    """The per-term report of a translation, and a warning naming the terms still missing."""
    counts = count_terms(translation.text, requirements)
    translation.terms = [c.to_dict() for c in counts]
    missing = [f"{c.en} ({c.missing} of {c.required})" for c in counts if c.missing]
    if missing:
        translation.warnings.append("glossary terms missing from the output: " + ", ".join(missing))


class GlossaryTranslator:
    """Wraps a translator; same ``translate`` interface, with the glossary enforced."""

    def __init__(
        self, inner: Seq2SeqTranslator, glossary: Glossary, constrained: bool = True
    ) -> None:
        """With ``constrained`` False the model translates unaided and the glossary is only checked."""
        self.inner = inner
        self.glossary = glossary
        self.constrained = constrained
        self.name = inner.name
        self._target_cache: dict[str, tuple[int, ...]] = {}
        self._source_cache: dict[str, tuple[list[int], list[str]]] = {}

    def _decoder_limit(self) -> int:
        """New tokens the decoder can hold: its position embeddings less the start tokens."""
        positions = getattr(self.inner.model.config, "max_position_embeddings", None) or 1024
        return positions - 2

    def _target_ids(self, english: str) -> tuple[int, ...]:
        if english not in self._target_cache:
            self._target_cache[english] = self.inner.target_ids(english)
        return self._target_cache[english]

    def source_pieces(self, surface: str) -> tuple[list[int], list[str]]:
        """``surface`` as the source vocabulary writes it (ids and pieces), once per translator;
        callers do not change the lists."""
        if surface not in self._source_cache:
            tokenizer = self.inner.tokenizer
            with self.inner.loaded.tokenizer_lock:
                ids = tokenizer(surface, add_special_tokens=False).input_ids
                self._source_cache[surface] = (ids, tokenizer.convert_ids_to_tokens(ids))
        return self._source_cache[surface]

    def carries(self, english: str) -> bool:
        """Whether the source vocabulary writes ``english`` in pieces of two characters or more
        on average, with no unknown piece: only then is it worth a hint."""
        ids, tokens = self.source_pieces(english)
        pieces = [p.lstrip("".join(WORD_STARTS)) for p in tokens]
        pieces = [p for p in pieces if p]  # a bare word-start mark spells nothing
        return (
            bool(pieces)
            and self.inner.tokenizer.unk_token_id not in ids
            and sum(map(len, pieces)) >= MIN_HINT_CHARS_PER_PIECE * len(pieces)
        )

    def hint(self, text: str) -> str:
        """Simplified ``text`` with each glossary term replaced by its English form, where the
        source vocabulary carries that form."""
        pieces, last = [], 0
        for m in self.glossary.match(text):
            if not self.carries(m.term.en):
                continue
            pieces += [text[last : m.start], f" {m.term.en} "]
            last = m.end
        pieces.append(text[last:])
        return "".join(pieces)

    def prepare(self, text: str) -> tuple[str, list]:
        """The source with hints put in (when constrained), and the glossary matches it holds."""
        from summarizer.text.script import to_simplified

        simplified = to_simplified(text)
        matches = self.glossary.match(simplified)
        return (self.hint(simplified) if self.constrained else simplified), matches

    def plan(self, text: str) -> TranslationPlan:
        """What ``text`` owes, and its chunks: cut in the Chinese (a comma inside an English
        form cannot split it), sized by their hinted length."""
        from summarizer.text.script import to_simplified

        simplified = to_simplified(text)
        requirements = required_terms(simplified, self.glossary)
        if not self.constrained:
            return TranslationPlan(
                requirements, [PlannedChunk(c, []) for c in self.inner.chunks(simplified)]
            )
        return TranslationPlan(
            requirements,
            [
                PlannedChunk(self.hint(c), required_terms(c, self.glossary))
                for c in self._term_safe_chunks(simplified)
            ],
        )

    def _term_safe_chunks(self, text: str) -> list[str]:
        """Sentence chunks sized by their hinted length; a cut that would fall inside a
        term (a clause cut at the window's edge) moves to the term's start."""
        budget = max(8, self.inner.max_input_tokens - 2)
        chunks = chunk_sentences(
            split_sentences(text), budget, lambda piece: self.inner.token_length(self.hint(piece))
        )
        if not chunks:
            return [text]
        spans = [(m.start, m.end) for m in self.glossary.match(text)]
        bounds = [chunks[0].start]
        for chunk in chunks[1:]:
            cut = next((start for start, end in spans if start < chunk.start < end), chunk.start)
            bounds.append(max(cut, bounds[-1]))
        bounds.append(chunks[-1].end)
        pieces = (text[a:b] for a, b in zip(bounds, bounds[1:]))
        return [piece for piece in pieces if piece.strip()]

    def translate(self, texts: Sequence[str]) -> list[Translation]:
        plans = [self.plan(t) for t in texts]
        pieces = [chunk for plan in plans for chunk in plan.chunks]
        factory = self._processors(pieces) if self.constrained else None
        translations = self.inner.translate_chunks(
            [[c.hinted for c in plan.chunks] for plan in plans], factory
        )
        for translation, plan, original in zip(translations, plans, texts):
            translation.source = original
            report_terms(translation, plan.requirements)
        return translations

    def _processors(self, pieces: list[PlannedChunk]):
        """The factory ``generate`` calls per batch: one constraint processor for its rows."""

        def processors(rows: list[int], encoded, kwargs: dict):
            from transformers import LogitsProcessorList

            limit = self._decoder_limit()
            owed = [
                fitting(
                    [(self._target_ids(r.en), r.positions) for r in pieces[row].requirements],
                    limit,
                )
                for row in rows
            ]
            longest = max((_token_count(terms) for terms in owed), default=0)
            # room for every term, never past the decoder's positions
            kwargs["max_new_tokens"] = min(max(kwargs["max_new_tokens"], longest + 2), limit)
            # the output is expected about as long as the source, within the room left
            expected = [
                max(1, min(length, kwargs["max_new_tokens"] - _token_count(terms)))
                for terms, length in zip(owed, encoded["attention_mask"].sum(-1).tolist())
            ]
            required = [
                [TokenTerm(ids, deadlines(positions, size)) for ids, positions in terms]
                for terms, size in zip(owed, expected)
            ]
            eos = self.inner.model.generation_config.eos_token_id
            # the decoder starts with one token; a forced language token is the first new one
            start = 2 if kwargs.get("forced_bos_token_id") is not None else 1
            processor = TermConstraintProcessor(
                required,
                num_beams=kwargs.get("num_beams", 1),
                eos_token_id=eos if isinstance(eos, int) else eos[0],
                max_length=kwargs["max_new_tokens"] + 1,
                prompt_length=start,
                continuations=self.inner.continuation_ids(),
            )
            return LogitsProcessorList([processor])

        return processors
