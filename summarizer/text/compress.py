"""Sentence compression for news digests: what a summary writer strips before choosing clauses.

Chinese financial news wraps its facts in frames a summary drops: bylines and
datelines (〔记者某某／新竹报导〕), source labels of scraped lines, reporting frames
(据…报道，/ …表示，), bracketed asides (stock codes, currency conversions, English
glosses), citation marks of scraped research pages ([4][5]) and inline quotes
(吉利 -0.680 (-3.594%)). Those are deleted, never rewritten, so every number left is
the source's number, whole. The one rewrite is of wording, not figures: Taiwan and
Hong Kong financial terms take the mainland form a Simplified digest reads in
(年增16.9% → 同比增16.9%, 第3季 → 第三季度, 每股盈余 → 每股收益).
"""

from __future__ import annotations

import re
from typing import Any

# A byline or dateline opening a sentence: 〔记者某某／新竹报导〕, （中央社记者某某台北10日电）, 路透报导，
BYLINE = re.compile(
    r"^(?:[〔【\[（(][^〕】\]）)]{0,30}(?:报导|报道|电|讯)[〕】\]）)]|(?:记者|本报)[^，,。]{0,12}(?:报导|报道)|"
    r"(?:路透|彭博|中央社|新华社|美联社)(?:社)?(?:报导|报道|消息)[，,])"
)
# list bullets and source labels that open scraped lines: "· ", "- ", "▲", "金吾财讯 | "
LINE_LABEL = re.compile(r"^(?:[·•▲■◆\-–*]\s*|[^，,。|｜]{2,12}\s?[|｜]\s?)")
# brackets a digest reads past: stock codes (2330), (NTES/09999); conversions (约台币338亿),
# (约合7亿美元); notes (人民币，下同), (以下同，约台币8443亿); glosses (AI); a day in a dateline (31日).
# Bracketed changes (+7.5%) stay.
ASIDE = re.compile(
    r"[（(](?:[A-Z]{0,6}[:：/ ]?\s?\d{3,6}(?:\.[A-Z]{2})?|[^（）()]{0,12}下同[^（）()]{0,16}"
    r"|(?:约|合|约合)[^（）()]{1,16}|[A-Za-z][A-Za-z .&-]{0,30}|\d{1,2}日"
    # listings: (NASDAQ: BILI, HKEX: 9626), (NYSE:TME); a "hereinafter" note (以下简称"B站")
    r"|(?:[A-Z]{2,6}\s?[:：]\s?[A-Z0-9.]{1,8}[,，;；、/ ]*){1,3}"
    r"|[^（）()]{0,40}(?:以下简称|下称)[^（）()]{0,16})[）)]"
)
# citation marks of scraped research pages: 首次突破7万辆大关 [4][5][6]
_CITATION = re.compile(r"\s*(?:\[\d{1,3}\])+")
# an inline quote after a name, as Hong Kong finance pages print it: 吉利 -0.680 (-3.594%)
_INLINE_QUOTE = re.compile(r"\s*[+-]\d+\.\d{2,3}\s*[（(][+-]?\d+(?:\.\d+)?%[）)]")
# an amount restated in another currency: 净利润为人民币10.9亿元(1.54亿美元)
_CONVERSION = re.compile(
    r"(?<=[元币])\s*[（(]\s*[\d.,]+\s*[万亿]*\s*(?:美元|港元|港币|人民币|元|新台币)\s*[）)]"
)
# spaces typeset between Chinese and figures (宁德时代 2025 年): a digest does not spend on them
_CJK_SPACE = re.compile(
    r"(?<=[\u4e00-\u9fff])[ \u00a0]+(?=[\w%％])|(?<=[\w%％])[ \u00a0]+(?=[\u4e00-\u9fff])"
)
# clause breaks; an ASCII comma between digits (70,289辆) is a thousands separator. The
# characters between breaks are taken as runs (one step of the engine each, not one per
# character): the same clauses as one character at a time
CLAUSE = re.compile(r"(?:[^，,；;：:]+|(?<=\d),(?=\d))+(?:[，；;：:]|,(?!\d))?")
# a spaced dash between items of a scraped list: 首次突破7万辆大关 - 小鹏汽车10月交付…
_LIST_DASH = re.compile(r"\s+[-–—]\s+")
# Reporting frames that open a sentence and carry no fact of their own: the report follows.
# 据快手财报，/ 根据比亚迪30日发布的最新财报，/ 据路透报道，
_SOURCE_FRAME = re.compile(
    r"^(?:据|根据)[^，,。；]{1,24}?(?:报道|报导|消息|数据|财报|公告|资料|统计|显示|介绍)[，,]"
)
# …表示，/ …指出， / 执行长某某指出，: a speaker frame before what was said
_SPEAKER_FRAME = re.compile(r"^[^，,。；“”]{1,16}?(?:表示|指出|透露|强调|称)[，,：:]")
# 携程公布数据显示，/ 快手财报显示，: the name stays, the frame goes (携程第三季营收…)
_NAMED_FRAME = re.compile(
    r"^(?P<name>[^，,。；\d]{0,8}?)(?:公布|发布|披露)?(?:的)?(?:最新)?(?:数据|财报|公告|报告|业绩)显示[，,]"
)
# a connective that cannot open a digest sentence once what it answered is gone
_DANGLING = re.compile(r"^(?:但是|但|而且|而|并且|不过|此外|另外|同时|然而|因此|所以)[，,]?")


# a clause that is only a discourse marker or a topic label: 一方面，/ 与此同时，/ 毛利率方面，
_MARKER_CLAUSE = re.compile(
    r"^(?:一方面|另一方面|另一面|与此同时|同时|此外|另外|不过|但是|然而|而且|并且|据悉|据了解|总之|总的来说|由此|因此|例如|比如|其中"
    r"|目前|未来|最后|首先|其次|再者|值得注意的是|具体来看|具体而言|[^，,。；]{1,8}方面)[，,：:]?$"
)
_MARKER_MAX = 11  # the longest clause _MARKER_CLAUSE matches: eight characters, 方面 and a mark


def is_frame(clause: str) -> bool:
    """Whether ``clause`` only introduces what follows: 执行长某某指出，/ …显示：/ 据…报道，"""
    text = clause.strip()
    if text.endswith(("：", ":")):
        return True
    # every other frame ends on a comma: a clause ending otherwise is none of them; a source
    # frame opens on 据 or 根据, and a named one holds 显示 (tested before the pattern is run)
    return text.endswith(("，", ",")) and (
        (text.startswith(("据", "根据")) and _SOURCE_FRAME.fullmatch(text) is not None)
        or _SPEAKER_FRAME.fullmatch(text) is not None
        or ("显示" in text and _NAMED_FRAME.fullmatch(text) is not None)
    )


def is_marker(clause: str) -> bool:
    """Whether ``clause`` only signposts (一方面，/ 毛利率方面，) and states nothing itself."""
    text = clause.strip()
    # a marker is a few words and a mark: a longer clause is not looked at
    return len(text) <= _MARKER_MAX and _MARKER_CLAUSE.match(text) is not None


def without_asides(text: str) -> str:
    """``text`` without bracketed asides (stock codes, notes, conversions), citation marks,
    a finance page's inline quotes and the spaces set around figures: what a reader skips."""
    # each pass only where the characters it needs are present: most sentences have no bracket
    bracketed = "(" in text or "（" in text
    if bracketed:
        text = ASIDE.sub("", text)
    if "[" in text:
        text = _CITATION.sub("", text)
    if bracketed and ("(" in text or "（" in text):
        text = _INLINE_QUOTE.sub("", text)
    else:
        bracketed = False
    if " " in text or "\xa0" in text:
        text = _CJK_SPACE.sub("", text)
    return _CONVERSION.sub("", text) if bracketed else text


# the characters a byline opens with, and those a line label opens with or holds in its first
# 14 characters (its bar): a sentence holding none of them is not searched for either
_BYLINE_OPENINGS = frozenset("〔【[（(记本路彭中新美")
_LABEL_OPENINGS = frozenset("·•▲■◆-–*")
_LABEL_REACH = 14


def _without_label(text: str) -> str:
    """``text`` without an opening byline and line label: ``LINE_LABEL.sub("", BYLINE.sub("", text))``."""
    if text[:1] in _BYLINE_OPENINGS:
        text = BYLINE.sub("", text)
    head = text[:_LABEL_REACH]
    if text[:1] in _LABEL_OPENINGS or "|" in head or "｜" in head:
        text = LINE_LABEL.sub("", text)
    return text


def strip_frames(sentence: str) -> str:
    """``sentence`` without its byline, line label, asides (``without_asides``), opening
    reporting frame and the spaces set around figures."""
    text = without_asides(_without_label(sentence).lstrip("，, "))
    if "-" in text or "–" in text or "—" in text:
        text = _LIST_DASH.sub("；", text)
    named = _NAMED_FRAME.match(text) if "显示" in text else None
    if named:
        return named.group("name") + text[named.end() :]
    # a source frame opens on 据 or 根据: other sentences are searched for a speaker's alone
    frames = (
        (_SOURCE_FRAME, _SPEAKER_FRAME) if text.startswith(("据", "根据")) else (_SPEAKER_FRAME,)
    )
    for frame in frames:
        stripped = frame.sub("", text, count=1)
        # a frame is dropped only when a statement of some length follows it
        if stripped != text and len(stripped) >= 8:
            return stripped
    return text


def without_dangling_connective(clause: str) -> str:
    """``clause`` able to open a sentence: 而2024年同期为40亿元 → 2024年同期为40亿元."""
    return _DANGLING.sub("", clause, count=1)


# quarter-on-quarter pieces: 季增6％ / 环比增长11% / 按季亦跌9.5%; year-on-year is the headline
# comparison of a results report, so where a unit states both, the quarter-on-quarter goes
_QOQ_PIECE = re.compile(
    r"^(?:亦|也|则|并)?(?:环比|季增|季减|季跌|按季|较上季|较上一季度?|连续)[^、，,；;]*?[\d.]+\s*(?:%|％|个百分点)$"
)
_YOY = re.compile(r"同比|年增|年减|年跌|按年|较去年同期|较上年同期")
_PIECE = re.compile(r"[^、，,；;]+[、，,；;]?")


def without_quarter_on_quarter(clauses: list[str]) -> list[str]:
    """``clauses`` less the quarter-on-quarter changes, when a year-on-year change is among them."""
    for clause in clauses:
        if _YOY.search(clause):
            break
    else:
        return clauses
    kept = []
    for clause in clauses:
        pieces = [p for p in _PIECE.findall(clause) if not _QOQ_PIECE.match(p.strip("、，,；;。 "))]
        if not pieces:
            continue
        text = "".join(pieces)
        # the clause keeps the separator it ended on, whichever piece went
        end = clause.rstrip()[-1]
        text = text.rstrip("、，,；;。 ")
        kept.append(text + end if end in "，,；;。" else text)
    return kept


# Taiwan and Hong Kong financial wording and its mainland form, the form a Simplified digest
# reads in: 月增11%、年增16.9% → 环比增11%、同比增16.9%. Only words change, never a figure.
# 年增 is "year-on-year up" unless its 年 belongs to a year named before it (今年增加, 2025年增长)
_NOT_A_YEAR = r"(?<![\d今去明前后全每上下本当该同近多逐历往按])"
# 季增/月增 are "quarter/month-on-quarter/month up" unless a period is named (第三季增长, 10月增加)
_NOT_A_PERIOD = r"(?<![\d一二三四五六七八九十第前后本上下每单当各同个])"
_FIGURE_AHEAD = r"(?=\s*(?:[\d近逾约超]|[\u4e00-\u9fff]{0,2}\d))"
# Each rewrite with the words its pattern cannot match without: a sentence holding none of
# them skips the pattern (a substring test costs a tenth of a regex pass). Applied in order.
_MAINLAND_WORDING: list[tuple[tuple[str, ...], re.Pattern[str], Any]] = [
    (("按年",), re.compile(r"按年(?!度)"), "同比"),
    (("按季",), re.compile(r"按季(?!度)"), "环比"),
    (("年增",), re.compile(_NOT_A_YEAR + r"年增(?!率)" + _FIGURE_AHEAD), "同比增"),
    (("年减",), re.compile(_NOT_A_YEAR + r"年减" + _FIGURE_AHEAD), "同比降"),
    (("季增", "月增"), re.compile(_NOT_A_PERIOD + r"(?:季增|月增)" + _FIGURE_AHEAD), "环比增"),
    (("季减", "月减"), re.compile(_NOT_A_PERIOD + r"(?:季减|月减)" + _FIGURE_AHEAD), "环比降"),
    (("年同期",), re.compile(r"较(?:去|上)年同期"), "同比"),
    (("每股",), re.compile(r"每股(?:税后)?(?:盈余|纯益)"), "每股收益"),
    (("纯益",), re.compile(r"纯益(?!率)"), "净利"),
    (("益率",), re.compile(r"营益率|营业利益率"), "营业利润率"),
    (("营业利益",), re.compile(r"营业利益"), "营业利润"),
    (
        ("Q",),
        re.compile(r"(\d{4})\s*年?\s*Q([1-4])"),
        lambda m: f"{m.group(1)}年第{'一二三四'[int(m.group(2)) - 1]}季度",
    ),
    (
        ("Q",),
        re.compile(r"(?<![A-Za-z\d])Q([1-4])(?![\d-])"),
        lambda m: f"第{'一二三四'[int(m.group(1)) - 1]}季度",
    ),
    (
        ("季",),
        re.compile(r"第\s*([1-4])\s*季(?!度)"),
        lambda m: f"第{'一二三四'[int(m.group(1)) - 1]}季度",
    ),
    (("季度",), re.compile(r"(?<![第前后上下本单当每])([一二三四])季度"), r"第\1季度"),
    (("季",), re.compile(r"(第|前)([一二三四])季(?![度末初])"), r"\1\2季度"),
]


# every rewrite's words at once: a sentence holding none of them (most do) is left as it is
_ANY_WORDING = re.compile(
    "|".join(
        re.escape(needle)
        for needle in sorted({n for needles, _, _ in _MAINLAND_WORDING for n in needles}, key=len)
    )
)


def mainland_wording(text: str) -> str:
    """``text`` with Taiwan and Hong Kong financial wording in its mainland form; figures untouched."""
    if _ANY_WORDING.search(text) is None:
        return text
    for needles, pattern, replacement in _MAINLAND_WORDING:
        for needle in needles:
            if needle in text:
                text = pattern.sub(replacement, text)
                break
    return text
