"""Whose figure it is: companies named in an article, found with the glossary and without it.

Outside the glossary a company shows itself the way financial writing names
listed companies: with a stock code (台积电（2330）, 网易(NTES/09999), 宁德时代(300750.SZ),
哔哩哔哩(NASDAQ: BILI)), or as the one who announces (百度公布, 理想汽车发布) when the
name recurs. Descriptors before a name (晶圆代工龙头厂, 原始制造商如) are not part of it.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass

from summarizer.glossary import Glossary, Term, TermMatch, TextMatches
from summarizer.text.segmenter import plain_segmenter

_CODE = (
    r"[（(]\s?(?:(?:NASDAQ|NYSE|HKEX|纳斯达克|港交所|纽交所)\s?[:：]\s?[A-Z]{2,5}"
    r"|(?:[A-Z]{1,5}\s?[/:：]\s?)?\d{3,6}(?:\.(?:HK|SZ|SH|SS|TW|US))?)\s?[)）,，;；]"
)
_WITH_CODE = re.compile(rf"([\u4e00-\u9fffA-Za-z]{{2,16}})\s?{_CODE}")
_ANNOUNCES = re.compile(
    r"([\u4e00-\u9fff]{2,6})\s?(?:今日|今天|昨日|昨天|日前|近日|\d{1,2}\s?日)?\s?"
    r"(?:公布|宣布|发布|披露|公告|交出|录得)"
)
_DESCRIPTOR = re.compile(
    r"^.*(?:龙头厂|龙头|巨头|代工厂|制造商|厂商|零售商|开发商|供应商|经销商|[车药房险酒乳]企|企业(?!集团|有限|股份)|给予|"
    r"厂|比如|例如|诸如|包括|今日|今天|昨日|昨天|近日|日前|截至|旗下|上市|平台|股份|报告|公司|目标价|评级|、)"
)
# function words that can stand before a name (据日立, 由星河电子, 而小米): they cut it only where
# they are words of their own or open a word jieba does not know (及小鹏), so a name holding one
# in a word of the dictionary (学而思维, 今世缘, 日立) stays whole
_FUNCTION_WORDS = frozenset("如及和与的是为在由据对向将已昨今日指看而但")
_NOT_NAMES = re.compile(
    r"^(?:公司|集团|该公司|本公司|我们|该行|报告|财报|数据|记者|路透|本报|首次|再次|正式|同时|已经|随后|此前|"
    r"最新|首度|共同|分别|官方|近期|日前|近日|今天|昨天|当天|此次|本次|今年|去年|业绩|季报|年报)$"
)
# groups of companies a figure can belong to: a market's total is not any one company's
_COLLECTIVE_EN = {
    "港股上市公司": "Hong Kong-listed companies",
    "港股公司": "Hong Kong-listed companies",
    "A股上市公司": "A-share listed companies",
    "中概股": "US-listed Chinese companies",
    "三大运营商": "China's three telecom operators",
    "三大电信运营商": "China's three telecom operators",
    "全行业": "the whole industry",
    "行业整体": "the industry as a whole",
}
_COLLECTIVE = re.compile("|".join(sorted(_COLLECTIVE_EN, key=len, reverse=True)))
# the company being bought: its figures are its own, not the buyer's (标的公司Hydrotec 2024年…)
_TARGET = re.compile(
    r"(?:标的公司|标的企业|目标公司|被收购方|被收购公司)"
    r"(?:\s?(?P<latin>[A-Z][A-Za-z0-9&.\-]*(?:\s(?:[A-Z][A-Za-z0-9&.\-]*))*))?"
)
# every match of _COLLECTIVE starts with one of these, every one of _TARGET with one of those
_COLLECTIVE_HEADS = tuple(dict.fromkeys(word[:2] for word in _COLLECTIVE_EN))
_TARGET_HEADS = ("标的", "目标公司", "被收购")
_SOURCE_CUE = re.compile(r"(?:据|根据|来自|援引|引述)\s?$")
_CUE_REACH = 3  # the longest cue and its space
_CUE_ENDS = frozenset("据自引述")

# Every match of _WITH_CODE holds the bracket that opens its code, at most 17 characters
# (a 16-character name and a space) after the match's start and 21 before its end; every
# match of _ANNOUNCES ends with its verb, at most 12 characters after the match's start.
_CODE_BRACKET = re.compile(r"[（(]")
_VERB = re.compile(r"公布|宣布|发布|披露|公告|交出|录得")


def matches_near(
    pattern: re.Pattern[str], text: str, anchors: re.Pattern[str], before: int, after: int
) -> list[re.Match[str]]:
    """``pattern.finditer(text)``, searched only from ``before`` characters ahead of each
    anchor to ``after`` past its start: no match can lie elsewhere (the pattern has no
    lookaround), and scanning every position of a long text for a rare pattern is slow."""
    windows: list[list[int]] = []
    for anchor in anchors.finditer(text):
        low, high = max(0, anchor.start() - before), anchor.start() + after
        if windows and low <= windows[-1][1]:
            windows[-1][1] = high  # overlapping windows are searched as one
        else:
            windows.append([low, high])
    return [m for low, high in windows for m in pattern.finditer(text, low, high)]


def listed_names(text: str) -> list[str]:
    """Names written with a stock code (台积电（2330）, 网易(NTES/09999)) or that announce results
    (星河电子公布) and recur, descriptors before them (晶圆代工龙头厂) off."""
    coded = [
        _after_figure(text, m.start(1), m.group(1))
        for m in matches_near(_WITH_CODE, text, _CODE_BRACKET, 17, 21)
    ]
    announced = list(
        dict.fromkeys(m.group(1) for m in matches_near(_ANNOUNCES, text, _VERB, 12, 2))
    )
    names: list[str] = []
    for raw in dict.fromkeys(coded + announced):  # a name coded twice is read once
        name = _without_descriptors(raw)
        if not (2 <= len(name) <= 8) or _NOT_NAMES.match(name) or name in names:
            continue
        if re.search(r"[季年月日度期]$|^[季年月日度期]", name) or not re.search(
            r"[\u4e00-\u9fff]", name
        ):
            continue
        if raw not in coded and text.count(name) < 2:
            continue  # an announcer named once may be anyone
        names.append(name)
    return names


def _without_descriptors(raw: str) -> str:
    """晶圆代工龙头厂台积电 → 台积电; 据日立制作所 → 日立制作所; 在线教育公司学而思维 → 学而思维."""
    name = _DESCRIPTOR.sub("", raw).strip()
    if not any(ch in _FUNCTION_WORDS for ch in name):
        return name
    segmenter = plain_segmenter()
    words = segmenter.segment(name)
    rest = name
    for i, word in enumerate(words):
        if word in _FUNCTION_WORDS:
            rest = "".join(words[i + 1 :])
        elif word[0] in _FUNCTION_WORDS and not segmenter.is_word(word):
            # jieba's guess joined the word to an unknown name after it (及小鹏)
            rest = word[1:] + "".join(words[i + 1 :])
    return rest


def _after_figure(text: str, start: int, name: str) -> str:
    """A name run on from a figure (…275元吉利(00175.HK), a table row) starts after the figure's unit."""
    if start > 0 and text[start - 1].isdigit():
        return re.sub(r"^(?:港元|美元|元|亿|万|股|倍|辆|台|个)", "", name)
    return name


# made by the hundred per article and never changed: not frozen, whose __init__ sets each
# field through object.__setattr__ at three times the cost; hashed by value as before
@dataclass(unsafe_hash=True)
class CompanyMention:
    start: int
    end: int
    zh: str
    english: str
    term: Term | None = None
    source_cue: bool = False
    collective: bool = False  # 港股上市公司, 三大运营商: many companies, never the article's own


# words that name the same company in a longer form: Kuaishou Technology is Kuaishou
_CORPORATE = re.compile(
    r"^(?:Technology|Technologies|Group|Corporation|Corp\.?|Holdings|Inc\.?|Limited|Ltd\.?|Co\.?)$"
)


def _short_name(name: str, short_names: list[str]) -> str:
    """The shortest glossary name the full name only adds a corporate word to; Tencent Music stays."""
    for short in short_names:
        if name.startswith(short + " ") and _CORPORATE.match(name[len(short) + 1 :]):
            return short
    return name


def _cue_before(sentence: str, start: int) -> bool:
    """Whether a source cue (据, 根据, 援引…) stands right before ``start``."""
    window = sentence[max(0, start - _CUE_REACH) : start]
    # most names have no cue before them: no cue's last character stands there
    return not _CUE_ENDS.isdisjoint(window) and _SOURCE_CUE.search(window) is not None


# what stands at a sentence's edge (its closing punctuation, a line break, a space): no name,
# group or target word holds one, so none found in the whole text runs across such an edge
_EDGE = frozenset("。！？!?；;…”’」』）)】》〉")


def mentions_within(
    in_text: list[CompanyMention], text: str, matches: TextMatches, start: int, end: int
) -> list[CompanyMention] | None:
    """``CompanyFinder.mentions(text[start:end], names, matches.within(start, end))`` read from
    the whole text's mentions (``in_text``, in order), offsets into the span; None where the
    span's edges may read otherwise (an edge inside a word or a term, a mention across it),
    and the span must be read alone."""
    for edge in (start, end):
        if 0 < edge < len(text) and not (
            text[edge - 1] in _EDGE
            or text[edge] in _EDGE
            or text[edge - 1].isspace()
            or text[edge].isspace()
        ):
            return None
    if matches.cuts(start, end):
        return None
    found = []
    first = bisect.bisect_left(in_text, start, key=lambda m: m.start)
    if first > 0 and in_text[first - 1].end > start:
        return None
    for mention in in_text[first:]:
        if mention.start >= end:
            break
        if mention.end > end:
            return None
        local = mention.start - start
        # a source cue is looked for before a name inside the span only (a group or a target
        # is never a source)
        cue = mention.source_cue
        if local < _CUE_REACH and not mention.collective:
            cue = _cue_before(text[start:end], local)
        found.append(
            CompanyMention(
                local,
                mention.end - start,
                mention.zh,
                mention.english,
                mention.term,
                cue,
                mention.collective,
            )
        )
    return found


class CompanyFinder:
    """Company mentions with English names: glossary entries first, detected names after."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        companies = [t for t in glossary.terms if t.kind == "company"]
        short_names = sorted({t.en for t in companies}, key=len)
        # the shortest glossary name that starts a company's name: Kuaishou for Kuaishou Technology
        self._english = {t.en: _short_name(t.en, short_names) for t in companies}

    def english_name(self, term: Term) -> str:
        """The name a digest uses: Kuaishou for Kuaishou Technology; others as the glossary has them."""
        return self._english.get(term.en, term.en) if term.kind == "company" else term.en

    def article_names(self, text: str) -> dict[str, str]:
        """Chinese name → English of the companies outside the glossary that the article names."""
        from summarizer.suggest import pinyin_name

        return {
            name: pinyin_name(name, "company")
            for name in listed_names(text)
            if self.glossary.lookup(name) is None  # the glossary finds the others anyway
        }

    def mentions(
        self, sentence: str, names: dict[str, str], matches: list[TermMatch] | None = None
    ) -> list[CompanyMention]:
        """Companies (and products, when a figure is their own) named in a sentence, in order
        (``matches``: the glossary's matches in ``sentence``, when the caller has them)."""
        found: list[CompanyMention] = []
        # which characters a name holds already, and whether a source cue (据…) stands right
        # before a position: both looked up, never searched again, so a long text stays linear
        covered = bytearray(len(sentence))

        def cue_before(start: int) -> bool:
            return _cue_before(sentence, start)

        def add(mention: CompanyMention) -> None:
            found.append(mention)
            covered[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)

        for m in self.glossary.match(sentence) if matches is None else matches:
            if m.term.kind not in ("company", "product"):
                continue
            add(
                CompanyMention(
                    m.start,
                    m.end,
                    m.surface,
                    self.english_name(m.term),
                    m.term,
                    cue_before(m.start),
                )
            )
        for name, english in names.items():
            if name not in sentence:
                continue  # most sentences name none of the article's other companies
            # each occurrence, left to right and not overlapping (as a search for the name would)
            at = sentence.find(name)
            while at >= 0:
                end = at + len(name)
                if not covered[at]:
                    add(CompanyMention(at, end, name, english, None, cue_before(at)))
                at = sentence.find(name, end)
        # most sentences name no group and no acquisition target: a few substring tests in C
        # skip both scans
        collective = any(word in sentence for word in _COLLECTIVE_HEADS)
        for m in _COLLECTIVE.finditer(sentence) if collective else ():
            if not covered[m.start()]:
                english = _COLLECTIVE_EN[m.group(0)]
                add(CompanyMention(m.start(), m.end(), m.group(0), english, collective=True))
        target = any(word in sentence for word in _TARGET_HEADS)
        for m in _TARGET.finditer(sentence) if target else ():
            if not covered[m.start()]:
                english = m.group("latin") or "the acquisition target"
                add(CompanyMention(m.start(), m.end(), m.group(0), english, collective=True))
        return sorted(found, key=lambda f: f.start)

    def main_subject(
        self,
        text: str,
        names: dict[str, str],
        matches: TextMatches | None = None,
        in_text: list[CompanyMention] | None = None,
    ) -> CompanyMention | None:
        """The company the article is about: the most named, a headline mention counting thrice
        (``matches``: the glossary's in ``text``, ``in_text``: ``mentions(text, names)``, when
        the caller has them)."""
        counts: Counter[tuple[str, str]] = Counter()
        terms: dict[str, Term | None] = {}
        headline = text.split("\n", 1)[0]
        matches = matches or TextMatches(self.glossary, text)
        if in_text is None:
            in_text = self.mentions(text, names, matches.matches)
        # the headline's companies, read from the whole text's where its end reads the same
        in_headline = mentions_within(in_text, text, matches, 0, len(headline))
        if in_headline is None:
            in_headline = self.mentions(headline, names, matches.within(0, len(headline)))
        for line_weight, part_mentions in ((3, in_headline), (1, in_text)):
            for mention in part_mentions:
                if mention.collective or (
                    mention.term is not None and mention.term.kind != "company"
                ):
                    continue
                counts[
                    (mention.zh if mention.term is None else mention.term.zh, mention.english)
                ] += line_weight
                terms[mention.english] = mention.term
        if not counts:
            return None
        (zh, english), _ = counts.most_common(1)[0]
        return CompanyMention(-1, -1, zh, english, terms.get(english))
