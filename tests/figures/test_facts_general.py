"""Key figures of companies no glossary knows, in Taiwan, Hong Kong and mainland wording.

The articles are written for these tests; each expected figure was worked out by
hand from the Chinese before the extractor was run.
"""

from decimal import Decimal

from summarizer.figures.facts import extract_facts
from summarizer.glossary import Glossary, Term
from summarizer.text.normalize import normalize

NO_GLOSSARY = Glossary([])


def facts(text, published=None):
    normalized = normalize(text)
    return [f.to_dict() for f in extract_facts(normalized.text, NO_GLOSSARY, published)]


def row(f):
    return (
        f["metric"],
        f["period"],
        f.get("value"),
        f.get("unit"),
        f.get("yoy_pct"),
        f.get("qoq_pct"),
    )


TAIWAN = (
    "星河電子第3季獲利創高\n"
    "〔記者王小明／新竹報導〕星河電子（6688）昨公布第3季財報，合併營收為1,420億9,700萬元，季減5.5%、年增7.8%；"
    "毛利率46.5%，季減2.6個百分點；稅後純益254億5,100萬元，每股盈餘15.84元。\n"
    "展望第4季，星河電子預估營收將介於1,421億至1,501億元之間。\n"
)


def test_taiwan_results_in_new_taiwan_dollars_with_a_company_found_by_its_stock_code():
    found = facts(TAIWAN, "2025-10-31")
    by_metric = {f["metric"]: f for f in found}
    assert row(by_metric["revenue"]) == ("revenue", "Q3 2025", 142097000000.0, "TWD", 7.8, -5.5)
    assert (
        by_metric["gross margin"]["value"] == 46.5 and by_metric["gross margin"]["qoq_pp"] == -2.6
    )
    assert row(by_metric["net profit"])[:4] == ("net profit", "Q3 2025", 25451000000.0, "TWD")
    assert by_metric["EPS"]["value"] == 15.84
    guidance = [f for f in found if f["metric"] == "revenue forecast"]
    assert [(f["period"], f["value"], f["qualifier"]) for f in guidance] == [
        ("Q4 2025", 142100000000.0, "low end"),
        ("Q4 2025", 150100000000.0, "high end"),
    ]
    assert {f["subject"] for f in found} == {"Xinghedianzi"}  # pinyin: no glossary entry


HONG_KONG = (
    "月光集團(02288)公布截至2025年9月30日止第三季業績，收入按年跌7.1%至311.74億元人民幣；"
    "經調整純利37.7億元，按年跌35.9%；期內淨虧損112.32億元，而對上一年同期純利76.32億元。"
    "月光集團ADS隔晚升2.66%報116.92美元。"
)


def test_hong_kong_adjusted_and_reported_profit_stay_apart_and_a_loss_is_a_loss():
    found = facts(HONG_KONG)
    rows = {(f["metric"], f["period"]): f for f in found}
    assert rows[("revenue", "Q3 2025")]["value"] == 31174000000.0
    assert rows[("revenue", "Q3 2025")]["yoy_pct"] == -7.1
    assert rows[("adjusted net profit", "Q3 2025")]["value"] == 3770000000.0
    assert rows[("net loss", "Q3 2025")]["value"] == 11232000000.0
    assert rows[("net profit", "Q3 2024")]["value"] == 7632000000.0
    move = rows[("share price change", "day before report")]
    assert move["value"] == 2.66 and move["unit"] == "%"
    assert rows[("share price", "day before report")]["value"] == 116.92


MAINLAND = (
    "10月28日，海川能源(300888.SZ)发布2025年三季度报告。前三季度，公司营收2830.72亿元，同比增长9%；"
    "归母净利润490.34亿元，同比增长36%。其中储能业务营收350.64亿元，同比下降5.99%。"
)


def test_mainland_nine_months_and_a_segment_that_is_not_the_company():
    found = facts(MAINLAND)
    rows = [
        (f["metric"], f.get("segment", ""), f["period"], f.get("value"), f.get("yoy_pct"))
        for f in found
    ]
    assert ("revenue", "", "9M 2025", 283072000000.0, 9.0) in rows
    assert ("net profit", "", "9M 2025", 49034000000.0, 36.0) in rows
    assert ("revenue", "储能业务", "9M 2025", 35064000000.0, -5.99) in rows


def test_a_declared_currency_holds_for_bare_yuan():
    found = facts("中芯微(0981)公布，第三季度录得盈利4.71亿元(美元，下同)，每股盈利0.06元。")
    assert [(f["metric"], f["value"], f["unit"]) for f in found] == [
        ("net profit", 471000000.0, "USD"),
        ("EPS", 0.06, "USD"),
    ]


def test_results_against_expectations_are_results_and_guidance_is_a_forecast():
    text = "海川能源(300888.SZ)第三季度营收283.6亿元，低于一致预期292.2亿元。公司预计第四季度营收将达300亿元。"
    found = {(f["metric"], f["period"]): f["value"] for f in facts(text, "2025-11-20")}
    assert found[("revenue", "Q3 2025")] == 28360000000.0
    assert found[("revenue consensus", "Q3 2025")] == 29220000000.0
    assert found[("revenue forecast", "Q4 2025")] == 30000000000.0


def test_a_taiwan_outlet_on_a_mainland_company_keeps_renminbi():
    text = (
        "小米集团今日公布第三季财报，总营收年增30.5%至925.1亿元人民币，经调整净利为62.5亿元，年增4.4%；"
        "毛利率年增1.2个百分点。"
    )
    units = {f["metric"]: f.get("unit") for f in facts(text, "2024-11-19") if "value" in f}
    assert units["revenue"] == "CNY" and units["adjusted net profit"] == "CNY"


def test_a_figure_for_a_year_not_yet_over_is_a_forecast():
    # written in November 2025 with results up to October: the full year and 2026 are ahead
    text = "星河电子（6688）10月营收120亿元，年增11%。法说会上，全年营收约1300亿元，2026年每股盈余达19.06元。"
    found = {(f["metric"], f["period"], f.get("value")) for f in facts(text, "2025-11-05")}
    assert ("revenue", "Oct 2025", 12e9) in found
    assert ("revenue forecast", "FY2025", 130e9) in found
    assert ("EPS forecast", "FY2026", 19.06) in found


def test_a_market_total_is_not_the_article_company_figure():
    text = (
        "星河电子（6688.HK）公布回购计划，回购金额上限为20亿港元。"
        "今年以来港股上市公司回购金额达1648亿港元，创历史新高。公司表示回购将持续进行。"
    )
    subjects = {f.get("value"): f["subject"] for f in facts(text, "2025-08-20")}
    assert subjects[164.8e9] == "Hong Kong-listed companies"
    assert subjects[2e9] not in ("", "Hong Kong-listed companies")


def test_two_bases_then_two_figures_pair_in_order():
    text = "星河电子（6688.HK）第三季度车辆毛利率为15.5%，按年及按季分别跌5.4及3.9个百分点。"
    (margin,) = [f for f in facts(text, "2025-11-20") if f["metric"] == "vehicle margin"]
    assert (margin["value"], margin["yoy_pp"], margin["qoq_pp"]) == (15.5, -5.4, -3.9)


def test_figures_whose_company_the_sentence_names_after_them_are_that_company_s():
    text = (
        "星河电子（6688.HK）公布第三季度业绩。"
        "据星河电子财报，从Q1收入约1.5亿元，Q2增长至2.5亿元可以看到，星河云的收入处在稳步增长的阶段。"
    )
    glossary = Glossary([Term("星河云", "Xinghe Cloud", "product")])
    found = [
        (f.subject, f.value)
        for f in extract_facts(normalize(text).text, glossary, "2025-11-20")
        if f.metric == "revenue"
    ]
    assert found == [("Xinghe Cloud", Decimal("1.5e8")), ("Xinghe Cloud", Decimal("2.5e8"))]


def test_a_profit_per_unit_says_per_what_and_is_not_a_total():
    text = "某电池厂公布第三季度业绩，净利润为50亿元，动力电池单位净利约0.08元 / Wh。"
    found = {(f["metric"], f.get("value")) for f in facts(text, "2025-10-20")}
    assert ("net profit", 5e9) in found
    assert ("net profit per Wh", 0.08) in found


def test_periods_listed_before_respectively_pair_with_the_figures_and_changes_in_order():
    text = "某科技公司公布业绩，第二季及第三季营收分别为100亿元和120亿元，同比分别增长5%及8%。"
    found = {
        (f["period"], f.get("value"), f.get("yoy_pct"))
        for f in facts(text, "2025-11-20")
        if f["metric"] == "revenue"
    }
    assert found == {("Q2 2025", 1e10, 5), ("Q3 2025", 1.2e10, 8)}
    months = "某代工厂10月及11月营收分别为367亿元及344亿元。"
    found = {(f["period"], f.get("value")) for f in facts(months, "2025-12-10")}
    assert found == {("Oct 2025", 3.67e10), ("Nov 2025", 3.44e10)}


def test_a_figure_without_some_effect_is_not_the_reported_one():
    text = (
        "某车企公布第三季度业绩，车辆毛利率为15.5%。若剔除产品召回的影响，车辆毛利率会是19.8%。"
        "剔除汇率影响，公司收入同比增长8%。"
    )
    found = {(f["metric"], f.get("value"), f.get("yoy_pct")) for f in facts(text, "2025-11-20")}
    assert ("vehicle margin", 15.5, None) in found
    assert ("vehicle margin excluding certain items", 19.8, None) in found
    assert ("revenue at constant currency", None, 8) in found


def test_a_year_ago_clause_keeps_the_adjusted_figure_adjusted():
    text = (
        "某车企公布第三季度业绩，录得亏损6.2亿元，去年同期为盈利28.2亿元，"
        "经调整亏损3.59亿元，去年同期为盈利39亿元。"
    )
    found = {(f["metric"], f["period"], f.get("value")) for f in facts(text, "2025-11-20")}
    assert ("net profit", "Q3 2024", 2.82e9) in found
    assert ("adjusted net loss", "Q3 2025", 3.59e8) in found
    assert ("adjusted net profit", "Q3 2024", 3.9e9) in found


def test_a_change_measured_against_a_base_belongs_to_the_figure_not_the_base():
    text = "某代工厂全年营收约8.29兆元，较2024年的6.85兆元成长约21%，预估2026年将突破10兆元大关、达11.08兆元，年增34%。"
    found = {
        (f["period"], f.get("value"), f.get("yoy_pct"))
        for f in facts(text, "2025-11-20")
        if f["metric"].startswith("revenue")
    }
    assert ("FY2025", 8.29e12, 21) in found
    assert ("FY2024", 6.85e12, None) in found  # the base: a figure, with no change of its own
    assert ("FY2026", 1.108e13, 34) in found  # past the mark it breaks (突破10兆元大关)


def test_a_cumulative_period_opening_a_paragraph_scopes_that_paragraph_only():
    text = (
        "星河科技公布第二季度业绩，收入同比增长15%至205亿元。\n"
        "累计上半年，星河科技收入392亿元，同比增加18%。\n"
        "研发支出同比增加8%。"
    )
    found = {(f["metric"], f["period"], f.get("yoy_pct")) for f in facts(text, "2025-11-20")}
    assert ("revenue", "H1 2025", 18) in found
    assert ("R&D expenses", "Q2 2025", 8) in found


def test_a_bare_share_among_deliveries_is_a_share_of_deliveries_not_of_revenue():
    text = "某车企第三季度交付新车8.7万台，同比增长40.8%，海外市场占比约20%。"
    found = {(f["metric"], f.get("value")) for f in facts(text, "2025-11-20")}
    assert ("share of deliveries", 20) in found
    revenue = "某电脑厂第三季度开放平台事业群营收占比45%。"
    assert ("share of revenue", 45) in {(f["metric"], f.get("value")) for f in facts(revenue)}


def test_a_profit_attributable_to_shareholders_beside_the_groups_says_so():
    text = (
        "某音乐平台公布第三季度业绩。公司的净利润为人民币10.9亿元，同比增长38.7%。"
        "归属于公司股东的净利润为人民币10.6亿元。"
    )
    found = {(f["metric"], f.get("value")) for f in facts(text, "2025-11-20")}
    assert ("net profit", 1.09e9) in found
    assert ("net profit attributable to shareholders", 1.06e9) in found
    alone = "某电池厂公布第三季度业绩，归母净利润185.49亿元，同比增长41%。"
    assert ("net profit", 1.8549e10) in {(f["metric"], f.get("value")) for f in facts(alone)}


def test_a_likely_figure_is_a_forecast_of_the_period_its_cue_names():
    text = (
        "某晶圆厂今天召开董事会，预期第3季可望调高股利，今年上半年连续两季为每股配发5元，"
        "调高至5.5元可能性高。"
    )
    found = {(f["metric"], f["period"], f.get("value")) for f in facts(text, "2025-11-10")}
    assert ("dividend per share", "H1 2025", 5) in found
    assert ("dividend per share forecast", "Q3 2025", 5.5) in found


def test_buybacks_up_to_a_ceiling_are_a_programme_not_buybacks_of_a_period():
    text = "某电商上半年业绩稳健。公司宣布新股份回购计划，可于未来36个月内回购价值不超过50亿美元的股份。"
    found = {(f["metric"], f["period"], f.get("value")) for f in facts(text, "2024-08-29")}
    assert ("share buyback programme", None, 5e9) in found


def test_a_change_of_something_no_metric_knows_is_not_the_previous_metric_s():
    # 商业化客户数 (commercial customers) is no metric: its growth is not advertising revenue's
    found = facts(
        "星河科技公布半年报。2025年上半年星河科技广告收入增长近25%，商业化客户数同比增长近60%。"
    )
    changes = [(f["metric"], f.get("yoy_pct")) for f in found]
    assert ("advertising revenue", 25.0) in changes
    assert all(pct != 60.0 for _, pct in changes)
