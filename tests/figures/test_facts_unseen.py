"""Key figures of short articles about companies of no other test set, scored like the dev set.

Each article was written for these tests in the style of a real outlet (mainland,
Hong Kong, Taiwan), and its gold figures were worked out by hand from the Chinese
before the extractor was run. A gold figure passes when a predicted figure has its
value and a compatible period (the scorer's rule), the same label (metric kind,
adjusted or reported, subject), its unit, and every change the gold gives.
"""

from functools import cache

import pytest
from unseen_gold import agrees, article_facts, gold_figure, near_misses

from summarizer.figures.facts import extract_facts
from summarizer.glossary import load_glossaries
from summarizer.text.normalize import normalize

# a mainland bank's nine-month report: 归母 and 扣非 figures, a quarter inside the
# nine months, a ratio against the end of last year and a margin change in basis points
BANK = (
    "江海银行前三季度归母净利润同比增长5.2%\n"
    "10月29日晚间，江海银行（601988.SH）发布2025年第三季度报告。前三季度，该行实现营业收入1,126.38亿元，"
    "同比增长2.1%；归属于母公司股东的净利润412.57亿元，同比增长5.2%；扣除非经常性损益后的归母净利润"
    "408.11亿元，同比增长4.9%。其中第三季度单季实现营收371.2亿元，同比下降1.3%。截至9月末，该行不良贷款率"
    "为1.12%，较上年末下降0.04个百分点；净息差为1.63%，同比收窄12个基点。\n"
)
BANK_GOLD = [
    ("revenue", "9M 2025", 112638e6, "CNY", {"yoy_pct": 2.1}),
    ("net profit attributable to shareholders", "9M 2025", 41257e6, "CNY", {"yoy_pct": 5.2}),
    (
        "recurring net profit attributable to shareholders (ex non-recurring items)",
        "9M 2025",
        40811e6,
        "CNY",
        {"yoy_pct": 4.9},
    ),
    ("revenue", "Q3 2025", 37120e6, "CNY", {"yoy_pct": -1.3}),
    ("non-performing loan ratio", "2025-09-30", 1.12, "%", {}),
    ("net interest margin", "9M 2025", 1.63, "%", {"yoy_pp": -0.12}),
]

# a Shenzhen-listed chip designer's half-year report: a 扣非 loss a year before,
# R&D as a share of revenue, a quarter's sequential change, a dividend per ten shares
CHIP = (
    "8月27日晚，矽澜科技（300999.SZ）披露2025年半年报。上半年公司实现营业收入18.65亿元，同比增长42.37%；"
    "归母净利润2.31亿元，同比增长118.6%；扣非归母净利润1.97亿元，上年同期为亏损0.35亿元。报告期内，"
    "公司研发投入3.42亿元，占营业收入的比例为18.34%；综合毛利率为38.2%，同比提升3.5个百分点。分季度看，"
    "第二季度单季营收10.28亿元，环比增长22.8%，创单季历史新高。公司拟向全体股东每10股派发现金红利1.5元（含税）。"
)
CHIP_GOLD = [
    ("revenue", "H1 2025", 1865e6, "CNY", {"yoy_pct": 42.37}),
    ("net profit attributable to shareholders", "H1 2025", 231e6, "CNY", {"yoy_pct": 118.6}),
    ("recurring net profit (ex non-recurring items)", "H1 2025", 197e6, "CNY", {}),
    ("recurring net loss (ex non-recurring items)", "H1 2024", 35e6, "CNY", {}),
    ("R&D expenses", "H1 2025", 342e6, "CNY", {}),
    ("R&D expenses share of revenue", "H1 2025", 18.34, "%", {}),
    ("gross margin", "H1 2025", 38.2, "%", {"yoy_pp": 3.5}),
    ("revenue", "Q2 2025", 1028e6, "CNY", {"qoq_pct": 22.8}),
    ("dividend per share", "H1 2025", 0.15, "CNY/share", {}),
]

# a Hong Kong retailer's results for a year to March: bare 元 are Hong Kong dollars,
# per-share amounts in 仙, final and interim dividends, a payout ratio, 近3成
RETAIL = (
    "【經濟日報】本地零售商金禧集團（01234）公布截至2025年3月31日止年度業績，收入按年跌4.3%至86.52億港元；"
    "股東應佔溢利5.13億元，按年跌18.6%；每股基本盈利48.7仙。董事會建議派末期息每股20仙，連同中期息12仙，"
    "全年派息32仙，派息率約65.7%。期內毛利率為41.8%，按年收窄1.1個百分點，其中內地業務收入佔比近3成。\n"
)
RETAIL_GOLD = [
    ("revenue", "FY2024/25 (Apr 2024-Mar 2025)", 8652e6, "HKD", {"yoy_pct": -4.3}),
    (
        "net profit attributable to shareholders",
        "FY2024/25 (Apr 2024-Mar 2025)",
        513e6,
        "HKD",
        {"yoy_pct": -18.6},
    ),
    ("basic EPS", "FY2024/25 (Apr 2024-Mar 2025)", 0.487, "HKD/share", {}),
    ("final dividend per share", "FY2024/25 (Apr 2024-Mar 2025)", 0.20, "HKD/share", {}),
    ("interim dividend per share", "H1 FY2024/25 (Apr-Sep 2024)", 0.12, "HKD/share", {}),
    ("full-year dividend per share", "FY2024/25 (Apr 2024-Mar 2025)", 0.32, "HKD/share", {}),
    ("dividend payout ratio", "FY2024/25 (Apr 2024-Mar 2025)", 65.7, "%", {}),
    ("gross margin", "FY2024/25 (Apr 2024-Mar 2025)", 41.8, "%", {"yoy_pp": -1.1}),
    ("mainland share of revenue", "FY2024/25 (Apr 2024-Mar 2025)", 30.0, "%", {}),
]

# a Taiwan network-equipment maker's monthly revenue: 月增, 年增, 累計, a
# quarter's range forecast by institutional investors, a share price of the day
TAIWAN_MONTHLY = (
    "〔記者陳怡君／台北報導〕網通廠智聯科技（3596）今（10）日公布10月合併營收52.36億元，月增8.4%、年增21.7%，"
    "創同期新高；累計前10月營收為468.9億元，年增逾15%。法人預估，智聯第4季營收可望季增5%至10%，"
    "全年每股純益上看8元。智聯今日股價收在182.5元，上漲3.1%。\n"
)
TAIWAN_MONTHLY_GOLD = [
    ("revenue", "Oct 2025", 5236e6, "TWD", {"yoy_pct": 21.7, "mom_pct": 8.4}),
    ("cumulative revenue", "Jan-Oct 2025", 46890e6, "TWD", {"yoy_pct": 15}),
    ("revenue forecast (low end)", "Q4 2025", None, None, {"qoq_pct": 5}),
    ("revenue forecast (high end)", "Q4 2025", None, None, {"qoq_pct": 10}),
    ("EPS forecast", "FY2025", 8.0, "TWD/share", {}),
    ("share price", "Nov 10 2025", 182.5, "TWD", {}),
    ("share price change", "Nov 10 2025", 3.1, "%", {}),
]

# a mainland drug maker's licensing deal in US dollars, last year's R&D, and a
# preliminary estimate of the half-year just ended, as two ranges
PHARMA = (
    "恒康医药（600888.SH）7月14日晚间公告，公司与美国一家跨国药企就其自主研发的GLP-1/GIP双靶点激动剂"
    "HK-101达成全球（除大中华区外）独家许可协议。根据协议，公司将获得1.5亿美元首付款，以及最高可达18.5亿美元的"
    "开发、注册和销售里程碑付款，另可按净销售额获得低双位数比例的分级特许权使用费。恒康医药表示，2024年公司研发投入"
    "达42.6亿元，占营业收入比重为21.3%。公司同时预计，2025年上半年归母净利润为10.2亿元至11.5亿元，"
    "同比增长约30%至47%。"
)
PHARMA_GOLD = [
    ("upfront payment", None, 150e6, "USD", {}),
    ("milestone payments", None, 1850e6, "USD", {}),
    ("R&D expenses", "FY2024", 4260e6, "CNY", {}),
    ("R&D expenses share of revenue", "FY2024", 21.3, "%", {}),
    (
        "net profit attributable to shareholders forecast (low end)",
        "H1 2025",
        1020e6,
        "CNY",
        {"yoy_pct": 30},
    ),
    (
        "net profit attributable to shareholders forecast (high end)",
        "H1 2025",
        1150e6,
        "CNY",
        {"yoy_pct": 47},
    ),
]

# a Hong Kong brokerage note: two brokers' ratings and target prices, a raised
# target with its old value, a margin forecast for next year, changes without levels
BROKER = (
    "【阿斯達克財經】花旗發表研究報告指，潤豐啤酒（00291）第三季銷量按年增長3.5%，好過該行預期，惟均價按年跌1.2%。"
    "該行將潤豐目標價由45港元上調至48.5港元，維持「買入」評級。另外，摩根士丹利則予潤豐「與大市同步」評級，"
    "目標價40港元，預測其明年毛利率將擴大0.8個百分點至43.5%。潤豐昨收41.2港元，升1.98%。"
)
BROKER_GOLD = [
    ("sales volume", "Q3 2025", None, None, {"yoy_pct": 3.5}),
    ("target price (Citi, Buy)", None, 48.5, "HKD", {}),
    ("target price (Morgan Stanley, Equal-weight)", None, 40.0, "HKD", {}),
    ("gross margin forecast (Morgan Stanley)", "FY2026", 43.5, "%", {"yoy_pp": 0.8}),
    ("share price", "day before report", 41.2, "HKD", {}),
    ("share price change", "day before report", 1.98, "%", {}),
]

# an EV maker's monthly deliveries: month on month, a share of deliveries, the
# year to date in 万辆, a full-year target and a forecast for next month
DELIVERIES = (
    "12月1日，新能源车企极光汽车公布11月交付数据。11月，极光汽车共交付新车36,728辆，同比增长62.3%，"
    "环比增长8.1%，连续三个月交付量突破3万辆。其中，海外市场交付5,102辆，占总交付量的13.9%。1-11月，"
    "极光汽车累计交付31.6万辆，同比增长约45%，已完成全年40万辆销量目标的79%。公司预计12月交付量将不低于4万辆。"
)
DELIVERIES_GOLD = [
    ("deliveries", "Nov 2025", 36728, "count", {"yoy_pct": 62.3, "mom_pct": 8.1}),
    ("overseas deliveries", "Nov 2025", 5102, "count", {}),
    ("overseas share of deliveries", "Nov 2025", 13.9, "%", {}),
    ("cumulative deliveries", "Jan-Nov 2025", 316000, "count", {"yoy_pct": 45}),
    ("full-year sales target", "FY2025", 400000, "count", {}),
    ("deliveries guidance", "Dec 2025", 40000, "count", {}),
]

# a Hong Kong-listed platform's interim results: non-IFRS against IFRS profit, a
# quarter inside the half, a dividend in HKD beside RMB results, a buyback
# programme and buybacks done, and growth guidance as a range
INTERIM = (
    "云途控股中期经调整净利增25%\n"
    "云途控股（02777.HK）公布截至2025年6月30日止六个月中期业绩，期内收入按年增长12.4%至238.6亿元人民币；"
    "按非国际财务报告准则计，经调整净利润为41.2亿元，按年增长25.3%，经调整净利率升至17.3%；"
    "而按国际财务报告准则计，股东应占溢利为35.8亿元。其中第二季收入125.1亿元，按季增长10.2%。"
    "董事会宣派中期股息每股0.35港元，并宣布一项规模最多100亿港元的股份回购计划，为期三年。"
    "上半年公司已累计回购约2,150万股，耗资约18亿港元。管理层展望，全年收入增速将维持在10%至15%之间。\n"
)
INTERIM_GOLD = [
    ("revenue", "H1 2025", 23860e6, "CNY", {"yoy_pct": 12.4}),
    ("adjusted net profit (non-IFRS)", "H1 2025", 4120e6, "CNY", {"yoy_pct": 25.3}),
    ("adjusted net margin", "H1 2025", 17.3, "%", {}),
    ("net profit attributable to shareholders", "H1 2025", 3580e6, "CNY", {}),
    ("revenue", "Q2 2025", 12510e6, "CNY", {"qoq_pct": 10.2}),
    ("interim dividend per share", "H1 2025", 0.35, "HKD/share", {}),
    ("share buyback programme", None, 10e9, "HKD", {}),
    ("shares repurchased", "H1 2025", 21.5e6, "count", {}),
    ("buyback amount", "H1 2025", 1.8e9, "HKD", {}),
    ("revenue growth guidance (low end)", "FY2025", None, None, {"yoy_pct": 10}),
    ("revenue growth guidance (high end)", "FY2025", None, None, {"yoy_pct": 15}),
]

# a Taiwan financial holding's monthly self-reported earnings: 月減 and 年增 together, the
# year to date, and a subsidiary's own figure
HOLDING = (
    "〔記者林宜萱／台北報導〕國富金控（2899）今（11）日公布10月自結獲利，單月稅後純益為98.65億元，"
    "月減12.3%、年增45.1%；累計前10月稅後純益達1,021.5億元，年增21.7%，每股稅後盈餘(EPS)7.52元，"
    "穩居金控獲利王。\n"
)
HOLDING_GOLD = [
    ("net profit", "Oct 2025", 9865e6, "TWD", {"yoy_pct": 45.1, "mom_pct": -12.3}),
    ("cumulative net profit", "Jan-Oct 2025", 102150e6, "TWD", {"yoy_pct": 21.7}),
    ("EPS", "Jan-Oct 2025", 7.52, "TWD/share", {}),
]

# a mainland liquor maker's third-quarter report: 营业总收入, the quarter inside the nine
# months, a balance-sheet figure at the quarter's end, and a dividend per share and in all
LIQUOR = (
    "10月29日晚，酒企金樽酒业（600999.SH）披露三季报。前三季度公司实现营业总收入312.45亿元，同比增长8.12%；"
    "归母净利润152.36亿元，同比增长9.05%。其中第三季度单季营业总收入88.6亿元，同比增长2.3%，"
    "归母净利润41.2亿元，同比下降1.5%。截至三季度末，公司合同负债为65.3亿元，较年初减少18.2亿元。"
    "公司同时公告，拟每股派发现金红利3.35元，合计派发现金红利42.1亿元。"
)
LIQUOR_GOLD = [
    ("revenue", "9M 2025", 31245e6, "CNY", {"yoy_pct": 8.12}),
    ("net profit attributable to shareholders", "9M 2025", 15236e6, "CNY", {"yoy_pct": 9.05}),
    ("revenue", "Q3 2025", 8860e6, "CNY", {"yoy_pct": 2.3}),
    ("net profit attributable to shareholders", "Q3 2025", 4120e6, "CNY", {"yoy_pct": -1.5}),
    ("contract liabilities", "2025-09-30", 6530e6, "CNY", {}),
    ("dividend per share", None, 3.35, "CNY/share", {}),
    ("total cash dividend", None, 4210e6, "CNY", {}),
]

# a Hong Kong-listed EV maker's monthly deliveries: 按月 and 按年, the first ten months,
# guidance kept as a range with its growth, and the share price of the day before
EV_HK = (
    "【本報訊】電動車企業星馳汽車（09899）公布，10月交付量為40,128輛，按月增加7.6%，按年增長98.2%，"
    "連續第三個月創新高。首10個月累計交付約32.5萬輛。公司維持第四季交付量指引11.5萬至12萬輛不變，"
    "相當於按年增長62%至69%。星馳汽車股價昨日收報98.5元，升3.2%。\n"
)
EV_HK_GOLD = [
    ("deliveries", "Oct 2025", 40128, "count", {"mom_pct": 7.6, "yoy_pct": 98.2}),
    ("cumulative deliveries", "Jan-Oct 2025", 325000, "count", {}),
    ("deliveries guidance (low end)", "Q4 2025", 115000, "count", {"yoy_pct": 62}),
    ("deliveries guidance (high end)", "Q4 2025", 120000, "count", {"yoy_pct": 69}),
    ("share price", "day before report", 98.5, "HKD", {}),
    ("share price change", "day before report", 3.2, "%", {}),
]

# a mainland outlet on a US-listed company with a fiscal year from April: non-GAAP profit
# and EPS per ADS, cash at the quarter's end, and next quarter's revenue guidance
ADS = (
    "11月18日美股盘前，在线教育公司学而思维（NYSE: XEDU）公布截至2025年9月30日的2026财年第二季度财报。"
    "本季度公司净营收为8.61亿美元，同比增长38.5%；按非美国通用会计准则，归属于公司的净利润为1.12亿美元，"
    "去年同期为0.58亿美元，每股美国存托股摊薄净收益为0.65美元。截至9月30日，公司持有现金、现金等价物"
    "及短期投资共计45.3亿美元。公司预计第三财季净营收将在9.1亿至9.3亿美元之间，同比增长30%至33%。"
)
ADS_GOLD = [
    ("revenue", "Q2 FY2025/26 (Jul-Sep 2025)", 861e6, "USD", {"yoy_pct": 38.5}),
    ("non-GAAP net profit attributable", "Q2 FY2025/26 (Jul-Sep 2025)", 112e6, "USD", {}),
    ("non-GAAP net profit attributable", "Q2 FY2024/25 (Jul-Sep 2024)", 58e6, "USD", {}),
    ("non-GAAP diluted EPS per ADS", "Q2 FY2025/26 (Jul-Sep 2025)", 0.65, "USD/ADS", {}),
    ("cash, cash equivalents and short-term investments", "2025-09-30", 4530e6, "USD", {}),
    ("revenue guidance (low end)", "Q3 FY2025/26 (Oct-Dec 2025)", 910e6, "USD", {"yoy_pct": 30}),
    ("revenue guidance (high end)", "Q3 FY2025/26 (Oct-Dec 2025)", 930e6, "USD", {"yoy_pct": 33}),
]

ARTICLES = {
    "bank": (BANK, "江海银行", "Jianghai Bank", "2025-10-30", BANK_GOLD),
    "chip": (CHIP, "矽澜科技", "Xilan Technology", "2025-08-28", CHIP_GOLD),
    "retail": (RETAIL, "金禧集团", "Jinxi Group", "2025-06-20", RETAIL_GOLD),
    "taiwan_monthly": (
        TAIWAN_MONTHLY,
        "智联科技",
        "Zhilian Technology",
        "2025-11-10",
        TAIWAN_MONTHLY_GOLD,
    ),
    "pharma": (PHARMA, "恒康医药", "Hengkang Pharma", "2025-07-15", PHARMA_GOLD),
    "broker": (BROKER, "润丰啤酒", "Runfeng Beer", "2025-11-12", BROKER_GOLD),
    "deliveries": (DELIVERIES, "极光汽车", "Aurora Auto", "2025-12-01", DELIVERIES_GOLD),
    "interim": (INTERIM, "云途控股", "Yuntu Holdings", "2025-08-21", INTERIM_GOLD),
    "holding": (HOLDING, "国富金控", "Guofu Financial", "2025-11-11", HOLDING_GOLD),
    "liquor": (LIQUOR, "金樽酒业", "Jinzun Liquor", "2025-10-30", LIQUOR_GOLD),
    "ev_hk": (EV_HK, "星驰汽车", "Xingchi Auto", "2025-11-02", EV_HK_GOLD),
    "ads": (ADS, "学而思维", "Xue Ersi Wei", "2025-11-19", ADS_GOLD),
}
# short names an article uses after the first mention
_ALIASES = {"润丰啤酒": ("润丰",), "智联科技": ("智联",)}


@cache
def predicted(name: str) -> tuple[dict, ...]:
    text, zh, en, published, _ = ARTICLES[name]
    # the bundled glossary (brokers, currencies) knows none of these companies: the article's is added
    return article_facts(text, zh, en, published, _ALIASES.get(zh, ()))


CASES = [
    pytest.param(name, row, id=f"{name}-{row[0]}-{row[1]}-{row[2]}")
    for name, article in ARTICLES.items()
    for row in article[4]
]


@pytest.mark.parametrize(("name", "row"), CASES)
def test_each_gold_figure_is_found_with_its_label_unit_and_changes(name, row):
    gold = gold_figure(ARTICLES[name][2], row)
    found = predicted(name)
    assert any(agrees(fact, gold) for fact in found), near_misses(found, gold)


def facts_of(text: str, published: str = "2025-11-20") -> list[dict]:
    glossary = load_glossaries()
    return [f.to_dict() for f in extract_facts(normalize(text).text, glossary, published)]


def _rows(text: str, published: str) -> set[tuple]:
    return {
        (f["metric"], f["period"], f.get("value"), f.get("yoy_pp"), f.get("yoy_pct"))
        for f in facts_of(text, published)
    }


def test_basis_points_are_hundredths_of_a_point_and_a_move_since_the_year_end_is_not_on_the_year():
    text = "某银行前三季度净息差为1.63%，同比收窄12个基点；不良贷款率为1.12%，较上年末下降0.04个百分点。"
    rows = _rows(text, "2025-10-30")
    assert ("net interest margin", "9M 2025", 1.63, -0.12, None) in rows
    assert ("non-performing loan ratio", "9M 2025", 1.12, None, None) in rows


def test_an_average_selling_price_beside_volume_is_a_price_of_its_own():
    text = "某啤酒公司第三季销量按年增长3.5%，惟均价按年跌1.2%。"
    rows = _rows(text, "2025-11-12")
    assert ("sales volume", "Q3 2025", None, None, 3.5) in rows
    assert ("average selling price", "Q3 2025", None, None, -1.2) in rows


def test_taiwan_monthly_revenue_that_fell_is_still_in_new_taiwan_dollars():
    text = "長榮航太（2645）10月營收12.35億元，月減3.2%、年減1.5%。"
    (revenue,) = facts_of(text, "2025-11-10")
    assert (revenue["period"], revenue["value"], revenue["unit"]) == ("Oct 2025", 1.235e9, "TWD")
    assert (revenue["mom_pct"], revenue["yoy_pct"]) == (-3.2, -1.5)


def test_results_wordings_of_other_lines_of_business():
    text = (
        "某公司前三季度实现营业总收入56.3亿元，同比增长8.2%；利润总额3.5亿元，同比下降10%；"
        "经营活动产生的现金流量净额为12.1亿元。第三季经调整EBITDA为6.1亿美元，按年升4%。"
    )
    rows = {(f["metric"], f["period"], f.get("value"), f.get("yoy_pct")) for f in facts_of(text)}
    assert rows == {
        ("revenue", "9M 2025", 5.63e9, 8.2),
        ("profit before tax", "9M 2025", 3.5e8, -10),
        ("operating cash flow", "9M 2025", 1.21e9, None),
        ("adjusted EBITDA", "Q3 2025", 6.1e8, 4),
    }


def test_a_dividend_yield_is_a_ratio_beside_the_dividend():
    text = "某银行（02388）宣布派发末期股息每股1.2港元，股息率约6.5%。"
    rows = {(f["metric"], f.get("value"), f.get("unit")) for f in facts_of(text)}
    assert rows == {("final dividend per share", 1.2, "HKD"), ("dividend yield", 6.5, "%")}


def test_periods_named_by_where_they_end_and_by_their_months():
    fiscal = "某矿业公司公布截至2025年6月30日止财政年度业绩，收入为52.3亿元，按年增长6%。"
    assert [f["period"] for f in facts_of(fiscal)] == ["FY2024/25"]
    half = "某珠宝商（01929）公布截至2025年9月30日止六个月中期业绩，收入按年跌1.1%至389.86亿港元。"
    assert [f["period"] for f in facts_of(half)] == ["H1 FY2025/26"]
    nine = "某公司首9个月净利润为15.2亿元，同比增长12%。"
    assert [f["period"] for f in facts_of(nine)] == ["9M 2025"]


def test_a_range_of_changes_written_with_a_dash_is_two_rises():
    text = "公司预计第四季度营收将同比增长20%-25%。"
    assert sorted(f["yoy_pct"] for f in facts_of(text)) == [20, 25]


def test_a_change_in_a_clause_of_its_own_period_is_not_the_earlier_figure_s():
    text = "某公司去年全年营收为520亿元，今年目标增长15%。"
    rows = {(f["metric"], f["period"], f.get("value"), f.get("yoy_pct")) for f in facts_of(text)}
    assert rows == {("revenue", "FY2024", 5.2e10, None), ("revenue forecast", "FY2025", None, 15)}


def test_a_target_price_s_old_value_in_brackets_is_the_previous_target():
    text = "某券商发布研报，维持“跑赢行业”评级，上调目标价至38元（原为32元）。"
    rows = {(f["metric"], f.get("value")) for f in facts_of(text)}
    assert rows == {("target price (Outperform)", 38), ("previous target price", 32)}


def test_an_airline_s_traffic_and_load_factor():
    text = "某航空公司10月載客量為210萬人次，按年增長8.5%，載客率為85.2%，按年上升1.3個百分點。"
    rows = {
        (f["metric"], f["period"], f.get("value"), f.get("yoy_pct"), f.get("yoy_pp"))
        for f in facts_of(text)
    }
    assert rows == {
        ("passengers carried", "Oct 2025", 2.1e6, 8.5, None),
        ("passenger load factor", "Oct 2025", 85.2, None, 1.3),
    }


def test_verbs_before_a_metric_are_not_a_business_line():
    text = "集團擬將派息比率由30%提高至35%。摩根士丹利預測其明年毛利率將擴大0.8個百分點至43.5%。"
    assert [f.get("segment", "") for f in facts_of(text)] == ["", "", ""]


def test_a_company_after_its_trade_is_found_and_a_mark_it_broke_adds_nothing():
    text = (
        "新能源车企极光汽车公布11月交付数据。11月，极光汽车共交付新车36,728辆，同比增长62.3%，"
        "连续三个月交付量突破3万辆。"
    )
    found = facts_of(text, "2025-12-01")
    assert [(f["subject"], f["period"], f["value"], f.get("segment", "")) for f in found] == [
        ("Jiguangqiche", "Nov 2025", 36728, "")  # pinyin: no glossary entry
    ]


def test_an_insurer_s_and_a_developer_s_own_measures():
    insurer = (
        "某保險集團（02318）公布，首三季新業務價值為357.24億元人民幣，按年增長46.2%；"
        "歸屬於母公司股東的營運利潤1,162.64億元，按年增長7.2%。"
    )
    rows = {(f["metric"], f["period"], f.get("value"), f.get("yoy_pct")) for f in facts_of(insurer)}
    assert rows == {
        ("value of new business", "9M 2025", 3.5724e10, 46.2),
        ("operating profit", "9M 2025", 1.16264e11, 7.2),
    }
    developer = (
        "某房企10月实现合同销售金额约35.2亿元，同比下降约40%，合同销售建筑面积约46万平方米。"
    )
    rows = {(f["metric"], f.get("value"), f.get("unit")) for f in facts_of(developer)}
    assert rows == {
        ("contracted sales", 3.52e9, "CNY"),
        ("contracted floor area", 4.6e5, "square metres"),
    }


def test_a_dividend_in_all_is_not_the_company_s_cash():
    text = "某公司拟向全体股东每10股派发现金红利3元（含税），合计派发现金红利5.2亿元。"
    rows = {(f["metric"], f.get("value")) for f in facts_of(text)}
    assert rows == {("dividend per share", 0.3), ("total cash dividend", 5.2e8)}


def test_a_fiscal_year_named_by_the_year_it_ends_and_its_quarter_named_before_the_dates():
    text = (
        "某电商公布2026财年第二季度（截至2025年9月30日止三个月）业绩，收入为2,477.95亿元人民币，"
        "同比增长5%；经调整EBITA同比下降78%至91亿元。2026财年上半年收入为4,842亿元。"
    )
    rows = {(f["metric"], f["period"], f.get("value"), f.get("yoy_pct")) for f in facts_of(text)}
    assert rows == {
        ("revenue", "Q2 FY2025/26", 2.4779500e11, 5),
        ("adjusted EBITA", "Q2 FY2025/26", 9.1e9, -78),
        ("revenue", "H1 FY2025/26", 4.842e11, None),
    }


def test_the_year_so_far_runs_to_the_month_reported():
    text = "某车企11月交付新车70,327辆，同比增长75%，今年以来累计交付超53万辆。"
    rows = {
        (f["period"], f.get("value"), f.get("qualifier", "")) for f in facts_of(text, "2025-12-01")
    }
    assert rows == {("Nov 2025", 70327, ""), ("Jan-Nov 2025", 530000, "more than")}


def test_a_range_of_falls_pairs_the_bigger_fall_with_the_lower_figure():
    text = (
        "某公司（01234）發盈利預警，預期截至2025年12月31日止年度的股東應佔溢利將介乎3億至3.5億港元，"
        "較去年同期的5.2億港元下降約33%至42%。"
    )
    rows = {(f["metric"], f["period"], f.get("value"), f.get("yoy_pct")) for f in facts_of(text)}
    assert rows == {
        ("net profit forecast", "FY2025", 3e8, -42),
        ("net profit forecast", "FY2025", 3.5e8, -33),
        ("net profit", "FY2024", 5.2e8, None),
    }


def test_a_buyback_s_price_per_share_is_not_an_amount_bought_back():
    text = "某公司（00700）公布，斥資6.35億港元回購100萬股，每股回購價介乎630至640港元。"
    rows = {(f["metric"], f.get("value"), f.get("qualifier", "")) for f in facts_of(text)}
    assert rows == {
        ("share buybacks", 6.35e8, ""),
        ("repurchased shares", 1e6, ""),
        ("buyback price", 630, "low end"),
        ("buyback price", 640, "high end"),
    }


def test_hong_kong_wordings_of_shares_losses_and_margins():
    share = (
        "某藥企第三季海外收入佔比提升至35%，按年增加4個百分點；海外收入按年增長逾五成至12.3億元。"
    )
    rows = {(f["metric"], f.get("value"), f.get("unit"), f.get("yoy_pp")) for f in facts_of(share)}
    assert rows == {("share of revenue", 35, "%", 4), ("overseas revenue", 1.23e9, "CNY", None)}
    loss = "某車企第三季錄得淨虧損18.5億元，虧損按年擴大21%。"
    assert [(f["metric"], f.get("value"), f.get("yoy_pct")) for f in facts_of(loss)] == [
        ("net loss", 1.85e9, 21)
    ]
    margin = "某公司第三季營收約1,000億元，按年倒退2%；經營溢利率為11.2%，按季改善0.6個百分點。"
    rows = {(f["metric"], f.get("yoy_pct"), f.get("qoq_pp")) for f in facts_of(margin)}
    assert rows == {("revenue", -2, None), ("operating margin", None, 0.6)}


def test_a_list_of_changes_follows_the_list_of_forecasts_in_order():
    text = (
        "我们预计公司2025-2027年归母净利润分别为12.3/15.6/18.9亿元，同比增长25%/27%/21%，"
        "维持“买入”评级。"
    )
    rows = [(f["period"], f.get("value"), f.get("yoy_pct")) for f in facts_of(text)]
    assert rows == [("FY2025", 1.23e9, 25), ("FY2026", 1.56e9, 27), ("FY2027", 1.89e9, 21)]


def test_a_mainland_note_s_current_price_does_not_make_its_target_hong_kong_dollars():
    text = "某证券研报指，给予某半导体公司“增持”评级，目标价65元，较现价有23%的上升空间。"
    targets = [f for f in facts_of(text) if f["metric"].startswith("target price")]
    assert [(f["value"], f["unit"]) for f in targets] == [(65, "CNY")]


def test_the_first_months_of_a_year_are_the_year_to_date():
    text = "某車企（09899）公布，10月交付量為40,128輛；首10個月累計交付約32.5萬輛。"
    assert [f["period"] for f in facts_of(text, "2025-11-02")] == ["Oct 2025", "Jan-Oct 2025"]


def test_a_trade_written_before_a_coded_company_is_not_part_of_its_name():
    liquor = "10月29日晚，酒企金樽酒业（600999.SH）披露三季报，前三季度营业总收入312.45亿元。"
    ev = "电动车企业星驰汽车（09899）公布，10月交付量为40,128辆。"
    assert [f["subject"] for f in facts_of(liquor) + facts_of(ev)] == [
        "Jinzunjiuye",  # pinyin: no glossary entry
        "Xingchiqiche",
    ]


def test_annual_results_out_in_march_are_of_the_year_before_with_underlying_profit_apart():
    text = (
        "3月14日，某地產（00012）公布全年業績，股東應佔基礎溢利按年跌9%至92.7億港元，"
        "每股基礎盈利1.91港元；末期息每股1.3港元。"
    )
    rows = {
        (f["metric"], f["period"], f.get("value"), f.get("segment", ""))
        for f in facts_of(text, "2025-03-15")
    }
    assert rows == {
        ("underlying net profit", "FY2024", 9.27e9, ""),
        ("underlying EPS", "FY2024", 1.91, ""),
        ("final dividend per share", "FY2024", 1.3, ""),
    }
    months = "某車企公布，1-2月累計交付12.3萬輛，全年目標為100萬輛。"
    assert {f["period"] for f in facts_of(months, "2025-03-05")} == {"Jan-Feb 2025", "FY2025"}


def test_a_taiwan_cash_dividend_and_its_yield():
    text = "某IC設計廠（3034）董事會通過盈餘分配案，擬配發現金股利每股37元，以昨日收盤價計算，現金殖利率約7.2%。"
    rows = {(f["metric"], f.get("value"), f.get("unit")) for f in facts_of(text, "2025-03-15")}
    assert rows == {("dividend per share", 37, "TWD"), ("dividend yield", 7.2, "%")}


def test_core_profit_is_not_a_business_line_called_core_but_core_revenue_still_is():
    profit = "某保險公司公布首九個月核心盈利52億美元，按年增長8%。"
    assert [(f["metric"], f.get("segment", "")) for f in facts_of(profit)] == [
        ("core net profit", "")
    ]
    revenue = "某公司第三季度核心收入246.6亿元，同比下降7%。"
    assert [(f["metric"], f.get("segment", "")) for f in facts_of(revenue)] == [("revenue", "核心")]


def test_amounts_in_thousands_of_yuan_are_scaled():
    text = "某公司前三季度实现营业收入3,456,789千元，同比增长12%。"
    assert [(f["value"], f["unit"]) for f in facts_of(text)] == [(3456789000, "CNY")]


def test_taiwan_broker_wording_rates_the_target_in_new_taiwan_dollars():
    text = "外資摩根士丹利最新報告給予南亞科（2408）「優於大盤」評等，目標價由58元調升至75元。"
    rows = {(f["subject"], f["metric"], f.get("value"), f.get("unit")) for f in facts_of(text)}
    assert rows == {
        ("Nanya Technology", "previous target price", 58, "TWD"),
        ("Nanya Technology", "target price (Outperform)", 75, "TWD"),
    }
    conviction = (
        "某券商將某車企（01211）目標價由480港元下調至420港元，評級維持「高度確信跑贏大市」。"
    )
    targets = [f["metric"] for f in facts_of(conviction)]
    assert targets == ["previous target price", "target price (Outperform)"]


def test_a_battery_maker_s_installations_in_gwh():
    text = "某電池廠11月動力電池裝車量為35.6GWh，按年增長41.2%。"
    assert [(f["metric"], f["value"], f["unit"], f["yoy_pct"]) for f in facts_of(text)] == [
        ("installations", 35.6, "GWh", 41.2)
    ]


def test_a_developer_s_total_contracted_sales_and_a_line_whose_name_opens_with_a_scale_word():
    text = (
        "某置地（01109）公布，10月份實現總合同金額192.5億元人民幣，按年下降22.4%；"
        "其中，萬象生活收入為14.3億元。"
    )
    rows = {(f["metric"], f.get("segment", ""), f.get("value")) for f in facts_of(text)}
    assert rows == {("contracted sales", "", 1.925e10), ("revenue", "万象生活", 1.43e9)}


def test_a_margin_beside_a_balance_sheet_date_is_of_the_report_s_period():
    text = (
        "某银行发布三季报，前三季度营业收入1,126.38亿元。截至9月末，该行不良贷款率为1.12%，"
        "净息差为1.63%，资本充足率为15.2%。"
    )
    rows = {(f["metric"], f["period"]) for f in facts_of(text, "2025-10-30")}
    assert rows == {
        ("revenue", "9M 2025"),
        ("non-performing loan ratio", "Sep 2025"),
        ("net interest margin", "9M 2025"),
        ("capital adequacy ratio", "Sep 2025"),
    }


def test_earnings_per_ads_read_per_ads_in_english():
    found = [f for f in predicted("ads") if f["metric"] == "adjusted EPS"]
    assert [f["text_en"] for f in found] == ["USD 0.65 per ADS"]
    share = "某公司（01234）公布全年業績，每股基本盈利48.7仙。"
    assert [f["text_en"] for f in facts_of(share)] == ["HKD 0.487 per share"]


def test_brokers_known_by_their_hong_kong_names_own_their_targets():
    text = (
        "里昂發表研究報告，維持某公司「跑贏大市」評級，目標價由45港元上調至52港元。"
        "麥格理給予該公司「跑贏大市」評級，目標價120港元；野村則予「買入」評級，目標價135港元。"
    )
    rows = {(f["metric"], f.get("value"), f.get("analyst")) for f in facts_of(text)}
    assert rows == {
        ("previous target price", 45, "CLSA"),
        ("target price (Outperform)", 52, "CLSA"),
        ("target price (Outperform)", 120, "Macquarie"),
        ("target price (Buy)", 135, "Nomura"),
    }


def test_a_function_word_inside_an_unknown_name_does_not_cut_it():
    ads = "在线教育公司学而思维（NYSE: XEDU）公布第三季度财报，净营收为8.61亿美元。"
    liquor = "据今朝酒业（603999.SH）公布，第三季度营业收入为12.5亿元。"
    note = "该行上调对吉利及小鹏（09868.HK）的目标价至60元。"
    subjects = [f["subject"] for f in facts_of(ads) + facts_of(liquor) + facts_of(note)]
    # pinyin where the glossary has no entry
    assert subjects == ["Xueersiwei", "Jinzhaojiuye", "XPeng"]


def test_changes_said_in_words_are_flat_or_doubled():
    text = "某公司第三季度收入为52亿元，同比持平；净利润同比翻倍至20亿元；每股派中期息8.5港仙，按年持平。"
    rows = [(f["metric"], f.get("value"), f.get("yoy_pct"), f["text_en"]) for f in facts_of(text)]
    assert rows == [
        ("revenue", 5.2e9, 0, "RMB 5.2 billion, flat year on year"),
        ("net profit", 2e9, 100, "RMB 2 billion, up 100% year on year"),
        ("interim dividend per share", 0.085, 0, "HKD 0.085 per share, flat year on year"),
    ]


def test_a_change_of_something_no_metric_names_is_no_earlier_figure_s():
    text = (
        "公司已将2025年的销售目标下调16%，降至460万辆，不过，该公司电动车的出口量将从2024年起翻倍。"
    )
    (target,) = facts_of(text, "2025-10-31")
    assert (target["value"], target.get("yoy_pct")) == (4.6e6, None)


def test_a_floor_and_a_ceiling_are_the_two_ends_of_a_range():
    buyback = "某公司公告，拟以自有资金回购股份，回购资金总额不低于1亿元且不超过2亿元。"
    rows = [(f["metric"], f["value"], f.get("qualifier")) for f in facts_of(buyback)]
    assert rows == [
        ("share buyback programme", 1e8, "low end"),
        ("share buyback programme", 2e8, "high end"),
    ]
