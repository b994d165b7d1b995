"""Key figures of a second set of short articles about companies of no other test set.

Written for these tests in the style of real outlets, of kinds the first set lacks: a
Macau casino operator, a loss forecast as a range of losses, a Taiwan quarterly report,
a US-listed platform's users, a securities firm's business lines, a developer's monthly
sales, a foundry's guidance, a dairy's nine months, a Hong Kong bank's interim results.
The gold figures were worked out by hand from the Chinese before the extractor was run.
"""

from functools import cache

import pytest
from unseen_gold import agrees, article_facts, gold_figure, near_misses

# a Macau casino operator's quarter in Hong Kong dollars: net revenue, adjusted EBITDA
# with both changes, this year's and last year's profit, a segment's change alone
CASINO = (
    "【本報訊】濠江娛樂（00888）公布第三季業績，淨收益按年增長11.3%至114.6億港元；經調整EBITDA為32.1億港元，"
    "按年增長8.7%，按季則下跌2.5%。期內股東應佔溢利為12.4億港元，去年同期為9.8億港元。"
    "中場博彩收益按年升15.2%，佔博彩總收益的比重進一步上升。\n"
)
CASINO_GOLD = [
    ("net revenue", "Q3 2025", 11.46e9, "HKD", {"yoy_pct": 11.3}),
    ("adjusted EBITDA", "Q3 2025", 3.21e9, "HKD", {"yoy_pct": 8.7, "qoq_pct": -2.5}),
    ("net profit attributable to shareholders", "Q3 2025", 1.24e9, "HKD", {}),
    ("net profit attributable to shareholders", "Q3 2024", 0.98e9, "HKD", {}),
    ("mass-market gaming revenue", "Q3 2025", None, None, {"yoy_pct": 15.2}),
]

# a solar maker's preliminary annual estimate: losses written as negative ranges, last
# year's loss, the recurring loss range, and shipments in gigawatts
SOLAR_LOSS = (
    "1月20日晚间，光伏企业晶曜能源（688777.SH）发布2025年度业绩预告。公司预计2025年度实现归属于母公司"
    "所有者的净利润为-32亿元至-26亿元，上年同期亏损58.6亿元，亏损同比收窄；预计扣除非经常性损益后的净利润为"
    "-35亿元至-29亿元。公司表示，报告期内组件出货量约45GW，同比增长12%，但产品价格同比下降超过30%。"
)
SOLAR_LOSS_GOLD = [
    ("net loss attributable to shareholders forecast (high end)", "FY2025", 3.2e9, "CNY", {}),
    ("net loss attributable to shareholders forecast (low end)", "FY2025", 2.6e9, "CNY", {}),
    ("net loss attributable to shareholders", "FY2024", 5.86e9, "CNY", {}),
    ("recurring net loss forecast (ex non-recurring items, high end)", "FY2025", 3.5e9, "CNY", {}),
    ("recurring net loss forecast (ex non-recurring items, low end)", "FY2025", 2.9e9, "CNY", {}),
    ("module shipments", "FY2025", 45, "GW", {"yoy_pct": 12}),
]

# a Taiwan quarterly report: 季增 and 年增 together, margins, EPS, and the nine months
TAIWAN_QUARTER = (
    "〔記者陳奕廷／台北報導〕散熱模組廠冠鋒科技（3999）昨（12）日公布第三季財報，單季合併營收為68.2億元，"
    "季增15.6%、年增42.3%；毛利率21.5%，季增1.2個百分點；營業利益率10.8%；稅後淨利5.46億元，季增23.5%、"
    "年增61.2%，每股純益（EPS）6.12元，創單季新高。累計前三季稅後淨利13.2億元，EPS為14.85元。\n"
)
TAIWAN_QUARTER_GOLD = [
    ("revenue", "Q3 2025", 6.82e9, "TWD", {"qoq_pct": 15.6, "yoy_pct": 42.3}),
    ("gross margin", "Q3 2025", 21.5, "%", {"qoq_pp": 1.2}),
    ("operating margin", "Q3 2025", 10.8, "%", {}),
    ("net profit", "Q3 2025", 5.46e8, "TWD", {"qoq_pct": 23.5, "yoy_pct": 61.2}),
    ("EPS", "Q3 2025", 6.12, "TWD/share", {}),
    ("net profit", "9M 2025", 1.32e9, "TWD", {}),
    ("EPS", "9M 2025", 14.85, "TWD/share", {}),
]

# a US-listed short-video platform in a mainland outlet: a line of business and its share,
# a turn to profit from a loss, a non-GAAP profit, monthly and daily users in 亿
PLATFORM = (
    "11月20日，短视频平台拾光互动（NASDAQ: SGHD）公布2025年第三季度未经审计财报。第三季度总营收为人民币"
    "52.8亿元，同比增长18.2%；其中广告收入31.5亿元，同比增长24.6%，占总营收的59.7%。归属于公司股东的净利润"
    "为6.3亿元，上年同期为净亏损1.2亿元，实现扭亏为盈；非美国通用会计准则下净利润为8.9亿元，同比增长135%。"
    "平均月活跃用户数达3.12亿，同比增长7.4%；平均日活跃用户数为1.46亿。"
)
PLATFORM_GOLD = [
    ("revenue", "Q3 2025", 5.28e9, "CNY", {"yoy_pct": 18.2}),
    ("advertising revenue", "Q3 2025", 3.15e9, "CNY", {"yoy_pct": 24.6}),
    ("advertising share of revenue", "Q3 2025", 59.7, "%", {}),
    ("net profit attributable to shareholders", "Q3 2025", 6.3e8, "CNY", {}),
    ("net loss attributable to shareholders", "Q3 2024", 1.2e8, "CNY", {}),
    ("non-GAAP net profit", "Q3 2025", 8.9e8, "CNY", {"yoy_pct": 135}),
    ("monthly active users", "Q3 2025", 3.12e8, "count", {"yoy_pct": 7.4}),
    ("daily active users", "Q3 2025", 1.46e8, "count", {}),
]

# a securities firm's half year: weighted ROE with its change in points, two lines of
# business, and total assets at the half's end against the end of last year
BROKERAGE = (
    "8月29日晚间，华信证券（601999.SH）披露2025年半年报。上半年公司实现营业收入186.4亿元，同比增长31.2%；"
    "实现归母净利润72.6亿元，同比增长52.8%；加权平均净资产收益率为4.12%，同比增加1.35个百分点。分业务看，"
    "财富管理业务收入58.3亿元，同比增长40.5%；投资银行业务收入12.1亿元，同比下降8.6%。截至6月末，"
    "公司总资产为7,326亿元，较上年末增长6.8%。"
)
BROKERAGE_GOLD = [
    ("revenue", "H1 2025", 1.864e10, "CNY", {"yoy_pct": 31.2}),
    ("net profit attributable to shareholders", "H1 2025", 7.26e9, "CNY", {"yoy_pct": 52.8}),
    ("return on equity (weighted average)", "H1 2025", 4.12, "%", {"yoy_pp": 1.35}),
    ("wealth management revenue", "H1 2025", 5.83e9, "CNY", {"yoy_pct": 40.5}),
    ("investment banking revenue", "H1 2025", 1.21e9, "CNY", {"yoy_pct": -8.6}),
    ("total assets", "2025-06-30", 7.326e11, "CNY", {}),
]

# a Hong Kong-listed developer's monthly sales in a mainland outlet: the month, its floor
# area, and the months so far
DEVELOPER = (
    "【观点新闻】11月3日，中汇置业（01999.HK）公布，2025年10月，集团连同其合营公司及联营公司实现合约销售"
    "金额约48.6亿元，同比下降15.3%，对应合约销售面积约27.8万平方米；1-10月累计合约销售金额约512.7亿元，"
    "同比下降21.4%，完成全年销售目标的68%。"
)
DEVELOPER_GOLD = [
    ("contracted sales", "Oct 2025", 4.86e9, "CNY", {"yoy_pct": -15.3}),
    ("contracted floor area", "Oct 2025", 2.78e5, "square metres", {}),
    ("cumulative contracted sales", "Jan-Oct 2025", 5.127e10, "CNY", {"yoy_pct": -21.4}),
]

# a foundry's quarter in US dollars with both changes, capacity and utilisation, and
# next quarter's guidance as a range of changes and a range of margins
FOUNDRY = (
    "【财华社讯】晶圆代工厂华芯国际（00988）公布，第三季度销售收入为22.4亿美元，环比增长7.8%，同比增长19.5%；"
    "毛利率为21.3%，环比上升0.9个百分点；月产能（折合8英寸）增至102.5万片，产能利用率为94.2%。"
    "公司给出第四季度指引：收入环比增长1%至3%，毛利率介于18%至20%之间。"
)
FOUNDRY_GOLD = [
    ("revenue", "Q3 2025", 2.24e9, "USD", {"qoq_pct": 7.8, "yoy_pct": 19.5}),
    ("gross margin", "Q3 2025", 21.3, "%", {"qoq_pp": 0.9}),
    ("monthly capacity (8-inch equivalent)", "Q3 2025", 1.025e6, "count", {}),
    ("capacity utilisation", "Q3 2025", 94.2, "%", {}),
    ("revenue guidance (low end)", "Q4 2025", None, None, {"qoq_pct": 1}),
    ("revenue guidance (high end)", "Q4 2025", None, None, {"qoq_pct": 3}),
    ("gross margin guidance (low end)", "Q4 2025", 18, "%", {}),
    ("gross margin guidance (high end)", "Q4 2025", 20, "%", {}),
]

# a dairy's third-quarter report: falls, the quarter inside the nine months, basic EPS and
# operating cash flow with its own change
DAIRY = (
    "乳企蒙原乳业（600777.SH）10月28日晚间发布三季报。前三季度，公司实现营业总收入689.5亿元，同比下降7.2%；"
    "归母净利润58.3亿元，同比下降11.6%；基本每股收益0.92元。单看第三季度，公司营收223.1亿元，同比下降5.4%，"
    "降幅较二季度收窄；归母净利润18.9亿元，同比增长3.1%。前三季度经营活动产生的现金流量净额为72.5亿元，"
    "同比增长18.3%。"
)
DAIRY_GOLD = [
    ("revenue", "9M 2025", 6.895e10, "CNY", {"yoy_pct": -7.2}),
    ("net profit attributable to shareholders", "9M 2025", 5.83e9, "CNY", {"yoy_pct": -11.6}),
    ("basic EPS", "9M 2025", 0.92, "CNY/share", {}),
    ("revenue", "Q3 2025", 2.231e10, "CNY", {"yoy_pct": -5.4}),
    ("net profit attributable to shareholders", "Q3 2025", 1.89e9, "CNY", {"yoy_pct": 3.1}),
    ("operating cash flow", "9M 2025", 7.25e9, "CNY", {"yoy_pct": 18.3}),
]

# a Hong Kong bank's interim results: income lines, the margin's change in basis points,
# the cost-to-income ratio, EPS and a second interim dividend
HK_BANK = (
    "【信報】恒泰銀行（02999）公布截至2025年6月30日止六個月中期業績，股東應佔溢利按年上升9.6%至45.8億港元；"
    "淨利息收入為98.3億港元，按年下跌3.1%；淨息差為1.92%，按年收窄15個基點；非利息收入按年增長22.4%至"
    "36.7億港元。成本對收入比率為38.5%。每股基本盈利1.62港元，派第二次中期股息每股0.55港元。\n"
)
HK_BANK_GOLD = [
    ("net profit attributable to shareholders", "H1 2025", 4.58e9, "HKD", {"yoy_pct": 9.6}),
    ("net interest income", "H1 2025", 9.83e9, "HKD", {"yoy_pct": -3.1}),
    ("net interest margin", "H1 2025", 1.92, "%", {"yoy_pp": -0.15}),
    ("non-interest income", "H1 2025", 3.67e9, "HKD", {"yoy_pct": 22.4}),
    ("cost-to-income ratio", "H1 2025", 38.5, "%", {}),
    ("basic EPS", "H1 2025", 1.62, "HKD/share", {}),
    ("second interim dividend per share", "H1 2025", 0.55, "HKD/share", {}),
]

# a Hong Kong IPO: shares offered, the price range, the most it can raise, the entry fee,
# and last year's results in renminbi
IPO = (
    "【財華社訊】茶飲連鎖品牌茗悅茶業（02555）今日起招股，擬發行3,500萬股H股，招股價介乎18.5至21.2港元，"
    "集資最多約7.42億港元。每手200股，入場費約4,282.75港元，預計於12月10日掛牌。公司2024年收入為35.6億元"
    "人民幣，按年增長28.3%；淨利潤4.12億元人民幣。\n"
)
IPO_GOLD = [
    ("shares offered", None, 3.5e7, "count", {}),
    ("offer price (low end)", None, 18.5, "HKD", {}),
    ("offer price (high end)", None, 21.2, "HKD", {}),
    ("amount raised (up to)", None, 7.42e8, "HKD", {}),
    ("entry fee", None, 4282.75, "HKD", {}),
    ("revenue", "FY2024", 3.56e9, "CNY", {"yoy_pct": 28.3}),
    ("net profit", "FY2024", 4.12e8, "CNY", {}),
]

# an acquisition in euros: the price is the buyer's, the target's own results are the target's
ACQUISITION = (
    "11月12日晚，工程机械企业恒力重工（600999.SH）公告，拟以现金方式收购德国液压件企业Hydrotec GmbH 100%股权，"
    "交易对价为4.8亿欧元（约合人民币37.5亿元）。标的公司Hydrotec 2024年实现营业收入3.2亿欧元，净利润2,850万欧元。"
    "交易完成后，标的公司将纳入恒力重工合并报表范围。"
)
ACQUISITION_GOLD = [
    ("acquisition consideration", None, 4.8e8, "EUR", {}),
    ("revenue", "FY2024", 3.2e8, "EUR", {}, "Hydrotec"),
    ("net profit", "FY2024", 2.85e7, "EUR", {}, "Hydrotec"),
]

# a mainland broker's note: three years of forecasts as slash lists, and the P/E they imply
BROKER_NOTE = (
    "国金证券发布研报称，维持对芯动科技（688999.SH）“买入”评级。考虑到下游需求回暖，上调公司2025-2027年"
    "营业收入预测至45.6/58.3/72.1亿元，归母净利润预测至6.8/9.2/12.5亿元，对应PE分别为52/38/28倍。"
)
BROKER_NOTE_GOLD = [
    ("revenue forecast", "FY2025", 4.56e9, "CNY", {}),
    ("revenue forecast", "FY2026", 5.83e9, "CNY", {}),
    ("revenue forecast", "FY2027", 7.21e9, "CNY", {}),
    ("net profit attributable forecast", "FY2025", 6.8e8, "CNY", {}),
    ("net profit attributable forecast", "FY2026", 9.2e8, "CNY", {}),
    ("net profit attributable forecast", "FY2027", 1.25e9, "CNY", {}),
    ("P/E", "FY2025", 52, "x", {}),
    ("P/E", "FY2026", 38, "x", {}),
    ("P/E", "FY2027", 28, "x", {}),
]

# a coal producer's monthly operating data in tonnes
COAL = (
    "晋能煤业（601999.SH）11月14日晚间公告，10月公司商品煤产量为2,860万吨，同比增长3.2%；煤炭销量3,120万吨，"
    "同比下降1.5%。1-10月累计商品煤产量2.72亿吨，同比增长4.1%。"
)
COAL_GOLD = [
    ("coal output", "Oct 2025", 2.86e7, "tonnes", {"yoy_pct": 3.2}),
    ("coal sales volume", "Oct 2025", 3.12e7, "tonnes", {"yoy_pct": -1.5}),
    ("cumulative coal output", "Jan-Oct 2025", 2.72e8, "tonnes", {"yoy_pct": 4.1}),
]

# a US chip company in a mainland outlet: a fiscal quarter named by its fiscal year, a line
# of business, a GAAP margin, and guidance given as a figure plus or minus 2%
US_CHIP = (
    "美国芯片公司芯盛科技（NASDAQ: XSTK）公布截至2025年10月26日的2026财年第三财季业绩，营收为57.0亿美元，"
    "同比增长62%，环比增长22%；其中数据中心业务营收51.2亿美元，同比增长66%。GAAP毛利率为73.4%。"
    "公司预计第四财季营收为65.0亿美元，上下浮动2%。"
)
US_CHIP_GOLD = [
    # a fiscal year from February is written FY2025/26, as the other fiscal years are
    ("revenue", "Q3 FY2025/26 (Aug-Oct 2025)", 5.7e9, "USD", {"yoy_pct": 62, "qoq_pct": 22}),
    ("data centre revenue", "Q3 FY2025/26 (Aug-Oct 2025)", 5.12e9, "USD", {"yoy_pct": 66}),
    ("GAAP gross margin", "Q3 FY2025/26 (Aug-Oct 2025)", 73.4, "%", {}),
    ("revenue guidance", "Q4 FY2025/26 (Nov 2025-Jan 2026)", 6.5e9, "USD", {}),
]

# an insurer's premium income for the year so far, and its life business within it
INSURER = (
    "华安保险（601999.SH）11月14日晚间公告，公司1-10月累计原保险保费收入为6,852亿元，同比增长5.6%；"
    "其中寿险业务保费收入4,120亿元，同比增长8.2%。"
)
INSURER_GOLD = [
    ("premium income", "Jan-Oct 2025", 6.852e11, "CNY", {"yoy_pct": 5.6}),
    ("life insurance premium income", "Jan-Oct 2025", 4.12e11, "CNY", {"yoy_pct": 8.2}),
]

# a Taiwan board's decisions: a capital budget in US dollars and a cash dividend
TAIWAN_BOARD = (
    "〔記者洪友芳／新竹報導〕晶輝半導體（2399）董事會今（13）日核准資本預算約150.8億美元，"
    "並通過每股配發現金股利5元，將於明年1月除息。\n"
)
TAIWAN_BOARD_GOLD = [
    ("capital budget", None, 1.508e10, "USD", {}),
    ("dividend per share", None, 5, "TWD/share", {}),
]

# a Hong Kong REIT's interim results: revenue, net property income, the distribution per
# unit in 仙 and the occupancy rate
REIT = (
    "【明報專訊】置富房託（00778）公布中期業績，收益按年跌2.1%至20.5億元，物業收入淨額按年跌1.8%至15.2億元，"
    "每基金單位分派為13.2仙，整體出租率為95.6%。\n"
)
REIT_GOLD = [
    ("revenue", "H1 2025", 2.05e9, "HKD", {"yoy_pct": -2.1}),
    ("net property income", "H1 2025", 1.52e9, "HKD", {"yoy_pct": -1.8}),
    ("distribution per unit", "H1 2025", 0.132, "HKD/share", {}),
    ("occupancy rate", "H1 2025", 95.6, "%", {}),
]

# a carmaker's monthly production and sales bulletin: the month, new-energy and overseas
# sales within it, and the year so far
CARMAKER = (
    "长盛汽车（601999.SH）12月1日晚间公布11月产销快报：当月销量12.36万辆，同比增长15.2%，其中新能源汽车销量"
    "5.12万辆，同比增长48.6%；海外销量3.05万辆，同比增长22.1%。1-11月累计销量121.5万辆，同比增长9.8%。"
)
CARMAKER_GOLD = [
    ("sales volume", "Nov 2025", 123600, "count", {"yoy_pct": 15.2}),
    ("NEV sales", "Nov 2025", 51200, "count", {"yoy_pct": 48.6}),
    ("overseas sales volume", "Nov 2025", 30500, "count", {"yoy_pct": 22.1}),
    ("cumulative sales volume", "Jan-Nov 2025", 1.215e6, "count", {"yoy_pct": 9.8}),
]

# a bank's balance sheet at the end of September, changes against the end of last year
BANK_BALANCE = (
    "10月29日，江南银行（601999.SH）发布三季报。截至9月末，该行资产总额3.25万亿元，较上年末增长6.2%；"
    "各项贷款余额1.86万亿元，较上年末增长7.5%；各项存款余额2.18万亿元。"
)
BANK_BALANCE_GOLD = [
    ("total assets", "2025-09-30", 3.25e12, "CNY", {}),
    ("loans", "2025-09-30", 1.86e12, "CNY", {}),
    ("deposits", "2025-09-30", 2.18e12, "CNY", {}),
]

# a dual-listed biotech's quarter: product revenue, its lead drug's sales, an operating loss
# that narrowed, last year's loss, and cash at the quarter's end
BIOTECH = (
    "百康生物（NASDAQ: BKBO；06999.HK）公布第三季度财报，产品收入为3.12亿美元，同比增长35.8%，"
    "其中核心产品泽康替尼全球销售额为2.45亿美元，同比增长41.2%；经营亏损收窄至5,620万美元，"
    "上年同期为1.21亿美元。截至9月30日，公司现金及现金等价物为21.6亿美元。"
)
BIOTECH_GOLD = [
    ("product revenue", "Q3 2025", 3.12e8, "USD", {"yoy_pct": 35.8}),
    ("lead drug sales revenue", "Q3 2025", 2.45e8, "USD", {"yoy_pct": 41.2}),
    ("operating loss", "Q3 2025", 5.62e7, "USD", {}),
    ("operating loss", "Q3 2024", 1.21e8, "USD", {}),
    ("cash and cash equivalents", "2025-09-30", 2.16e9, "USD", {}),
]

# a Hong Kong-listed developer's annual results in a mainland outlet: core profit apart from
# reported profit, gross margin, and net gearing against the end of last year
DEVELOPER_RESULTS = (
    "3月25日，房企华景置业（01999.HK）发布2024年全年业绩。报告期内，公司实现收入1,025.6亿元，同比下降12.3%；"
    "毛利率为15.8%，同比下降2.4个百分点；股东应占核心利润为48.2亿元，同比下降35.1%。截至2024年末，"
    "公司净负债率为45.2%，较上年末下降3.1个百分点。"
)
DEVELOPER_RESULTS_GOLD = [
    ("revenue", "FY2024", 1.0256e11, "CNY", {"yoy_pct": -12.3}),
    ("gross margin", "FY2024", 15.8, "%", {"yoy_pp": -2.4}),
    ("core net profit attributable to shareholders", "FY2024", 4.82e9, "CNY", {"yoy_pct": -35.1}),
    ("net gearing ratio", "2024-12-31", 45.2, "%", {}),
]

# a port's monthly throughput in standard containers (TEU)
PORT = (
    "东海港务（600999.SH）公告，10月公司母港集装箱吞吐量达到480.2万标准箱，同比增长6.3%；1-10月累计完成"
    "集装箱吞吐量4,520.6万标准箱，同比增长5.1%。"
)
PORT_GOLD = [
    ("container throughput", "Oct 2025", 4.802e6, "TEU", {"yoy_pct": 6.3}),
    ("cumulative container throughput", "Jan-Oct 2025", 4.5206e7, "TEU", {"yoy_pct": 5.1}),
]

# an asset manager's half year: assets under management and fee income
ASSET_MANAGER = (
    "8月28日晚，汇金资管（603999.SH）披露半年报。截至6月末，公司资产管理规模达1.25万亿元，较年初增长8.6%；"
    "上半年实现管理费收入21.3亿元，同比增长4.2%；归母净利润9.8亿元，同比增长11.5%。"
)
ASSET_MANAGER_GOLD = [
    ("assets under management", "2025-06-30", 1.25e12, "CNY", {}),
    ("management fee income", "H1 2025", 2.13e9, "CNY", {"yoy_pct": 4.2}),
    ("net profit attributable to shareholders", "H1 2025", 9.8e8, "CNY", {"yoy_pct": 11.5}),
]

# a delivery platform's orders: a daily average in 万单, and a quarter's revenue
DELIVERY = (
    "本地生活平台速达科技（09999.HK）公布第三季度业绩，季内收入为人民币268.5亿元，按年增长15.6%；"
    "日均订单量突破8,000万单，按年增长21.3%；经调整经营溢利为32.1亿元。"
)
DELIVERY_GOLD = [
    ("revenue", "Q3 2025", 2.685e10, "CNY", {"yoy_pct": 15.6}),
    ("average daily orders", "Q3 2025", 8e7, "count", {"yoy_pct": 21.3}),
    ("adjusted operating profit", "Q3 2025", 3.21e9, "CNY", {}),
]

# a Hong Kong bank's annual results: pre-provision operating profit and impairment charges
HK_BANK_YEAR = (
    "【星島日報】大新金融（02356）公布截至2024年12月31日止年度業績，股東應佔溢利按年跌8.5%至18.6億元；"
    "未計減值準備前之經營溢利為35.2億元，按年升4.1%；減值支出增加62%至12.4億元。每股派末期息0.52元。\n"
)
HK_BANK_YEAR_GOLD = [
    ("net profit attributable to shareholders", "FY2024", 1.86e9, "HKD", {"yoy_pct": -8.5}),
    ("pre-provision operating profit", "FY2024", 3.52e9, "HKD", {"yoy_pct": 4.1}),
    ("impairment charges", "FY2024", 1.24e9, "HKD", {"yoy_pct": 62}),
    ("final dividend per share", "FY2024", 0.52, "HKD/share", {}),
]

# a buyback plan as a range of money and a ceiling on the price
BUYBACK_PLAN = (
    "11月18日晚间，康瑞医疗（300999.SZ）公告，公司拟以自有资金通过集中竞价方式回购公司股份，回购资金总额不低于"
    "1亿元且不超过2亿元，回购价格不超过35元/股，回购期限为自董事会审议通过之日起12个月内。"
)
BUYBACK_PLAN_GOLD = [
    ("share buyback (low end)", None, 1e8, "CNY", {}),
    ("share buyback (high end)", None, 2e8, "CNY", {}),
    ("buyback price (up to)", None, 35, "CNY", {}),
]

# a bond issue: its size, coupon and term
BOND = (
    "城建发展（600999.SH）公告，公司于11月20日完成2025年度第三期公司债券发行，发行规模为50亿元，"
    "票面利率为2.35%，期限为5年，认购倍数为2.8倍。"
)
BOND_GOLD = [
    ("bond issue size", None, 5e9, "CNY", {}),
    ("coupon rate", None, 2.35, "%", {}),
    ("times subscribed", None, 2.8, "x", {}),
]

# a private placement: the most it raises, the price, and the shares
PLACEMENT = (
    "锂源新材（002999.SZ）11月21日晚间披露定增预案，公司拟向不超过35名特定对象发行股票，募集资金总额不超过"
    "30亿元，发行价格为12.5元/股，发行数量不超过2.4亿股，所募资金将用于年产10万吨正极材料项目。"
)
PLACEMENT_GOLD = [
    ("placement proceeds (up to)", None, 3e9, "CNY", {}),
    ("placement price", None, 12.5, "CNY", {}),
    ("shares to be issued (up to)", None, 2.4e8, "count", {}),
]

# a loss-making EV maker's quarter in Hong Kong: a negative margin, a loss that narrowed
EV_LOSS = (
    "【信報】蔚藍汽車（09888）公布第三季業績，收入按年增長45.2%至78.6億元人民幣；毛利率為-5.2%，"
    "去年同期為-12.8%；淨虧損收窄至15.3億元人民幣，去年同期淨虧損為28.9億元人民幣。\n"
)
EV_LOSS_GOLD = [
    ("revenue", "Q3 2025", 7.86e9, "CNY", {"yoy_pct": 45.2}),
    ("gross margin", "Q3 2025", -5.2, "%", {}),
    ("gross margin", "Q3 2024", -12.8, "%", {}),
    ("net loss", "Q3 2025", 1.53e9, "CNY", {}),
    ("net loss", "Q3 2024", 2.89e9, "CNY", {}),
]

# a Korean company in a mainland outlet: its won figures and a quarter's operating profit
KOREA = (
    "韩国电子企业韩星电子10月31日发布第三季度财报，当季销售额为86.1万亿韩元，同比增长8.8%；营业利润为12.2万亿韩元，"
    "同比增长32.5%。其中存储芯片业务营业利润为7.0万亿韩元。"
)
KOREA_GOLD = [
    ("revenue", "Q3 2025", 8.61e13, "KRW", {"yoy_pct": 8.8}),
    ("operating profit", "Q3 2025", 1.22e13, "KRW", {"yoy_pct": 32.5}),
    ("memory chips operating profit", "Q3 2025", 7.0e12, "KRW", {}),
]

# a property and casualty insurer: premiums, the combined ratio and investment yield
PC_INSURER = (
    "众安财险（601999.SH）发布三季报，前三季度实现保险服务收入3,856亿元，同比增长6.1%；综合成本率为97.8%，"
    "同比下降0.9个百分点；年化总投资收益率为4.6%。"
)
PC_INSURER_GOLD = [
    ("insurance service revenue", "9M 2025", 3.856e11, "CNY", {"yoy_pct": 6.1}),
    ("combined ratio", "9M 2025", 97.8, "%", {"yoy_pp": -0.9}),
    ("total investment yield (annualised)", "9M 2025", 4.6, "%", {}),
]

# a software company's year: R&D as a share of revenue and its headcount
SOFTWARE = (
    "3月28日，友联软件（600999.SH）披露2024年年报。报告期内公司实现营业收入91.5亿元，同比下降6.6%；研发投入"
    "28.3亿元，占营业收入的30.9%。截至2024年末，公司员工总数为23,568人，较上年末减少2,412人。"
)
SOFTWARE_GOLD = [
    ("revenue", "FY2024", 9.15e9, "CNY", {"yoy_pct": -6.6}),
    ("R&D expenses", "FY2024", 2.83e9, "CNY", {}),
    ("R&D expenses share of revenue", "FY2024", 30.9, "%", {}),
    ("employees", "2024-12-31", 23568, "count", {}),
]

# an equipment maker's orders: new orders in the period and the backlog at its end
EQUIPMENT = (
    "半导体设备厂商北微装备（688999.SH）公告，前三季度公司新签订单62.5亿元，同比增长45.3%；截至9月末，"
    "公司在手订单约118亿元。"
)
EQUIPMENT_GOLD = [
    ("new orders", "9M 2025", 6.25e9, "CNY", {"yoy_pct": 45.3}),
    ("order backlog", "2025-09-30", 1.18e10, "CNY", {}),
]

# a gold miner's output in tonnes and ounces
GOLD_MINER = (
    "山金矿业（600999.SH）发布三季度经营数据，前三季度公司矿产金产量为52.3吨，同比增长14.2%；"
    "其中海外矿山产金约40万盎司。"
)
GOLD_MINER_GOLD = [
    ("mined gold output", "9M 2025", 52.3, "tonnes", {"yoy_pct": 14.2}),
    ("overseas gold output", "9M 2025", 4e5, "ounces", {}),
]

# an oil producer's output in barrels of oil equivalent
OIL = (
    "海油发展（600999.SH）公告，前三季度公司实现油气净产量5.78亿桶油当量，同比增长6.7%；"
    "平均实现油价为每桶68.3美元，同比下降12.4%。"
)
OIL_GOLD = [
    ("oil and gas output", "9M 2025", 5.78e8, "boe", {"yoy_pct": 6.7}),
    ("average realised oil price", "9M 2025", 68.3, "USD", {"yoy_pct": -12.4}),
]

# a power producer's generation in kilowatt-hours
POWER = (
    "华能新能（600999.SH）公告，10月公司完成发电量381.2亿千瓦时，同比增长5.3%；1-10月累计完成发电量"
    "3,652.8亿千瓦时，同比增长2.1%。"
)
POWER_GOLD = [
    ("power generation", "Oct 2025", 3.812e10, "kWh", {"yoy_pct": 5.3}),
    ("cumulative power generation", "Jan-Oct 2025", 3.6528e11, "kWh", {"yoy_pct": 2.1}),
]

# a restaurant chain's quarter: same-store sales, its store count and the stores it opened
RESTAURANT = (
    "【經濟通】餐飲集團味千控股（00538）公布第三季營運數據，同店銷售按年下跌3.2%，翻檯率為3.8次；"
    "期內淨開設新店56家，截至9月底門店總數達1,256家。\n"
)
RESTAURANT_GOLD = [
    ("same-store sales", "Q3 2025", None, None, {"yoy_pct": -3.2}),
    ("table turnover rate", "Q3 2025", 3.8, "x", {}),
    ("net new stores", "Q3 2025", 56, "count", {}),
    ("store count", "2025-09-30", 1256, "count", {}),
]

# a developer's price per square metre beside its sales
HOME_PRICES = (
    "碧源地产（02999.HK）公布，10月实现合同销售金额62.3亿元，合同销售面积28.5万平方米，销售均价为每平方米"
    "21,860元，同比上涨4.5%。"
)
HOME_PRICES_GOLD = [
    ("contracted sales", "Oct 2025", 6.23e9, "CNY", {}),
    ("contracted floor area", "Oct 2025", 2.85e5, "square metres", {}),
    ("average selling price per square metre", "Oct 2025", 21860, "CNY", {"yoy_pct": 4.5}),
]

# an A-share half-year estimate with a turnaround and last year's loss in brackets
TURNAROUND = (
    "7月12日晚间，芯研股份（688998.SH）发布2025年半年度业绩预告，预计2025年半年度实现归属于上市公司股东的净利润"
    "1.2亿元到1.5亿元，与上年同期相比将实现扭亏为盈（上年同期：-0.8亿元）。"
)
TURNAROUND_GOLD = [
    ("net profit attributable forecast (low end)", "H1 2025", 1.2e8, "CNY", {}),
    ("net profit attributable forecast (high end)", "H1 2025", 1.5e8, "CNY", {}),
    ("net loss attributable", "H1 2024", 8e7, "CNY", {}),
]

# a Hong Kong profit alert: a rise of at least a given share, with no amount
PROFIT_ALERT = (
    "【經濟通】創科實業（00669）發盈喜，預期截至2025年6月30日止六個月股東應佔溢利將按年增加不少於80%，"
    "主要受惠於毛利率改善及匯兌收益。\n"
)
PROFIT_ALERT_GOLD = [
    ("net profit attributable forecast", "H1 2025", None, None, {"yoy_pct": 80}),
]

ARTICLES = {
    "casino": (CASINO, "濠江娱乐", "Haojiang Entertainment", "2025-11-06", CASINO_GOLD),
    "solar_loss": (SOLAR_LOSS, "晶曜能源", "Jingyao Energy", "2026-01-21", SOLAR_LOSS_GOLD),
    "taiwan_quarter": (
        TAIWAN_QUARTER,
        "冠锋科技",
        "Guanfeng Technology",
        "2025-11-13",
        TAIWAN_QUARTER_GOLD,
    ),
    "platform": (PLATFORM, "拾光互动", "Shiguang Interactive", "2025-11-21", PLATFORM_GOLD),
    "brokerage": (BROKERAGE, "华信证券", "Huaxin Securities", "2025-08-30", BROKERAGE_GOLD),
    "developer": (DEVELOPER, "中汇置业", "Zhonghui Properties", "2025-11-03", DEVELOPER_GOLD),
    "foundry": (FOUNDRY, "华芯国际", "Huaxin International", "2025-11-08", FOUNDRY_GOLD),
    "dairy": (DAIRY, "蒙原乳业", "Mengyuan Dairy", "2025-10-29", DAIRY_GOLD),
    "hk_bank": (HK_BANK, "恒泰银行", "Hengtai Bank", "2025-08-20", HK_BANK_GOLD),
    "ipo": (IPO, "茗悦茶业", "Mingyue Tea", "2025-12-01", IPO_GOLD),
    "acquisition": (
        ACQUISITION,
        "恒力重工",
        "Hengli Heavy Industry",
        "2025-11-13",
        ACQUISITION_GOLD,
    ),
    "broker_note": (BROKER_NOTE, "芯动科技", "Xindong Technology", "2025-11-20", BROKER_NOTE_GOLD),
    "coal": (COAL, "晋能煤业", "Jinneng Coal", "2025-11-15", COAL_GOLD),
    "us_chip": (US_CHIP, "芯盛科技", "Xinsheng Technology", "2025-11-20", US_CHIP_GOLD),
    "insurer": (INSURER, "华安保险", "Hua'an Insurance", "2025-11-15", INSURER_GOLD),
    "taiwan_board": (
        TAIWAN_BOARD,
        "晶辉半导体",
        "Jinghui Semiconductor",
        "2025-11-13",
        TAIWAN_BOARD_GOLD,
    ),
    "reit": (REIT, "置富房托", "Zhifu REIT", "2025-08-06", REIT_GOLD),
    "carmaker": (CARMAKER, "长盛汽车", "Changsheng Auto", "2025-12-02", CARMAKER_GOLD),
    "bank_balance": (BANK_BALANCE, "江南银行", "Jiangnan Bank", "2025-10-30", BANK_BALANCE_GOLD),
    "biotech": (BIOTECH, "百康生物", "Baikang Biotech", "2025-11-12", BIOTECH_GOLD),
    "developer_results": (
        DEVELOPER_RESULTS,
        "华景置业",
        "Huajing Properties",
        "2025-03-26",
        DEVELOPER_RESULTS_GOLD,
    ),
    "port": (PORT, "东海港务", "Donghai Port", "2025-11-10", PORT_GOLD),
    "asset_manager": (
        ASSET_MANAGER,
        "汇金资管",
        "Huijin Asset Management",
        "2025-08-29",
        ASSET_MANAGER_GOLD,
    ),
    "delivery": (DELIVERY, "速达科技", "Suda Technology", "2025-11-25", DELIVERY_GOLD),
    "hk_bank_year": (
        HK_BANK_YEAR,
        "大新金融",
        "Dah Sing Financial",
        "2025-03-20",
        HK_BANK_YEAR_GOLD,
    ),
    "buyback_plan": (BUYBACK_PLAN, "康瑞医疗", "Kangrui Medical", "2025-11-19", BUYBACK_PLAN_GOLD),
    "bond": (BOND, "城建发展", "Chengjian Development", "2025-11-21", BOND_GOLD),
    "placement": (PLACEMENT, "锂源新材", "Liyuan New Materials", "2025-11-22", PLACEMENT_GOLD),
    "ev_loss": (EV_LOSS, "蔚蓝汽车", "Weilan Auto", "2025-11-20", EV_LOSS_GOLD),
    "korea": (KOREA, "韩星电子", "Hanxing Electronics", "2025-10-31", KOREA_GOLD),
    "pc_insurer": (PC_INSURER, "众安财险", "Zhong'an P&C", "2025-10-30", PC_INSURER_GOLD),
    "software": (SOFTWARE, "友联软件", "Youlian Software", "2025-03-29", SOFTWARE_GOLD),
    "equipment": (EQUIPMENT, "北微装备", "Beiwei Equipment", "2025-10-30", EQUIPMENT_GOLD),
    "gold_miner": (GOLD_MINER, "山金矿业", "Shanjin Mining", "2025-10-20", GOLD_MINER_GOLD),
    "oil": (OIL, "海油发展", "Haiyou Development", "2025-10-28", OIL_GOLD),
    "power": (POWER, "华能新能", "Huaneng New Energy", "2025-11-12", POWER_GOLD),
    "restaurant": (RESTAURANT, "味千控股", "Ajisen China", "2025-10-15", RESTAURANT_GOLD),
    "home_prices": (HOME_PRICES, "碧源地产", "Biyuan Properties", "2025-11-02", HOME_PRICES_GOLD),
    "turnaround": (TURNAROUND, "芯研股份", "Xinyan Technology", "2025-07-13", TURNAROUND_GOLD),
    "profit_alert": (
        PROFIT_ALERT,
        "创科实业",
        "Techtronic Industries",
        "2025-07-20",
        PROFIT_ALERT_GOLD,
    ),
}


@cache
def predicted(name: str) -> tuple[dict, ...]:
    text, zh, en, published, _ = ARTICLES[name]
    return article_facts(text, zh, en, published)


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
