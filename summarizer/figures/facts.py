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

from summarizer.figures.article_year import article_years
from summarizer.figures.attributable import mark_attributable_profits
from summarizer.figures.brokers import (
    analyst_mentions,
    attach_analysts,
    attach_ratings,
    with_people,
)
from summarizer.figures.change_target import change_target
from summarizer.figures.clauses import (
    CLAUSE_BREAK,
    CONVERSION,
    CURRENCY_CODES,
    HAS_FIGURE,
    PAIRED_BASES,
    RANGE_GAP,
    SentenceContext,
    apply_change,
    as_change,
    forward_cue,
    is_change_amount,
    named_after,
    names_its_own,
    respective_subjects,
)
from summarizer.figures.companies import (
    CompanyFinder,
    CompanyMention,
    matches_near,
    mentions_within,
)
from summarizer.figures.exclusions import mark_exclusions
from summarizer.figures.fact import Fact, render_fact
from summarizer.figures.fact_builder import (
    change_only,
    level_fact,
    new_fact,
    respective_periods,
)
from summarizer.figures.fiscal_year import fiscal_start_month
from summarizer.figures.metrics import (
    MULTIPLE,
    PRICE,
    RATIO,
    MetricMention,
    accepts,
    find_metrics,
)
from summarizer.figures.periods import (
    QUOTE_BEFORE,
    YEAR_BEFORE,
    Period,
    PeriodMention,
    find_periods,
    listed_years,
    resolve_year,
)
from summarizer.figures.quantities import Quantity, find_quantities
from summarizer.figures.rating_table import table_facts, table_start
from summarizer.figures.redundant import dedupe
from summarizer.figures.unfinished import mark_unfinished_periods
from summarizer.figures.units import article_currency, per_unit
from summarizer.figures.year_ago import carry_year_ago_qualifiers
from summarizer.glossary import Glossary, TextMatches
from summarizer.text.parsed import ParsedText
from summarizer.text.segment import Sentence, split_sentences

# a name written with a Hong Kong stock code: 吉利(00175.HK), 腾讯（0700）
_HK_CODE = re.compile(r"([\u4e00-\u9fff]{2,12})\s?[（(]0\d{3,4}(?:\.HK)?[)）]")
# an article on Hong Kong listings: .HK, 港股, 港元, a five-digit code in brackets (each
# alternative opens with a character, so that the regex engine skips to where one stands)
_HONG_KONG = re.compile(r"\.HK\b|港股|港元|港交所|恒生|（0\d{4}[)）]|\(0\d{4}[)）]")
# a match holds its opening bracket at most 13 characters after its start, 10 before its end
_BRACKET = re.compile(r"[（(]")
# the rest of a list of figures before the name they share (18.04%/18.42%的上升空间)
_REST_OF_LIST = re.compile(r"(?:\s?[/、至~-]\s?[\d.,]+\s?[%％倍]?)*的?")
# between two changes that share one wording (增长5.4%和4.3%)
_NEXT_IN_LIST = re.compile(r"\s?[和及、与至到~～/-]\s?")


class FactExtractor:
    """Extracts key figures; holds the glossary so subjects get their English names."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self.companies = CompanyFinder(glossary)

    def extract(self, text: str | ParsedText, published: str | None = None) -> list[Fact]:
        """Facts of one normalised article; ``published`` (ISO date) anchors 今年 and 去年.

        An article already parsed (Pipeline.process) is not split into sentences again.
        """
        if isinstance(text, ParsedText):
            matches = text.term_matches(self.glossary)
            text, sentences = text.text, text.sentences
        else:
            matches = TextMatches(self.glossary, text)
            sentences = split_sentences(text)
        reporting_year, current_year = article_years(
            text,
            int(published[:4]) if published else None,
            int(published[5:7]) if published and len(published) >= 7 else None,
        )
        fiscal_start = fiscal_start_month(text)
        now = (
            Period(int(published[:4]), "M", int(published[5:7]))
            if published and len(published) >= 7
            else None
        )
        currency = article_currency(text)
        hong_kong = bool(_HONG_KONG.search(text))
        hk_listed = {m.group(1) for m in matches_near(_HK_CODE, text, _BRACKET, 13, 10)}
        names = self.companies.article_names(text)
        # the whole text's companies, read once: a sentence's are read from them
        in_text = self.companies.mentions(text, names, matches.matches)
        main_subject = self.companies.main_subject(text, names, matches, in_text)
        sticky_year = reporting_year
        sticky: Period | None = None
        main_period: Period | None = None
        paragraph_subject: CompanyMention | None = None
        # the paragraph's sentences since the last one read for companies: one without a figure
        # is read only when a later figure of its paragraph needs a subject (most never are)
        unread: list[Sentence] = []
        carried_forward: re.Match[str] | None = None
        carried_period: Period | None = None
        facts: list[Fact] = []
        first_line = text.split("\n", 1)[0]
        # a headline (no closing punctuation) repeats the body's figures, often rounded
        headline_end = (
            len(first_line) if "\n" in text and not re.search(r"[。！？!?]$", first_line) else -1
        )
        for sentence in sentences:
            s = sentence.text
            if sentence.start == 0 or text[sentence.start - 1] == "\n":
                paragraph_subject = None
                unread = []
                if sticky is not None and main_period is not None and sticky.kind in _CUMULATIVE:
                    # 累计上半年，… scopes its paragraph: the next one is the report's period again
                    sticky = main_period
            mentions = find_periods(s, fiscal_start)
            # most sentences state no figure: no clause context is built for them
            quantities = find_quantities(s) if sentence.start > headline_end else []
            # metrics matter only where a figure stands (and where a period word stands inside
            # one: 全年收入预期目标), to a figure or to a period
            metrics = (
                find_metrics(s)
                if (quantities or mentions) and (HAS_FIGURE.search(s) or "全年" in s)
                else []
            )
            periods = []
            for mention in mentions:
                if any(m.start <= mention.start < m.end for m in metrics):
                    continue
                if mention.period.kind == "NOW":
                    # 截至目前, 目前: as of the article's own date, when the page gives one
                    if now is None:
                        continue
                    periods.append((mention, now))
                    continue
                if mention.period.kind == "SO_FAR":
                    # 今年以来: January to the month in force (1-10月, 10月), else no period
                    months = [p for _, p in periods if p.kind in ("M", "YTD")]
                    if sticky is not None and sticky.kind in ("M", "YTD"):
                        months.insert(0, sticky)
                    if months:
                        periods.append((mention, Period(months[-1].year, "YTD", months[-1].number)))
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
                    back = 1 if mention.relative_year in YEAR_BEFORE else 0
                    year = mention.period.year or (base.year - back if base and base.year else None)
                    period = base.with_year(year) if base else period
                periods.append((mention, period))
            continues = s.endswith(("；", ";"))
            # a forward cue matters to a figure, to a period, or to what a semicolon carries on
            needed = quantities or periods or continues or carried_forward
            forward = forward_cue(s) if needed else None
            own_period = any(m.period.kind != "SAME" and not m.comparison for m, _ in periods)
            if not own_period and (carried_forward or carried_period):
                # 预计第4季交付量为10至11万辆；收入总额…: a forecast runs on past a semicolon, and
                # so does a clause's own period (2024年收入为35.6亿元，…；净利润4.12亿元), beside
                # any period it only compares with (较上年末增长7.5%)
                forward = forward or carried_forward
                carried = [(PeriodMention(0, 0, carried_period), carried_period)]
                periods = (carried if carried_period else []) + periods
            # figures of no metric make no key figure but a portal's quote of a stock's move: a
            # sentence without one is read for companies, as one without figures, only if needed
            if not quantities or not (metrics or _quotes_a_move(s, quantities)):
                unread.append(sentence)
            else:
                for earlier in reversed(unread):
                    own = [
                        m
                        for m in self._subjects(earlier, names, matches, in_text)
                        if not m.collective
                    ]
                    if own:
                        paragraph_subject = own[-1]
                        break
                unread = []
                subjects = self._subjects(sentence, names, matches, in_text)
                context = SentenceContext(
                    s,
                    sentence.index,
                    sentence.start,
                    metrics,
                    periods,
                    subjects,
                    paragraph_subject or main_subject,
                    sticky,
                    [0] + [m.end() for m in CLAUSE_BREAK.finditer(s)],
                    (0 if forward is carried_forward else forward.start()) if forward else len(s),
                    listed_years(s, current_year),
                    hong_kong=hong_kong,
                    hk_listed=hk_listed,
                )
                facts.extend(self._sentence_facts(context, quantities, currency))
                own = [m for m in subjects if not m.collective]
                if own:
                    paragraph_subject = own[-1]
            carried_forward = forward if continues and forward else None
            # the forecast's own period runs on, not a comparison's (…，上年同期亏损58.6亿元；预计…)
            own_periods = [p for m, p in periods if m.period.kind != "SAME" and not m.comparison]
            carried_period = own_periods[-1] if continues and own_periods else None
            anchored = [
                p
                for m, p in periods
                if p.kind in ("Q", "H", "FY", "9M", "M", "YTD")
                and m.period.kind not in ("SAME", "CUR")
                and not m.comparison
                and not m.standalone
                and not _single_quarter_within(s, m, sticky)
                and not _BALANCE_DATE.match(s, m.end)
            ]
            if anchored and not forward:
                # a forecast's period (展望第四季) does not become the period in force
                sticky = anchored[-1]
                sticky_year = sticky.year
                if main_period is None and sticky.kind in ("Q", "M"):
                    main_period = sticky  # the period the report is of
        start = table_start(text)
        if start is not None:
            rows = table_facts(text, sentences, in_text, "HKD" if hong_kong else currency)
            # inside the table (its header to its last row), prices are its rows' (not figures
            # of a metric named before it) and the quotes printed with each stock are furniture
            end = max((f.span[1] for f in rows if f.span[0] >= start), default=start)
            facts = [f for f in facts if not start <= f.span[1] - 1 < end] + rows
        facts = dedupe(facts)
        mark_unfinished_periods(facts, current_year)
        mark_exclusions(facts, text, sentences)
        carry_year_ago_qualifiers(facts, text)
        mark_attributable_profits(facts, text)
        for fact in facts:
            rate = per_unit(text, fact.span[1], fact.unit, fact.evidence)
            if rate and not fact.metric.endswith(f" per {rate}"):
                fact.metric = f"{fact.metric} per {rate}"  # unit economics, not a total
        analysts = with_people(text, analyst_mentions(text, self.glossary, matches.matches))
        attach_analysts(facts, sentences, analysts, text)
        attach_ratings(facts, sentences, text, analysts)
        for fact in facts:
            fact.text_en = render_fact(fact)
        return facts

    def _subjects(
        self,
        sentence: Sentence,
        names: dict[str, str],
        matches: TextMatches,
        in_text: list[CompanyMention],
    ) -> list[CompanyMention]:
        """The companies a sentence names: those of the whole text inside it, or where its
        edges may read otherwise, those the sentence alone names."""
        found = mentions_within(in_text, matches.text, matches, sentence.start, sentence.end)
        if found is not None:
            return found
        within = matches.within(sentence.start, sentence.end)
        return self.companies.mentions(sentence.text, names, within)

    def _sentence_facts(
        self, ctx: SentenceContext, quantities: list[Quantity], currency: str
    ) -> list[Fact]:
        s = ctx.text
        ctx.respective = respective_subjects(s, quantities, ctx.subjects)
        facts: list[Fact] = []
        last_metric: MetricMention | None = None
        last_clause = -1
        clause_facts: list[Fact] = []
        sentence_facts: list[Fact] = []
        pending: list[tuple[Quantity, str, int]] = []  # changes seen before their figure
        # changes whose clause names a thing no metric knows (商业化客户数同比增长近60%): no
        # earlier clause's metric is theirs, so alone they make no figure
        unnamed: set[int] = set()
        respectively_metrics: list[MetricMention] = []
        respectively_periods: set[str] = set()  # 10月及11月…分别: the periods a list runs over
        last_change: tuple[int, str, int, str] | None = None
        respectively_count = 0
        respectively_changes = 0
        previous_end = 0
        for q in quantities:
            clause_start = ctx.clause_start(q.start)
            if clause_start != last_clause:
                for change, basis, sign in pending:
                    if change.start not in unnamed:
                        change_only(ctx, change, basis, sign, last_metric, facts, currency)
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
            if metric is None and not names_its_own(before):
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
                    and _REST_OF_LIST.fullmatch(s, q.end, m.start)
                ]
                metric = following[0] if following else metric
            change = as_change(s, clause_start, q)
            if (
                change is None
                and last_change
                and last_change[3] == q.unit
                and _NEXT_IN_LIST.fullmatch(s, last_change[0], q.start)
            ):
                # 增长5.4%和4.3%, 环比下降13%至15%, 增长25%/27%: the next change shares the first's wording
                change = last_change[1:3]
                if PAIRED_BASES.search(s[clause_start : q.start]):
                    change = ("qoq", change[1])  # 按年及按季分别跌5.4及3.9个百分点
            last_change = (q.end, *change, q.unit) if change is not None else None
            if respectively >= 0 and len(listed) < 2:
                periods = respective_periods(ctx, q, clause_start)
                if periods:
                    respectively_periods = {p.label() for p in periods}
                elif change is not None and respectively_periods:
                    # 第二季及第三季营收分别为…，同比分别增长5%及8%: each change is its period's
                    targets = [
                        f
                        for f in sentence_facts
                        if f.value is not None and f.period in respectively_periods
                    ]
                    if _to_next_in_list(targets, q, change):
                        continue
            if respectively >= 0 and len(listed) >= 2:
                respectively_metrics = listed
                if change is not None:
                    targets = [f for f in sentence_facts if f.metric in {m.name for m in listed}]
                    if _to_next_in_list(targets, q, change):
                        continue
                    if not targets:
                        # 收入及经营溢利分别同比增长15%及13%: each change is its own metric's
                        own = listed[min(respectively_changes, len(listed) - 1)]
                        respectively_changes += 1
                        change_only(ctx, q, *change, own, facts, currency)
                        continue
                else:
                    respectively_count += 1
            if q.unit == "%" and QUOTE_BEFORE.search(s[: q.start]):
                # 吉利(00175.HK) -0.680 (-3.594%): a portal's quote, the stock's move on the day
                quote = MetricMention(q.start, q.start, "share price", PRICE)
                move = new_fact(ctx, q, quote, "share price change")
                sign = change[1] if change is not None else 1
                move.value, move.unit, move.kind = q.value * sign, "%", RATIO
                facts.append(move)
                continue
            if change is not None and metric is not None and metric.kind == PRICE and q.unit == "%":
                # 股价跌4.86%, ADR大涨3.1%: a price move is a figure of its own, not a growth rate
                move = new_fact(ctx, q, metric, "share price change")
                move.value, move.unit, move.kind = q.value * change[1], "%", RATIO
                move.qualifier = q.qualifier
                facts.append(move)
                last_metric = metric
                continue
            if change is not None:
                basis, sign = change
                # 出口量将从2024年起翻倍: the change of a thing no metric knows, in a clause of its
                # own, is no earlier figure's
                target = (
                    change_target(
                        clause_facts, sentence_facts, q, metric, clause_metrics, ctx, sign
                    )
                    if metric is not None or clause_facts
                    else None
                )
                if target is not None and apply_change(target, q, basis, sign):
                    continue
                pending.append((q, basis, sign))
                if clause_metrics:
                    last_metric = clause_metrics[-1]
                elif metric is None:
                    unnamed.add(q.start)
                continue
            if not clause_metrics and q.unit in CURRENCY_CODES:
                # 1.5亿美元首付款, 100亿港元的股份回购计划: an amount before its noun measures it
                metric = named_after(ctx, q) or metric
            if metric is None:
                continue
            if is_change_amount(before):
                last_metric = metric
                continue  # 跌2元, 增加近百亿元: an amount of change, not a level
            fact = level_fact(ctx, q, metric, currency)
            if fact is None:
                continue
            previous = sentence_facts[-1] if sentence_facts else None
            if (
                previous is not None
                and previous.value is not None
                and previous.metric == fact.metric
            ):
                gap = s[previous_end : q.start]
                if CONVERSION.fullmatch(gap) and previous.unit != fact.unit:
                    # 人民币10.9亿元(1.54亿美元): the same figure in another currency
                    previous.equivalent = (fact.value, fact.unit)
                    previous_end = q.end
                    continue
                if previous.unit == fact.unit and (
                    (RANGE_GAP.fullmatch(gap) and not previous.qualifier)
                    # 不低于1亿元且不超过2亿元: a floor and a ceiling are a range's two ends
                    or (
                        (previous.qualifier, fact.qualifier) == ("at least", "up to")
                        and _FLOOR_TO_CEILING.fullmatch(gap)
                    )
                ):
                    previous.qualifier, fact.qualifier = (
                        "low end",
                        "high end",
                    )  # 毛利率在30%至32%之间
            previous_end = q.end
            for change_q, basis, sign in pending:
                apply_change(fact, change_q, basis, sign)
            pending = []
            clause_facts.append(fact)
            sentence_facts.append(fact)
            ctx.facts_so_far.append(fact)
            facts.append(fact)
            last_metric = metric
        for change, basis, sign in pending:
            if change.start not in unnamed:
                change_only(ctx, change, basis, sign, last_metric, facts, currency)
        return facts


_CUMULATIVE = ("H", "9M", "YTD")


def _quotes_a_move(sentence: str, quantities: list[Quantity]) -> bool:
    """Whether a percentage is a stock's move on the day, printed after its code and price
    (吉利(00175.HK) -0.680 (-3.594%)): the one key figure a sentence names no metric for."""
    return any(q.unit == "%" and QUOTE_BEFORE.search(sentence[: q.start]) for q in quantities)


_FLOOR_TO_CEILING = re.compile(r"\s?(?:且|并且|、|，|,|但)?\s?")


def _to_next_in_list(targets: list[Fact], q: Quantity, change: tuple[str, int]) -> bool:
    """Gives a change listed after 分别 to the first listed figure still without one
    (figures and changes pair in order); whether one took it."""
    changes_seen = sum(1 for f in targets if f.has_change())
    return changes_seen < len(targets) and apply_change(targets[changes_seen], q, *change)


# 截至9月末: a balance-sheet date, which does not change the period the report is of
_BALANCE_DATE = re.compile(r"\s?[末底]")


def _single_quarter_within(sentence: str, mention: PeriodMention, sticky: Period | None) -> bool:
    """第二季度单季营收…: a quarter singled out of a half-year or nine-month report is a
    figure of that quarter alone; the report's own period stays in force after it."""
    return (
        sticky is not None
        and sticky.kind in ("H", "9M", "FY")
        and mention.period.kind == "Q"
        and sentence.startswith("单季", mention.end)
    )


def extract_facts(text: str, glossary: Glossary, published: str | None = None) -> list[Fact]:
    """Key figures of one normalised article, each with its English rendering."""
    return FactExtractor(glossary).extract(text, published)


__all__ = ["Fact", "FactExtractor", "extract_facts", "render_fact"]
