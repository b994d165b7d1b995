"""Proposing glossary entries: names in articles that the glossary lacks."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from summarizer.glossary import Glossary, TextMatches
from summarizer.text.parsed import ParsedText, as_parsed
from summarizer.text.segment import Sentence
from summarizer.text.tagger import han_blocks

# jieba part-of-speech tags for names: person, organisation, other proper noun.
_KIND_BY_TAG = {"nr": "person", "nrfg": "person", "nrt": "person", "nt": "org", "nz": "product"}
# The commonest Chinese surnames; a person's name in news starts with one.
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟"
    "谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢"
    "安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游"
    "辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应"
    "臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
# Words around a name that make it a person: a title before, a verb of saying after.
_PERSON_CUE_AFTER = re.compile(
    r"^(?:表示|指出|说|称|透露|介绍|认为|强调|坦言|提到|回应|告诉|此前|曾)"
)
_PERSON_CUE_BEFORE = re.compile(
    r"(?:CEO|CFO|COO|CTO|首席执行官|首席财务官|首席运营官|首席技术官|总裁|副总裁|董事长|创始人|联合创始人|负责人|"
    r"总经理|经理|总监|分析师|导演|记者|主任|教授|合伙人|主席|董事|高管|作者)$"
)
# one flat alternation of words, not two groups of them: the regex engine then skips to the
# places where a cue's first character stands instead of trying every place
_ANY_PERSON_CUE = re.compile(
    _PERSON_CUE_AFTER.pattern.removeprefix("^(?:").removesuffix(")")
    + "|"
    + _PERSON_CUE_BEFORE.pattern.removeprefix("(?:").removesuffix(")$")
)
# Longer than any cue above plus a line break (``$`` also matches before a final newline).
_CUE_WINDOW = 8
# a cue after a name, looked for in place (``^`` would only match at the text's start)
_CUE_AFTER_AT = re.compile(_PERSON_CUE_AFTER.pattern.removeprefix("^"))
_SURNAME = re.compile("[" + "".join(sorted(_SURNAMES)) + "]")
# the characters a cue after a name opens with, and those a cue before one ends with: one
# look at the characters beside a surname rules out most before any pattern is tried
_CUE_AFTER_FIRST = frozenset(w[0] for w in re.findall(r"[^|()?:^]+", _PERSON_CUE_AFTER.pattern))
_CUE_BEFORE_LAST = frozenset(w[-1] for w in re.findall(r"[^|()?:$]+", _PERSON_CUE_BEFORE.pattern))


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


def suggest_terms(
    texts: Iterable[str | ParsedText],
    glossary: Glossary,
    min_count: int = 1,
    people_only: bool = False,
) -> list[Suggestion]:
    """Names tagged by jieba (as jieba.posseg tags them) that no glossary form covers, most frequent first.

    Texts are tagged with the glossary's segmenter (its names stay whole); an article
    already parsed is not split or tagged again. ``people_only`` tags only the sentences
    where a person's cue (a title, a verb of saying) stands, since a person is proposed
    only beside one, and of those only the blocks where a surname stands beside a cue:
    the same people, found faster.
    """
    counts: Counter[tuple[str, str]] = Counter()
    for item in texts:
        parsed = as_parsed(item, glossary.segmenter)
        text = parsed.text
        in_glossary = parsed.term_matches(glossary)
        position = 0
        person_starts = functools.partial(_person_starts, in_glossary) if people_only else None
        for word, tag in _tagged(parsed, person_starts):
            start, position = position, position + len(word)
            kind = _KIND_BY_TAG.get(tag)
            if people_only and kind != "person":
                continue
            if kind is None or len(word) < 2 or not any("\u4e00" <= ch <= "\u9fff" for ch in word):
                continue
            if in_glossary.covers(start) or glossary.lookup(word):
                continue
            # the cues are short: a window either side keeps this linear in the text
            before = text[max(0, start - _CUE_WINDOW) : start]
            after = text[position : position + _CUE_WINDOW]
            if kind == "person" and not _looks_like_person(word, before, after):
                continue
            counts[(word, kind)] += 1
    return [
        Suggestion(zh, pinyin_name(zh, kind), kind, n)
        for (zh, kind), n in counts.most_common()
        if n >= min_count
    ]


# The tagger's HMM finds unknown names but is quadratic in a run of unknown
# characters; a "sentence" longer than this is no prose and is tagged without it.
_HMM_MAX_SENTENCE = 300


def _person_starts(in_glossary: TextMatches, sentence: Sentence) -> list[int]:
    """Where in the text a word of ``sentence`` may start and be proposed as a person: a
    surname no glossary name holds, with a cue right before it, or two or three characters
    after it (and the sentence holds a cue at all). Only the blocks holding one are tagged:
    no person can be found elsewhere."""
    if not _ANY_PERSON_CUE.search(sentence.text):
        return []
    text = in_glossary.text
    starts = []
    for surname in _SURNAME.finditer(text, sentence.start, sentence.end):
        start = surname.start()
        if in_glossary.covers(start):
            continue  # a word a glossary name holds is no proposal
        # a cue before the name ends right before it, or before a line break there (``$``)
        last = text[start - 1 : start] if start else ""
        if last == "\n":
            last = text[start - 2 : start - 1] if start > 1 else ""
        # as _looks_like_person reads its windows, read in place in the text
        if (
            (
                text[start + 2 : start + 3] in _CUE_AFTER_FIRST
                and _CUE_AFTER_AT.match(text, start + 2)
            )
            or (
                text[start + 3 : start + 4] in _CUE_AFTER_FIRST
                and _CUE_AFTER_AT.match(text, start + 3)
            )
            or (
                last in _CUE_BEFORE_LAST
                and _PERSON_CUE_BEFORE.search(text, max(0, start - _CUE_WINDOW), start)
            )
        ):
            starts.append(start)
    return starts


def _tagged(parsed: ParsedText, person_starts: Callable[[Sentence], list[int]] | None = None):
    """Part-of-speech pairs for the text (jieba.posseg's, see Segmenter.tag), sentence by
    sentence. With ``person_starts``, only the blocks jieba tags on their own (runs of Han,
    Latin and digits) that hold one of its places are tagged; the rest come back whole,
    untagged."""
    text = parsed.text
    position = 0
    for sentence in parsed.sentences:
        if sentence.start > position:
            yield from _between(parsed, text[position : sentence.start])
        hmm = len(sentence.text) <= _HMM_MAX_SENTENCE
        if person_starts is None:
            yield from parsed.tags(sentence.text, hmm=hmm)
        else:
            yield from _tagged_blocks(parsed, sentence, person_starts(sentence), hmm)
        position = sentence.end
    if position < len(text):
        yield from _between(parsed, text[position:])


def _tagged_blocks(
    parsed: ParsedText, sentence: Sentence, starts: list[int], hmm: bool
) -> Iterable[tuple[str, str]]:
    """The sentence's blocks holding one of ``starts`` tagged (as within the whole sentence:
    jieba tags each block alone), the others whole, untagged."""
    if not starts:
        yield sentence.text, "x"
        return
    offset = sentence.start
    for block in han_blocks(sentence.text):
        end = offset + len(block)
        if any(offset <= start < end for start in starts):
            yield from parsed.tags(block, hmm=hmm)
        elif block:
            yield block, "x"
        offset = end


def _between(parsed: ParsedText, gap: str) -> Iterable[tuple[str, str]]:
    """The text between two sentences, tagged; the line breaks and spaces the sentence
    splitter leaves there (all it leaves) are no name, and come back whole, untagged."""
    if gap.isspace():
        return [(gap, "x")]
    return parsed.tags(gap, hmm=False)


def _looks_like_person(word: str, before: str, after: str) -> bool:
    """A name starts with a common surname and stands after a title or before a verb of saying."""
    if not 2 <= len(word) <= 3 or word[0] not in _SURNAMES:
        return False
    return bool(_PERSON_CUE_AFTER.match(after) or _PERSON_CUE_BEFORE.search(before))


def suggestions_tsv(suggestions: Iterable[Suggestion]) -> str:
    lines = ["zh\ten\tkind\taliases\tnote"]
    for s in suggestions:
        lines.append(
            f"{s.zh}\t{s.en}\t{s.kind}\t\tproposed from pinyin, seen {s.count}x; check before use"
        )
    return "\n".join(lines) + "\n"
