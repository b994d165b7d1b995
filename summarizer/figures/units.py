"""The currency a bare 元 means in an article: what it declares, else where it was written.

Mainland, Hong Kong and Taiwan outlets all write 元 for their own money, and
results pieces declare a switch once: 4.71亿元(美元,下同), 人民币(下同)158.73亿元,
1950亿人民币(以下同). A declaration wins; otherwise Taiwan's reporting vocabulary
(营益率, 财测, 年增 / 季增 / 月增, 法说会, 每股盈余) marks New Taiwan dollars, unless the
article names renminbi and never New Taiwan dollars (a Taiwan outlet on a mainland company).
"""

from __future__ import annotations

import re

from summarizer.figures.quantities import CURRENCY_WORDS

_DECLARED = re.compile(
    r"[（(]\s?(人民币|美元|港元|港币|新台币)\s?[，,、]?\s?(?:下同|以下同)"
    r"|(人民币|美元|港元|港币|新台币)\s?[（(]\s?(?:下同|以下同)"
)
_TAIWAN = re.compile(
    r"营益率|财测|法说会|每股盈余|每股纯益|税后纯益|营业利益|台股|新台币|月增|季增|年增"
)


def article_currency(text: str) -> str:
    """ISO code for a bare 元 in ``text`` (normalised Simplified)."""
    declared = _DECLARED.search(text)
    if declared:
        return CURRENCY_WORDS[declared.group(1) or declared.group(2)]
    if "人民币" in text and not re.search("新台币|台币", text):
        # a Taiwan outlet on a mainland company: the company's own figures are in renminbi
        return "CNY"
    if len(_TAIWAN.findall(text)) >= 2:
        return "TWD"
    return "CNY"
