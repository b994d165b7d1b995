"""The month an article's fiscal year starts in, read from how it dates its quarter."""

from __future__ import annotations

import re

from summarizer.figures.periods import _CN_NUM


def fiscal_start_month(text: str) -> int:
    """1, or the first month of the fiscal year when the article's quarter ends off the calendar.

    截至2025年9月30日止三个月 ... 第二季度: a second quarter ending in September starts in July,
    so the fiscal year starts in April.
    """
    for m in re.finditer(
        r"截至\s?(?:\d{4}\s?年)?\s?(\d{1,2})\s?月\s?(?P<day>\d{1,2})\s?日止?"
        r"(?:三个月|的?(?:\d{4}\s?财年)?第?(?P<quarter>[一二三四1-4])财?季|(?P<year_end>财政年度|年度|财年|十二个月)"
        r"|(?P<half>六个月))",
        text[:3000],
    ):
        month = int(m.group(1))
        if m.group("year_end"):  # 截至3月31日止年度: a year that ends in March starts in April
            return month % 12 + 1 if 1 <= month <= 12 else 1
        if m.group("half"):
            # 截至9月30日止六个月: a half-year ending off June and December is the first half
            # of a year that starts six months before its end
            return (month - 6) % 12 + 1 if month in (3, 9) else 1
        quarter = _CN_NUM.get(m.group("quarter") or "", 0)
        if not quarter:
            window = text[m.end() : m.end() + 60]
            q = re.search(r"第([一二三四1-4])季", window)
            # 2026财年第二季度（截至2025年9月30日止三个月）: the quarter named just before
            before = re.search(
                r"第([一二三四1-4])季度?[^。；，,]{0,4}[（(]?\s?$",
                text[max(0, m.start() - 12) : m.start()],
            )
            q = q or before
            quarter = _CN_NUM[q.group(1)] if q else 0
        if quarter and 1 <= month <= 12:
            # a year of 52 or 53 weeks ends its quarters near a month's end (截至10月26日的第三财季
            # runs August to October) or just after it (截至11月2日: October)
            day = int(m.group("day"))
            if day < 8:
                month = (month - 2) % 12 + 1
            elif month % 3 != 0 and day < 20:
                return 1
            return (month - 3 * quarter) % 12 + 1
    return 1
