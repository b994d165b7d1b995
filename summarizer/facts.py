"""Key figures from normalised Chinese news: metric, period, value, unit, change, hedge, evidence.

Every stated quantity (quantities.py) is read against the clause it stands in:
a change word before a percentage makes it a change (同比增长11.4%, 年减3.05%, 按季跌,
环比, (+7.5%)) that belongs to the figure of its clause; a money amount, count,
margin or multiple becomes a figure of the nearest metric before it in its clause,
or of the metric its sentence carries (营收…，季增6%、年增30.3%). Periods come from
the sentence (the nearest one before the figure that is not a comparison base),
else from the period the article last named; the subject is the nearest company
before the figure, else the paragraph's or the article's (companies.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from summarizer.companies import CompanyFinder, CompanyMention
from summarizer.glossary import Glossary, Term
from summarizer.metrics import (
    ADJUSTED_CUE,
    COUNT,
    FORWARD_CUE,
    MONEY,
    MULTIPLE,
    PER_SHARE,
    PRICE,
    RATIO,
    MetricMention,
    accepts,
    find_metrics,
)
from summarizer.numbers import Quantity as Amount
from summarizer.numbers import render_change, render_quantity
from summarizer.periods import (
    Period,
    PeriodMention,
    article_years,
    find_periods,
    fiscal_start_month,
    listed_years,
    resolve_year,
    trading_day,
)
from summarizer.quantities import CURRENCY_WORDS, Quantity, find_quantities
from summarizer.segment import split_sentences
from summarizer.units import article_currency

_HAS_FIGURE = re.compile(r"[\d０-９]|[一二两三四五六七八九][成千百十]|[千百十][万亿]")
_CLAUSE_BREAK = re.compile(r"[，,；;：:。！？!?]|\s{2,}|│|\|")
_UP = r"增长速度|增速|增长|增加|上升|提升|提高|上涨|成长|增|升|涨|扩大|回升|走高|大涨|上扬"
_DOWN = r"下降|减少|下滑|下跌|降低|衰退|收窄|减|降|跌|暴跌|大跌|萎缩|缩减|回落"
_YOY = r"同比|按年|年增|年减|较去年同期|较上年同期|比去年同期|与去年同期相比|年比|较2\d{3}年"
_QOQ = r"环比|按季|季增|季减|较上季|较上一季|较前一季|连续"
_MOM = r"月增|月减|环比上月|较上月"
_CHANGE_BEFORE = re.compile(
    rf"(?:(?P<basis>{_YOY}|{_QOQ}|{_MOM})[^，,；;%％、]{{0,8}}?)?(?:(?P<up>{_UP})|(?P<down>{_DOWN}))"
    r"(?:了|约|近|超过|超|逾|幅度|达|为|分别)*\s?[+-]?$"
)
# a figure in brackets right after another: its conversion, (1.54亿美元), （约合7亿美元）
_CONVERSION = re.compile(r"\s?[（(]\s?(?:约合|合|约|折合)?\s?")
_RANGE_GAP = re.compile(r"\s?[至到~～-]\s?")
_SIGNED = re.compile(r"[（(]\s?[+-]\s?$")
_LEVEL_LINK = re.compile(r"(?:至|到|为|达|达到|是|报|收|录得|在)\s?(?:约|近|超过|超|逾)?\s?$")
_OLD_VALUE = re.compile(r"(?:由|从)\s?[^，,；;]{0,6}$")
_SEGMENT_STOP = re.compile(
    r"(?:公司|集团|合并|单季|总|整体|本季度|本季|季内|期内|当季|同期|累计|实现|录得|取得|为|达|的|其|全年|"
    r"报告期内|其中|此外|同时|而|和|及|与|并|但|则|也|亦|已|仍|再|更|首次|继续|来自|此|该|仅|共|合计|"
    r"单月|当月|月|季度|年|上半年|下半年|前三季度|上季|今年|去年|归母|税后|经调整后|经调整|调整后|经调|"
    r"非公认会计准则|非国际财务报告准则|GAAP|Non-GAAP|non-GAAP|已经|已|目前|当前|截至|现|共计|总计|应用|APP|App|app|平台|在内|全球|合计|持有|拥有|扣非|非经常性损益|"
    r"[\s\d()（）\[\]“”\"'、/])+$"
)


@dataclass
class Fact:
    """One key figure, shaped like the ``facts`` of the evaluation sets."""

    subject: str
    metric: str
    period: str | None
    value: Decimal | None
    unit: str | None
    yoy_pct: Decimal | None = None
    qoq_pct: Decimal | None = None
    mom_pct: Decimal | None = None
    yoy_pp: Decimal | None = None
    qoq_pp: Decimal | None = None
    change_times: Decimal | None = None
    qualifier: str = ""
    segment: str = ""
    sentence: int = 0
    span: tuple[int, int] = (0, 0)
    evidence: str = ""
    period_en: str = ""
    text_en: str = ""
    kind: str = ""
    equivalent: tuple[Decimal, str] | None = None  # the same figure in another currency
    subject_term: Term | None = field(default=None, repr=False)

    def has_change(self) -> bool:
        return any(
            v is not None
            for v in (
                self.yoy_pct,
                self.qoq_pct,
                self.mom_pct,
                self.yoy_pp,
                self.qoq_pp,
                self.change_times,
            )
        )

    def to_dict(self) -> dict:
        data: dict = {"subject": self.subject, "metric": self.metric, "period": self.period}
        if self.segment:
            data["segment"] = self.segment
        if self.value is not None:
            data["value"] = float(self.value)
            data["unit"] = self.unit
        for key in ("yoy_pct", "qoq_pct", "mom_pct", "yoy_pp", "qoq_pp", "change_times"):
            if getattr(self, key) is not None:
                data[key] = float(getattr(self, key))
        if self.qualifier:
            data["qualifier"] = self.qualifier
        if self.equivalent is not None:
            data["equivalent"] = {"value": float(self.equivalent[0]), "unit": self.equivalent[1]}
        data["evidence"] = {
            "sentence": self.sentence,
            "start": self.span[0],
            "end": self.span[1],
            "text": self.evidence,
        }
        data["text_en"] = self.text_en
        return data


@dataclass
class _Sentence:
    text: str
    index: int
    offset: int
    metrics: list[MetricMention]
    periods: list[tuple[PeriodMention, Period]]
    subjects: list[CompanyMention]
    fallback_subject: CompanyMention | None
    sticky: Period | None
    clause_starts: list[int]
    forward_from: int  # position of the first forward-looking cue, or len(text)
    years: list[int]  # the years a list of figures runs over (2023-2025年, 今明两年)
    listed: list = field(default_factory=list)
    hong_kong: bool = False  # the article quotes Hong Kong listings: prices in 元 are HKD
    facts_so_far: list = field(default_factory=list)


class FactExtractor:
    """Extracts key figures; holds the glossary so subjects get their English names."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self.companies = CompanyFinder(glossary)

    def extract(self, text: str, published: str | None = None) -> list[Fact]:
        """Facts of one normalised article; ``published`` (ISO date) anchors 今年 and 去年."""
        reporting_year, current_year = article_years(
            text, int(published[:4]) if published else None
        )
        fiscal_start = fiscal_start_month(text)
        now = (
            Period(int(published[:4]), "M", int(published[5:7]))
            if published and len(published) >= 7
            else None
        )
        currency = article_currency(text)
        hong_kong = bool(re.search(r"\.HK\b|港股|港元|港交所|恒生|[（(]0\d{4}[)）]", text))
        names = self.companies.article_names(text)
        main_subject = self.companies.main_subject(text, names)
        sticky_year = reporting_year
        sticky: Period | None = None
        paragraph_subject: CompanyMention | None = None
        carried_forward: re.Match[str] | None = None
        carried_period: Period | None = None
        facts: list[Fact] = []
        first_line = text.split("\n", 1)[0]
        # a headline (no closing punctuation) repeats the body's figures, often rounded
        headline_end = (
            len(first_line) if "\n" in text and not re.search(r"[。！？!?]$", first_line) else -1
        )
        for sentence in split_sentences(text):
            s = sentence.text
            if sentence.start == 0 or text[sentence.start - 1] == "\n":
                paragraph_subject = None
            # metrics matter only where a figure stands: most sentences have none
            # (and where a period word stands inside one: 全年收入预期目标)
            metrics = find_metrics(s) if _HAS_FIGURE.search(s) or "全年" in s else []
            periods = []
            for mention in find_periods(s, fiscal_start):
                if any(m.start <= mention.start < m.end for m in metrics):
                    continue
                if mention.period.kind == "NOW":
                    # 截至目前, 目前: as of the article's own date, when the page gives one
                    if now is None:
                        continue
                    periods.append((mention, now))
                    continue
                period = resolve_year(mention, sticky_year, current_year)
                earlier = [
                    q
                    for m, q in periods
                    if m.period.kind not in ("CUR", "SAME") and not m.comparison
                ]
                if period.kind == "CUR":
                    if not (sticky or earlier):
                        continue
                    period = earlier[-1] if earlier else sticky
                elif period.kind == "SAME":
                    # 同期 is the period in force; 去年同期 / 上年同期 the same one a year before
                    base = earlier[-1] if earlier else sticky
                    back = 1 if mention.relative_year in ("去年", "上年", "对上一年") else 0
                    year = mention.period.year or (base.year - back if base and base.year else None)
                    period = base.with_year(year) if base else period
                periods.append((mention, period))
            subjects = self.companies.mentions(s, names)
            forward = FORWARD_CUE.search(_EXPECTATION_MET.sub(_blank, s))
            if carried_forward and not periods:
                # 预计第4季交付量为10至11万辆；收入总额…: a forecast runs on past a semicolon
                forward = forward or carried_forward
                periods = (
                    [(PeriodMention(0, 0, carried_period), carried_period)]
                    if carried_period
                    else []
                )
            context = _Sentence(
                s,
                sentence.index,
                sentence.start,
                metrics,
                periods,
                subjects,
                paragraph_subject or main_subject,
                sticky,
                [0] + [m.end() for m in _CLAUSE_BREAK.finditer(s)],
                (0 if forward is carried_forward else forward.start()) if forward else len(s),
                listed_years(s, current_year),
                hong_kong=hong_kong,
            )
            if sentence.start > headline_end:
                facts.extend(self._sentence_facts(context, currency))
            if subjects:
                paragraph_subject = subjects[-1]
            continues = s.endswith(("；", ";"))
            carried_forward = forward if continues and forward else None
            carried_period = periods[-1][1] if continues and periods else None
            anchored = [
                p
                for m, p in periods
                if p.kind in ("Q", "H", "FY", "9M", "M", "YTD")
                and m.period.kind not in ("SAME", "CUR")
                and not m.comparison
                and not m.standalone
            ]
            if anchored and not forward:
                # a forecast's period (展望第四季) does not become the period in force
                sticky = anchored[-1]
                sticky_year = sticky.year
        facts = _dedupe(facts)
        for fact in facts:
            fact.text_en = render_fact(fact)
        return facts

    def _sentence_facts(self, ctx: _Sentence, currency: str) -> list[Fact]:
        s = ctx.text
        quantities = find_quantities(s)
        if not quantities:
            return []
        facts: list[Fact] = []
        last_metric: MetricMention | None = None
        last_clause = -1
        clause_facts: list[Fact] = []
        sentence_facts: list[Fact] = []
        pending: list[tuple[Quantity, str, int]] = []  # changes seen before their figure
        respectively_metrics: list[MetricMention] = []
        last_change: tuple[int, str, int, str] | None = None
        respectively_count = 0
        respectively_changes = 0
        previous_end = 0
        for q in quantities:
            clause_start = max(c for c in ctx.clause_starts if c <= q.start)
            if clause_start != last_clause:
                for change, basis, sign in pending:
                    self._change_only(ctx, change, basis, sign, last_metric, facts, currency)
                pending = []
                clause_facts = []
                last_clause = clause_start
            before = s[clause_start : q.start]
            clause_metrics = [
                m for m in ctx.metrics if clause_start <= m.start and m.end <= q.start
            ]
            metric = clause_metrics[-1] if clause_metrics else None
            respectively = s.find("分别", clause_start, q.start)
            listed = (
                [m for m in clause_metrics if m.end <= respectively] if respectively >= 0 else []
            )
            if len(listed) < 2 and respectively >= 0:
                listed = respectively_metrics
            if respectively >= 0 and len(listed) >= 2:
                # 日活和月活分别达到3.95亿及6.92亿: metrics and figures pair in order
                metric = listed[min(respectively_count, len(listed) - 1)]
            if metric is None and not _names_its_own(before):
                # the metric an earlier clause named: 毛利率创历史新高，达到82.2%
                earlier = [m for m in ctx.metrics if m.end <= clause_start]
                metric = last_metric or (earlier[-1] if earlier else None)
            if q.unit in ("x", "%") and (metric is None or not accepts(metric.kind, q.unit)):
                # 19倍PE, 18.04%的上升空间: multiples and ratios name their metric after them
                following = [
                    m
                    for m in ctx.metrics
                    if 0 <= m.start - q.end <= 16
                    and m.kind in (MULTIPLE, RATIO)
                    # 18.04%/18.42%的上升空间: past the rest of a list to the name after it
                    and re.fullmatch(
                        r"(?:\s?[/、至~-]\s?[\d.,]+\s?[%％倍]?)*的?", s[q.end : m.start]
                    )
                ]
                metric = following[0] if following else metric
            change = _as_change(s, clause_start, q)
            if (
                change is None
                and last_change
                and last_change[3] == q.unit
                and re.fullmatch(r"\s?[和及、与至到~～-]\s?", s[last_change[0] : q.start])
            ):
                # 增长5.4%和4.3%, 环比下降13%至15%: the next change shares the first's wording
                change = last_change[1:3]
            last_change = (q.end, *change, q.unit) if change is not None else None
            if respectively >= 0 and len(listed) >= 2:
                respectively_metrics = listed
                if change is not None:
                    targets = [f for f in sentence_facts if f.metric in {m.name for m in listed}]
                    changes_seen = sum(1 for f in targets if f.has_change())
                    if changes_seen < len(targets) and _apply_change(
                        targets[changes_seen], q, *change
                    ):
                        continue
                    if not targets:
                        # 收入及经营溢利分别同比增长15%及13%: each change is its own metric's
                        own = listed[min(respectively_changes, len(listed) - 1)]
                        respectively_changes += 1
                        self._change_only(ctx, q, *change, own, facts, currency)
                        continue
                else:
                    respectively_count += 1
            if change is not None and metric is not None and metric.kind == PRICE and q.unit == "%":
                # 股价跌4.86%, ADR大涨3.1%: a price move is a figure of its own, not a growth rate
                move = self._new_fact(ctx, q, metric, "share price change")
                move.value, move.unit, move.kind = q.value * change[1], "%", RATIO
                move.qualifier = q.qualifier
                facts.append(move)
                last_metric = metric
                continue
            if change is not None:
                basis, sign = change
                target = _change_target(clause_facts, sentence_facts, q, metric, clause_metrics)
                if target is not None and _apply_change(target, q, basis, sign):
                    continue
                pending.append((q, basis, sign))
                if clause_metrics:
                    last_metric = clause_metrics[-1]
                continue
            if metric is None:
                continue
            if _is_change_amount(before):
                last_metric = metric
                continue  # 跌2元, 增加近百亿元: an amount of change, not a level
            fact = self._level(ctx, q, metric, currency)
            if fact is None:
                continue
            previous = sentence_facts[-1] if sentence_facts else None
            if (
                previous is not None
                and previous.value is not None
                and previous.metric == fact.metric
            ):
                gap = s[previous_end : q.start]
                if _CONVERSION.fullmatch(gap) and previous.unit != fact.unit:
                    # 人民币10.9亿元(1.54亿美元): the same figure in another currency
                    previous.equivalent = (fact.value, fact.unit)
                    previous_end = q.end
                    continue
                if (
                    _RANGE_GAP.fullmatch(gap)
                    and previous.unit == fact.unit
                    and not previous.qualifier
                ):
                    previous.qualifier, fact.qualifier = (
                        "low end",
                        "high end",
                    )  # 毛利率在30%至32%之间
            previous_end = q.end
            for change_q, basis, sign in pending:
                _apply_change(fact, change_q, basis, sign)
            pending = []
            clause_facts.append(fact)
            sentence_facts.append(fact)
            ctx.facts_so_far.append(fact)
            facts.append(fact)
            last_metric = metric
        for change, basis, sign in pending:
            self._change_only(ctx, change, basis, sign, last_metric, facts, currency)
        return facts

    def _level(
        self, ctx: _Sentence, q: Quantity, metric: MetricMention, currency: str
    ) -> Fact | None:
        unit = q.unit
        if unit == "CNY" and not q.currency_given:
            clause_start = max(c for c in ctx.clause_starts if c <= q.start)
            unit = _clause_currency(ctx.text, q.start, clause_start) or currency
            if (
                metric.kind in (PRICE, PER_SHARE)
                and currency == "CNY"
                and _hong_kong_price(ctx.text)
            ):
                unit = "HKD"
        if not accepts(metric.kind, unit):
            return None
        name = _metric_name(ctx, metric, q)
        earlier = [m for m in ctx.metrics if m.end <= metric.start]
        if metric.name == "consensus" and ctx.facts_so_far:
            # 营收283.6亿元，低于彭博一致预期292.2亿元: the consensus of the figure just given
            name = f"{ctx.facts_so_far[-1].metric} consensus"
        elif metric.name == "CAGR" and earlier and metric.start - earlier[-1].end <= 1:
            name = f"{_metric_name(ctx, earlier[-1], q)} CAGR"  # 净利润CAGR
        fact = self._new_fact(ctx, q, metric, name)
        if name.startswith("full-year") and fact.period and not fact.period.startswith("FY"):
            year = _period_for(q.start, ctx)
            if year is not None and year.year:
                full = Period(year.year, "FY", fiscal_start=year.fiscal_start)
                fact.period, fact.period_en = full.label(), full.english()
        if q.in_list and len(ctx.years) >= q.list_size > q.list_position:
            period = Period(ctx.years[q.list_position], "FY")
            fact.period, fact.period_en = period.label(), period.english()
        elif not q.in_list and len(ctx.years) >= 2 and metric.kind != PRICE:
            position = sum(1 for f in ctx.listed if f.metric == name)
            if position < len(ctx.years):
                period = Period(ctx.years[position], "FY")
                fact.period, fact.period_en = period.label(), period.english()
            ctx.listed.append(fact)
        fact.value = q.value
        fact.unit = "users" if unit == "" and "users" in name else unit
        if name.endswith("net loss") and q.value < 0:
            fact.value = -q.value
        fact.qualifier = q.qualifier
        if q.list_size == 2 and not ctx.years:
            fact.qualifier = "low end" if q.list_position == 0 else "high end"
        if _OLD_VALUE.search(ctx.text[max(0, q.start - 8) : q.start]) and re.search(
            r"上调|下调|调整|增至|降至|升至|提高|提升至|上升至", ctx.text[q.end : q.end + 12]
        ):
            fact.metric = "previous " + fact.metric
        return fact

    def _change_only(self, ctx, q, basis, sign, metric, facts, currency) -> None:
        """A change with no figure of its own: 营收年减3.05%, 研发支出同比增加8%."""
        if metric is None or q.unit not in ("%", "x", "pp"):
            return
        if q.unit == "pp" and metric.kind != RATIO:
            return
        fact = self._new_fact(ctx, q, metric, _metric_name(ctx, metric, q))
        if _apply_change(fact, q, basis, sign):
            if q.qualifier:
                fact.qualifier = q.qualifier
            facts.append(fact)

    def _new_fact(self, ctx: _Sentence, q: Quantity, metric: MetricMention, name: str) -> Fact:
        s = ctx.text
        period = _period_for(q.start, ctx, level=True)
        if metric.kind == PRICE and name.startswith("target price"):
            period = None  # a target price is of no day and no quarter
        elif metric.kind == PRICE:
            # a share price is of a day: only a date in its sentence dates it, never a quarter
            days = [p for m, p in ctx.periods if p.kind in ("D", "DAY") and m.start < q.start]
            period = (
                days[-1]
                if days
                else trading_day(s[: q.start], ctx.sticky.year if ctx.sticky else None)
            )
        subject = _subject_for(q.start, metric, ctx)
        start = min(metric.start, q.start) if metric.end <= q.start else q.start
        clause_start = max(c for c in ctx.clause_starts if c <= q.start)
        if start < clause_start and q.start - start > 40:
            start = clause_start
        segment = _segment(s, metric, ctx)
        return Fact(
            subject=subject.english if subject else "",
            metric=name,
            period=period.label() if period else None,
            value=None,
            unit=None,
            segment=segment,
            sentence=ctx.index,
            span=(ctx.offset + start, ctx.offset + q.end),
            evidence=s[start : q.end],
            period_en=period.english() if period else "",
            kind=metric.kind,
            subject_term=subject.term if subject else None,
        )


# results measured against expectations are results: 低于彭博一致预期, 符合预期, 优于预期
_EXPECTATION_MET = re.compile(
    r"(?:符合|优于|低于|高于|超出?|不及|胜|好于|逊于)(?:[^，,。；;]{0,6})?(?:一致)?(?:预期|预估|财测)|一致预期|市场预期"
)


def _blank(match: re.Match[str]) -> str:
    return "　" * len(match.group(0))  # same length, so positions stay


def _as_change(s: str, clause_start: int, q: Quantity) -> tuple[str, int] | None:
    """(basis, sign) when the quantity is a change: 同比增长11.4%, 年减3.05%, (+7.5%), 季增0.52个百分点."""
    if q.unit not in ("%", "pp", "x"):
        return None
    before = s[max(clause_start, q.start - 16) : q.start]
    if (
        _LEVEL_LINK.search(before)
        and q.unit == "%"
        and not re.search(rf"(?:{_UP}|{_DOWN})(?:了)?\s?$", before)
    ):
        return None  # 提升至13.9%: the new level, not the change
    if q.unit == "x" and not re.search(rf"(?:{_UP}|{_DOWN})(?:了)?\s?$", before):
        return None  # 19倍PE: a multiple, not growth
    match = _CHANGE_BEFORE.search(before)
    raw = s[q.start : q.end]
    if match is None:
        if _SIGNED.search(before) and q.value != 0:
            return "yoy", 1  # 收入1986.57亿元(+7.5%): research notes give the change in brackets
        if q.unit == "pp":
            return "yoy", 1
        return None
    del raw
    window = s[max(clause_start, q.start - 40) : q.start]
    basis = "yoy"
    found = match.group("basis") or ""
    if not found:
        cues = [(m.start(), m.group(0)) for m in re.finditer(rf"{_YOY}|{_QOQ}|{_MOM}", window)]
        found = cues[-1][1] if cues else ""
    if re.fullmatch(_QOQ, found):
        basis = "qoq"
    elif re.fullmatch(_MOM, found):
        basis = "mom"
    sign = -1 if match.group("down") else 1
    if q.value < 0:
        sign = 1
    return basis, sign


_FILLER = re.compile(
    rf"[^\u4e00-\u9fff]|{_YOY}|{_QOQ}|{_MOM}|{_UP}|{_DOWN}|再|继续|同时|此外|其中|并且|并|而|且|则|也|还|亦|仍|"
    r"首次|实现|进一步|分别|至|达到|达|为|约|近|超过|超|逾|突破|了|到|于|由|从|的|录得|幅度|大幅|微幅|各|贡献|"
    r"年|季度|季|第|上半年|下半年|全年|前三季度|月份|月|同期|去年|今年|单季|当季|本季|期内|"
    r"人民币|美元|港元|港币|新台币|台币"
)


def _names_its_own(before: str) -> bool:
    """A clause that names something of its own before its figure inherits no metric."""
    return len(_FILLER.sub("", before)) > 5


def _is_change_amount(before: str) -> bool:
    return bool(re.search(rf"(?:{_UP}|{_DOWN})(?:了)?(?:约|近|超过|超|逾)?\s?$", before))


def _apply_change(fact: Fact, q: Quantity, basis: str, sign: int) -> bool:
    amount = q.value * sign
    if q.unit == "x":
        if fact.change_times is None:
            fact.change_times = amount
            return True
        return False
    key = {"yoy": "yoy", "qoq": "qoq", "mom": "mom"}[basis]
    attr = f"{key}_pp" if q.unit == "pp" else f"{key}_pct"
    if q.unit == "pp" and fact.kind != RATIO:
        return False
    if attr == "mom_pp":
        return False
    if getattr(fact, attr) is not None:
        return False
    setattr(fact, attr, amount)
    return True


def _change_target(clause_facts, sentence_facts, q, metric, clause_metrics) -> Fact | None:
    """The figure a change belongs to: its clause's, else the sentence's last when no new metric intervenes."""
    if clause_facts:
        return clause_facts[-1]
    if clause_metrics:
        return None
    return sentence_facts[-1] if sentence_facts else None


def _looks_ahead(s: str, q: Quantity, ctx: _Sentence) -> bool:
    """A forecast, target or guidance: a forward-looking cue in the figure's own clause
    (营收将介于…, 以…为目标), or in the clause that frames the sentence (公司预期，…; 展望第四季，…)."""
    breaks = ctx.clause_starts + [len(s) + 1]
    start = max(b for b in breaks if b <= q.start)
    end = min(b for b in breaks if b > q.start)
    if FORWARD_CUE.search(_EXPECTATION_MET.sub(_blank, s[start:end])):
        return True
    first_clause_end = breaks[1] if len(breaks) > 2 else len(s)
    return ctx.forward_from < first_clause_end


def _metric_name(ctx: _Sentence, metric: MetricMention, q: Quantity) -> str:
    s = ctx.text
    name = metric.name
    window = s[max(0, metric.start - 30) : metric.start]
    window = re.split(r"[，,；;。]", window)[-1]
    after = s[metric.end : metric.end + 12]
    adjusted = ADJUSTED_CUE.search(window) or ADJUSTED_CUE.match(after.lstrip("(（"))
    if adjusted and name in ("net profit", "net loss", "EPS", "net margin", "operating profit"):
        recurring = "扣非" in adjusted.group(0) or "非经常" in adjusted.group(0)
        name = ("recurring " if recurring else "adjusted ") + name
    if name == "consensus":
        name = "consensus estimate"
    if (
        _looks_ahead(s, q, ctx)
        and metric.kind != PRICE
        and "consensus" not in name
        and name != "guidance"
    ):
        name = f"{name} forecast"
    if name == "guidance":
        name = "revenue guidance"
    if name == "share buybacks forecast":
        name = "share buyback programme"  # 回购计划资金上限: an authorisation, not a forecast
    return name


def _period_for(position: int, ctx: _Sentence, level: bool = False) -> Period | None:
    if level:
        # 较2024年的6.85兆元: a figure inside a comparison is of the period compared with
        last = [(m, p) for m, p in ctx.periods if m.end <= position]
        if (
            last
            and last[-1][0].comparison
            and re.fullmatch(r"\s?的?\s?", ctx.text[last[-1][0].end : position])
        ):
            return last[-1][1]
    clause_start = max(c for c in ctx.clause_starts if c <= position)
    before = [
        (m, p)
        for m, p in ctx.periods
        if m.start < position
        and not m.comparison
        # 去年同期为盈利28.2亿元，经调整亏损3.59亿元: a year-ago clause dates only itself
        and not (m.period.kind == "SAME" and m.start < clause_start)
        # a day dates prices and events, not results: 10月30日，…营收
        and p.kind != "DAY"
    ]
    if before:
        return before[-1][1]
    after = [(m, p) for m, p in ctx.periods if m.start >= position and not m.comparison]
    if after and after[0][0].start - position < 3:
        return after[0][1]
    return ctx.sticky


def _subject_for(position: int, metric: MetricMention, ctx: _Sentence) -> CompanyMention | None:
    before = [m for m in ctx.subjects if m.end <= position and not m.source_cue]
    if before:
        return before[-1]
    return ctx.fallback_subject


_SEGMENT_LEAD = re.compile(
    r"^(?:[辆台个部件月年日元亿万·•\s]|也|而|但|并|且|则|该|此|这|那|已|将|在|从|对|由|把|被|于|与|和|及|"
    r"带动|推动|令|使|让|超越|达到|公司|本公司|集团)+"
)
# currencies, accounting words and verbs are not business lines
_NOT_A_SEGMENT = re.compile(
    r"人民币|美元|港元|港币|新台币|台币|列帐|综合|总$|公司|上市|个月|以来|超越|达到|带动|预计|预期|包括"
)


def _segment(s: str, metric: MetricMention, ctx: _Sentence) -> str:
    """What stands right before a metric and names a business line: 运营商网络业务营收 → 运营商网络业务."""
    if metric.kind not in (MONEY, COUNT, RATIO):
        return ""
    start = metric.start
    floor = max(
        [c for c in ctx.clause_starts if c <= start]
        + [m.end for m in ctx.subjects if m.end <= start]
        + [m.end for m, _ in ctx.periods if m.end <= start]
        + [m.end for m in ctx.metrics if m.end <= start]
    )
    prefix = s[floor:start]
    prefix = re.split(r"[\d%％]", prefix)[-1]  # nothing of a figure before it
    prefix = re.sub(r"^(?:.*(?:实现|录得|取得|来自|其中|方面|来看|显示))", "", prefix)
    # what follows a figure (辆月交付量, 个月内) or opens a phrase (·该公司, 也超越, 带动集团) is not a name
    prefix = _SEGMENT_LEAD.sub("", prefix.strip("的 "))
    if not prefix or _SEGMENT_STOP.fullmatch(prefix) or len(prefix) > 12:
        return ""
    if _NOT_A_SEGMENT.search(prefix) or not re.search(r"[\u4e00-\u9fffA-Za-z]{2}", prefix):
        return ""
    return prefix


def _clause_currency(s: str, position: int, clause_start: int) -> str:
    """以美元计算, 人民币1,131亿元: a currency named earlier in the clause for a bare 元.

    Conversions in brackets (约台币338亿) name another currency and are not read.
    """
    window = re.sub(r"[（(][^）)]*[）)]", "", s[clause_start:position])
    named = re.findall(r"人民币|美元|港元|港币|新台币|台币", window)
    return CURRENCY_WORDS[named[-1]] if named else ""


def _hong_kong_price(s: str) -> bool:
    return bool(re.search(r"港股|港元|\(0\d{4}\)|（0\d{4}）|\.HK|恒生|现价", s))


def _dedupe(facts: list[Fact]) -> list[Fact]:
    seen: set[tuple] = set()
    unique: list[Fact] = []
    for fact in facts:
        key = (fact.subject, fact.metric, fact.segment, fact.period, fact.value) + tuple(
            getattr(fact, k) for k in ("yoy_pct", "qoq_pct", "mom_pct", "yoy_pp", "qoq_pp")
        )
        if key not in seen:
            seen.add(key)
            unique.append(fact)
    return unique


def render_fact(fact: Fact) -> str:
    """The figure in English: 'RMB 31.1 billion, up 11.4% year on year'."""
    parts = []
    if fact.value is not None and fact.unit is not None:
        text = render_quantity(Amount(fact.value, fact.unit, ""))
        if fact.kind == PER_SHARE:
            text += " per share"
        elif fact.kind == MULTIPLE:
            text = f"{text.replace(' times', '')}x"
        if fact.equivalent is not None:
            text += f" ({render_quantity(Amount(fact.equivalent[0], fact.equivalent[1], ''))})"
        hedge = fact.qualifier
        if hedge in ("low end", "high end"):
            text = f"{text} ({hedge})"
        elif hedge:
            text = f"{hedge} {text}"
        parts.append(text)
    changes = []
    if fact.change_times is not None:
        changes.append(render_change(None, times=fact.change_times))
    for value, basis in (
        (fact.yoy_pct, "year on year"),
        (fact.qoq_pct, "quarter on quarter"),
        (fact.mom_pct, "month on month"),
    ):
        if value is not None:
            changes.append(render_change(value, basis))
    for value, basis in ((fact.yoy_pp, "year on year"), (fact.qoq_pp, "quarter on quarter")):
        if value is not None:
            direction = "up" if value >= 0 else "down"
            changes.append(f"{direction} {abs(value).normalize():f} percentage points {basis}")
    if (
        changes
        and fact.value is None
        and fact.qualifier
        and fact.qualifier not in ("low end", "high end")
    ):
        changes[0] = (
            changes[0]
            .replace("up ", f"up {fact.qualifier} ", 1)
            .replace("down ", f"down {fact.qualifier} ", 1)
        )
    parts.extend(changes)
    return ", ".join(parts)


def extract_facts(text: str, glossary: Glossary, published: str | None = None) -> list[Fact]:
    """Key figures of one normalised article, each with its English rendering."""
    return FactExtractor(glossary).extract(text, published)


__all__ = ["Fact", "FactExtractor", "extract_facts", "render_fact", "Decimal"]
