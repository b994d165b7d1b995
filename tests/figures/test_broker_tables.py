"""Brokers' target prices: rating tables and parallel lists of companies and prices.

The texts are written for these tests; the expected figures were worked out by hand
from the Chinese before the extractor was run.
"""

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
