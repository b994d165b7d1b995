"""Brokers' target prices: rating tables and parallel lists of companies and prices.

The texts are written for these tests; the expected figures were worked out by hand
from the Chinese before the extractor was run.
"""

from decimal import Decimal

from summarizer.figures.companies import listed_names
from summarizer.figures.facts import extract_facts
from summarizer.glossary import Glossary, Term
from summarizer.text.normalize import normalize

GLOSSARY = Glossary(
    [
        Term("华润置地", "China Resources Land", "company"),
        Term("龙湖集团", "Longfor Group", "company"),
        Term("碧桂园服务", "Country Garden Services", "company"),
        Term("阿里巴巴", "Alibaba", "company"),
        Term("京东", "JD.com", "company"),
    ]
)

# rows run together as scraped pages print them; the header names the columns
TABLE = (
    "摩根士丹利发表报告，下表为该行对内房股的最新投资评级及目标价："
    "股份│投资评级│目标价华润置地(01109.HK) +0.20 (+0.7%)│增持│38元->40元"
    "龙湖集团(00960.HK) -0.05 (-0.5%)│减持│8.5元碧桂园服务(06098.HK)│中性│12元"
)


def _targets(text, glossary=GLOSSARY):
    found = extract_facts(normalize(text).text, glossary)
    return sorted(
        (f.subject, f.metric, f.value, f.unit) for f in found if "target price" in f.metric
    )


def test_each_row_of_a_rating_table_gives_its_stock_target_price_and_rating():
    assert _targets(TABLE) == sorted(
        [
            ("China Resources Land", "target price (Accumulate)", 40, "HKD"),
            ("China Resources Land", "previous target price", 38, "HKD"),
            ("Longfor Group", "target price (Reduce)", 8.5, "HKD"),
            ("Country Garden Services", "target price (Neutral)", 12, "HKD"),
        ]
    )


def test_a_table_row_of_a_company_in_no_glossary_still_has_its_stock():
    targets = _targets(TABLE, Glossary([]))
    assert len(targets) == 4
    assert all(subject for subject, *_ in targets)
    assert len({subject for subject, *_ in targets}) == 3


def test_a_name_printed_right_after_a_figure_does_not_take_its_unit():
    names = listed_names(normalize(TABLE).text)
    assert "龙湖集团" in names and "碧桂园服务" in names
    assert not any(name.startswith("元") for name in names)


def test_a_list_of_companies_pairs_in_order_with_lists_of_prices():
    text = "高盛将阿里巴巴及京东的目标价由120美元及40美元上调至135美元及45美元。"
    assert _targets(text) == sorted(
        [
            ("Alibaba", "previous target price", 120, "USD"),
            ("JD.com", "previous target price", 40, "USD"),
            ("Alibaba", "target price", 135, "USD"),
            ("JD.com", "target price", 45, "USD"),
        ]
    )


def test_a_target_price_of_a_hong_kong_listed_stock_in_bare_yuan_is_in_hong_kong_dollars():
    text = "华润置地(01109.HK)上月销售理想。该行上调华润置地目标价至40元。"
    assert _targets(text) == [("China Resources Land", "target price", 40, "HKD")]


def test_a_portal_quote_after_a_stock_is_its_move_on_the_day_and_its_short_selling_widget_goes():
    text = (
        "该行指，汽车股如华润置地(01109.HK) -0.680 (-3.594%) 沽空 $1.32亿; 比率 11.743% "
        "上月销售大致上胜预期。"
    )
    normalized = normalize(text)
    assert "沽空" not in normalized.text and "比率" not in normalized.text
    assert any(r.kind == "quote-widget" for r in normalized.removed)
    moves = [
        (f.subject, f.value, f.unit, f.period)
        for f in extract_facts(normalized.text, GLOSSARY)
        if f.metric == "share price change"
    ]
    assert moves == [("China Resources Land", Decimal("-3.594"), "%", "report day")]


def test_the_figure_score_matches_a_trading_day_with_the_same_day_only():
    from summarizer.figures.score import periods_compatible

    assert periods_compatible("report day", "report day")
    assert not periods_compatible("report day", "day before report")
    assert periods_compatible("report day", "Nov 20 2025")


def test_estimates_carry_the_broker_or_data_provider_behind_them():
    glossary = Glossary(
        [
            Term("华润置地", "China Resources Land", "company"),
            Term("高盛", "Goldman Sachs", "org", note="investment bank"),
            Term("彭博", "Bloomberg", "org", note="data provider"),
        ]
    )
    text = (
        "华润置地(01109.HK)公布第三季度业绩，营收为300亿元，低于彭博一致预期的320亿元。"
        "高盛预估华润置地第4季营收将达350亿元。公司预计全年营收约1200亿元。"
        "该行将华润置地目标价上调至40元，而彭博数据显示股价年内升两成。"
    )
    found = {
        (f.metric, f.value): f.analyst
        for f in extract_facts(normalize(text).text, glossary, "2025-11-20")
    }
    assert found[("revenue consensus", Decimal("3.2e10"))] == "Bloomberg"
    assert found[("revenue forecast", Decimal("3.5e10"))] == "Goldman Sachs"
    assert found[("revenue forecast", Decimal("1.2e11"))] == ""  # the company's own
    assert found[("target price", Decimal("40"))] == "Goldman Sachs"  # never the data provider


BROKERS = Glossary(
    [
        Term("华润置地", "China Resources Land", "company"),
        Term("高盛", "Goldman Sachs", "org", note="investment bank"),
        Term("摩根士丹利", "Morgan Stanley", "org", note="broker"),
    ]
)
# two houses on one stock; each analyst is introduced once by broker and title, then by name
TWO_HOUSES = (
    "高盛证券科技产业分析师王明远认为，华润置地第三季营收符合预期。"
    "王明远将华润置地目标价上调至40元。最新报告中仍建议「买进」。"
    "摩根士丹利地产研究主管李静则表示，华润置地营运稳健。"
    "李静预估华润置地今年营收将达1200亿元。她给予「优于大盘」评级，目标价上看35元。"
)


def test_a_rating_in_prose_goes_with_its_brokers_target_price():
    found = {
        f.value: (f.metric, f.analyst)
        for f in extract_facts(normalize(TWO_HOUSES).text, BROKERS, "2025-11-20")
        if f.metric.startswith("target price")
    }
    assert found == {
        Decimal("40"): ("target price (Buy)", "Goldman Sachs"),  # rated in the next sentence
        Decimal("35"): ("target price (Outperform)", "Morgan Stanley"),
    }


def test_buying_shares_is_not_a_rating():
    text = "高盛指出，散户近日在低位买入华润置地，该行目标价为40元。"
    metrics = [f.metric for f in extract_facts(normalize(text).text, BROKERS, "2025-11-20")]
    assert "target price" in metrics and not any("(" in m for m in metrics)


def test_an_analyst_named_by_name_speaks_for_the_broker_that_introduced_them():
    facts = extract_facts(normalize(TWO_HOUSES).text, BROKERS, "2025-11-20")
    (forecast,) = [f for f in facts if f.metric == "revenue forecast"]
    assert (forecast.value, forecast.analyst) == (Decimal("1.2e11"), "Morgan Stanley")


def test_the_people_of_an_entry_say_which_broker_an_analyst_is_with():
    from summarizer.digest.english import english_entry, person_label

    text = normalize(TWO_HOUSES).text
    entry = english_entry(text, extract_facts(text, BROKERS, "2025-11-20"), BROKERS)
    assert sorted(person_label(p) for p in entry.people) == [
        "Li Jing (Morgan Stanley; 李静, pinyin; not in the glossary)",
        "Wang Mingyuan (Goldman Sachs; 王明远, pinyin; not in the glossary)",
    ]


def test_the_house_named_before_is_the_source_of_a_back_referenced_forecast():
    glossary = Glossary(
        [
            Term("星河科技", "Xinghe Tech", "company"),
            Term("第一上海", "First Shanghai", "org", note="broker"),
        ]
    )
    text = (
        "第一上海发研报指，星河科技第三季度营收为100亿元。"
        "该机构预计2025-2027年公司收入CAGR为12.9%，星河科技预计全年营收约400亿元。"
    )
    found = {
        f.metric: (f.period, f.analyst)
        for f in extract_facts(normalize(text).text, glossary, "2025-11-20")
    }
    assert found["revenue forecast CAGR"] == ("2025-2027", "First Shanghai")
