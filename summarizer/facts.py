"""Key figures from normalised Chinese news: metric, period, value, unit, change, hedge, evidence.

Works sentence by sentence and clause by clause. A figure becomes a fact only
when a key metric (see metrics.py) governs it and its unit suits the metric, so
commentary numbers (9 directors, 5 days) stay out. Changes (同比增长 11.4%,
按年升, 环比, 按季) attach to the figure of their clause or of the clause before;
分别 lists are paired in order. Periods come from the sentence, else from the
last period the article named; the subject from the glossary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from summarizer.figures import DOWN_WORDS, QOQ_WORDS, UP_WORDS, YOY_WORDS, Figure, find_figures
from summarizer.glossary import Glossary, Term
from summarizer.metrics import MONEY, USERS, MetricMention, accepts, find_metrics
from summarizer.numbers import (
    AMOUNT_PATTERN,
    Quantity,
    render_change,
    render_quantity,
)
from summarizer.periods import Period, PeriodMention, article_years, find_periods, resolve_year
from summarizer.segment import split_sentences

_CLAUSE = re.compile(r"[^，,；;：:]+[，,；;：:]?")
_SOURCE_CUE = re.compile(r"(?:据|根据|来自|援引)$")
_NOT_A_RESULT = re.compile(
    r"目标|预计|预期(?!目标)|有望|计划|将(?:努力|力争|继续|会)|如果|假如|若|之和|有信心|希望"
)
_FROM = re.compile(r"(?:从|由)[^，,；;]{0,6}$")
# What may stand right before a metric that is the company's own (not a segment's):
# punctuation, a function word, or a word naming the company or the period.
_OWN_METRIC_BEFORE = re.compile(
    r"(?:^|[^\u4e00-\u9fff]|[的其总均了为在和及与、是达至]|平台|公司|集团|应用|期内|同期|季度|上半年|下半年|全年|年度"
    r"|整体|其中|同时|全球|国内|目前|本季|当季|单季|本期)$"
)
_RESULT_VERB = re.compile(
    r"(?:实现|录得|取得|达成|获得|创造|带来|产生|贡献|公布|报告|完成|持有|拥有|累计)$"
)
_FILLER = re.compile(
    r"[^\u4e00-\u9fff]|再到|继续|同时|此外|其中|并且|并|而|且|则|也|还|首次|实现|进一步|分别|"
    + YOY_WORDS
    + "|"
    + QOQ_WORDS
    + "|"
    + UP_WORDS
    + "|"
    + DOWN_WORDS
    + r"|至|达到|达|为|约|近|超过|超|逾|突破|破|了|到|于|由|从|年初|年底|转向|上调|下调|调整为|的"
)


@dataclass
class Fact:
    """One key figure, shaped like the ``facts`` of the evaluation set."""

    subject: str
    metric: str
    period: str | None
    value: Decimal | None
    unit: str | None
    yoy_pct: Decimal | None = None
    qoq_pct: Decimal | None = None
    change_times: Decimal | None = None
    qualifier: str = ""
    sentence: int = 0
    span: tuple[int, int] = (0, 0)
    evidence: str = ""
    period_en: str = ""
    text_en: str = ""
    subject_term: Term | None = field(default=None, repr=False)

    def to_dict(self) -> dict:
        data: dict = {"subject": self.subject, "metric": self.metric, "period": self.period}
        if self.value is not None:
            data["value"] = float(self.value)
            data["unit"] = self.unit
        if self.yoy_pct is not None:
            data["yoy_pct"] = float(self.yoy_pct)
        if self.qoq_pct is not None:
            data["qoq_pct"] = float(self.qoq_pct)
        if self.change_times is not None:
            data["change_times"] = float(self.change_times)
        if self.qualifier:
            data["qualifier"] = self.qualifier
        data["evidence"] = {
            "sentence": self.sentence,
            "start": self.span[0],
            "end": self.span[1],
            "text": self.evidence,
        }
        data["text_en"] = self.text_en
        return data


def _own_subject(prefix: str) -> bool:
    """Whether a clause names something of its own before its figure (so inherits no metric)."""
    without_figures = AMOUNT_PATTERN.sub("", prefix)
    return len(re.findall(r"[\u4e00-\u9fff]", _FILLER.sub("", without_figures))) > 4


class FactExtractor:
    """Extracts key figures; holds the glossary so subjects get their English names."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        companies = [t for t in glossary.terms if t.kind in ("company", "product")]
        self._short_names = sorted({t.en for t in companies}, key=len)

    def subject_name(self, term: Term) -> str:
        """The shortest glossary name that starts the term's name: Kuaishou for Kuaishou Technology."""
        if term.kind == "company":
            for name in self._short_names:
                if term.en.startswith(name + " "):
                    return name
        return term.en

    def extract(self, text: str, published: str | None = None) -> list[Fact]:
        """Facts of one normalised article; ``published`` (ISO date) anchors 今年 and 去年."""
        reporting_year, current_year = article_years(
            text, int(published[:4]) if published else None
        )
        sticky_year = reporting_year
        sticky_period: Period | None = None
        main_subject = self._main_subject(text)
        paragraph_subject: Term | None = None
        first_line = text.split("\n", 1)[0]
        # a headline (no sentence punctuation) repeats the body's figures, often rounded
        headline_end = len(first_line) if not re.search(r"[。！？!?]$", first_line) else -1
        facts: list[Fact] = []
        for sentence in split_sentences(text):
            s = sentence.text
            if sentence.start == 0 or text[sentence.start - 1] == "\n":
                paragraph_subject = None
            metrics = find_metrics(s)
            periods = [
                (m, resolve_year(m, sticky_year, current_year))
                for m in find_periods(s)
                if not any(x.start <= m.start < x.end for x in metrics)  # 全年 of 全年收入预期
            ]
            subjects = [
                m
                for m in self.glossary.match(s)
                if m.term.kind in ("company", "product") and not _SOURCE_CUE.search(s[: m.start])
            ]
            context = _SentenceContext(
                s,
                sentence.index,
                sentence.start,
                metrics,
                periods,
                sticky_period,
                subjects,
                paragraph_subject or main_subject,
                sticky_year,
            )
            if sentence.start > headline_end:
                facts.extend(self._sentence_facts(context))
            if subjects:
                paragraph_subject = subjects[-1].term
            years = re.findall(r"((?:19|20)\d{2})年", s)
            if years:
                sticky_year = int(years[-1])
            anchored = [p for _, p in periods if p.kind in ("Q", "H", "FY", "9M")]
            if anchored:
                sticky_period = anchored[-1]
        facts = _dedupe(facts)
        for fact in facts:
            fact.text_en = render_fact(fact)
        return facts

    def _main_subject(self, text: str) -> Term | None:
        counts: dict[str, tuple[int, Term]] = {}
        for m in self.glossary.match(text):
            if m.term.kind == "company":
                n, _ = counts.get(m.term.zh, (0, m.term))
                counts[m.term.zh] = (n + 1, m.term)
        return max(counts.values(), key=lambda v: v[0])[1] if counts else None

    def _sentence_facts(self, ctx: _SentenceContext) -> list[Fact]:
        s = ctx.sentence
        figures = find_figures(s)
        if not figures:
            return []
        facts: list[Fact] = []
        previous: list[Fact] = []
        carried: MetricMention | None = None
        listed: list[MetricMention] = []
        for clause in _CLAUSE.finditer(s):
            c_start, c_end = clause.start(), clause.end()
            clause_metrics = [m for m in ctx.metrics if c_start <= m.start < c_end]
            own_metrics = [m for m in clause_metrics if _is_own_metric(s, m, ctx)]
            unmetric = "".join(
                ch
                for i, ch in enumerate(clause.group(0), c_start)
                if not any(m.start <= i < m.end for m in clause_metrics)
            )
            if _NOT_A_RESULT.search(unmetric):
                previous, carried = [], None
                continue
            clause_figures = [f for f in figures if c_start <= f.start < c_end]
            if "分别" in clause.group(0):
                listed = clause_metrics if len(clause_metrics) >= 2 else listed
                if listed:
                    current = self._respectively(ctx, clause_figures, listed, previous)
                    facts.extend(current)
                    previous = current or previous
                    continue
            current: list[Fact] = []
            for figure in (f for f in clause_figures if not f.change):
                metric = next((m for m in reversed(own_metrics) if m.end <= figure.start), None)
                if (
                    metric is None
                    and not clause_metrics
                    and carried
                    and not _own_subject(s[c_start : figure.start])
                ):
                    metric = carried
                if metric is None or not accepts(metric.kind, figure.quantity.unit):
                    continue
                if _is_old_value(s, c_start, figure, ctx, figures):
                    continue
                current.append(self._new_fact(ctx, figure, metric))
            for figure in (f for f in clause_figures if f.change):
                target = next((f for f in current if _has_no_change(f)), None)
                if (
                    target is None
                    and not clause_metrics
                    and previous
                    and not _own_subject(s[c_start : figure.start])
                ):
                    target = next((f for f in reversed(previous) if _has_no_change(f)), None)
                if target is not None:
                    _set_change(target, figure)
                    continue
                metric = next((m for m in reversed(own_metrics) if m.end <= figure.start), None)
                if metric is None or metric.kind != MONEY or figure.quantity.unit != "%":
                    continue  # a bare change is kept for money metrics only: revenue up ~20%
                fact = self._new_fact(ctx, figure, metric, level=False)
                _set_change(fact, figure)
                current.append(fact)
            if own_metrics:
                carried = own_metrics[-1]
            if current:
                previous = current
            facts.extend(current)
        return facts

    def _respectively(self, ctx, clause_figures, listed, previous) -> list[Fact]:
        """分别达到A和B / 分别同比增长x和y: pair figures with the listed metrics in order."""
        out = [
            self._new_fact(ctx, figure, metric)
            for metric, figure in zip(listed, [f for f in clause_figures if not f.change])
            if accepts(metric.kind, figure.quantity.unit)
        ]
        names = {m.name for m in listed}
        targets = out or [f for f in previous if f.metric in names]
        for fact, figure in zip(targets, [f for f in clause_figures if f.change]):
            _set_change(fact, figure)
        return out

    def _new_fact(
        self, ctx: _SentenceContext, figure: Figure, metric: MetricMention, level: bool = True
    ) -> Fact:
        s = ctx.sentence
        period = _period_for(figure.start, ctx.periods, ctx.sticky_period)
        if "target" in metric.name and ctx.sticky_year:
            period = Period(period.year if period else ctx.sticky_year, "FY")
        subject_term = next((m.term for m in reversed(ctx.subjects) if m.end <= figure.start), None)
        subject_term = subject_term or (
            ctx.subjects[0].term if ctx.subjects else ctx.fallback_subject
        )
        quantity = figure.quantity
        if metric.kind == USERS and quantity.unit == "":
            quantity = Quantity(
                quantity.value, "users", quantity.qualifier
            )  # 3.95亿 daily active users
        start = min(metric.start, figure.start)
        return Fact(
            subject=self.subject_name(subject_term) if subject_term else "",
            metric=metric.name,
            period=period.label() if period else None,
            value=quantity.value if level else None,
            unit=quantity.unit if level else None,
            qualifier=quantity.qualifier if level else "",
            sentence=ctx.index,
            span=(ctx.offset + start, ctx.offset + figure.end),
            evidence=s[start : figure.end],
            period_en=period.english() if period else "",
            subject_term=subject_term,
        )


@dataclass
class _SentenceContext:
    sentence: str
    index: int
    offset: int
    metrics: list[MetricMention]
    periods: list[tuple[PeriodMention, Period]]
    sticky_period: Period | None
    subjects: list
    fallback_subject: Term | None
    sticky_year: int | None


def _is_own_metric(
    sentence: str, metric: MetricMention, ctx: _SentenceContext | None = None
) -> bool:
    """False for a segment's metric (搜索GMV, 新增用户数) rather than the company's own.

    What stands right before the metric decides: punctuation, a function word, a
    period, or the company or product itself (快手电商的GMV, 可灵全年收入预期).
    """
    start = metric.start
    if ctx is not None:
        for subject in ctx.subjects:
            gap = sentence[subject.end : start]
            if (
                subject.end <= start
                and not re.search(r"[，,；;。]", gap)
                and len(gap.replace("的", "")) <= 3
            ):
                return True  # 可灵AI的商业化单月流水: the product's own
    if sentence[:start].endswith("的"):
        start -= 1  # 成交的GMV is a segment's, 快手的GMV the company's: look past 的
        if re.search(r"(?:持有|在内|月|年|季度|季|期)$", sentence[:start]):
            return True
    elif _OWN_METRIC_BEFORE.search(sentence[:start]):
        return True
    if start == 0 or re.search(r"[^\u4e00-\u9fff]$", sentence[:start]):
        return True
    if ctx is None:
        return False
    ends = {m.end for m in ctx.subjects} | {m.end for m, _ in ctx.periods}
    if start in ends or re.search(r"(?:平台|公司|集团|应用)$", sentence[:start]):
        return True
    # 实现营业收入, 录得纯利: a verb of reporting a result, not a word naming a segment (搜索GMV)
    return metric.start == start and bool(_RESULT_VERB.search(sentence[:start]))


def _is_old_value(
    s: str, c_start: int, figure: Figure, ctx: _SentenceContext, figures: list[Figure]
) -> bool:
    """由6000万美元上调至1.4亿美元: the figure after 从 / 由 is the old value when a new one follows.

    从Q1收入约1.5亿元 is not: there 从 starts a run of periods, not a change of value.
    """
    from_value = _FROM.search(s[c_start : figure.start])
    if not from_value:
        return False
    from_position = c_start + from_value.start()
    period_after_from = any(from_position <= m.start < figure.start for m, _ in ctx.periods)
    later_level = any(f.start > figure.start and not f.change for f in figures)
    return not period_after_from and later_level


def _has_no_change(fact: Fact) -> bool:
    return fact.yoy_pct is None and fact.qoq_pct is None and fact.change_times is None


def _period_for(
    position: int, periods: list[tuple[PeriodMention, Period]], sticky: Period | None
) -> Period | None:
    before = [(m, p) for m, p in periods if m.start < position]
    if before:
        mention, period = before[-1]
        if period.kind == "SAME":
            if sticky is None:
                return None
            return Period(period.year, sticky.kind, sticky.number, sticky.day)
        return period
    return sticky


def _set_change(fact: Fact, figure: Figure) -> None:
    amount = figure.quantity.value * figure.sign
    if figure.quantity.unit == "x":
        fact.change_times = amount
    elif figure.change == "qoq":
        fact.qoq_pct = amount
    else:
        fact.yoy_pct = amount
    if fact.value is None and figure.quantity.qualifier:
        fact.qualifier = figure.quantity.qualifier


def _dedupe(facts: list[Fact]) -> list[Fact]:
    seen: set[tuple] = set()
    unique: list[Fact] = []
    for fact in facts:
        key = (fact.subject, fact.metric, fact.period, fact.value, fact.yoy_pct, fact.qoq_pct)
        if key not in seen:
            seen.add(key)
            unique.append(fact)
    return unique


def render_fact(fact: Fact) -> str:
    """The figure in English: 'RMB 31.1 billion, up 11.4% year on year'."""
    parts = []
    if fact.value is not None and fact.unit is not None:
        parts.append(render_quantity(Quantity(fact.value, fact.unit, fact.qualifier)))
    change = ""
    if fact.change_times is not None:
        change = render_change(None, times=fact.change_times)
    elif fact.yoy_pct is not None:
        change = render_change(fact.yoy_pct)
    elif fact.qoq_pct is not None:
        change = render_change(fact.qoq_pct, "quarter on quarter")
    if change:
        if fact.value is None and fact.qualifier:
            change = change.replace("up ", f"up {fact.qualifier} ", 1).replace(
                "down ", f"down {fact.qualifier} ", 1
            )
        parts.append(change)
    return ", ".join(parts)


def extract_facts(text: str, glossary: Glossary, published: str | None = None) -> list[Fact]:
    """Key figures of one normalised article, each with its English rendering."""
    return FactExtractor(glossary).extract(text, published)
