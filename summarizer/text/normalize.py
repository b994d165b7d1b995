"""Normalisation: raw scraped article → clean Simplified text plus a report of what was removed.

Order matters: markup and pinyin readings go first, so that mojibake repair
sees the garbled bytes alone; GBK repair must precede script conversion, which
would change the characters it re-encodes; line-level chrome and spam are then
judged on Simplified text, where one set of patterns serves every outlet.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from summarizer.figures.companies import listed_names
from summarizer.text import chrome, spam
from summarizer.text.compress import without_asides
from summarizer.text.mojibake import repair_mojibake_bounded
from summarizer.text.pinyin_notes import remove_pinyin_annotations
from summarizer.text.script import detect_script, to_simplified

_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>")
_REPLACEMENT_CHAR = "\ufffd"
MAX_TITLE_CHARS = 120
_HAN = r"\u4e00-\u9fff"


@dataclass
class Removal:
    """One kind of removed noise: how many pieces and a sample of them."""

    kind: str
    count: int
    sample: str
    items: list[str] = field(default_factory=list, repr=False)

    def to_dict(self) -> dict:
        # written out: dataclasses.asdict deep-copies every item only for them to be dropped
        return {"kind": self.kind, "count": self.count, "sample": self.sample}


_TITLE_MAX = 60
# spaces between two Han characters; the pattern opens on the space, which the regex engine
# skips to fast, and looks back at the character before it from there
_HAN_GAP = re.compile(r"[ \t\u3000](?<=[\u4e00-\u9fff][ \t\u3000])[ \t\u3000]*(?=[\u4e00-\u9fff])")
# a section label before the headline: 快讯：, 【独家】, 异动股 | , 金吾财讯 |
_SECTION_PREFIX = re.compile(
    r"^(?:[【\[][^】\]]{1,8}[】\]]\s*|(?:快讯|即时新闻|财经|要闻|独家|异动股|突发|最新)\s*[:：|｜]\s*|[^|｜]{2,6}财讯\s*[|｜]\s*)"
)


# a byline or dateline opening the first paragraph: 〔记者某某／新竹报导〕, （中央社记者某某台北10日电）
_LEAD_BYLINE = re.compile(r"^[〔【（(][^〕】）)]{0,30}(?:报导|报道|电|讯)[〕】）)]")


@dataclass
class NormalizedText:
    """The clean Simplified text of one article and what normalisation did to it."""

    text: str
    script: str
    removed: list[Removal]
    published: str | None = None  # ISO date from a removed date line, when the page had one

    @property
    def title(self) -> str:
        """The headline: the first line, without a section label (快讯：, 异动股 | ); a first
        line that is a whole paragraph gives its first sentence, cut at a clause."""
        # the first line holding more than white space, without splitting the whole text
        stripped = self.text.lstrip()
        first = stripped.split("\n", 1)[0].splitlines()[0].strip() if stripped else ""
        first = _LEAD_BYLINE.sub("", _SECTION_PREFIX.sub("", first))
        first = without_asides(first)  # a stock code or a quote is not part of a headline
        if len(first) <= _TITLE_MAX:
            return first
        sentence = re.split(r"(?<=[。！？!?])", first, maxsplit=1)[0]
        if len(sentence) <= _TITLE_MAX:
            return sentence
        cut = max((m.end() for m in re.finditer(r"[，,；;]", sentence[:_TITLE_MAX])), default=0)
        if cut > 10:
            return sentence[: cut - 1]
        return (
            sentence if len(sentence) <= MAX_TITLE_CHARS else sentence[: MAX_TITLE_CHARS - 1] + "…"
        )


class _Report:
    def __init__(self) -> None:
        self._items: dict[str, list[str]] = {}

    def add(self, kind: str, items: Iterable[str]) -> None:
        items = [i for i in items if i]
        if items:
            self._items.setdefault(kind, []).extend(items)

    def removals(self) -> list[Removal]:
        return [
            Removal(kind=kind, count=len(items), sample=items[0].strip()[:80], items=items)
            for kind, items in self._items.items()
        ]


# Format characters (category Cf: bidi overrides U+202A-202E / U+2066-2069, marks U+200E/F,
# zero-width U+200B-200D, U+2060, soft hyphen, BOM) are invisible: they can reverse how a
# title reads or split a name so the glossary misses it. Removed anywhere, reported by name.
def _remove_invisible_controls(text: str) -> tuple[str, list[str]]:
    text = text.removeprefix("\ufeff")  # a leading byte-order mark is encoding, not content
    found: list[str] = []
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.isprintable():  # C speed; most lines hold no control or format character
            continue
        invisible = [ch for ch in line if unicodedata.category(ch) == "Cf"]
        if invisible:
            found += invisible
            lines[i] = "".join(ch for ch in line if unicodedata.category(ch) != "Cf")
    if not found:
        return text, []
    return "\n".join(lines), [f"U+{ord(ch):04X}" for ch in found]


_SCRIPT_SAMPLE_CHARS = 20_000


def _script_sample(text: str) -> str:
    """Which script a text is in shows in any long stretch of it: the start, middle and end
    are enough, so detecting it costs the same for a 5 MB page as for a short one."""
    size = _SCRIPT_SAMPLE_CHARS
    if len(text) <= 3 * size:
        return text
    middle = len(text) // 2 - size // 2
    return "\n".join((text[:size], text[middle : middle + size], text[-size:]))


def _clean_whitespace(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    text = text.replace("\u3000", " ").replace("\xa0", " ")
    lines = [
        line  # printable lines (nearly all) hold no control character: skip the per-character walk
        if line.isprintable()
        else "".join(ch for ch in line if ch == "\t" or unicodedata.category(ch) != "Cc")
        for line in text.split("\n")
    ]
    return "\n".join(line.strip() for line in lines)


# each half-width mark with its full-width form and the two places it turns: after a Han
# character or a closing quote (a space after it goes too), before a Han character or an
# opening quote. Each pattern opens on the mark itself, which the regex engine finds fast;
# what must stand before it is looked back at from there.
_HAN_OR_CLOSING = f"[{_HAN}”’」』》）)%]"
_PUNCTUATION = [
    (
        half,
        full,
        re.compile(rf"{re.escape(half)}(?<={_HAN_OR_CLOSING}{re.escape(half)})[ \t]?"),
        re.compile(rf"{re.escape(half)}(?=[{_HAN}“‘「『《])"),
    )
    for half, full in ((",", "，"), (":", "："), (";", "；"), ("?", "？"), ("!", "！"))
]


def _unify_punctuation(text: str) -> str:
    """Use full-width punctuation in Chinese prose, as Chinese references do.

    A half-width mark counts as Chinese punctuation when a Han character or a
    closing quote touches it; commas inside numbers (1,131.2) and times (09:44)
    are never touched.
    """
    for half, full, after, before in _PUNCTUATION:
        if half in text:  # most pages lack most marks: no pass for them
            text = before.sub(full, after.sub(full, text))
    return text


_SHORT_SELLING = re.compile(
    r"\s?沽空\s?\$\s?[\d.,]+\s?[千百万亿]*\s?[；;]\s?比率\s?[\d.]+\s?[%％]\s?"
)


def normalize(raw: str, protected_terms: Iterable[str] = ()) -> NormalizedText:
    """Clean one raw article. ``protected_terms`` (glossary names) are never treated as spam."""
    report = _Report()
    script = detect_script(_script_sample(raw))
    text, invisible = _remove_invisible_controls(raw)
    report.add("invisible-control", invisible)
    text = _clean_whitespace(text)

    report.add("html-markup", [m.group(0) for m in _TAG.finditer(text)])
    text = _TAG.sub("", text)

    text, readings = remove_pinyin_annotations(text)
    report.add("pinyin-annotation", readings)

    text, fixes, unexamined = repair_mojibake_bounded(text)
    report.add("mojibake-repaired", [f"{f.original}→{f.replacement}" for f in fixes if f.repaired])
    report.add("mojibake-removed", [f.original for f in fixes if not f.repaired])
    # past the attempt limit, markers stay as they are; say how many were not looked at
    report.add("mojibake-unexamined", ["?"] * unexamined)
    damaged = text.count(_REPLACEMENT_CHAR)
    text = text.replace(_REPLACEMENT_CHAR, "")
    report.add("mojibake-removed", [_REPLACEMENT_CHAR] * damaged)

    text = to_simplified(text)
    # scraped pages put spaces between Han characters (腾讯音乐 娱乐集团, 宁德时代 2025 年 三季度);
    # Chinese prose has none, and names must read whole
    text = _HAN_GAP.sub("", text)
    # Hong Kong portals print short-selling figures after every stock they name
    if "沽空" in text:  # the pattern's one fixed word: no scan of the pages without it
        report.add("quote-widget", [m.group(0).strip() for m in _SHORT_SELLING.finditer(text)])
        text = _SHORT_SELLING.sub("", text)
    lines = _drop_noise_lines(text.split("\n"), report)
    text = "\n".join(lines)

    spam_strings = spam.find_spam_strings(text, _protected(protected_terms, text))
    text, spam_counts = spam.remove_strings(text, spam_strings)
    report.add("seo-spam", [s for s, n in spam_counts.items() for _ in range(n)])

    # Keyword lines between paragraphs are only looked for on pages caught stuffing keywords.
    lines = _drop_repeated_and_orphan_lines(
        text.split("\n"), report, look_for_orphans=bool(spam_strings)
    )
    text = _unify_punctuation("\n".join(lines))
    text = re.sub(r"\n{2,}", "\n", text).strip()
    removals = report.removals()
    return NormalizedText(
        text=text, script=script, removed=removals, published=_published_date(removals)
    )


def _protected(protected_terms: Iterable[str], text: str) -> Iterator[str]:
    """The terms spam detection must leave alone, worked out only when it reads them (on most
    pages no string gets that far): ``protected_terms``, and the names a listed company is
    written with (星河电子（6688）), the article's subject, never spam."""
    yield from protected_terms
    yield from listed_names(text)


_DATE = re.compile(r"((?:19|20)\d{2})[-/.年](\d{1,2})[-/.月](\d{1,2})")


def _published_date(removals: list[Removal]) -> str | None:
    """The page's publication date, read from the date line that was removed as chrome."""
    for removal in removals:
        if removal.kind in ("page-metadata", "byline"):
            for item in removal.items:
                match = _DATE.search(item)
                if match:
                    year, month, day = (int(g) for g in match.groups())
                    if 1 <= month <= 12 and 1 <= day <= 31:
                        return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def _drop_noise_lines(lines: list[str], report: _Report) -> list[str]:
    kinds = [chrome.chrome_kind(line) for line in lines]
    for i in chrome.trailing_chrome(lines, kinds):
        kinds[i] = kinds[i] or "page-chrome"
    content = [i for i, line in enumerate(lines) if line.strip() and not kinds[i]]
    title_index = content[0] if content else -1
    for pos, i in enumerate(content):
        if i == title_index:
            continue
        # read only when the line is short enough to be a caption: most lines are not
        neighbours = (
            lines[j] for j in content[max(0, pos - 2) : pos + 3] if j != i and j != title_index
        )
        if chrome.is_caption(lines[i], neighbours):
            kinds[i] = "image-caption"
    for i in range(len(lines)):
        if kinds[i] == "byline" and re.search(r"[:：]\s*$", lines[i]):
            # "作者:" on a line of its own: the name is the next line
            following = next((j for j in range(i + 1, len(lines)) if lines[j].strip()), None)
            if following is not None and len(lines[following].strip()) <= 8:
                kinds[following] = "byline"
    kept: list[str] = []
    for line, kind in zip(lines, kinds):
        if kind:
            report.add(kind, [line])
        else:
            kept.append(line)
    return kept


def _drop_repeated_and_orphan_lines(
    lines: list[str], report: _Report, look_for_orphans: bool
) -> list[str]:
    seen: Counter[str] = Counter()
    kept: list[str] = []
    content = [line for line in lines if line.strip()]
    for line in lines:
        key = line.strip()
        if not key:
            continue
        if seen[key] and len(key) >= 6:
            report.add("duplicate-line", [line])
            continue
        seen[key] += 1
        kept.append(line)
    result: list[str] = []
    whole = "\n".join(content)
    for pos, line in enumerate(kept):
        middle = look_for_orphans and 0 < pos < len(kept) - 1
        if middle and len(line) <= 8 and spam.is_orphan_line(line, whole.replace(line, "", 1)):
            report.add("seo-spam", [line])
            continue
        result.append(line)
    return result
