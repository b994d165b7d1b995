"""Chinese amounts → exact values, and values → English with correct units.

Values are Decimals so that 1,131.2亿 becomes exactly 113,120,000,000 and renders
as "113.12 billion", never 113.11999999.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

MULTIPLIERS: dict[str, Decimal] = {
    "万亿": Decimal("1e12"),
    "亿": Decimal("1e8"),
    "千万": Decimal("1e7"),
    "百万": Decimal("1e6"),
    "万": Decimal("1e4"),
    "千": Decimal("1e3"),
}

# Currency words → ISO code. Longest first matters for the regex below.
CURRENCIES: dict[str, str] = {
    "元人民币": "CNY",
    "人民币": "CNY",
    "美元": "USD",
    "港元": "HKD",
    "港币": "HKD",
    "新台币": "TWD",
    "台币": "TWD",
    "欧元": "EUR",
    "日元": "JPY",
    "英镑": "GBP",
    "韩元": "KRW",
    "澳元": "AUD",
    "新加坡元": "SGD",
    "加元": "CAD",
    "瑞士法郎": "CHF",
    "元": "CNY",
}
CURRENCY_PREFIXES = {
    "人民币": "CNY",
    "RMB": "CNY",
    "US$": "USD",
    "HK$": "HKD",
    "NT$": "TWD",
    "$": "USD",
}
ENGLISH_CURRENCY = {
    "CNY": "RMB",
    "USD": "USD",
    "HKD": "HKD",
    "TWD": "TWD",
    "EUR": "EUR",
    "JPY": "JPY",
    "GBP": "GBP",
    "KRW": "KRW",
    "AUD": "AUD",
    "SGD": "SGD",
    "CAD": "CAD",
    "CHF": "CHF",
}

# Counters after a number: what is counted.
COUNT_UNITS: dict[str, str] = {
    "名用户": "users",
    "位用户": "users",
    "用户": "users",
    "人次": "visits",
    "人": "users",
    "户": "users",
    "辆": "vehicles",
    "台": "units",
    "部": "units",
    "件": "units",
    "个": "units",
    "家": "companies",
    "分钟": "minutes",
    "小时": "hours",
    "次": "times",
}

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CHINESE_DIGITS = _CN_DIGITS
_CN_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}

HEDGES: list[tuple[str, str]] = [
    ("将近", "nearly"),
    ("接近", "nearly"),
    ("近", "nearly"),
    ("超过", "more than"),
    ("超出", "more than"),
    ("逾", "more than"),
    ("超", "more than"),
    ("突破", "more than"),
    ("破", "more than"),
    ("多于", "more than"),
    ("高于", "more than"),
    ("大约", "about"),
    ("约为", "about"),
    ("约", "about"),
    ("大概", "about"),
    ("不足", "less than"),
    ("不到", "less than"),
    ("少于", "less than"),
    ("低于", "less than"),
    ("至少", "at least"),
]
TRAILING_HEDGES = {
    "以上": "more than",
    "多": "more than",
    "左右": "about",
    "上下": "about",
    "以下": "less than",
}


def parse_chinese_numeral(text: str) -> Decimal | None:
    """一千五百 → 1500, 两亿 → 200000000, 十 → 10; None if ``text`` is not a numeral."""
    if not text or any(
        ch not in _CN_DIGITS and ch not in _CN_SMALL_UNITS and ch not in _CN_BIG_UNITS
        for ch in text
    ):
        return None
    total = 0
    section = 0
    digit = None
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_SMALL_UNITS:
            section += (1 if digit is None else digit) * _CN_SMALL_UNITS[ch]
            digit = None
        else:
            section += digit or 0
            unit = _CN_BIG_UNITS[ch]
            if unit == 100_000_000:
                total = (total + section) * unit
            else:
                total += (section or 1) * unit
            section, digit = 0, None
    return Decimal(total + section + (digit or 0))


def parse_arabic(text: str) -> Decimal:
    """'1,131.2' → Decimal('1131.2'); full-width digits are accepted."""
    return Decimal(
        text.translate(str.maketrans("０１２３４５６７８９．，", "0123456789.,")).replace(",", "")
    )


@dataclass(frozen=True)
class Quantity:
    """A number as stated: exact value in base units, its unit and any hedge."""

    value: Decimal
    unit: str  # CNY, USD, HKD, users, units, vehicles, %, minutes, times-multiple ("x") or "" (bare count)
    qualifier: str = ""


def format_number(value: Decimal) -> str:
    """Plain decimal without exponent or trailing zeros: 31.10 → 31.1, 1E+1 → 10."""
    text = format(value.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


_SCALE_WORDS = (
    (Decimal("1e12"), "trillion"),
    (Decimal("1e9"), "billion"),
    (Decimal("1e6"), "million"),
)


def scale_words(value: Decimal) -> str:
    """395000000 → '395 million', 113120000000 → '113.12 billion', 108800 → '108,800'."""
    magnitude = abs(value)
    for size, word in _SCALE_WORDS:
        if magnitude >= size:
            return f"{format_number(value / size)} {word}"
    whole = format_number(value)
    if "." in whole:
        integer, fraction = whole.split(".")
        return f"{int(integer):,}.{fraction}"
    return f"{int(whole):,}"


UNIT_NOUNS = {
    "users": "users",
    "vehicles": "vehicles",
    "units": "units",
    "companies": "companies",
    "shares": "shares",
    "minutes": "minutes",
    "square metres": "square metres",
    "hours": "hours",
    "times": "times",
    "visits": "visits",
    "GWh": "GWh",
    "GW": "GW",
    "MW": "MW",
    "tonnes": "tonnes",
    "TEU": "TEU",
    "orders": "orders",
    "people": "people",
    "ounces": "ounces",
    "boe": "barrels of oil equivalent",
    "barrels": "barrels",
    "kWh": "kWh",
    "MWh": "MWh",
    "kW": "kW",
}


def render_quantity(quantity: Quantity, with_noun: bool = True) -> str:
    """The English form: RMB 31.1 billion, 395 million users, 11.4%, more than RMB 10 million."""
    value, unit = quantity.value, quantity.unit
    if unit in ENGLISH_CURRENCY:
        text = f"{ENGLISH_CURRENCY[unit]} {scale_words(value)}"
    elif unit == "%":
        text = f"{format_number(value)}%"
    elif unit == "x":
        text = f"{format_number(value)} times"
    else:
        noun = UNIT_NOUNS.get(unit, "")
        text = scale_words(value) + (f" {noun}" if noun and with_noun else "")
    return f"{quantity.qualifier} {text}" if quantity.qualifier else text


def render_change(
    pct: Decimal | float | None, basis: str = "year on year", times: Decimal | None = None
) -> str:
    """同比增长11.4% → 'up 11.4% year on year'; 升2.7倍 → 'up 2.7 times year on year'.

    倍 is kept as stated ("up 2.7 times"), not turned into a percentage: Chinese news
    uses 增长2.7倍 both for "to 2.7x" and "by 2.7x", and the reader should see
    what the source said.
    """
    if times is not None:
        return f"up {format_number(Decimal(str(times)))} times {basis}"
    if pct is None:
        return ""
    pct = Decimal(str(pct))
    if pct == 0:
        return f"flat {basis}"  # 同比持平
    direction = "up" if pct >= 0 else "down"
    return f"{direction} {format_number(abs(pct))}% {basis}"


# A Chinese numeral starts only at the head of its run and is taken whole
# (possessive): otherwise a long run of 一 is rescanned from every position. A match opens
# with a prefix, a space or a numeral: one test of the first character rejects the other
# places before the optional prefix and the alternatives are tried there.
_AMOUNT = re.compile(
    r"(?=[人RUHN\s\d零〇一二两三四五六七八九十百千])"
    r"(?P<prefix>人民币|RMB|US\$|HK\$|NT\$)?\s*"
    r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|(?<![零〇一二两三四五六七八九十百千])[零〇一二两三四五六七八九十百千]++(?=[万亿]))"
    r"\s*(?P<mult>万亿|亿|千万|百万|万|千(?!米|克|瓦))?"
    r"(?P<unit>元人民币|人民币|美元|港元|港币|新台币|台币|欧元|日元|英镑|元|%|％|个百分点|倍"
    r"|名用户|位用户|用户|人次|人|户|辆|台|部|件|个|家|分钟|小时|次)?"
)


def parse_quantity(text: str) -> Quantity | None:
    """Parse one amount such as '311亿元', '3.95亿', '1,131.2億元', '超千万元', '10.88万辆'."""
    from summarizer.text.script import to_simplified

    text = to_simplified(text.strip())
    qualifier = ""
    for word, meaning in HEDGES:
        if text.startswith(word):
            qualifier, text = meaning, text[len(word) :]
            break
    # 千万 / 百万 / 万 alone after a hedge (超千万) means one of them
    if qualifier and text and text[0] in "千百万亿":
        text = "一" + text
    match = _AMOUNT.fullmatch(text) or _AMOUNT.match(text)
    if not match or not match.group("number"):
        return None
    rest = text[match.end() :]
    for word, meaning in TRAILING_HEDGES.items():
        if rest.startswith(word):
            qualifier = qualifier or meaning
    return quantity_from_match(match, qualifier)


def quantity_from_match(match: re.Match[str], qualifier: str = "") -> Quantity | None:
    number = match.group("number")
    value = parse_chinese_numeral(number) if not number[0].isdigit() else parse_arabic(number)
    if value is None:
        return None
    mult = match.group("mult")
    if mult:
        value *= MULTIPLIERS[mult]
    unit_word = match.group("unit") or ""
    prefix = match.group("prefix") or ""
    if unit_word in ("%", "％"):
        unit = "%"
    elif unit_word == "个百分点":
        unit = "pp"
    elif unit_word == "倍":
        unit = "x"
    elif unit_word in CURRENCIES:
        unit = CURRENCIES[unit_word]
    elif prefix in CURRENCY_PREFIXES:
        unit = CURRENCY_PREFIXES[prefix]
    else:
        unit = COUNT_UNITS.get(unit_word, "")
    return Quantity(value=value, unit=unit, qualifier=qualifier)


AMOUNT_PATTERN = _AMOUNT
