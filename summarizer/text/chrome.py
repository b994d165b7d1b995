"""Line-level web noise: page chrome, bylines, comment forms, captions, repeated lines.

Works on Simplified text, one line at a time, and only decides which lines go;
the caller reports them. Body text is recognised by sentence punctuation, so a
line that reads as a sentence is never taken for chrome by length alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"[。！？!?]")
_HAN = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class _Needs:
    """A pattern that can only match a line holding one of ``literals``: looked for only in
    such lines (a pattern opening on ``\\b`` or a class is tried at every character)."""

    literals: tuple[str, ...]
    pattern: re.Pattern[str]

    def search(self, line: str) -> re.Match[str] | None:
        for literal in self.literals:  # a loop: no generator made for each line
            if literal in line:
                return self.pattern.search(line)
        return None


# kind → patterns matched against one stripped line
CHROME_PATTERNS: dict[str, list[re.Pattern[str] | _Needs]] = {
    "page-metadata": [
        re.compile(
            r"^(发布日期|发布时间|发表时间|更新时间|发表于|日期|时间|点击次数|点击数|阅读量|浏览次数|阅读数)\s*[:：]"
        ),
        re.compile(r"(点击次数|点击数|阅读量|浏览量|浏览次数)\s*[:：]\s*\d+"),
        re.compile(r"^\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(\s+\d{1,2}:\d{2}(:\d{2})?)?$"),
        # a date and time followed by the source or author: "2024年10月30日 21:05 来源：某某网"
        re.compile(r"^\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s+\d{1,2}:\d{2}.{0,40}(来源|作者|编辑)"),
    ],
    "byline": [
        re.compile(r"^本文(?:来自|转载自|首发于|经授权)|经授权(?:发布|转载)|授权转载"),
        re.compile(
            r"^(本文源自|本文来自|本文来源|文章来源|来源|作者|文|编|编辑|责编|责任编辑|记者|撰文|出品|"
            r"原标题|原文标题|图片来源|图源|审核|校对)\s*[:：|丨｜/]"
        ),
        # 记者高兆麟／台北报导, 〔记者某某／新竹报导〕, （中央社记者某某台北10日电）
        re.compile(r"^[〔【（(]?\s*(?:\S{0,4}记者)[^，。,]{0,24}(?:报导|报道|电)\s*[〕】）)]?$"),
    ],
    "disclaimer": [
        re.compile(r"^(声明|免责声明|免责申明|版权声明|特别声明|风险提示)\s*[:：]"),
        re.compile(
            r"(不代表.{0,20}立场|如有侵权|未经授权.{0,6}转载|版权归.{0,10}所有|仅供参考|不构成投资建议|投资有风险)"
        ),
    ],
    "comment-form": [
        re.compile(
            r"(发表评论|条评论|请输入评论|暂无评论|评论长度|验证码|看不清|换一张|联系邮箱|"
            r"提交的评论|我要评论|网友评论|登录后评论|文字标题\s*[:：]|纠错内容\s*[:：])"
        ),
    ],
    "subscribe-link": [
        re.compile(
            r"^[•·*\s]*(订阅|纠错|文章纠错|加入自媒体|分享|分享到|收藏|举报|打印|返回顶部|关注|点赞|"
            r"上一篇|下一篇|相关阅读|热门推荐|刷新|关闭|x|×|扫码关注公众号|关注公众号|获取更多精彩内容|"
            r"扫一扫|微信扫一扫|打开APP|下载APP|APP内打开|查看原文|阅读原文|点击查看|LOGO|logo)\s*$",
            re.IGNORECASE,
        ),
    ],
    "registration": [
        _Needs(
            ("备", "ICP证", "许可证"),
            re.compile(r"(公网安备|ICP备|ICP证|网安备|增值电信业务经营许可证)"),
        ),
    ],
    "widget": [
        re.compile(r"^\S{1,12}(\s+\S{1,12}){1,4}\s+更多\s*$"),
        re.compile(r"(热门职位|猎头职位|更多职位|更多招聘|热门推荐)"),
    ],
    "breadcrumb": [
        re.compile(r"[>›»]\s*正文\s*$"),
        re.compile(r"^(首页|当前位置)\s*[>›»:：]"),
        re.compile(r"^[^\s>›»。，,]{1,10}(\s*[>›»]\s*[^\s>›»。，,]{1,10}){1,3}$"),
    ],
    "image-caption": [
        # ▲联发科。（图／资料照）, （AP图片）, (图片来源：…): photo credits stand alone
        re.compile(r"^▲"),
        re.compile(r"^[（(][^（）()]{0,16}图片?[／/]?[^（）()]{0,12}[)）]$"),
        re.compile(r"[（(]\s*图\s*[／/][^（）()]{0,12}[)）]\s*$"),
    ],
    "filing-header": [
        # exhibit headers of filings reposted as news: EX-99.1, d715997dex991.htm, 附件 99.1
        _Needs(("EX-", ".htm"), re.compile(r"\bEX-\d+\.\d+\b|\b[\w-]+\.html?\b")),
        re.compile(r"^(?:附件|附录|附錄)\s*\d+(?:\.\d+)?\s*$"),
    ],
    "section-label": [
        re.compile(
            r"^[【\[]?(快讯|即时新闻|财经|要闻|独家|最新消息|热点|滚动新闻|新闻|资讯|头条|焦点|异动股|行业整体态势)[】\]]?\s*$"
        ),
    ],
    "status-line": [
        re.compile(
            r"^[（(]?\s*(持续更新中|未完待续|全文完|完|END)[。.…]*\s*[)）]?$", re.IGNORECASE
        ),
    ],
    "related-link": [
        re.compile(r"^(详见|相关阅读|相关新闻|延伸阅读|推荐阅读|相关报道)\s*[:：]"),
    ],
}

# Short chrome lines are at most this long; bylines and links are short.
_SHORT_LINE = 40


# the kinds a line longer than a short line can still be, in the same order
_LONG_LINE_KINDS = {
    kind: patterns
    for kind, patterns in CHROME_PATTERNS.items()
    if kind in ("disclaimer", "registration", "filing-header")
}


def chrome_kind(line: str) -> str | None:
    """Which kind of page chrome a line is, or None for article text."""
    stripped = line.strip()
    if not stripped:
        return None
    kinds = _LONG_LINE_KINDS if len(stripped) > _SHORT_LINE else CHROME_PATTERNS
    for kind, patterns in kinds.items():
        for pattern in patterns:
            if pattern.search(stripped):
                return kind
    return None


def is_body_line(line: str) -> bool:
    """A line that reads as article prose: sentence punctuation or paragraph length."""
    stripped = line.strip()
    return bool(_SENTENCE_END.search(stripped)) or len(_HAN.findall(stripped)) >= _SHORT_LINE


def trailing_chrome(lines: Sequence[str], kinds: Sequence[str | None]) -> set[int]:
    """Lines after the last paragraph of prose that belong to the page footer.

    A footer (comment form, site name, QR prompt) is a run of short lines after
    the article; it is only taken when at least one of its lines is known chrome,
    so an article that ends in a short line keeps it.
    """
    # the last body line, looked for from the end: the lines before it need no test
    last_body = next(
        (i for i in range(len(lines) - 1, -1, -1) if kinds[i] is None and is_body_line(lines[i])),
        -1,
    )
    tail = [i for i in range(last_body + 1, len(lines)) if lines[i].strip()]
    if not any(kinds[i] for i in tail):
        return set()
    return {i for i in tail if kinds[i] or len(lines[i].strip()) <= _SHORT_LINE}


def _longest_common_run(a: str, b: str) -> int:
    """Length of the longest common substring of a and b (a is short)."""
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] in b:
                best = j - i
            else:
                break
    return best


def is_caption(line: str, neighbours: Iterable[str]) -> bool:
    """A standalone line that repeats a person or thing named in a nearby sentence.

    Image captions under photos ("founder and CEO Cheng Yixiao") are short, have
    no sentence punctuation, and most of their text appears verbatim in the
    paragraph before or after; a section heading does not.
    """
    stripped = line.strip()
    if not stripped or len(stripped) > _SHORT_LINE or _SENTENCE_END.search(stripped):
        return False
    if re.search(r"[，,：:；;]", stripped):
        return False
    overlap = max((_longest_common_run(stripped, n) for n in neighbours if n.strip()), default=0)
    return overlap >= 6 and overlap >= 0.7 * len(stripped)
