"""Whether a clause names a person or product: a test on the people's and products' forms
first, then the glossary's match, against the match alone on random text.

The forms test may only ever say "no" where the glossary's match finds no person or
product: a form inside a longer company name, a Latin name inside a longer word, a
form two terms share, and a glossary without people or products are all covered.
"""

import random

from summarizer.glossary import Glossary, Term
from summarizer.models.extractive import ExtractiveSummarizer

_TERMS = [
    Term("马化腾", "Pony Ma", "person"),
    Term("微信", "WeChat", "product", aliases=("WeChat",)),
    Term("腾讯微信支付", "Tencent WeChat Pay", "company"),  # holds a product's form
    Term("GPT", "GPT", "product"),
    Term("GPTX", "GPTX Ltd", "company"),
    Term("小米", "Xiaomi", "company"),
    Term("小米", "Xiaomi phone", "product"),  # the same form, a company first
    Term("雷军", "Lei Jun", "person"),
]
_FRAGMENTS = [
    "马化腾",
    "微信",
    "腾讯",
    "支付",
    "WeChat",
    "GPT",
    "X",
    "4",
    " ",
    "小米",
    "雷",
    "军",
    "，",
]


def _plain(glossary: Glossary, text: str) -> bool:
    return any(m.term.kind in ("person", "product") for m in glossary.match(text))


def test_names_entity_is_the_glossary_match_on_random_text():
    glossary = Glossary(terms=_TERMS)
    summarizer = ExtractiveSummarizer(glossary)
    rng = random.Random(6)
    said = {True: 0, False: 0}
    for _ in range(3000):
        text = "".join(rng.choice(_FRAGMENTS) for _ in range(rng.randrange(0, 7)))
        expected = _plain(glossary, text)
        assert summarizer._names_entity(text) == expected, text
        said[expected] += 1
    assert min(said.values()) > 300  # both answers were given


def test_forms_inside_longer_names_are_no_entity():
    summarizer = ExtractiveSummarizer(Glossary(terms=_TERMS))
    assert summarizer._names_entity("雷军表示")
    assert not summarizer._names_entity("腾讯微信支付上线")  # the company's name holds 微信
    assert not summarizer._names_entity("GPTX发布")  # GPT inside a longer Latin name
    assert not summarizer._names_entity("小米发布")  # 小米 is the company's form first


def test_a_glossary_without_people_or_products_names_none():
    summarizer = ExtractiveSummarizer(Glossary(terms=[Term("腾讯", "Tencent", "company")]))
    assert not summarizer._names_entity("腾讯的马化腾")
    assert not ExtractiveSummarizer()._names_entity("马化腾")
