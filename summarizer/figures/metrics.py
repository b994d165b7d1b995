"""The metrics investors read for: Chinese phrasings (mainland, Hong Kong, Taiwan) → one English name each.

净利润, 纯利, 纯益, 溢利, 盈利 and 获利 are all net profit; 营收, 营业收入, 收入, 收益 and
营业额 are all revenue; 营业利益 (Taiwan) and 经营溢利 (Hong Kong) are operating profit.
Each metric has a kind that says which values it can take: money needs a currency,
a ratio a percentage, a count a number of things. Where phrasings overlap the
longest wins, so 经营利润率 is a margin and 每股盈利 is EPS, not profit.

Qualifiers are read around the metric: adjusted (经调整, non-GAAP, 非国际财务报告准则,
扣非), forward-looking (预计, 指引, 目标, 有望), a consensus (一致预期), a loss (亏损).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.figures.first_chars import FirstCharacterIndex, with_first_character_test
from summarizer.figures.numbers import ENGLISH_CURRENCY
from summarizer.figures.quantities import COUNTERS

MONEY, RATIO, COUNT, PER_SHARE, MULTIPLE, PRICE, DURATION = (
    "money",
    "ratio",
    "count",
    "per-share",
    "multiple",
    "price",
    "duration",
)

# (pattern, English metric, kind); the longest match at a place wins.
_LEXICON: list[tuple[str, str, str]] = [
    (r"目标价(?:格)?|目标股价", "target price", PRICE),
    (
        r"(?:股价|现价|收市价|收盘价|收市|收盘|昨收|收报|ADS|ADR|美股|港股|H股|该股)",
        "share price",
        PRICE,
    ),
    # the price a product sells at, not the stock's (均价按年跌1.2% beside 销量)
    (
        r"(?<!回购)(?<!成交)(?:销售|出厂|单车)?均价|平均售价|平均销售价格|(?:产品|销售|出厂|终端)价格|售价",
        "average selling price",
        MONEY,
    ),
    (r"市盈率|P/?E|PE(?!G)", "P/E", MULTIPLE),
    (r"成交额|成交金额|涉资", "turnover", MONEY),
    (r"PEG", "PEG", MULTIPLE),
    (r"上升空间|上涨空间", "upside to target price", RATIO),
    (
        r"每股(?:基本|摊薄|基础)?(?:税后)?(?:盈余|盈利|收益|纯益|纯利|净收益|净利|获利)|EPS|EPA|每(?:股)?ADS(?:摊薄)?(?:净收益|收益|盈利)|每股美国存托股(?:摊薄)?(?:净收益|收益)",
        "EPS",
        PER_SHARE,
    ),
    (r"每股(?:基本|摊薄)?亏损", "loss per share", PER_SHARE),
    (
        r"每股(?:派发|配发|派息|派)(?:现金红利|现金股利|现金股息|股息|股利|红利)?"
        r"|每股(?:现金红利|现金股利|现金股息|股息|股利|红利)|股息|派息|现金股利|股利",
        "dividend per share",
        PER_SHARE,
    ),
    # A-share dividends are set per ten shares (每10股派发现金红利1.5元): the fact divides by ten
    (
        r"每\s?10\s?股(?:派发|派送|分派|派)?(?:现金红利|现金股利|现金股息|红利|股息|现金)?",
        "dividend per share",
        PER_SHARE,
    ),
    # Hong Kong names the dividend by when it is paid: 中期息 with the half, 末期息 with the year
    (r"中期(?:股)?息", "interim dividend per share", PER_SHARE),
    (r"末期(?:股)?息", "final dividend per share", PER_SHARE),
    (r"特别(?:股)?息", "special dividend per share", PER_SHARE),
    (r"派息率|派息比率|股息支付率|分红比例", "dividend payout ratio", RATIO),
    # the dividend in all (合计派发现金红利5.2亿元), not the company's cash
    (r"现金红利|现金分红(?:总额)?|分红总额|派息总额|股息总额", "total cash dividend", MONEY),
    # an insurer's growth and a developer's sales are read in their own terms
    (r"新业务价值", "value of new business", MONEY),
    (r"内含价值", "embedded value", MONEY),
    (r"(?:合同|合约|签约)销售(?:金额|额)?|总(?:合同|合约)(?:销售)?金额", "contracted sales", MONEY),
    (r"(?:合同|合约|签约)?销售(?:建筑)?面积|(?:合同|合约)建筑面积", "contracted floor area", COUNT),
    (r"股息率|股息收益率|周息率|(?:现金)?殖利率", "dividend yield", RATIO),
    (r"市占率|市场份额|市场占有率|份额", "market share", RATIO),
    (
        r"(?:营收|收入)占比|占(?:总|营业)?(?:营收|收入|营业收入|营业总收入)(?:的)?(?:比例|比重)?|占比|比重",
        "share of revenue",
        RATIO,
    ),
    (r"占(?:总|全部|整体)?(?:交付量|交付)(?:的)?(?:比例|比重)?", "share of deliveries", RATIO),
    (r"占(?:总|全部|整体)?(?:销量|销售量)(?:的)?(?:比例|比重)?", "share of sales", RATIO),
    (r"占(?:总|全部|整体)?(?:出货量|出货)(?:的)?(?:比例|比重)?", "share of shipments", RATIO),
    (r"销售(?:及管理)?费用率|(?:销售及管理|销售)费用占营收比例", "selling expense ratio", RATIO),
    (r"管理费用率|管理费用占营收比例", "administrative expense ratio", RATIO),
    (r"研发费用率", "R&D expense ratio", RATIO),
    (r"期间费用率", "period expense ratio", RATIO),
    (r"(?:营业|财务)?费用率", "expense ratio", RATIO),
    # a bank's results are read through its asset quality, its margin on lending and its capital
    (r"不良贷款率|不良率", "non-performing loan ratio", RATIO),
    (r"净息差|净利息收益率|净利差", "net interest margin", RATIO),
    (r"拨备覆盖率", "provision coverage ratio", RATIO),
    (r"(?:核心一级|一级)?资本充足率", "capital adequacy ratio", RATIO),
    (r"成本(?:对)?收入比(?:率)?", "cost-to-income ratio", RATIO),
    (r"净利息收入|利息净收入", "net interest income", MONEY),
    (r"非利息(?:净)?收入|非息收入", "non-interest income", MONEY),
    (r"手续费及佣金净收入|手续费净收入|净手续费收入", "net fee and commission income", MONEY),
    (r"(?:加权平均)?净资产收益率|股本回报率|ROE", "return on equity", RATIO),
    (r"总资产收益率|资产回报率|ROA", "return on assets", RATIO),
    (r"总资产|资产总额", "total assets", MONEY),
    # a bank's book (各项贷款余额, 客户存款), not a company's own time deposits (定期存款总额)
    (r"(?:各项|客户)贷款(?:余额|总额)?|贷款余额", "loans", MONEY),
    (r"(?:各项|客户)存款(?:余额|总额)?|存款余额", "deposits", MONEY),
    # a property trust's measures: what its buildings earn net, and what it pays out per unit
    (r"物业收入净额|物业净收入", "net property income", MONEY),
    (r"每(?:个)?基金单位(?:分派|派息)|每单位分派", "distribution per unit", PER_SHARE),
    (r"出租率|租用率", "occupancy rate", RATIO),
    (r"资本预算|资本支出预算", "capital budget", MONEY),
    # a property insurer's underwriting and an insurer's investment return
    (r"综合成本率", "combined ratio", RATIO),
    (r"综合赔付率|赔付率", "loss ratio", RATIO),
    (r"(?:年化)?(?:总|净|综合)投资收益率", "investment yield", RATIO),
    (r"保险服务收入", "insurance service revenue", MONEY),
    # an order book: what was signed in the period and what is still to deliver
    (r"新签订单(?:金额)?|新增订单(?:金额)?", "new orders", MONEY),
    (r"在手订单(?:金额)?|未完成订单(?:金额)?|订单储备", "order backlog", MONEY),
    (r"员工(?:总数|总人数|人数)|雇员(?:总数|人数)|在职员工(?:总数|人数)?", "employees", COUNT),
    # a developer's and a bank's own measures of profit, debt and losses on loans
    (r"(?:股东应占)?核心(?:净)?利润|核心纯利", "core net profit", MONEY),
    (r"净负债率|净借贷比率|净资本负债比率", "net gearing ratio", RATIO),
    (r"资产负债率", "debt-to-asset ratio", RATIO),
    (
        r"(?:未计减值(?:准备|拨备)前之?|拨备前)(?:经营溢利|经营利润|营运溢利|利润)",
        "pre-provision operating profit",
        MONEY,
    ),
    (r"(?:信用)?减值(?:支出|准备|损失|拨备)|拨备支出", "impairment charges", MONEY),
    (r"资产管理规模|管理资产规模|资管规模|AUM", "assets under management", MONEY),
    # a port's boxes and a platform's orders
    (r"(?:集装箱)?吞吐量", "container throughput", COUNT),
    (r"日均订单(?:量|数)?", "average daily orders", COUNT),
    (r"订单(?:量|数)", "orders", COUNT),
    (r"(?:原)?保(?:险)?费收入|总保费", "premium income", MONEY),
    # a factory's output: how much it can make a month and how much of it runs
    (r"产能利用率|产能使用率|稼动率", "capacity utilisation", RATIO),
    (r"月产能", "monthly capacity", COUNT),
    (r"(?<!过剩)产能", "production capacity", COUNT),
    (r"(?:毛利率|毛利润率)", "gross margin", RATIO),
    (r"(?:车辆|汽车|整车)(?:业务)?毛利率", "vehicle margin", RATIO),
    (
        r"营益率|营业利益率|营业利润率|经营利润率|经营利益率|运营利润率|营运利益率|经营溢利率|营业溢利率",
        "operating margin",
        RATIO,
    ),
    (r"净利率|净利润率|纯益率|纯利率|税后净利率|(?<!经营)(?<!营业)溢利率", "net margin", RATIO),
    (r"年复合(?:成长|增长)率|复合(?:成长|增长)率|CAGR", "CAGR", RATIO),
    (r"毛利(?!率)|毛利润", "gross profit", MONEY),
    (
        r"营业利益|营业利润|经营利润|经营溢利|营运利益|营运利润|运营利润|运营收入|经营收益|营业溢利",
        "operating profit",
        MONEY,
    ),
    (r"EBITDA", "EBITDA", MONEY),
    (r"EBITA", "EBITA", MONEY),
    (
        r"归母(?:公司)?净利(?:润)?|归属于(?:上市公司|母公司|公司)?(?:普通股)?股东的净\s?利润|股东应占(?:溢利|净利润|盈利)"
        r"|(?:税后)?(?:净利润|净利|纯利|纯益|溢利|盈利|获利|净收益)",
        "net profit",
        MONEY,
    ),
    (r"(?:净)?亏损|蚀", "net loss", MONEY),
    (r"(?:经营|营业|运营|营运)(?:性)?亏损", "operating loss", MONEY),
    (r"递延收入", "deferred revenue", MONEY),
    (r"合同负债|预收款项|预收账款", "contract liabilities", MONEY),
    (r"研发(?:投入|开支|费用|支出)", "R&D expenses", MONEY),
    (r"(?:营业|运营|经营)?(?:开支|费用|支出)", "expenses", MONEY),
    (r"资本(?:支出|开支)", "capital expenditure", MONEY),
    (
        r"(?:经营|营运)(?:活动)?(?:所?产生的)?现金(?:净)?(?:流入|流量)(?:净额)?",
        "operating cash flow",
        MONEY,
    ),
    (r"利润总额|税前利润|除税前溢利|税前盈利", "profit before tax", MONEY),
    (r"自由现金(?:流入|流量|流)", "free cash flow", MONEY),
    (r"现金(?:及现金)?等价物|现金储备|现金", "cash and cash equivalents", MONEY),
    (r"回购(?:金额|计划|资金)?", "share buybacks", MONEY),
    (r"(?:每股)?回购(?:价格|均价|价(?!值))", "buyback price", PER_SHARE),
    # a licensing deal's terms: what is paid on signing, on milestones, and the deal in all
    (r"首付款|预付款", "upfront payment", MONEY),
    (r"里程碑(?:付款|款项|款)?", "milestone payments", MONEY),
    (r"(?:交易|合同|协议)(?:总金额|总额|总价)", "total deal value", MONEY),
    (r"GMV|商品交易总额|交易总额", "GMV", MONEY),
    # a listing's or a placement's terms: the price, the shares offered, what it raises
    (r"招股价|发售价|发行价(?:格)?|配售价(?:格)?", "offer price", PRICE),
    (
        r"(?:拟|全球)?(?:发行|发售)(?=\s?(?:约|最多|不超过)?\s?\d)|发行(?:数量|股数)|发售股数|配售股数",
        "offered shares",
        COUNT,
    ),
    (
        r"集资(?:净)?(?:额|金额)?|募资(?:总额|净额|额)?|募集资金(?:总额|净额)?|所得款项(?:总额|净额)?",
        "amount raised",
        MONEY,
    ),
    # a bond's size, its coupon and how many times over it was bid for
    (r"发行规模|发行总额|发行金额", "issue size", MONEY),
    (r"票面利率|票息", "coupon rate", RATIO),
    (r"认购倍数|全场认购倍数", "times subscribed", MULTIPLE),
    (r"入场费", "entry fee", MONEY),
    (r"超额认购", "times oversubscribed", MULTIPLE),
    # a takeover's price is the buyer's outlay, not its cash
    (
        r"(?:交易|收购|转让)对价|收购价(?:格|款)?|转让价(?:格|款)|交易价格|对价",
        "acquisition consideration",
        MONEY,
    ),
    (r"电商(?:的)?(?:GMV|商品交易总额|交易总额|交易额)", "e-commerce GMV", MONEY),
    (
        r"线上营销服务(?:收入|营收)|线上营销(?:收入|营收)|营销服务收入",
        "online marketing services revenue",
        MONEY,
    ),
    (r"广告(?:业务)?(?:收入|营收)", "advertising revenue", MONEY),
    (r"国内核心商业(?:收入|营收)", "domestic core commercial revenue", MONEY),
    (r"核心商业(?:收入|营收)", "core commercial revenue", MONEY),
    (r"直播(?:业务)?(?:收入|营收)", "live streaming revenue", MONEY),
    (r"其他服务(?:收入|营收)", "other services revenue", MONEY),
    (r"海外(?:商业化)?(?:收入|营收)", "overseas revenue", MONEY),
    (r"游戏(?:业务)?(?:收入|营收)", "games revenue", MONEY),
    (r"云(?:业务|服务)?(?:收入|营收)", "cloud revenue", MONEY),
    (r"单月流水|月流水", "monthly revenue", MONEY),
    (r"(?:全年)?(?:收入|营收)(?:预期目标|目标)", "full-year revenue target", MONEY),
    (r"年度经常性收入|ARR", "annual recurring revenue", MONEY),
    (r"市场规模", "market size", MONEY),
    (r"月均买家(?:数)?|平均月活跃买家", "average monthly buyers", COUNT),
    # 服务 as the verb of a count (服务了超1亿用户), not the noun of 增值服务收入
    (
        r"服务(?:了)?(?=\s?(?:用户|客户|企业|超过|超|逾|近|约|共|累计|\d|[一二两三四五六七八九十百千万]))",
        "users served",
        COUNT,
    ),
    (r"(?:客户)?渗透率", "customer penetration", RATIO),
    (r"一致预期|市场预期|市场预估", "consensus", MONEY),
    (r"营运目标|财测", "guidance", MONEY),
    (
        r"(?:合并)?(?:总营收|营收|营业总收入|营业收入|总收入|收入总额|净收入|净营收|营业额|(?<!剩余)(?<!投资)(?<!理财)(?<!利息)收益|收入|销售额|销售收入)",
        "revenue",
        MONEY,
    ),
    (r"(?:平均)?日(?:均)?活跃用户(?:数)?|日活(?:用户)?|DAU", "daily active users", COUNT),
    (r"(?:平均)?月(?:均)?活跃用户(?:数)?|月活(?:用户)?|MAU", "monthly active users", COUNT),
    (r"(?:年度)?活跃(?:客户|买家|用户)(?:数)?", "active customers", COUNT),
    (r"付费用户(?:数)?|付费会员(?:数)?|订阅用户(?:数)?", "paying users", COUNT),
    (r"用户(?:数|规模|总数)", "users", COUNT),
    (r"(?:智能|智慧型)手机出货量|手机出货量", "smartphone shipments", COUNT),
    (r"出货量|出货", "shipments", COUNT),
    (r"交付量|交付(?:新车)?|交车", "deliveries", COUNT),
    (r"新能源(?:汽)?车(?:的)?销量", "NEV sales", COUNT),
    (r"销量|销售量|销售目标|销售", "sales volume", COUNT),
    (r"装机量|装车量|装机电量", "installations", COUNT),
    (r"产量|生产量", "output", COUNT),
    # a retailer's and a restaurant chain's measures
    (r"同店销售(?:额|收入)?", "same-store sales", MONEY),
    (r"翻台率|翻桌率", "table turnover rate", MULTIPLE),
    (r"(?:净)?(?:开设|新开|新增|净增)(?:新店|门店)(?:数)?|净开店(?:数)?", "net new stores", COUNT),
    (r"门店(?:总数|数量|数)|店铺(?:总数|数量)|门店网络", "store count", COUNT),
    (r"油气(?:净)?(?:当量)?产量", "oil and gas output", COUNT),
    (r"(?:矿山)?(?:矿)?产金(?:产量|量)?|黄金产量", "gold output", COUNT),
    (r"发电量|上网电量|售电量", "power generation", COUNT),
    (r"(?:平均)?实现油价|平均油价", "average realised oil price", MONEY),
    # an airline's monthly traffic: passengers carried and how full its seats were
    (r"载客量|客运量|旅客运输量", "passengers carried", COUNT),
    (r"客座率|载客率", "passenger load factor", RATIO),
    (r"(?:日均)?使用时长|日均时长", "average daily time spent per user", DURATION),
]
# (a phrasing that opens with an optional word or a lookbehind gets a first-character test)
_COMPILED = [
    (with_first_character_test(re.compile(pattern)), name, kind) for pattern, name, kind in _LEXICON
]
# a sentence holds two or three of the phrasings: only those whose first character it has are searched
_BY_FIRST_CHARACTER = FirstCharacterIndex([pattern for pattern, _, _ in _COMPILED], 2)


def names_metric(text: str) -> bool:
    """Whether ``text`` names any metric (for callers that need no positions): only the
    phrasings whose first character ``text`` holds are searched."""
    return any(_COMPILED[index][0].search(text) for index in _BY_FIRST_CHARACTER.candidates(text))


ADJUSTED_CUE = re.compile(
    r"经调整|调整后|经调|non-?gaap|non-?ifrs|非公认会计(?:准则|原则)|非国际财务报告准则|非美国通用会计准则|扣非|扣除非经常性损益",
    re.I,
)
FORWARD_CUE = re.compile(
    r"预计|预期|预估|预测|财测|指引|展望|目标|有望|可望|上看|料|将达|将介于|将约|计划|估计|一致预期"
    r"|可能性(?:高|大|很高|较高)"
)


# Hong Kong's financial Chinese calls revenue 收益 (as its reporting standards do), so 淨收益 is net
# revenue in a sentence of that register (按年, 按季); in mainland writing it is a net gain or income
_HONG_KONG_CHANGE = re.compile(r"按年|按季|按月")


# made by the hundred per article and never changed: not frozen, whose __init__ sets each
# field through object.__setattr__ at three times the cost; hashed by value as before
@dataclass(unsafe_hash=True)
class MetricMention:
    start: int
    end: int
    name: str
    kind: str


def find_metrics(sentence: str) -> list[MetricMention]:
    """Non-overlapping metric mentions, the longest phrasing winning at each place."""
    candidates = []
    for index in _BY_FIRST_CHARACTER.candidates(sentence):
        pattern, name, kind = _COMPILED[index]
        for m in pattern.finditer(sentence):
            if m.end() > m.start():
                candidates.append((m.start(), m.end(), name, kind))
    if not candidates:
        return []  # most sentences name no metric
    # of two phrasings as long, the later one is the head noun (海外收入占比 is a share, not revenue)
    candidates.sort(key=lambda c: (-(c[1] - c[0]), -c[0]))
    taken: list[tuple[int, int]] = []
    found: list[MetricMention] = []
    for start, end, name, kind in candidates:
        if any(start < b and a < end for a, b in taken):
            continue
        taken.append((start, end))
        found.append(MetricMention(start, end, name, kind))
    found.sort(key=lambda m: m.start)
    if "净收益" in sentence and _HONG_KONG_CHANGE.search(sentence):
        found = [
            MetricMention(m.start, m.end, "revenue", MONEY)
            if m.name == "net profit" and sentence[m.start : m.end] == "净收益"
            else m
            for m in found
        ]
    return found


# the units a figure can carry, read from the tables quantities are read with, so a currency or
# a counter added there is accepted here
_MONEY_UNITS = frozenset(ENGLISH_CURRENCY)
_DURATION_UNITS = frozenset({"minutes", "hours"})
_COUNTED_UNITS = frozenset(COUNTERS.values()) - {"x"} - _DURATION_UNITS


def accepts(kind: str, unit: str) -> bool:
    """Whether a value with ``unit`` can be a level of a metric of ``kind``."""
    if kind in (MONEY, PER_SHARE, PRICE):
        return unit in _MONEY_UNITS
    if kind == RATIO:
        return unit == "%"
    if kind == COUNT:
        return unit in _COUNTED_UNITS
    if kind == MULTIPLE:
        return unit == "x"
    if kind == DURATION:
        return unit in _DURATION_UNITS
    return False
