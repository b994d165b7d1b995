"""The key metrics investors read for, as Chinese phrasings → one English name each.

Mainland, Hong Kong and Taiwan outlets word the same metric differently (净利润,
纯利, 溢利; 日活跃用户, 日活, DAU); all map to one name. Each metric has a kind
that says what values it can take: money needs a currency, a ratio a percentage.
Longer phrasings are tried first, so 经调整净利润率 is a margin, not a profit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MONEY, USERS, UNITS, RATIO, DURATION = "money", "users", "units", "ratio", "duration"

_DE = "(?:的)?"  # 经调整的净利润 and 经调整净利润 are the same metric

# (pattern, English metric, kind); where phrasings overlap the longest match wins.
_LEXICON: list[tuple[str, str, str]] = [
    (
        rf"(?:经调整|调整后|经调){_DE}(?:净利润|纯利|溢利|净利)|non-?(?:IFRS|GAAP){_DE}净利润|非国际财务报告准则{_DE}?净利润",
        "adjusted net profit",
        MONEY,
    ),
    (rf"(?:经调整|调整后){_DE}(?:净利润率|净利率|纯利率)", "adjusted net margin", RATIO),
    (r"(?:经调整)?EBITDA", "adjusted EBITDA", MONEY),
    (
        r"归母净利润|归属于(?:上市公司|母公司)?(?:普通)?股东的净利润|股东应占(?:溢利|净利润)|净利润|纯利|溢利|净利|盈利",
        "net profit",
        MONEY,
    ),
    (r"净利润率|净利率|纯利率", "net margin", RATIO),
    (r"经营利润率|营业利润率", "operating margin", RATIO),
    (r"经营利润|营业利润|经营溢利", "operating profit", MONEY),
    (r"毛利率", "gross margin", RATIO),
    (r"毛利", "gross profit", MONEY),
    (
        r"线上营销服务(?:收入|营收)|线上营销(?:收入|营收)|营销服务收入",
        "online marketing services revenue",
        MONEY,
    ),
    (r"广告(?:收入|营收)", "advertising revenue", MONEY),
    (r"国内核心商业(?:收入|营收)", "domestic core commercial revenue", MONEY),
    (r"核心商业(?:收入|营收)", "core commercial revenue", MONEY),
    (r"直播(?:业务)?(?:收入|营收)", "live streaming revenue", MONEY),
    (r"其他服务(?:收入|营收)", "other services revenue", MONEY),
    (r"海外(?:商业化)?(?:收入|营收)", "overseas revenue", MONEY),
    (r"电商(?:的)?(?:GMV|商品交易总额|交易总额|交易额)", "e-commerce GMV", MONEY),
    (r"GMV|商品交易总额|交易总额", "GMV", MONEY),
    (r"单月流水|月流水|月收入", "monthly revenue", MONEY),
    (r"累计(?:营收|收入|流水)", "cumulative revenue", MONEY),
    (r"(?:全年)?(?:收入|营收)(?:预期目标|预期|目标|指引)", "full-year revenue target", MONEY),
    (r"年度经常性收入|ARR", "annual recurring revenue", MONEY),
    (r"总营收|营收|总收入|营业收入|营业额|收入", "revenue", MONEY),
    (r"现金及现金等价物|现金储备|现金", "cash and cash equivalents", MONEY),
    (r"回购(?:金额)?", "share buybacks", MONEY),
    (r"研发(?:投入|开支|费用|支出)", "R&D expenses", MONEY),
    (r"市场规模", "market size", MONEY),
    (r"(?:平均)?日活跃用户(?:数)?|日活用户|日活|DAU", "daily active users", USERS),
    (r"(?:平均)?月活跃用户(?:数)?|月活用户|月活|MAU", "monthly active users", USERS),
    (r"月均买家(?:数)?", "average monthly buyers", USERS),
    (r"付费用户(?:数)?", "paying users", USERS),
    (r"服务(?:了)?(?:超过|逾|近)?", "users served", USERS),
    (r"用户规模|用户数|用户总数", "users", USERS),
    (r"(?:智能|智慧型)?手机出货量", "smartphone shipments", UNITS),
    (r"出货量", "shipments", UNITS),
    (r"交付量|交付", "deliveries", UNITS),
    (r"新能源(?:汽)?车销量", "NEV sales", UNITS),
    (r"销量", "sales volume", UNITS),
    (r"客户渗透率|渗透率", "customer penetration", RATIO),
    (r"日均使用时长|日均时长|使用时长", "average daily time spent per user", DURATION),
]

_COMPILED = [(re.compile(pattern), name, kind) for pattern, name, kind in _LEXICON]


@dataclass(frozen=True)
class MetricMention:
    start: int
    end: int
    name: str
    kind: str


def find_metrics(sentence: str) -> list[MetricMention]:
    """Non-overlapping metric mentions, longest phrasing winning at each place."""
    taken = [False] * len(sentence)
    found: list[MetricMention] = []
    candidates = []
    for pattern, name, kind in _COMPILED:
        for m in pattern.finditer(sentence):
            if m.end() > m.start():
                candidates.append((m.start(), m.end(), name, kind))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    for start, end, name, kind in candidates:
        if any(taken[start:end]):
            continue
        for i in range(start, end):
            taken[i] = True
        found.append(MetricMention(start, end, name, kind))
    return sorted(found, key=lambda m: m.start)


def accepts(kind: str, unit: str) -> bool:
    """Whether a value with ``unit`` can be a level of a metric of ``kind``."""
    if kind == MONEY:
        return unit in ("CNY", "USD", "HKD", "TWD", "EUR", "JPY", "GBP")
    if kind == USERS:
        return unit in ("users", "")
    if kind == UNITS:
        return unit in ("units", "vehicles", "")
    if kind == RATIO:
        return unit == "%"
    if kind == DURATION:
        return unit in ("minutes", "hours")
    return False
