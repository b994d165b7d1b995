"""The business line a figure is of: what stands right before its metric (运营商网络业务营收)."""

from __future__ import annotations

import re

from summarizer.figures.clauses import SentenceContext
from summarizer.figures.metrics import COUNT, MONEY, RATIO, MetricMention

SEGMENT_STOP = re.compile(
    r"(?:公司|集团|合并|单季|总|整体|本季度|本季|季内|期内|当季|同期|累计|实现|录得|取得|为|达|的|其|全年|"
    r"报告期内|其中|此外|同时|而|和|及|与|并|但|则|也|亦|已|仍|再|更|首次|继续|来自|此|该|仅|共|合计|"
    r"单月|当月|月度|年度|月|季度|年|上半年|下半年|前三季度|上季|今年|去年|归母|税后|经调整后|经调整|调整后|经调|"
    r"非公认会计准则|非国际财务报告准则|GAAP|Non-GAAP|non-GAAP|已经|已|目前|当前|截至|现|共计|总计|应用|APP|App|app|平台|在内|全球|合计|持有|拥有|扣非|非经常性损益|"
    r"[\s\d()（）\[\]“”\"'、/])+$"
)


# what a figure leaves behind it (辆月交付量, 亿元的): only right after a figure's digits
AFTER_FIGURE = re.compile(r"^[辆台个部件月年日元亿万]+")
SEGMENT_LEAD = re.compile(
    r"^(?:[·•\s]|也|而|但|并|且|则|该|此|这|那|已|将|在|从|对|由|把|被|于|与|和|及|"
    r"带动|推动|令|使|让|超越|达到|公司|本公司|集团)+"
)
# currencies, accounting words and verbs are not business lines
NOT_A_SEGMENT = re.compile(
    r"人民币|美元|港元|港币|新台币|台币|列帐|综合|总$|公司|上市|个月|以来|超越|达到|带动|预计|预期|包括|"
    # words of a sentence, not of a business line's name: 根据剩余, 会以每年, 低于彭博, 经累计, 增长率与
    r"根据|剩余|会以|每年|低于|高于|彭博|我们|^经|累计|增长|等价物|存款|受限|向用户|加入|新增|扣非|贡献|、|"
    # intentions and forecasts (拟将派息比率, 预测其明年毛利率) and 派发 (每10股派发) are verbs
    r"^拟|预测|预估|明年|派发|非经常性损益|股东应占|基础$|"
    # an accounting basis (非美国通用会计准则下) says how a figure is measured, not of what
    r"会计准则|会计原则|财务报告准则|"
    # a board's acts (董事会今（13）日核准资本预算) and brackets are not a line's name
    r"核准|批准|通过|审议|决议|同意|宣布|公布|[)）]"
)


# segment_name runs for every figure: its patterns compiled once
_FIGURE_CHARACTER = re.compile(r"[\d%％]")
_UP_TO_REPORTING_VERB = re.compile(r"^(?:.*(?:实现|录得|取得|完成|来自|其中|方面|来看|显示))")
_TWO_LETTERS = re.compile(r"[\u4e00-\u9fffA-Za-z]{2}")


def segment_name(s: str, metric: MetricMention, ctx: SentenceContext) -> str:
    """What stands right before a metric and names a business line: 运营商网络业务营收 → 运营商网络业务."""
    if metric.kind not in (MONEY, COUNT, RATIO):
        return ""
    start = metric.start
    floor = max(
        [ctx.clause_start(start)]
        + [m.end for m in ctx.subjects if m.end <= start]
        + [m.end for m, _ in ctx.periods if m.end <= start]
        + [m.end for m in ctx.metrics if m.end <= start]
    )
    if floor >= start:
        return ""  # the metric opens its clause or follows a name: nothing stands between
    prefix = s[floor:start]
    pieces = _FIGURE_CHARACTER.split(prefix)
    prefix = pieces[-1]  # nothing of a figure before it
    if len(pieces) > 1:
        prefix = AFTER_FIGURE.sub("", prefix)
    prefix = _UP_TO_REPORTING_VERB.sub("", prefix)
    # what follows a figure (辆月交付量, 个月内) or opens a phrase (·该公司, 也超越, 带动集团) is not a name
    prefix = SEGMENT_LEAD.sub("", prefix.strip("的 "))
    if not prefix or SEGMENT_STOP.fullmatch(prefix) or len(prefix) > 12:
        return ""
    if NOT_A_SEGMENT.search(prefix) or not _TWO_LETTERS.search(prefix):
        return ""
    return prefix
