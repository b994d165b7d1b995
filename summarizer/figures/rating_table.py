"""Broker rating tables: rows of stock, rating and target price with │ or | between the cells.

Hong Kong and Taiwan outlets print a broker's ratings as a table, 股份│投资评级│目标价,
one row per stock; scraped, the rows often run together on one line:
``比亚迪(01211.HK)…│持有│275元吉利(00175.HK)…│买入│23元->27元``. A row's price is the
target price the rating before it carries (``23元->27元``: raised from 23 to 27), and its stock
is the company named just before the row's first cell break.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from decimal import Decimal

from summarizer.figures.companies import CompanyMention
from summarizer.figures.fact import Fact
from summarizer.figures.metrics import PRICE
from summarizer.text.segment import Sentence

# Chinese rating words and the English brokers use for them; the longer forms first.
RATINGS_EN = {
    "强烈买入": "Strong Buy",
    "强力买进": "Strong Buy",
    "强烈推荐": "Strong Recommend",
    "谨慎推荐": "Cautious Recommend",
    "审慎推荐": "Cautious Recommend",
    "谨慎增持": "Cautious Accumulate",
    "跑赢大市": "Outperform",
    "跑输大市": "Underperform",
    "优于大市": "Outperform",
    "逊于大市": "Underperform",
    "强于大市": "Outperform",
    "弱于大市": "Underperform",
    "优于大盘": "Outperform",
    "劣于大盘": "Underperform",
    "跑赢行业": "Outperform",
    "跑输行业": "Underperform",
    "同步大市": "Market Perform",
    "与大市同步": "Equal-weight",
    "区间操作": "Trading Buy",
    "买入": "Buy",
    "买进": "Buy",
    "增持": "Accumulate",
    "持有": "Hold",
    "中性": "Neutral",
    "中立": "Neutral",
    "减持": "Reduce",
    "沽售": "Sell",
    "卖出": "Sell",
    "推荐": "Recommend",
    "超配": "Overweight",
    "标配": "Equal-weight",
    "低配": "Underweight",
    "加码": "Overweight",
    "减码": "Underweight",
}
_CELL = r"\s*[│|┃]\s*"
_PRICE = r"(\d+(?:\.\d+)?)\s*(港元|港币|美元|元)"
_HEADER = re.compile(rf"评级{_CELL}目标(?:股)?价")
_ROW = re.compile(
    rf"{_CELL}(?P<rating>{'|'.join(RATINGS_EN)}){_CELL}{_PRICE}"
    rf"(?:\s*(?:->|→|➝|至)\s*{_PRICE})?"
)
_CURRENCY = {"港元": "HKD", "港币": "HKD", "美元": "USD"}


@dataclass(frozen=True)
class TableRow:
    """One stock's row: its rating, target price, the previous target when the row gives it."""

    start: int  # where the row's first cell break is, in the sentence
    end: int
    rating_en: str
    target: Decimal
    previous: Decimal | None
    currency: str


def table_start(text: str) -> int | None:
    """Where a table header with a rating column then a target-price column starts, if any."""
    header = _HEADER.search(text)
    return header.start() if header else None


def table_rows(sentence: str, default_currency: str) -> list[TableRow]:
    """The rating rows of a sentence: bare 元 is ``default_currency`` (the listing's)."""
    rows = []
    for m in _ROW.finditer(sentence):
        first, first_unit, second, second_unit = m.group(2, 3, 4, 5)
        previous = Decimal(first) if second else None
        target, unit = (Decimal(second), second_unit) if second else (Decimal(first), first_unit)
        rows.append(
            TableRow(
                m.start(),
                m.end(),
                RATINGS_EN[m.group("rating")],
                target,
                previous,
                _CURRENCY.get(unit, default_currency),
            )
        )
    return rows


def row_subject(row: TableRow, mentions: list[CompanyMention]) -> CompanyMention | None:
    """The stock of a row: the last company named before its cells and after the previous row."""
    before = [m for m in mentions if m.end <= row.start]
    return before[-1] if before else None


def table_facts(
    text: str, sentences: list[Sentence], mentions: list[CompanyMention], currency: str
) -> list[Fact]:
    """The target prices of a broker's rating table (rating_table.py); its rows may span sentences."""
    facts = []
    starts = [s.start for s in sentences]
    for row in table_rows(text, currency):
        subject = row_subject(row, mentions)
        sentence = sentences[bisect.bisect_right(starts, row.start) - 1]
        raw = text[row.start : row.end]
        start = row.start + len(raw) - len(raw.lstrip(" │|┃"))
        figures = [(f"target price ({row.rating_en})", row.target)]
        if row.previous is not None:
            figures.append(("previous target price", row.previous))
        for metric, value in figures:
            facts.append(
                Fact(
                    subject=subject.english if subject else "",
                    metric=metric,
                    period=None,
                    value=value,
                    unit=row.currency,
                    sentence=sentence.index,
                    span=(start, row.end),
                    evidence=text[start : row.end],
                    kind=PRICE,
                    subject_term=subject.term if subject else None,
                )
            )
    return facts
