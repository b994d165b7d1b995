"""Business lines in English: a word-for-word gloss of the words segment names are made of.

Chinese names of business lines are compounds of modifiers before a head
(智能 云 设施 → smart cloud infrastructure), the order English uses, so a gloss of
their words reads right. A name with a word the table lacks is left in Chinese
rather than half translated.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_WORDS = {
    # joining words: two lines reported as one (游戏及相关增值服务)
    "及相关": "and related",
    "及": "and",
    "和": "and",
    "与": "and",
    "相关": "related",
    # heads: what a business line is
    "事业群": "business group",
    "业务集团": "business group",
    "业务": "business",
    "板块": "segment",
    "部门": "division",
    "服务": "services",
    "设施": "infrastructure",
    "平台": "platform",
    "系列": "series",
    "品牌": "brand",
    "产品": "products",
    "应用": "applications",
    "解决方案": "solutions",
    # what it sells
    "云端": "cloud",
    "云": "cloud",
    "智能": "smart",
    "人工智能": "AI",
    "设备": "devices",
    "终端": "devices",
    "手机": "smartphones",
    "旗舰型": "flagship",
    "旗舰": "flagship",
    "汽车": "automotive",
    "车辆": "vehicles",
    "电池": "batteries",
    "动储": "power and storage",
    "储能": "energy storage",
    "动力": "power",
    "游戏": "games",
    "音乐": "music",
    "订阅": "subscriptions",
    "视频": "video",
    "短视频": "short video",
    "直播": "live streaming",
    "广告": "advertising",
    "营销": "marketing",
    "线上": "online",
    "在线": "online",
    "电商": "e-commerce",
    "零售": "retail",
    "物流": "logistics",
    "本地生活": "local services",
    "金融科技": "fintech",
    "支付": "payments",
    "搜索": "search",
    "社交网络": "social networks",
    "增值": "value-added",
    "运营商": "carrier",
    "网络": "network",
    "消费者": "consumer",
    "政企": "government and enterprise",
    "企业": "enterprise",
    "开放": "open",
    "系统": "systems",
    "核心": "core",
    "新": "new",
    "原生": "native",
    "其他": "other",
    "商业化": "monetisation",
    "住宿": "accommodation",
    "预订": "reservations",
    "交通": "transportation",
    "票务": "ticketing",
    "旅游度假": "packaged tours",
    "旅游": "travel",
    "度假": "holidays",
    "商旅": "corporate travel",
    "管理": "management",
    "国际": "international",
    "海外": "overseas",
    "中国国内": "China domestic",
    "国内": "domestic",
    "中国": "China",
    "亚太区": "Asia-Pacific",
    "亚太": "Asia-Pacific",
    "欧洲": "Europe",
    "泛欧": "pan-European",
    "美洲": "Americas",
    "半导体": "semiconductor",
    "芯片": "chips",
    "晶圆": "wafer",
    "代工": "foundry",
    "家电": "home appliances",
    "空调": "air conditioners",
    "冰箱": "refrigerators",
    "服装": "apparel",
    "鞋类": "footwear",
    "医疗": "healthcare",
    "教育": "education",
    "房地产": "property",
    "物业": "property management",
    # finance: what banks, brokers and insurers report by line
    "财富管理": "wealth management",
    "资产管理": "asset management",
    "投资银行": "investment banking",
    "经纪": "brokerage",
    "管理费": "management fee",
    "自营": "proprietary trading",
    "信用": "credit",
    "寿险": "life insurance",
    "财险": "property and casualty insurance",
    "保险": "insurance",
    # gaming, hospitality and consumer lines
    "博彩": "gaming",
    "中场": "mass-market",
    "贵宾": "VIP",
    "非博彩": "non-gaming",
    "酒店": "hotel",
    "餐饮": "food and beverage",
    "液态奶": "liquid milk",
    "奶粉": "milk formula",
    "白酒": "baijiu",
    "啤酒": "beer",
    # industry: what factories make
    "光伏": "solar",
    "组件": "modules",
    "硅片": "wafers",
    "电池片": "cells",
    "风电": "wind power",
    "新能源": "new energy",
    "数据中心": "data centre",
    "服务器": "servers",
    "软件": "software",
    "硬件": "hardware",
    "消费电子": "consumer electronics",
    "汽车电子": "automotive electronics",
    "光模块": "optical modules",
    "医药": "pharmaceuticals",
    "创新药": "innovative drugs",
    "医疗器械": "medical devices",
    # mining and materials: what is dug and made
    "矿产金": "mined gold",
    "商品煤": "commercial coal",
    "原煤": "raw coal",
    "煤炭": "coal",
    "粗钢": "crude steel",
    "钢材": "steel products",
    "黄金": "gold",
    "矿产铜": "mined copper",
    "铜": "copper",
}
_JOINING = frozenset({"and related", "and", "related"})
_LATIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.+-]*")


def _by_first_character(words: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """The words by their first character, longest first: a name's next word is looked for
    only among those that open on its next character."""
    grouped: dict[str, list[str]] = {}
    for word in sorted(words, key=len, reverse=True):
        grouped.setdefault(word[0], []).append(word)
    return {first: tuple(group) for first, group in grouped.items()}


_LONGEST_FIRST = _by_first_character(_WORDS)


def segment_english(name: str) -> str | None:
    """'智能云设施' → 'smart cloud infrastructure'; None when a word is not in the table."""
    words: list[str] = []
    rest = name.strip()
    while rest:
        latin = _LATIN.match(rest)
        if latin:
            words.append(latin.group(0))
            rest = rest[latin.end() :].lstrip()
            continue
        word = next((w for w in _LONGEST_FIRST.get(rest[0], ()) if rest.startswith(w)), None)
        if word is None:
            return None
        words.append(_WORDS[word])
        rest = rest[len(word) :]
    if not words or words[0] in _JOINING or words[-1] in _JOINING:
        return None  # a name cut at a joining word is not a name
    return " ".join(words)
