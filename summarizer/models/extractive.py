"""The embedded extractive summariser: sentence-graph centrality with figure-aware priors.

LexRank-style: sentences are TF-IDF vectors of words and character bigrams,
edges are cosine similarities, and centrality is PageRank over that graph with
a personalisation vector. The personalisation carries what news summaries
need beyond centrality: a lead-position prior (news puts the point first) and
a preference for sentences stating key figures or naming companies and
executives. Sentences are then picked by maximal marginal relevance (MMR) under
a character or sentence budget, and returned in their original order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from summarizer.glossary import Glossary, TextMatches
from summarizer.models.clause_select import CHANGE as _CHANGE
from summarizer.models.clause_select import FIGURE as _FIGURE
from summarizer.models.clause_select import MARKET_COLOUR as _MARKET_COLOUR
from summarizer.models.clause_select import RESULTS as _RESULTS
from summarizer.models.clause_select import select_clauses
from summarizer.models.sentence_graph import pagerank, similarity_matrix, term_weights
from summarizer.options import DEFAULT_MAX_CHARS
from summarizer.text.compress import ASIDE as _ASIDE
from summarizer.text.compress import BYLINE as _BYLINE
from summarizer.text.compress import CLAUSE as _CLAUSE
from summarizer.text.compress import LINE_LABEL as _LINE_LABEL  # shared with clause selection
from summarizer.text.parsed import ParsedText, as_parsed
from summarizer.text.script_convert import code_points, han_mask
from summarizer.text.segment import Sentence

_DATE_LEAD = re.compile(r"^\d{1,2}月\d{1,2}日")
_LEAD_IN = re.compile(r"季|年|月|公布|发布|披露|财报|业绩")
_END = re.compile(r"[。！？!?；;…][”’」』）)]*$")

# The weights below are the algorithm's design choices, set on general grounds
# (news lead bias, investor interest in figures), not fitted to an evaluation set.
_LEAD_DECAY = 0.5
_FIGURE_WEIGHT = 0.6
_ENTITY_WEIGHT = 0.3
_RESULT_WEIGHT = 0.6
_MMR_LAMBDA = 0.7
_REPEAT = 0.7
_MIN_HAN = 12
_MIN_HAN_WITH_FIGURE = 6  # 归母净利润67.65亿元，年增46.59%。: short, and a headline figure
# a graph of n sentences holds n² similarities: 500 is more than any news article has, and
# keeps a page of thousands of near-identical sentences to about a second
_MAX_GRAPH = 500
_PRIOR_EXPONENT = 2.0


@dataclass
class Summary:
    """A summary with the indices of the source sentences it is made of."""

    text: str
    sentence_indices: list[int]
    method: str
    warnings: list[str] = field(default_factory=list)


# a sentence holding a table row (持有│275元, a │ b │ c) is data, not prose for a summary
_TABLE_CELLS = re.compile(r"[│┃|][^│┃|。！？]{0,40}[│┃|]")


def _han_counts(parsed: ParsedText) -> list[int]:
    """Each sentence's Chinese characters (U+4E00 to U+9FFF), counted for the whole
    article in one pass over its code points."""
    codes = code_points(parsed.text)
    before = np.zeros(len(codes) + 1, dtype=np.intp)
    han_mask(codes).cumsum(out=before[1:])
    starts = [s.start for s in parsed.sentences]
    ends = [s.end for s in parsed.sentences]
    return (before[ends] - before[starts]).tolist()


def _full_enough(sentence: str, han: int) -> bool:
    """Long enough to say something: 12 Chinese characters (``han``), or 6 around a figure."""
    return han >= _MIN_HAN or (han >= _MIN_HAN_WITH_FIGURE and _FIGURE.search(sentence) is not None)


_ENTITY_KINDS = ("person", "product")


def _entity_forms(glossary: Glossary | None) -> re.Pattern[str] | None:
    """Every form of the glossary's people and products, as one pattern: a text holding
    none names neither (a match of theirs is one of these forms), so most clauses are
    told apart without a glossary match."""
    if glossary is None:
        return None
    forms = {form for term in glossary.terms if term.kind in _ENTITY_KINDS for form in term.forms}
    if not forms:
        return None
    return re.compile("|".join(map(re.escape, sorted(forms, key=len, reverse=True))))


class ExtractiveSummarizer:
    """Graph-centrality summariser that needs no model weights."""

    method = "extractive-lexrank"

    def __init__(self, glossary: Glossary | None = None) -> None:
        self.glossary = glossary
        self._entity_forms = _entity_forms(glossary)

    def _parse(self, text: str | ParsedText) -> ParsedText:
        """The article's sentences and words: as passed down, or parsed here with the
        glossary's segmenter (its names stay whole)."""
        from summarizer.text.segmenter import plain_segmenter

        segmenter = self.glossary.segmenter if self.glossary is not None else plain_segmenter()
        return as_parsed(text, segmenter)

    def _prior(self, sentence: Sentence, position: int, names: TextMatches | None) -> float:
        """How much a sentence is worth before the graph: its place, figures and names
        (``names``: the glossary's matches in the article)."""
        lead = 1.0 + 1.0 / (1.0 + _LEAD_DECAY * position)
        figures = len(_FIGURE.findall(sentence.text))
        changes = len(_CHANGE.findall(sentence.text))
        entities = 0
        if names is not None:
            entities = len({m.term.zh for m in names.within(sentence.start, sentence.end)})
        informative = (
            1.0
            + _FIGURE_WEIGHT * min(figures + 0.5 * changes, 4)
            + _ENTITY_WEIGHT * min(entities, 3)
            + _RESULT_WEIGHT * min(len(_RESULTS.findall(sentence.text)), 3)
        )
        if _DATE_LEAD.match(sentence.text):
            informative += _FIGURE_WEIGHT  # "11月20日，某公司公布……" opens a news report
        return lead * informative

    def summarize(
        self,
        text: str | ParsedText,
        max_chars: int | None = DEFAULT_MAX_CHARS,
        max_sentences: int | None = None,
    ) -> Summary:
        """Summarise normalised text within ``max_chars`` characters and/or ``max_sentences``."""
        parsed = self._parse(text)
        sentences = parsed.sentences
        names = parsed.term_matches(self.glossary) if self.glossary is not None else None
        candidates = [
            s
            for s, han in zip(sentences, _han_counts(parsed))
            if _full_enough(s.text, han) and _END.search(s.text) and not _TABLE_CELLS.search(s.text)
        ]
        warnings: list[str] = []
        if not candidates:
            candidates = [s for s in sentences if s.text.strip()]
            if not candidates:
                return Summary("", [], self.method, ["no sentences to summarise"])
            warnings.append("no full sentences found; summarised headings and fragments")
        if len(candidates) > _MAX_GRAPH:
            # The graph is quadratic in sentences: keep the most promising by the priors alone.
            ranked = sorted(
                range(len(candidates)), key=lambda i: -self._prior(candidates[i], i, names)
            )
            keep = sorted(ranked[:_MAX_GRAPH])
            warnings.append(
                f"long article: ranked the {_MAX_GRAPH} most promising of {len(candidates)} sentences"
            )
            candidates = [candidates[i] for i in keep]
        if len(candidates) > 1:
            sim = similarity_matrix(term_weights([s.text for s in candidates], parsed.words))
        else:  # a sentence's similarity to itself is left out: one sentence has none
            sim = np.zeros((1, 1))
        prior = np.array([self._prior(s, pos, names) for pos, s in enumerate(candidates)])
        centrality = pagerank(sim, prior)
        relevance = centrality * prior**_PRIOR_EXPONENT
        relevance = relevance / relevance.max()
        n = len(candidates)

        if max_chars is not None and max_sentences is None:
            # a character budget is spent clause by clause on the figures of several sentences
            text, positions = select_clauses(candidates, relevance, max_chars, self._names_entity)
            if text:
                return Summary(
                    text, [candidates[i].index for i in positions], self.method, warnings
                )

        condensed = [condense(c.text) for c in candidates]
        chosen = self._select(candidates, condensed, relevance, sim, max_chars, max_sentences)
        if not chosen:
            shortest = min(range(n), key=lambda i: len(candidates[i].text))
            chosen = [shortest]
            warnings.append(
                f"every sentence is longer than {max_chars} characters; kept the shortest"
            )
        chosen.sort(key=lambda i: candidates[i].index)
        picked = [candidates[i] for i in chosen]
        return Summary(
            "".join(condensed[i] for i in chosen), [s.index for s in picked], self.method, warnings
        )

    def _states_something(self, sentence: str) -> bool:
        """A figure, or a named person or product: what a digest sentence is for."""
        return _FIGURE.search(sentence) is not None or self._names_entity(sentence)

    def _names_entity(self, text: str) -> bool:
        """Whether ``text`` names a person or product of the glossary."""
        if self._entity_forms is None or self._entity_forms.search(text) is None:
            return False  # no person's or product's name in it: the glossary need not be read
        return any(m.term.kind in _ENTITY_KINDS for m in self.glossary.match(text))

    def _select(
        self,
        candidates: list[Sentence],
        condensed: list[str],
        relevance: np.ndarray,
        sim: np.ndarray,
        max_chars: int | None,
        max_sentences: int | None,
    ) -> list[int]:
        chosen: list[int] = []
        used = 0
        remaining = set(range(len(candidates)))
        states = [self._states_something(c.text) for c in candidates]
        while remaining:
            if max_sentences is not None and len(chosen) >= max_sentences:
                break
            if max_chars is not None:
                # a sentence too long for what is left may still give its first figure clauses
                for i in remaining:
                    if used + len(condensed[i]) > max_chars:
                        shorter = _leading_clauses(condensed[i], max_chars - used)
                        if shorter:
                            condensed[i] = shorter
            fitting = [
                i for i in remaining if max_chars is None or used + len(condensed[i]) <= max_chars
            ]
            if not fitting:
                break
            # a near repeat of a chosen sentence adds nothing, whatever else is left
            fitting = [
                i for i in fitting if max((sim[i][j] for j in chosen), default=0.0) < _REPEAT
            ]
            if not fitting:
                break
            # a digest states figures and names: once one is in, sentences with neither do not pad it
            with_figures = [i for i in fitting if states[i]]
            if with_figures:
                fitting = with_figures
            elif any(states[j] for j in chosen):
                break

            def mmr(i: int) -> float:
                redundancy = max((sim[i][j] for j in chosen), default=0.0)
                return _MMR_LAMBDA * relevance[i] - (1 - _MMR_LAMBDA) * redundancy

            best = max(fitting, key=mmr)
            chosen.append(best)
            used += len(condensed[best])
            remaining.discard(best)
            if max_chars is None and max_sentences is None and len(chosen) >= 3:
                break
        return chosen


def _leading_clauses(text: str, room: int) -> str:
    """The longest run of leading clauses that fits ``room`` and ends on a figure, closed as a sentence."""
    best = ""
    taken = ""
    for m in _CLAUSE.finditer(text):
        taken += m.group(0)
        body = taken.rstrip("，,；;：:。 ")
        if len(body) + 1 > room:
            break
        if _FIGURE.search(m.group(0)):
            best = body + "。"
    return best


def condense(sentence: str) -> str:
    """A sentence as a digest reads it: without its byline or line label, and, where it
    states figures, without the clauses that state none or only share-price colour.

    Clauses are kept in order and never rewritten, so the result stays a sub-sequence
    of the source; a kept figure whose clause does not name its metric keeps the clauses
    back to the one that does (营收…，同比增长11.63%至1005.2亿元). A sentence with no
    figure clause is kept whole.
    """
    from summarizer.figures.metrics import names_metric

    text = _LINE_LABEL.sub("", _BYLINE.sub("", sentence)).lstrip("，, ")
    text = _ASIDE.sub("", text)
    clauses = [m.group(0) for m in _CLAUSE.finditer(text) if m.group(0).strip()]
    if len(clauses) < 2:
        return text
    figures = [_FIGURE.search(c) is not None for c in clauses]
    if not any(figures):
        return text  # no figure clause: nothing to keep apart (and no metric names to look for)
    named = [names_metric(c) for c in clauses]
    colour = [bool(_MARKET_COLOUR.search(c)) for c in clauses]
    for i in range(1, len(clauses)):
        if colour[i - 1] and not named[i]:
            colour[i] = True  # 股价开高走高，最高达1495元: the move runs on
    keep = {i for i in range(len(clauses)) if figures[i] and not colour[i]}
    if not keep or len(keep) == len(clauses):
        return text
    for i in sorted(keep):
        j = i
        while j >= 0 and not named[j]:
            j -= 1
        if j >= 0 and not any(colour[j:i]):
            keep.update(range(j, i))
    first = min(keep)
    lead = clauses[:first]
    if (
        lead
        and sum(map(len, lead)) <= 30
        and not any(colour[:first])
        and _LEAD_IN.search("".join(lead))
    ):
        keep.update(
            range(first)
        )  # the lead-in says who and when: 11月20日，某公司公布第三季度业绩，
    body = "".join(clauses[i] for i in sorted(keep)).rstrip("，,；;：: ")
    return body if _END.search(body) else body + "。"
