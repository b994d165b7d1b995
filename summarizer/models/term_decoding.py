"""A logits processor that writes required token sequences (glossary terms) into every output.

Per hypothesis it keeps a small state, updated with one token per step: the
terms found so far (longest first, without overlaps, as the post-check counts
them in text), the terms partly written, and the term it is writing. Nothing
rescans the prefix, and each step moves the batch's last tokens and top
choices to the host once, not row by row. With beam search, rows are
reordered between steps; each row's parent is found with one tensor
comparison and its state carried over.

A missing term is begun
- where the model would otherwise end (the end token is its top choice),
- when its source occurrence's deadline (relative source position × source
  length) has passed, or
- when the room left is just enough for what is missing;
until every term is in, the end token is banned.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TokenTerm:
    """A required term as decoder tokens; ``deadlines`` holds, per occurrence, the output
    step by which it should have begun (ascending)."""

    ids: tuple[int, ...]
    deadlines: tuple[int, ...]

    @property
    def token_count(self) -> int:
        return len(self.ids) * len(self.deadlines)


class _RowState:
    """What one hypothesis has written of its terms."""

    __slots__ = ("found", "partials", "recent", "target")

    def __init__(self, size: int) -> None:
        self.found = [0] * size
        self.partials: list[tuple[int, int, int]] = []  # (term, tokens matched, start step)
        self.recent: list[tuple[int, int, int, bool]] = []  # counted: (start, end, term, forced)
        self.target: tuple[int, int] | None = None  # (term, tokens written) begun by the processor

    def copy(self) -> _RowState:
        other = _RowState(0)
        other.found = list(self.found)
        other.partials = list(self.partials)
        other.recent = list(self.recent)
        other.target = self.target
        return other


class _RowTerms:
    """The terms one batch item owes, indexed for the per-step update."""

    def __init__(self, terms: list[TokenTerm]) -> None:
        self.terms = terms
        self.by_first: dict[int, list[int]] = {}
        for index, term in enumerate(terms):
            self.by_first.setdefault(term.ids[0], []).append(index)
        self.longest = max((len(t.ids) for t in terms), default=0)

    def update(self, state: _RowState, token: int, step: int) -> None:
        """Take in the token written at output ``step``."""
        forced = False
        if state.target is not None:
            term, written = state.target
            ids = self.terms[term].ids
            forced = ids[written] == token
            state.target = (term, written + 1) if forced and written + 1 < len(ids) else None
        partials, completed = [], []
        starts = [(t, 0, step) for t in self.by_first.get(token, ())]
        for term, matched, start in state.partials + starts:
            ids = self.terms[term].ids
            if ids[matched] != token:
                continue
            if matched + 1 == len(ids):
                completed.append((start, term))
            else:
                partials.append((term, matched + 1, start))
        state.partials = partials
        end = step + 1
        state.recent = [r for r in state.recent if r[1] > end - self.longest]
        for start, term in sorted(completed):  # earliest start = longest first
            self._count(state, start, end, term, forced)

    @staticmethod
    def _count(state: _RowState, start: int, end: int, term: int, forced: bool) -> None:
        inside = [r for r in state.recent if r[0] >= start]
        if len(inside) < sum(1 for r in state.recent if r[1] > start):
            return  # overlaps an earlier match it does not contain: the earlier one stands
        for r in inside:  # the longer match replaces the ones it contains
            state.found[r[2]] -= 1
        state.recent = [r for r in state.recent if r[0] < start]
        state.recent.append((start, end, term, forced))
        state.found[term] += 1

    def decide(
        self, state: _RowState, step: int, room: int, end_is_top: bool
    ) -> tuple[int | None, list[int]]:
        """The token to force (or None) and the tokens to ban for this hypothesis now."""
        terms = self.terms
        missing = [t for t in range(len(terms)) if state.found[t] < len(terms[t].deadlines)]
        # a longer term must not swallow a counted one unless it is itself owed and the
        # counted one was the model's own
        banned = [
            terms[t].ids[matched]
            for t, matched, start in state.partials
            if any(r[0] >= start and (r[3] or t not in missing) for r in state.recent)
        ]
        if not missing:
            return None, banned
        if state.target is not None:
            term, written = state.target
            return terms[term].ids[written], banned
        begun = [(matched, -start, t) for t, matched, start in state.partials if t in missing]
        if begun:
            matched, _, term = max(begun)
            return terms[term].ids[matched], banned
        owed = sum((len(terms[t].deadlines) - state.found[t]) * len(terms[t].ids) for t in missing)
        first = min(missing, key=lambda t: terms[t].deadlines[state.found[t]])
        if end_is_top or step >= terms[first].deadlines[state.found[first]] or room <= owed:
            state.target = (first, 0)
            return terms[first].ids[0], banned
        return None, banned


class TermConstraintProcessor:
    """Forces required token sequences into each hypothesis of a batch.

    ``required[b]`` lists the terms output ``b`` must contain; ``max_length`` is
    the decoder length limit and ``prompt_length`` the decoder's start tokens
    (the start token, and a forced language token for NLLB and M2M100).
    """

    def __init__(
        self,
        required: list[list[TokenTerm]],
        num_beams: int,
        eos_token_id: int,
        max_length: int,
        prompt_length: int = 1,
        continuations: tuple[int, ...] = (),
    ) -> None:
        """``continuations`` are the tokens that would glue letters onto the word before
        (pieces without a word-start mark): banned right after a term, so "Alibaba"
        never becomes "Alibabas" and stays countable in the text."""
        self.rows = [_RowTerms(terms) for terms in required]
        self.continuations = continuations
        self.num_beams = num_beams
        self.eos_token_id = eos_token_id
        self.max_length = max_length
        self.prompt_length = prompt_length
        self._states: list[_RowState] | None = None
        self._previous = None

    def _parents(self, input_ids):
        """Each row's row at the previous step: itself in greedy search, found by prefix with beams."""
        import torch

        count = input_ids.shape[0]
        if self.num_beams == 1 or self._previous is None:
            return torch.arange(count)
        beams = self.num_beams
        prefix = input_ids[:, : self._previous.shape[1]].reshape(count // beams, beams, 1, -1)
        before = self._previous.reshape(count // beams, 1, beams, -1)
        within = (prefix == before).all(-1).int().argmax(-1)
        return (within + torch.arange(0, count, beams, device=within.device)[:, None]).view(-1)

    def __call__(self, input_ids, scores):
        import torch

        length = input_ids.shape[1]
        if length < self.prompt_length or not any(row.terms for row in self.rows):
            return scores
        count = input_ids.shape[0]
        step = length - self.prompt_length  # tokens written so far
        parents = self._parents(input_ids).to(input_ids.device)
        host = torch.stack([input_ids[:, -1], scores.argmax(-1), parents]).tolist()
        last, top, parent_of = host
        if self._states is None:
            self._states = [
                _RowState(len(self.rows[r // self.num_beams].terms)) for r in range(count)
            ]
            replay = input_ids[:, self.prompt_length :].tolist() if step else [[]] * count
            for r, tokens in enumerate(replay):
                for position, token in enumerate(tokens):
                    self.rows[r // self.num_beams].update(self._states[r], token, position)
        else:
            taken: set[int] = set()
            states = []
            for r in range(count):
                parent = self._states[parent_of[r]]
                states.append(parent if parent_of[r] not in taken else parent.copy())
                taken.add(parent_of[r])
                self.rows[r // self.num_beams].update(states[r], last[r], step - 1)
            self._states = states
        if self.num_beams > 1:
            self._previous = input_ids
        room = self.max_length - length
        forced_rows, forced_tokens, banned_rows, banned_tokens, after_term = [], [], [], [], []
        for r in range(count):
            row = self.rows[r // self.num_beams]
            if not row.terms:
                continue
            if any(end == step for _, end, _, _ in self._states[r].recent):
                after_term.append(r)
            forced, banned = row.decide(self._states[r], step, room, top[r] == self.eos_token_id)
            if forced is not None:
                forced_rows.append(r)
                forced_tokens.append(forced)
            else:
                banned += [self.eos_token_id] if self._owes(r) else []
            banned_rows += [r] * len(banned)
            banned_tokens += banned
        if after_term and self.continuations:
            rows = torch.tensor(after_term, device=scores.device)[:, None]
            glue = torch.tensor(self.continuations, device=scores.device)[None, :]
            scores[rows, glue] = -float("inf")
        if banned_rows:
            scores[banned_rows, banned_tokens] = -float("inf")
        if forced_rows:
            keep = scores[forced_rows, forced_tokens]
            keep = torch.where(torch.isfinite(keep), keep, torch.zeros_like(keep))
            scores[forced_rows] = -float("inf")
            scores[forced_rows, forced_tokens] = keep
        return scores

    def _owes(self, row: int) -> bool:
        terms = self.rows[row // self.num_beams].terms
        state = self._states[row]
        return any(state.found[t] < len(terms[t].deadlines) for t in range(len(terms)))
