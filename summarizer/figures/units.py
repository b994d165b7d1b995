"""The currency a bare 元 means in an article: what it declares, else where it was written.

Mainland, Hong Kong and Taiwan outlets all write 元 for their own money, and
results pieces declare a switch once: 4.71亿元(美元,下同), 人民币(下同)158.73亿元,
1950亿人民币(以下同). A declaration wins; otherwise Taiwan's reporting vocabulary
(营益率, 财测, 年增 / 季增 / 月增, 法说会, 每股盈余) marks New Taiwan dollars, unless the
article names renminbi and never New Taiwan dollars (a Taiwan outlet on a mainland company);
Hong Kong's (按年, 溢利, 股东应占, 派息) with Hong Kong dollars named, or a Hong Kong stock code,
marks Hong Kong dollars.
"""

from __future__ import annotations

import re

from summarizer.figures.quantities import CURRENCY_WORDS

_DECLARED = re.compile(
    r"[（(]\s?(人民币|美元|港元|港币|新台币)\s?[，,、]?\s?(?:下同|以下同)"
    r"|(人民币|美元|港元|港币|新台币)\s?[（(]\s?(?:下同|以下同)"
)
# Hong Kong's reporting vocabulary: with Hong Kong dollars named and renminbi never,
# a bare 元 is a Hong Kong dollar (股东应占溢利5.13亿元 beside 收入86.52亿港元)
# (every alternative opens with a character, so that the regex engine skips to those: the
# digit before 仙 is looked back at; a count of matches is all that is read)
_HONG_KONG = re.compile(r"按年|按季|溢利|股东应占|派息|末期息|中期息|港仙|仙(?<=\d仙)")
# Hong Kong dollars named, or a Hong Kong stock code (each alternative opens with a character)
_HONG_KONG_DOLLARS = re.compile(r"港元|港币|（0\d{4}(?:\.HK)?[)）]|\(0\d{4}(?:\.HK)?[)）]")
_TAIWAN = re.compile(
    r"营益率|财测|法说会|每股盈余|每股纯益|税后纯益|营业利益|台股|新台币|殖利率|现金股利每股"
    r"|评等|外资|投信|三大法人|现金股利"
    # a Taiwan paper's byline and dates: 〔记者…／台北报导〕, 今（13）日
    r"|〔记者|今\s?[（(]\d{1,2}[)）]\s?日|昨\s?[（(]\d{1,2}[)）]\s?日|明\s?[（(]\d{1,2}[)）]\s?日"
    # not Hong Kong's 按年增长; the lookbehind after the first character, so that every
    # alternative starts with a character (one, not a class of them) and the regex engine
    # skips to those
    r"|月(?<!按.)[增减]|季(?<!按.)[增减]|年(?<!按.)[增减]"
)


def article_currency(text: str) -> str:
    """ISO code for a bare 元 in ``text`` (normalised Simplified)."""
    declared = _DECLARED.search(text) if "下同" in text else None  # each declaration holds it
    if declared:
        return CURRENCY_WORDS[declared.group(1) or declared.group(2)]
    if "人民币" in text and not re.search("新台币|台币", text):
        # a Taiwan outlet on a mainland company: the company's own figures are in renminbi
        return "CNY"
    if len(_TAIWAN.findall(text)) >= 2:
        return "TWD"
    if _HONG_KONG_DOLLARS.search(text) and len(_HONG_KONG.findall(text)) >= 2:
        # Hong Kong's writing on a Hong Kong-listed company (置富房托（00778）), renminbi unnamed
        return "HKD"
    return "CNY"


# a price per physical unit (0.10元/Wh, 80美元/桶) is a rate, not an amount of money
_PER_UNIT = re.compile(r"\s?/\s?(kWh|MWh|GWh|Wh|吨|桶|辆|台|股|盎司|平方米|平米)")
_PER_UNIT_EN = {
    "吨": "tonne",
    "桶": "barrel",
    "辆": "vehicle",
    "台": "unit",
    "股": "share",
    "盎司": "ounce",
    "平方米": "square metre",
    "平米": "square metre",
}
_MONEY = frozenset(CURRENCY_WORDS.values()) | {"CNY"}


# or the unit named before the amount: 销售均价为每平方米21,860元, 平均实现油价为每桶68.3美元
_PER_UNIT_BEFORE = re.compile(
    r"每\s?(吨|桶|平方米|平米|盎司|千瓦时)\s?(?:约|近|超过|超)?\s?[\d,.]+\s?[万亿]?\s?"
    r"(?:元人民币|人民币|美元|港元|港币|元)?$"
)


def per_unit(text: str, end: int, unit: str, evidence: str = "") -> str:
    """'Wh' when the money amount ending at ``end`` is written per Wh (元 / Wh, or 每吨… before
    it in ``evidence``, the figure's text), else ''."""
    if unit not in _MONEY:
        return ""
    m = _PER_UNIT.match(text, end) or _PER_UNIT_BEFORE.search(evidence[-24:])
    return _PER_UNIT_EN.get(m.group(1), m.group(1)) if m else ""
