"""Proposing glossary entries: names in articles that the glossary lacks."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from summarizer.glossary import Glossary

# jieba part-of-speech tags for names: person, organisation, other proper noun.
_KIND_BY_TAG = {"nr": "person", "nrfg": "person", "nrt": "person", "nt": "org", "nz": "product"}


@dataclass(frozen=True)
class Suggestion:
    zh: str
    en: str
    kind: str
    count: int


def pinyin_name(zh: str, kind: str) -> str:
    """A pinyin proposal: people as 'Surname Givenname', other names as one capitalised word."""
    from pypinyin import Style, lazy_pinyin

    syllables = [s for s in lazy_pinyin(zh, style=Style.NORMAL, v_to_u=True) if s.strip()]
    if not syllables:
        return zh
    if kind == "person" and len(syllables) >= 2:
        return syllables[0].capitalize() + " " + "".join(syllables[1:]).capitalize()
    return "".join(syllables).capitalize()


def suggest_terms(texts: Iterable[str], glossary: Glossary, min_count: int = 1) -> list[Suggestion]:
    """Names tagged by jieba that no glossary form covers, most frequent first."""
    from summarizer.charfreq import segmenter

    segmenter()
    import jieba.posseg

    counts: Counter[tuple[str, str]] = Counter()
    for text in texts:
        covered = {(m.start, m.end) for m in glossary.match(text)}
        spans = [(s, e) for s, e in covered]
        position = 0
        for pair in jieba.posseg.cut(text):
            word, tag = pair.word, pair.flag
            start, position = position, position + len(word)
            kind = _KIND_BY_TAG.get(tag)
            if kind is None or len(word) < 2 or not any("\u4e00" <= ch <= "\u9fff" for ch in word):
                continue
            if glossary.lookup(word) or any(s <= start < e for s, e in spans):
                continue
            counts[(word, kind)] += 1
    return [
        Suggestion(zh, pinyin_name(zh, kind), kind, n)
        for (zh, kind), n in counts.most_common()
        if n >= min_count
    ]


def suggestions_tsv(suggestions: Iterable[Suggestion]) -> str:
    lines = ["zh\ten\tkind\taliases\tnote"]
    for s in suggestions:
        lines.append(
            f"{s.zh}\t{s.en}\t{s.kind}\t\tproposed from pinyin, seen {s.count}x; check before use"
        )
    return "\n".join(lines) + "\n"
