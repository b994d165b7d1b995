"""The glossary guarantee on CTranslate2, which has no logits-processor hook.

Built from what CTranslate2 offers instead, in three batched steps:
1. decode every chunk (with its source-side hints) and keep the attention;
2. the post-check of the transformers path finds the chunks whose output lacks terms. Within a
   budget (``redecode_share`` of the first pass's output tokens) those are decoded again with a
   target prefix that holds each missing term where the attention over its hint in the source
   points, so the model writes the words around it; past the budget the term is spliced into the
   first pass's output at that place instead, over the words that attended to the hint, which
   costs no decoding;
3. a term still missing after that goes where the output ends.
Only the post-check decides, and it makes the same per-term report as on transformers.
"""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.glossary import TermMatch, TermRequirement, count_terms, required_terms
from summarizer.models.constrained import WORD_STARTS, GlossaryTranslator, report_terms
from summarizer.models.ct2 import Ct2Engine, Decoded
from summarizer.models.seq2seq import Translation
from summarizer.options import DEFAULT_REDECODE_SHARE


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


def _looks_at(row: list[float], span: tuple[int, int]) -> bool:
    """Whether an output step's strongest attention falls inside the source span."""
    return bool(row) and span[0] <= max(range(len(row)), key=row.__getitem__) < span[1]


def aligned_words(
    tokens: list[str], attention: list[list[float]], span: tuple[int, int], step: int
) -> tuple[int, int]:
    """The whole words around ``step`` whose steps look at the source span most, as (start,
    end); empty (step, step) when the step itself looks elsewhere. These are the model's own
    rendering of the term, which a spliced-in term replaces rather than repeats."""
    if step >= len(tokens) or not _looks_at(attention[step], span):
        return step, step
    start, end = step, step + 1
    while end < len(tokens) and _looks_at(attention[end], span):
        end += 1
    while start > 0 and not tokens[start].startswith(WORD_STARTS):
        start -= 1  # whole words only
    while end < len(tokens) and not tokens[end].startswith(WORD_STARTS):
        end += 1
    return start, end


def redecode_cost(decoded: Decoded, start: int) -> int:
    """Decoding a row again costs about as many steps as its first output had."""
    return max(1, len(decoded.tokens) - start)


class Ct2GlossaryTranslator(GlossaryTranslator):
    """GlossaryTranslator's interface and report over a Ct2Translator."""

    inner: Ct2Engine

    def __init__(
        self,
        inner: Ct2Engine,
        glossary,
        constrained: bool = True,
        redecode_share: float = DEFAULT_REDECODE_SHARE,
    ) -> None:
        """``redecode_share``: the share of the first pass's output tokens that may be decoded
        again to place missing terms (1: every such row; 0: every term spliced in)."""
        super().__init__(inner, glossary, constrained=constrained)
        self.redecode_share = redecode_share
        # tokenizing is the slow part of placing terms: each form once per translator
        self._written: dict[str, list[str]] = {}

    def _term_tokens(self, en: str) -> list[str]:
        """``en`` as the decoder writes it (target tokens); callers do not change the list."""
        if en not in self._written:
            self._written[en] = self.inner.target_tokens(en)
        return self._written[en]

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
        # the attention places missing terms, so a call none of whose chunks owes a term goes
        # without; within a call every row gets it (splitting the call would cost more batches)
        decoded = self.inner.decode_guarded(hinted, attention=any(chunk_requirements))
        self._enforce(hinted, chunk_requirements, decoded)
        out = [Translation(source=t, text="") for t in texts]
        for owner, result in zip(owners, decoded):
            out[owner].text = f"{out[owner].text} {result.text}".strip()
            out[owner].warnings.extend(result.warnings)
        for translation in out:
            report_terms(translation, required_terms(translation.source, self.glossary))
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
        """Place the missing terms of every chunk, in place: re-decode within the budget, splice
        beyond it. Re-decoding is batched by decoding setting and length budget (CTranslate2's
        length limit is per call, and random weights never stop early, so one long prefix must
        not stretch every row of the batch)."""
        start = len(self.inner.start_tokens)
        rows = [i for i in range(len(decoded)) if self._shortfall(decoded[i].text, matches[i])]
        allowance = self.redecode_share * sum(redecode_cost(d, start) for d in decoded)
        # the cheapest rows first, so the budget places as many terms by decoding as it can
        redo: set[int] = set()
        for i in sorted(rows, key=lambda r: (redecode_cost(decoded[r], start), r)):
            cost = redecode_cost(decoded[i], start)
            if cost <= allowance:
                redo.add(i)
                allowance -= cost
        groups: dict[tuple, list[tuple[int, list[str]]]] = {}
        for i in rows:
            needed = self._shortfall(decoded[i].text, matches[i])
            if i not in redo:
                tokens = self._spliced(hinted[i], decoded[i], needed, matches[i])
                self._set_output(decoded, i, tokens)
                continue
            prefix, whole = self._placed_prefix(hinted[i], decoded[i], needed, matches[i])
            if whole:  # the terms went in and no word of the output is left to rewrite
                self._set_output(decoded, i, prefix)
                continue
            # the first pass's budget, or room for the prefix and an end in steps of 16 (few
            # batches, none stretched far)
            budget = self.inner.max_new_tokens
            if len(prefix) + 2 > budget:
                budget += -(-(len(prefix) + 2 - budget) // 16) * 16
            budget = min(budget, self.inner.decoder_limit)
            key = (budget, tuple(sorted(decoded[i].settings.items())))
            groups.setdefault(key, []).append((i, prefix))
        for (budget, settings), members in groups.items():
            again = self.inner.decode_tokens(
                [self.inner.source_tokens(hinted[i]) for i, _ in members],
                [prefix for _, prefix in members],
                max_length=budget,
                **dict(settings),
            )
            for (i, _), result in zip(members, again):
                result.warnings = decoded[i].warnings
                decoded[i] = result
        for i in rows:
            missing = self._shortfall(decoded[i].text, matches[i])
            if missing:  # where the model would end
                tokens = decoded[i].tokens[start:]
                for en in missing:
                    tokens = tokens + self._term_tokens(en)
                self._set_output(decoded, i, tokens)

    def _set_output(self, decoded: list[Decoded], row: int, tokens: list[str]) -> None:
        """Row ``row``'s output replaced by ``tokens`` (target tokens after the start tokens)."""
        old = decoded[row]
        whole = old.tokens[: len(self.inner.start_tokens)] + tokens
        decoded[row] = Decoded(self.inner.detokenize(tokens), whole, [], old.warnings, old.settings)

    def _placements(
        self, hinted: str, decoded: Decoded, needed: list[str]
    ) -> list[tuple[int, int, list[str]]]:
        """Where each needed term goes in the first output, as (start, end, term tokens): before
        the word that attended most to its hint, or over the words that rendered it (end > start
        then; only a splice uses that, a re-decoded row has the model rewrite them)."""
        start = len(self.inner.start_tokens)
        output = decoded.tokens[start:]
        attention = decoded.attention[start:]
        source = decoded.source or self.inner.source_tokens(hinted)
        taken: set[tuple[int, int]] = set()
        placed: list[tuple[int, int, list[str]]] = []
        matches = self.glossary.match(hinted)
        for en in needed:
            spans = [
                span
                for form in self._source_forms(en, matches)
                for span in find_spans(source, form)
            ]
            # one source occurrence serves one needed term
            free = (s for s in sorted(spans) if not any(a < s[1] and s[0] < b for a, b in taken))
            span = next(free, None)
            step, over = len(output), (len(output), len(output))
            if span is not None and attention:
                taken.add(span)
                step = attended_step(attention, span, len(output))
                over = aligned_words(output, attention, span, step)
            while step < len(output) and not output[step].startswith(WORD_STARTS):
                step += 1  # never split a word
            if over[1] <= over[0]:
                over = (step, step)
            placed.append((step, over, self._term_tokens(en)))
        return [(step, over[0], over[1], term) for step, over, term in placed]

    def _source_forms(self, en: str, matches: list[TermMatch]) -> list[list[str]]:
        """The source tokens that stand for ``en`` in the hinted source (``matches``: the
        glossary's in it): its hint, or where no hint went in, its Chinese forms, both as they
        start a word and inside one."""
        surfaces = [en] if self.carries(en) else []
        surfaces += [m.surface for m in matches if m.term.en == en]
        forms = []
        for surface in dict.fromkeys(surfaces):
            forms += self._spellings(surface)
        return forms

    def _spellings(self, surface: str) -> list[list[str]]:
        """``surface`` as source tokens: as it starts a word, and inside one."""
        tokens = self.source_pieces(surface)[1]
        inside = [tokens[0].lstrip("".join(WORD_STARTS))] + tokens[1:] if tokens else []
        forms = [tokens]
        if inside and inside != tokens:
            forms.append(inside if inside[0] else inside[1:])
        return forms

    def _spliced(
        self, hinted: str, decoded: Decoded, needed: list[str], matches: list
    ) -> list[str]:
        """The first output with each needed term written over the words that rendered its hint
        (or before the word that attended most to it), nothing decoded again."""
        output = decoded.tokens[len(self.inner.start_tokens) :]
        # a term the output already has is never written over
        kept = [
            span
            for en in {r.en for r in matches}
            for span in find_spans(output, self._term_tokens(en))
        ]
        tokens, last = [], 0
        for step, first, end, term in sorted(self._placements(hinted, decoded, needed)):
            if any(a < end and first < b for a, b in kept):
                first = end = step
            first, end = max(first, last), max(end, last)
            if first == end:
                first = end = max(step, last)
            tokens += output[last:first] + term
            last = end
        return (tokens + output[last:])[: self.inner.decoder_limit - 1]

    def _placed_prefix(
        self, hinted: str, decoded: Decoded, needed: list[str], matches: list
    ) -> tuple[list[str], bool]:
        """The output so far with each needed term put before the word that attended most to
        its hint; it runs to the last term (placed or already there), the model does the rest.
        Also whether it holds the whole output already (then the model has nothing to redo)."""
        output = decoded.tokens[len(self.inner.start_tokens) :]
        placed = [(step, term) for step, _, _, term in self._placements(hinted, decoded, needed)]
        # keep the terms the output already has: the prefix runs past the last of them
        keep = max(
            (
                end
                for en in {r.en for r in matches}
                for _, end in find_spans(output, self._term_tokens(en))
            ),
            default=0,
        )
        prefix, last = [], 0
        for step, term in sorted(placed, key=lambda p: p[0]):
            prefix += output[last:step] + term
            last = step
        if keep > last:
            prefix += output[last:keep]
            last = keep
        elif last < len(output):
            prefix.append(output[last])  # a word start after the term: nothing glues onto it
            last += 1
        limit = self.inner.decoder_limit - 1
        return prefix[:limit], last >= len(output) and len(prefix) <= limit
