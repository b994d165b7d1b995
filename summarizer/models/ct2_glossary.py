"""The glossary guarantee on CTranslate2, which has no logits-processor hook.

Built from what CTranslate2 offers instead, in three batched steps:
1. decode every chunk (with its source-side hints) and keep the attention;
2. the post-check of the transformers path finds the chunks whose output lacks terms; those
   are decoded again with a target prefix that holds each missing term where the attention
   over its hint in the source points, so the model writes the words around it;
3. a term still missing after that goes where the output ends.
Only the post-check decides, and it makes the same per-term report as on transformers.
"""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.glossary import TermRequirement, count_terms, required_terms
from summarizer.models.constrained import GlossaryTranslator
from summarizer.models.ct2 import Ct2Engine, Decoded
from summarizer.models.seq2seq import Translation

# Pieces that begin a word: SentencePiece's "▁", byte-level BPE's "Ġ".
_WORD_STARTS = ("▁", "Ġ")


def find_spans(tokens: list[str], pattern: list[str]) -> list[tuple[int, int]]:
    """Where ``pattern`` occurs in ``tokens``, as (start, end) pairs, without overlaps."""
    spans, i, n = [], 0, len(pattern)
    while n and i + n <= len(tokens):
        if tokens[i : i + n] == pattern:
            spans.append((i, i + n))
            i += n
        else:
            i += 1
    return spans


def attended_step(attention: list[list[float]], span: tuple[int, int], steps: int) -> int:
    """The output step that attends most to the source span (its first step on ties)."""
    weights = [sum(row[span[0] : span[1]]) for row in attention[:steps]]
    return max(range(len(weights)), key=weights.__getitem__) if weights else steps


class Ct2GlossaryTranslator(GlossaryTranslator):
    """GlossaryTranslator's interface and report over a Ct2Translator."""

    inner: Ct2Engine

    def translate(self, texts: Sequence[str]) -> list[Translation]:
        if not self.constrained:
            return super().translate(texts)
        from summarizer.text.script import to_simplified

        owners, hinted, chunk_requirements = [], [], []
        for owner, text in enumerate(texts):
            for chunk in self._chunks(to_simplified(text)):
                owners.append(owner)
                hinted.append(self.prepare(chunk)[0])
                # each chunk owes its own source's terms, not the whole text's
                chunk_requirements.append(required_terms(chunk, self.glossary))
        decoded = self.inner.decode_guarded(hinted, attention=True)
        self._enforce(hinted, chunk_requirements, decoded)
        out = [Translation(source=t, text="") for t in texts]
        for owner, result in zip(owners, decoded):
            out[owner].text = f"{out[owner].text} {result.text}".strip()
            out[owner].warnings.extend(result.warnings)
        for translation in out:
            counts = count_terms(
                translation.text, required_terms(translation.source, self.glossary)
            )
            translation.terms = [c.to_dict() for c in counts]
            missing = [f"{c.en} ({c.missing} of {c.required})" for c in counts if c.missing]
            if missing:
                translation.warnings.append(
                    "glossary terms missing from the output: " + ", ".join(missing)
                )
        return out

    def _chunks(self, text: str) -> list[str]:
        """Sentence chunks whose hinted form fits the input window (hints lengthen a text)."""
        from summarizer.text.segment import chunk_sentences, split_sentences

        budget = max(8, self.inner.max_input_tokens - 2)
        chunks = chunk_sentences(
            split_sentences(text),
            budget,
            lambda piece: self.inner.token_length(self.prepare(piece)[0]),
        )
        return [c.text for c in chunks] or [text]

    def _shortfall(self, text: str, requirements: list[TermRequirement]) -> list[str]:
        """The English forms the output still lacks, once per missing occurrence."""
        return [c.en for c in count_terms(text, requirements) for _ in range(c.missing)]

    def _enforce(self, hinted: list[str], matches: list, decoded: list[Decoded]) -> None:
        """Re-decode the chunks that miss terms (batched per decoding setting), in place."""
        rows = [i for i in range(len(decoded)) if self._shortfall(decoded[i].text, matches[i])]
        groups: dict[tuple, list[int]] = {}
        for i in rows:
            groups.setdefault(tuple(sorted(decoded[i].settings.items())), []).append(i)
        start = len(self.inner.start_tokens)
        for settings, members in groups.items():
            prefixes = [
                self._placed_prefix(
                    hinted[i], decoded[i], self._shortfall(decoded[i].text, matches[i]), matches[i]
                )
                for i in members
            ]
            room = max(len(p) for p in prefixes) + 2
            again = self.inner.decode_tokens(
                [self.inner.source_tokens(hinted[i]) for i in members],
                prefixes,
                max_length=min(max(self.inner.max_new_tokens, room), self.inner.decoder_limit),
                **dict(settings),
            )
            for i, result in zip(members, again):
                result.warnings = decoded[i].warnings
                decoded[i] = result
        for i in rows:
            missing = self._shortfall(decoded[i].text, matches[i])
            if missing:  # where the model would end
                tokens = decoded[i].tokens[start:]
                for en in missing:
                    tokens = tokens + self.inner.target_tokens(en)
                decoded[i].tokens = decoded[i].tokens[:start] + tokens
                decoded[i].text = self.inner.detokenize(tokens)

    def _placed_prefix(
        self, hinted: str, decoded: Decoded, needed: list[str], matches: list
    ) -> list[str]:
        """The output so far with each needed term put before the word that attended most to
        its hint; it runs to the last term (placed or already there), the model does the rest."""
        start = len(self.inner.start_tokens)
        output = decoded.tokens[start:]
        attention = decoded.attention[start:]
        source = self.inner.source_tokens(hinted)
        taken: set[tuple[int, int]] = set()
        placed: list[tuple[int, list[str]]] = []
        for en in needed:
            hint = self.inner.tokenizer(en, add_special_tokens=False).input_ids
            spans = find_spans(source, self.inner.tokenizer.convert_ids_to_tokens(hint))
            span = next((s for s in spans if s not in taken), None)
            step = len(output)
            if span is not None and attention:
                taken.add(span)
                step = attended_step(attention, span, len(output))
            while step < len(output) and not output[step].startswith(_WORD_STARTS):
                step += 1  # never split a word
            placed.append((step, self.inner.target_tokens(en)))
        # keep the terms the output already has: the prefix runs past the last of them
        keep = max(
            (
                end
                for en in {r.en for r in matches}
                for _, end in find_spans(output, self.inner.target_tokens(en))
            ),
            default=0,
        )
        prefix, last = [], 0
        for step, term in sorted(placed, key=lambda p: p[0]):
            prefix += output[last:step] + term
            last = step
        if keep > last:
            prefix += output[last:keep]
        elif last < len(output):
            prefix.append(output[last])  # a word start after the term: nothing glues onto it
        return prefix[: self.inner.decoder_limit - 1]
