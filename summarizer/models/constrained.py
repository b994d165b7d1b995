"""Glossary-constrained translation: every glossary term in the source comes out in its English form.

Three layers, each doing what the others cannot:
- source-side hints: the Chinese term is replaced by its English form before
  translation; real MT models copy Latin-script names well;
- constrained decoding: a LogitsProcessor tracks, per hypothesis, which term
  token sequences are already in the output, continues a term once started,
  and forces the missing ones in before the output may end or run out of
  room. This holds for any model, even one with random weights;
- a post-check counts each English form in the decoded text, per segment.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from summarizer.glossary import Glossary
from summarizer.models.seq2seq import Seq2SeqTranslator, Translation


def _occurrences(sequence: list[int], pattern: tuple[int, ...]) -> int:
    count = i = 0
    n = len(pattern)
    while i + n <= len(sequence):
        if tuple(sequence[i : i + n]) == pattern:
            count += 1
            i += n
        else:
            i += 1
    return count


class TermConstraintProcessor:
    """Forces required token sequences into each hypothesis of a batch.

    ``required[b]`` lists the token sequences (with repeats, one per occurrence)
    that output ``b`` must contain. ``max_length`` is the decoder length limit.
    """

    def __init__(
        self,
        required: list[list[tuple[int, ...]]],
        num_beams: int,
        eos_token_id: int,
        max_length: int,
        prompt_length: int = 1,
    ) -> None:
        self.required = required
        self.num_beams = num_beams
        self.eos_token_id = eos_token_id
        self.max_length = max_length
        self.prompt_length = prompt_length

    def _missing(self, generated: list[int], needs: list[tuple[int, ...]]) -> list[tuple[int, ...]]:
        wanted = Counter(needs)
        missing: list[tuple[int, ...]] = []
        for pattern, count in wanted.items():
            missing += [pattern] * max(0, count - _occurrences(generated, pattern))
        return missing

    def _forced_token(
        self, generated: list[int], missing: list[tuple[int, ...]], room: int
    ) -> int | None:
        # Inside a term already begun: continue it (longest partial match wins).
        for pattern in sorted(set(missing), key=len, reverse=True):
            for done in range(min(len(pattern) - 1, len(generated)), 0, -1):
                if tuple(generated[-done:]) == pattern[:done]:
                    return pattern[done]
        # Out of room for what is missing: start the next term now.
        if missing and room <= sum(len(p) for p in missing) + 1:
            return missing[0][0]
        return None

    def __call__(self, input_ids, scores):
        import torch

        for row in range(input_ids.shape[0]):
            needs = self.required[row // self.num_beams]
            if not needs:
                continue
            generated = input_ids[row, self.prompt_length :].tolist()
            missing = self._missing(generated, needs)
            if not missing:
                continue
            room = self.max_length - input_ids.shape[1]
            forced = self._forced_token(generated, missing, room)
            if forced is not None:
                keep = scores[row, forced].clone()
                scores[row, :] = -float("inf")
                scores[row, forced] = keep if torch.isfinite(keep) else 0.0
            else:
                scores[row, self.eos_token_id] = -float("inf")  # not done until every term is in
        return scores


def _count_word(text: str, word: str) -> int:
    """Occurrences of ``word`` not inside a longer Latin word (Kuaishou, not Kuaishoux)."""
    return len(re.findall(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])", text))


def _fitting(needs: list[tuple[int, ...]], limit: int) -> list[tuple[int, ...]]:
    """The required terms that fit the decoder's length; the post-check reports the rest."""
    kept, used = [], 2
    for pattern in needs:
        if used + len(pattern) > limit:
            break
        kept.append(pattern)
        used += len(pattern)
    return kept


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

    def _decoder_limit(self) -> int:
        """New tokens the decoder can hold: its position embeddings less the start tokens."""
        positions = getattr(self.inner.model.config, "max_position_embeddings", None) or 1024
        return positions - 2

    def _target_ids(self, english: str) -> tuple[int, ...]:
        ids = self.inner.tokenizer(text_target=english, add_special_tokens=False).input_ids
        return tuple(ids)

    def prepare(self, text: str) -> tuple[str, list]:
        """The source with hints put in, and the glossary matches it holds."""
        from summarizer.text.script import to_simplified

        simplified = to_simplified(text)
        matches = self.glossary.match(simplified)
        if not self.constrained:
            return simplified, matches
        pieces, last = [], 0
        for m in matches:
            pieces += [simplified[last : m.start], f" {m.term.en} "]
            last = m.end
        pieces.append(simplified[last:])
        return "".join(pieces), matches

    def translate(self, texts: Sequence[str]) -> list[Translation]:
        prepared = [self.prepare(t) for t in texts]
        required_by_chunk: dict[str, list[tuple[int, ...]]] = {}

        def processors(batch: list[str], kwargs: dict):
            from transformers import LogitsProcessorList

            limit = self._decoder_limit()
            required = [_fitting(required_by_chunk.get(chunk, []), limit) for chunk in batch]
            longest = max((sum(len(p) for p in needs) for needs in required), default=0)
            # room for every term, never past the decoder's positions
            kwargs["max_new_tokens"] = min(max(kwargs["max_new_tokens"], longest + 2), limit)
            config = self.inner.model.generation_config
            start = 2 if kwargs.get("forced_bos_token_id") is not None else 1
            processor = TermConstraintProcessor(
                required,
                kwargs.get("num_beams", 1),
                config.eos_token_id
                if isinstance(config.eos_token_id, int)
                else config.eos_token_id[0],
                kwargs["max_new_tokens"] + start,
                prompt_length=start,
            )
            return LogitsProcessorList([processor])

        if self.constrained:
            for hinted, matches in prepared:
                terms = {m.term.en for m in matches}
                for chunk in self.inner.chunks(hinted):
                    # each hint in this chunk, not every occurrence in the whole text
                    counts = {en: _count_word(chunk, en) for en in terms}
                    required_by_chunk[chunk] = [
                        self._target_ids(en) for en, n in counts.items() for _ in range(n)
                    ]
        sources = [h for h, _ in prepared]
        translations = self.inner.translate(sources, processors if self.constrained else None)
        for translation, (_hinted, matches), original in zip(translations, prepared, texts):
            translation.source = original
            translation.terms, missing = self.post_check(translation.text, matches)
            if missing:
                translation.warnings.append(
                    "glossary terms missing from the output: " + ", ".join(missing)
                )
        return translations

    @staticmethod
    def post_check(output: str, matches) -> tuple[list[dict], list[str]]:
        """Per term: how often the source has it and whether the output has its English form as often."""
        wanted = Counter((m.term.zh, m.term.en) for m in matches)
        terms, missing = [], []
        for (zh, en), count in wanted.items():
            found = output.count(en)
            satisfied = found >= count
            terms.append(
                {"zh": zh, "en": en, "occurrences": count, "found": found, "satisfied": satisfied}
            )
            if not satisfied:
                missing.append(en)
        return terms, missing
