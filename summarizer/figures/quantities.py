"""Every stated quantity in a Chinese sentence: money, percentages, counts, multiples, per-share amounts.

Chinese financial writing states numbers in a few regular shapes, all handled
here in one linear pass per sentence:

- Arabic numbers with a scale word: 311亿元, 1,420亿9,700万元, 3兆4740亿元 (Taiwan's 兆 is
  10^12), 1041.86 亿元 (spaced), -2.25亿元, full-width digits;
- a scale written once after a list or a range: 170.3/195.8/223.2亿元, 10至11万辆,
  322亿至334亿美元, 58万-65万辆;
- Chinese numerals where writers use them: 四成 (40%), 3成 (30%), 超千亿, 逾百亿, 两成;
- cents: 8.5港仙, 6.89美仙; percentage points: 2.6个百分点, 1.2pct;
- multiples: 2.62倍, 19倍PE.

A quantity is a candidate only: facts.py decides what it measures. Each carries
the exact span it was read from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from summarizer.figures.first_chars import with_first_character_test
from summarizer.figures.numbers import CHINESE_DIGITS, CURRENCIES, HEDGES, TRAILING_HEDGES

# same-length folding so that offsets into the folded text are offsets into the original
_FOLD = str.maketrans("０１２３４５６７８９．％，﹒", "0123456789.%,.")
_FULL_WIDTH_FIGURE = re.compile("[０-９．％﹒]")

_SCALES = {
    "万亿": Decimal("1e12"),
    "兆": Decimal("1e12"),
    "千亿": Decimal("1e11"),
    "百亿": Decimal("1e10"),
    "十亿": Decimal("1e9"),
    "亿": Decimal("1e8"),
    "千万": Decimal("1e7"),
    "百万": Decimal("1e6"),
    "十万": Decimal("1e5"),
    "万": Decimal("1e4"),
    "千": Decimal("1e3"),
}
# currency words that name a currency outright (元 alone leaves it to the article)
CURRENCY_WORDS = {word: code for word, code in CURRENCIES.items() if word != "元"}
# 仙 alone is Hong Kong's word for a cent (每股基本盈利48.7仙)
_CENTS = {"港仙": "HKD", "美仙": "USD", "仙": "HKD"}
COUNTERS = {
    "辆": "vehicles",
    "台": "units",
    "部": "units",
    "件": "units",
    "名": "people",
    "人": "people",
    "户": "households",
    "家": "",  # 家 counts companies, stores and branches alike: the metric says which
    "股": "shares",
    "GWh": "GWh",
    # a maker's solar modules, wind turbines and batteries are counted in their power
    "GW": "GW",
    "MW": "MW",
    # miners, steel mills and ports report their output in tonnes
    "吨": "tonnes",
    "次": "x",  # 翻台率为3.8次: a rate counted in times
    # miners', oil producers' and power producers' own units
    "盎司": "ounces",
    "桶油当量": "boe",
    "桶": "barrels",
    "千瓦时": "kWh",
    "兆瓦时": "MWh",
    "千瓦": "kW",
    "标准箱": "TEU",
    "标箱": "TEU",
    "单": "orders",
    "平方米": "square metres",
    "平米": "square metres",
    "分钟": "minutes",
    "小时": "hours",
}

_MEASURE_WORDS = set("张个条次部篇项款只件套本首集份场单笔幅位")
_NUM = r"(?:\d{1,3}(?:,\d{3}){1,4}|\d{1,13})(?:\.\d{1,6})?"
_SCALE = r"(?:万亿|千亿|百亿|十亿|亿|千万|百万|十万|万|兆|千(?=\s?(?:元|美元|港元|辆|台|人|户|吨)))"
# one amount: 311亿, 1,420亿9,700万 and 3兆4740亿 (compounds), 3.95亿
_AMOUNT_ITEM = (
    rf"{_NUM}(?:\s?(?:亿|兆)\s?\d{{1,4}}(?:,\d{{3}})?(?:\.\d+)?\s?(?:万|亿)|\s?{_SCALE})?"
)
_UNIT = (
    r"(?:元人民币|人民币|美元|港元|港币|新台币|台币|欧元|日元|英镑|韩元|澳元|新加坡元|加元|瑞士法郎|港仙|美仙|仙|元|"
    r"%|个百分点|百分点|pct|ppt|个基点|基点|bps|bp|倍|辆|台|部|件|名|人|户|家|GWh|GW|MW(?!h)|吨|次|盎司|桶油当量|桶|千瓦时|兆瓦时|千瓦|标准箱|标箱|单(?![季月日车位价据])|分钟|小时|平方米|平米)"
)
_LIST_SEP = r"\s?(?:/|、|至|到|-|–|~|～)\s?"
# a lookahead on the first character (a sign or a digit) rejects most places in one test,
# before the lookbehind and the alternatives are tried
_ARABIC_FIRST = r"(?=[-+\d])"
_ARABIC = re.compile(
    # 20%-25%: a dash after a percentage is a range, not the sign of the figure after it
    rf"{_ARABIC_FIRST}(?<![\d.,A-Za-z%])(?P<sign>[+-])?(?P<items>{_AMOUNT_ITEM}(?:{_LIST_SEP}{_AMOUNT_ITEM}){{0,6}})"
    rf"\s?(?P<unit>{_UNIT})?"
)
_SHARED_UNIT_FIRST = re.compile(
    rf"(?=\d)(?<![\d.,A-Za-z])(?P<first>{_NUM})\s?(?:及|和|与)\s?(?={_NUM}\s?(?P<unit>个百分点|百分点|%|倍|pct|ppt))"
)
# re-reads one item of a match of _ARABIC, whose unit it cannot see: that match has checked
# already that a 千 is a scale (3,456,789千元), so here 千 needs no unit after it
_ITEM = re.compile(
    rf"(?P<number>{_NUM})\s?(?:(?P<big>亿|兆)\s?(?P<small>\d{{1,4}}(?:,\d{{3}})?(?:\.\d+)?)\s?(?P<small_scale>万|亿)|(?P<scale>{_SCALE}|千))?"
)
_CN_DIGIT = CHINESE_DIGITS
# 四成 = 40%; 超千亿元, 逾百亿, 近万辆: a round magnitude after a hedge
_CHINESE_FIRST = "(?=[一二两三四五六七八九千百十1-9])"  # a numeral or a digit starts each
_CHINESE = re.compile(
    _CHINESE_FIRST
    + r"(?:(?P<tenths>[一二两三四五六七八九])|(?<![\d.])(?P<tenths_digit>[1-9]))成(?![员本交功立为长都])"
    r"|(?P<round>[一二两三四五六七八九]?[千百十])(?P<round_scale>亿|万)(?P<round_unit>元|美元|港元|人民币|辆|台)?"
)


# made by the hundred per article and never changed: not frozen, whose __init__ sets each
# field through object.__setattr__ at three times the cost; hashed by value as before
@dataclass(unsafe_hash=True)
class Quantity:
    """One number as stated: exact value in base units, unit, hedge and where it was read."""

    value: Decimal
    unit: str  # CNY/USD/HKD/TWD..., "%", "pp", "x", a counter (vehicles, units ...), or "" (a bare count)
    start: int
    end: int
    qualifier: str = ""
    currency_given: bool = (
        True  # False when 元 alone named the money: the article's currency applies
    )
    in_list: bool = False  # one of several values sharing one scale or unit (ranges, / lists)
    list_position: int = 0
    list_size: int = 1


def _number(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _unit_of(word: str) -> tuple[str, bool, Decimal]:
    """(unit, currency named explicitly, factor) of a unit word."""
    known = _UNITS.get(word)
    return known if known is not None else _read_unit(word)


def _read_unit(word: str) -> tuple[str, bool, Decimal]:
    if not word:
        return "", True, Decimal(1)
    if word in CURRENCY_WORDS:
        return CURRENCY_WORDS[word], True, Decimal(1)
    if word in _CENTS:
        return _CENTS[word], True, Decimal("0.01")
    if word == "元":
        return "CNY", False, Decimal(1)
    if word == "items":
        return "items", True, Decimal(1)
    if word == "%":
        return "%", True, Decimal(1)
    if word in ("个百分点", "百分点", "pct", "ppt"):
        return "pp", True, Decimal(1)
    if word in ("个基点", "基点", "bps", "bp"):  # a basis point is a hundredth of a point
        return "pp", True, Decimal("0.01")
    if word == "倍":
        return "x", True, Decimal(1)
    return COUNTERS.get(word, ""), True, Decimal(1)


# every unit word _ARABIC, _SHARED_UNIT_FIRST and _CHINESE read, looked up rather than worked out
_UNITS = {
    word: _read_unit(word)
    for word in (
        "",
        "items",
        "股",
        "元",
        "人民币",
        *CURRENCY_WORDS,
        *_CENTS,
        *COUNTERS,
        *re.findall(r"[^|()?:]+", _UNIT),
    )
}

_CEILINGS = (
    ("不超过", "up to"),
    ("最多约", "up to"),
    ("最高约", "up to"),
    ("不高于", "up to"),
    ("最多", "up to"),
    ("上限为", "up to"),
    ("上看", "up to"),
    ("不低于", "at least"),
    ("不少于", "at least"),
)


# most figures have no hedge: one look at the character before (after) a number tells
# whether any hedge word can end (start) there; the words that end in that character, in
# the order they are tried (ceilings first: 不超过 is "up to", though it ends in 超过)
def _by_last_character(words: list[tuple[str, str]]) -> dict[str, list[tuple[str, str]]]:
    grouped: dict[str, list[tuple[str, str]]] = {}
    for word, meaning in words:
        grouped.setdefault(word[-1], []).append((word, meaning))
    return grouped


_HEDGES_BY_LAST = _by_last_character([*_CEILINGS, *HEDGES])
_TRAILING_HEDGES = [(word, meaning) for word, meaning in TRAILING_HEDGES.items() if word != "多"]
_TRAILING_FIRST = frozenset(word[0] for word, _ in _TRAILING_HEDGES)


def _hedge(sentence: str, start: int, end: int) -> tuple[str, int]:
    """The hedge before (近, 超过, 约) or after (以上, 左右) a number, and where the figure starts."""
    probe = start
    while probe > 0 and sentence[probe - 1] in " 了":
        probe -= 1
    for word, meaning in _HEDGES_BY_LAST.get(sentence[probe - 1], ()) if probe > 0 else ():
        if sentence.endswith(word, 0, probe):
            return meaning, probe - len(word)
    if sentence[end : end + 1] in _TRAILING_FIRST:
        after = sentence[end : end + 2]
        for word, meaning in _TRAILING_HEDGES:
            if after.startswith(word):
                return meaning, start
    return "", start


# every match of _ARABIC and _SHARED_UNIT_FIRST holds a digit, every one of _CHINESE a numeral;
# every match of _SHARED_UNIT_FIRST also holds one of its joining words (及, 和, 与), and
# every one of _CHINESE 成 or one of these
_ROUND_MAGNITUDES = ("千亿", "百亿", "十亿", "千万", "百万", "十万")
# 成 or any of them, in one scan (the engine skips to 成, 千, 百 and 十)
_MAGNITUDE_WORD = re.compile("|".join(("成", *_ROUND_MAGNITUDES)))
QUANTITY_CHARACTERS = re.compile(r"[\d一二两三四五六七八九十百千]")


# a change said in words: 持平 is no change, 翻倍 and 增长一倍 a doubling (a rise of 100%)
# (an optional word opens it: a test on the first characters goes first, lest every
# alternative be tried at every place of a sentence that holds 倍)
VERBAL_CHANGE = with_first_character_test(
    re.compile(
        r"(?:基本|大致|大体)?(?P<flat>持平)|(?P<double>翻倍|翻番|翻了一番|翻一番|(?:增长|增加|成长|上升)了?一倍)"
    )
)
_VERBAL_FIRST = re.compile(r"[持翻倍]")


def find_quantities(sentence: str) -> list[Quantity]:
    """All quantities with a unit, a scale word or a percent sign, in order of position; a
    change said in words (同比持平, 同比翻倍) as the percentage it means."""
    found: list[Quantity] = []
    if _VERBAL_FIRST.search(sentence):
        for m in VERBAL_CHANGE.finditer(sentence):
            value = Decimal(0) if m.group("flat") else Decimal(100)
            found.append(Quantity(value, "%", m.start(), m.end()))
    if not QUANTITY_CHARACTERS.search(sentence):
        return found  # no figure can be read here (folding keeps digits digits)
    # translating is slow on Chinese text: a sentence whose only full-width character is the
    # comma (most of them) has that replaced instead, to the same effect
    if _FULL_WIDTH_FIGURE.search(sentence):
        text = sentence.translate(_FOLD)
    else:
        text = sentence.replace("，", ",")
    for m in _ARABIC.finditer(text):
        found.extend(_arabic(text, m))
    # each pass below runs only where its joining word or its magnitude word stands
    shared_unit = "及" in text or "和" in text or "与" in text
    for m in _SHARED_UNIT_FIRST.finditer(text) if shared_unit else ():
        # 分别跌5.4及3.9个百分点: the first of two figures takes the unit written after the second
        if not any(q.start <= m.start("first") < q.end for q in found):
            unit, explicit, factor = _unit_of(m.group("unit"))
            value = _number(m.group("first")) * factor
            found.append(Quantity(value, unit, m.start("first"), m.end("first"), "", explicit))
    for m in _CHINESE.finditer(text) if _MAGNITUDE_WORD.search(text) else ():
        if any(q.start <= m.start() < q.end for q in found):
            continue
        quantity = _chinese(text, m)
        if quantity is not None:
            found.append(quantity)
    return sorted(found, key=lambda q: q.start)


_MODEL_OR_TOLERANCE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz±")


def _after_a_letter(before: str) -> bool:
    """Model names (Veo 3.1) and tolerances (46%±1.5%) have a letter or ± before their number:
    [A-Za-z±]$ over the two characters before it, read without the regex engine."""
    last = before[-1:]
    return last in _MODEL_OR_TOLERANCE or (last == "\n" and before[-2:-1] in _MODEL_OR_TOLERANCE)


# every scale word of _ITEM holds one of these
_SCALE_CHARACTERS = frozenset("万亿兆千百十")


def _item_value(item: re.Match[str], shared_scale: str) -> Decimal:
    value = _number(item.group("number"))
    if item.group("big"):
        small = _number(item.group("small")) * _SCALES[item.group("small_scale")]
        return value * _SCALES[item.group("big")] + small
    scale = item.group("scale") or shared_scale
    return value * _SCALES[scale] if scale else value


def _arabic(text: str, m: re.Match[str]) -> list[Quantity]:
    unit_word = m.group("unit") or ""
    items_text = m.group("items")
    if not unit_word and _SCALE_CHARACTERS.isdisjoint(items_text):
        return []  # a bare number (a year, a code): neither a unit nor a scale word
    whole = _ITEM.match(items_text)
    if whole is not None and whole.end() == len(items_text):
        items = [whole]  # one amount, as most are: what finditer would find first and alone
    else:
        items = [i for i in _ITEM.finditer(items_text) if i.group(0)]
    scales = [i.group("scale") or i.group("big") or "" for i in items]
    scaled = any(scales)
    match_start, match_end = m.span()
    after = text[match_end : match_end + 1]  # the character after the figure
    before = text[max(0, match_start - 2) : match_start]
    if not unit_word and not scaled:
        return []
    if (
        unit_word in ("名", "人", "户", "家", "件", "部")
        and not scaled
        and "\u4e00" <= after <= "\u9fff"
    ):
        # 9名董事, 5家公司: a count before its noun is commentary; one that ends its phrase
        # (净开设新店56家，员工总数为23,568人) and a scaled one (8,530万人) is a figure
        return []
    shares = after == "股" and scaled and not unit_word
    if (after in ("年", "月", "日", "季") or after == "股" and not shares) or before.endswith(
        ("第", "前")
    ):
        return []  # 10股, 2025年: a date or a per-share ratio; 2,150万股 is a number of shares
    if shares:
        unit_word = "股"
    if not unit_word and after in _MEASURE_WORDS:
        unit_word = "items"  # 5300万张图片, 2700万个视频: things counted, not users or money
    if _after_a_letter(before):
        return []  # model names (Veo 3.1) and tolerances (46%±1.5%)
    unit, explicit, factor = _unit_of(unit_word)
    # a scale written once after a list or range applies to every item before it: 10至11万辆
    last_scale = scales[-1] if scales else ""
    offset = m.start("items")
    negative = m.group("sign") == "-"
    last = len(items) - 1
    quantities = []
    for position, item in enumerate(items):
        shared = "" if scales[position] else last_scale
        value = _item_value(item, shared) * factor
        if position == 0 and negative:
            value = -value
        start = offset + item.start()
        end = match_end + shares if position == last else offset + item.end()
        hedge, figure_start = _hedge(text, start, end) if position == 0 else ("", start)
        quantities.append(
            Quantity(
                value,
                unit,
                figure_start,
                end,
                hedge,
                explicit,
                in_list=len(items) > 1,
                list_position=position,
                list_size=len(items),
            )
        )
    return quantities


def _chinese(text: str, m: re.Match[str]) -> Quantity | None:
    hedge, start = _hedge(text, m.start(), m.end())
    if m.group("tenths") or m.group("tenths_digit"):
        # 四成 and 3成 alike: tenths, as a percentage
        tenths = m.group("tenths_digit") or _CN_DIGIT[m.group("tenths")]
        value = Decimal(int(tenths) * 10)
        return Quantity(value, "%", start, m.end(), hedge)
    if not hedge:
        return None  # a bare 百万 is a word, not a figure; 超千亿 is one
    head = m.group("round")
    digit = _CN_DIGIT.get(head[0], 1) if len(head) == 2 else 1
    place = {"千": 1000, "百": 100, "十": 10}[head[-1]]
    value = Decimal(digit * place) * _SCALES[m.group("round_scale")]
    unit, explicit, _ = _unit_of(m.group("round_unit") or "")
    return Quantity(value, unit, start, m.end(), hedge, explicit)
