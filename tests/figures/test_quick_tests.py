"""The quick tests that let the figure readers skip work find what the plain reading finds:
each is checked here against the reading it stands in for, on texts made of the words and
characters that matter."""

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st
from pattern_forms import found, without_lookahead

from summarizer.figures import article_year, brokers, companies, periods, quantities, units
from summarizer.figures.clauses import EXPECTATION_MET, SentenceContext, blank, forward_cue
from summarizer.figures.companies import CompanyFinder, matches_near
from summarizer.figures.metrics import FORWARD_CUE
from summarizer.glossary import Glossary, Term

YEAR_ALPHABET = "2019年今明的将达营收净利每股成长预计以来至今迄~–- ，。3"
NUMERAL_ALPHABET = "一二两三四五六七八九十百千万亿成员本元美港辆台19.超逾近约 ，"


# the year patterns as plainly written: the lookbehind before the year's first digit
PLAIN_ANY_YEAR = re.compile(
    r"(?<![\d~–-])(?<![^截]至)((?:19|20)\d{2})\s?"
    r"(?:年(?!\s?同期|\s?[至~–-]\s?\d)|[-–至]\s?(?:19|20)\d{2}\s?年)"
)
PLAIN_YEAR_WORD = re.compile(r"(?<!\d)((?:19|20)\d{2})\s?年(?!\s?同期)")
PLAIN_YEAR_ALONE = re.compile(
    r"(?:(?<!\d)(?P<y>(?:19|20)\d{2})\s?年|(?P<r>今年|明年)(?!\s?(?:以来|至今|迄今)))(?:的)?"
    + periods._YEAR_ALONE.pattern.split("(?:的)?", 1)[1]
)


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet=YEAR_ALPHABET, max_size=14))
@example("2026年成长至15.85元")
@example("今年以来")
@example("截至2024年至2025年")
@example("至2024年")
@example("12024年将达")
def test_year_patterns_find_what_the_plain_ones_find(text):
    for pattern, plain in (
        (article_year._ANY_YEAR, PLAIN_ANY_YEAR),
        (article_year._YEAR_WORD, PLAIN_YEAR_WORD),
    ):
        assert found(pattern, text) == found(plain, text)
    # a year alone: the same spans, and the same year or relative word read from each
    alone = [(m.span(), periods._year_alone(m.group())) for m in periods._YEAR_ALONE.finditer(text)]
    plain = [
        (m.span(), (m.group("r") or "", int(m.group("y")) if m.group("y") else None))
        for m in PLAIN_YEAR_ALONE.finditer(text)
    ]
    assert alone == plain


def test_year_patterns_open_with_a_character_the_engine_skips_to():
    for pattern in (article_year._ANY_YEAR, article_year._YEAR_WORD, periods._YEAR_ALONE):
        assert _opens_with_characters(pattern)


def _opens_with_characters(pattern: re.Pattern[str]) -> bool:
    """Whether the regex engine can skip to the characters a match starts with (its own
    prefix scan): a pattern opening with a lookaround or a class in an alternative cannot."""
    from re import _compiler, _parser

    parsed = _parser.parse(pattern.pattern, pattern.flags)
    prefix, _, _ = _compiler._get_literal_prefix(parsed, pattern.flags)
    return bool(prefix or _compiler._get_charset_prefix(parsed, pattern.flags))


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet=NUMERAL_ALPHABET, max_size=12))
@example("四成")
@example("超千亿元")
@example("9成员")
def test_chinese_magnitudes_are_the_same_with_their_lookahead_and_hold_their_words(text):
    unguarded = without_lookahead(quantities._CHINESE, quantities._CHINESE_FIRST)
    assert found(quantities._CHINESE, text) == found(unguarded, text)
    # find_quantities reads them only where 成 or a round magnitude stands
    for m in quantities._CHINESE.finditer(text):
        assert "成" in m.group() or any(w in m.group() for w in quantities._ROUND_MAGNITUDES)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="0123456789.及和与、 %个百分点倍pct", max_size=14))
@example("5.4及3.9个百分点")
def test_figures_sharing_a_unit_hold_a_joining_word(text):
    for m in quantities._SHARED_UNIT_FIRST.finditer(text):
        assert any(word in m.group() for word in "及和与")


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="0１２９.．%％,，﹒亿元 营收", max_size=12))
@example("营收1，234亿元")  # 1234亿, not 1 and 234亿
@example("增长１１．４％")
def test_full_width_figures_read_as_their_half_width_forms(text):
    folded = text.translate(quantities._FOLD)
    assert quantities.find_quantities(text) == quantities.find_quantities(folded)


def _plain_hedge(sentence: str, start: int, end: int) -> tuple[str, int]:
    """Every hedge word tried in turn, ceilings first."""
    probe = start
    while probe > 0 and sentence[probe - 1] in " 了":
        probe -= 1
    for word, meaning in (*quantities._CEILINGS, *quantities.HEDGES):
        if sentence.endswith(word, 0, probe):
            return meaning, probe - len(word)
    for word, meaning in quantities.TRAILING_HEDGES.items():
        if sentence[end : end + 2].startswith(word) and word != "多":
            return meaning, start
    return "", start


HEDGE_WORDS = [w for w, _ in (*quantities._CEILINGS, *quantities.HEDGES)]


@settings(max_examples=600, deadline=None)
@given(
    before=st.lists(st.sampled_from([*HEDGE_WORDS, "了", " ", "营收", "不", "高"]), max_size=3),
    after=st.lists(
        st.sampled_from(["以上", "左右", "上下", "以下", "多", "以", "元", "。"]), max_size=2
    ),
)
def test_hedges_are_those_every_hedge_word_finds(before, after):
    head = "".join(before)
    sentence = head + "12" + "".join(after)
    start, end = len(head), len(head) + 2
    assert quantities._hedge(sentence, start, end) == _plain_hedge(sentence, start, end)


def test_unit_words_read_from_the_table_as_worked_out():
    assert quantities._UNITS  # every unit word the patterns can read is in it
    for word in re.findall(r"[^|()?:]+", quantities._UNIT):
        assert quantities._unit_of(word) == quantities._read_unit(word)
    assert quantities._unit_of("港元") == ("HKD", True, 1)
    assert quantities._unit_of("元") == ("CNY", False, 1)
    assert quantities._unit_of("个基点")[2] == quantities.Decimal("0.01")


def test_a_letter_before_a_number_as_the_pattern_reads_it():
    characters = ["", "V", "o", "±", " ", "3", "\n", "了"]
    for before in {a + b for a in characters for b in characters}:
        plain = re.search(r"[A-Za-z±]$", before) is not None
        assert quantities._after_a_letter(before) == plain, repr(before)


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet="符合优于低于超出一致预期预估财测市场将达料目标增长，。", max_size=14))
@example("营收符合市场预期，公司预计明年增长")
@example("一致预期")
def test_forward_cues_skip_only_texts_without_expectations(text):
    plain = FORWARD_CUE.search(EXPECTATION_MET.sub(blank, text))
    found = forward_cue(text)
    assert (found and found.span()) == (plain and plain.span())


def test_the_clause_holding_a_position():
    context = SentenceContext(
        "营收增长，净利下降；毛利率为40%", 0, 0, [], [], [], None, None, [0, 5, 10], 17, []
    )
    assert [context.clause_start(p) for p in (0, 4, 5, 9, 10, 16)] == [0, 0, 5, 5, 10, 10]


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet="按月季年增减长营益率台股今昨（(1)）日 ，", max_size=12))
@example("按年增长5%，季增3%")
def test_taiwan_words_as_the_plain_pattern_reads_them(text):
    plain = re.compile(
        r"营益率|财测|法说会|每股盈余|每股纯益|税后纯益|营业利益|台股|新台币|殖利率|现金股利每股"
        r"|评等|外资|投信|三大法人|现金股利|〔记者|[今昨明]\s?[（(]\d{1,2}[)）]\s?日"
        r"|(?<!按)(?:月增|季增|年增|月减|季减|年减)"
    )
    assert found(units._TAIWAN, text) == found(plain, text)
    assert _opens_with_characters(units._TAIWAN)


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet="按年季溢利港仙5派息 ，", max_size=12))
@example("派息5仙，港仙")
def test_hong_kong_words_counted_as_the_plain_pattern_counts_them(text):
    plain = re.compile(r"按年|按季|溢利|股东应占|派息|末期息|中期息|港仙|\d仙")
    assert len(units._HONG_KONG.findall(text)) == len(plain.findall(text))
    assert _opens_with_characters(units._HONG_KONG)


def test_declared_currencies_are_read():
    assert units.article_currency("营收4.71亿元(美元,下同)，净利1亿元") == "USD"
    assert units.article_currency("人民币(以下同)158.73亿元") == "CNY"
    assert units.article_currency("营收4.71亿元(美元)，按年增长，溢利1亿港元，派息") == "HKD"


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet="国信招商中金证券国际 ，。a1", max_size=16))
@example("国信证券与招商证券国际")
def test_securities_houses_read_near_their_word_as_in_the_whole_text(text):
    near = matches_near(brokers._SECURITIES, text, brokers._SECURITIES_WORD, 4, 4)
    assert [m.span() for m in near] == [m.span() for m in brokers._SECURITIES.finditer(text)]


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet="0123456789.,亿万千百兆 /、至-~元%", max_size=14))
@example("1,420亿9,700万元")
@example("10至11万辆")
def test_an_amount_read_whole_is_the_one_item_finditer_finds(text):
    for m in quantities._ARABIC.finditer(text):
        items_text = m.group("items")
        whole = quantities._ITEM.match(items_text)
        if whole is not None and whole.end() == len(items_text):
            found = [(i.span(), i.groupdict()) for i in quantities._ITEM.finditer(items_text)]
            assert found == [(whole.span(), whole.groupdict())]


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet="据根来自援引述 \n快手称", max_size=8))
@example("根据 快手")
def test_source_cues_as_the_plain_search_reads_them(before):
    finder = CompanyFinder(Glossary([Term("快手", "Kuaishou", "company")]))
    sentence = before + "快手"
    (mention, *_) = [m for m in finder.mentions(sentence, {}) if m.start == len(before)]
    start = len(before)
    window_start = max(0, start - companies._CUE_REACH)
    plain = companies._SOURCE_CUE.search(sentence, window_start, start) is not None
    assert mention.source_cue == plain


@settings(max_examples=600, deadline=None)
@given(
    st.text(alphabet="港股上市公司A中概三大电信运营商全行业整体标的企目被收购方Hy ，", max_size=14)
)
@example("港股上市公司与三大电信运营商")
@example("标的公司Hydrotec及被收购方")
def test_group_and_target_names_start_with_the_words_they_are_looked_for_by(text):
    # CompanyFinder.mentions scans for them only where one of these words stands
    for m in companies._COLLECTIVE.finditer(text):
        assert m.group().startswith(companies._COLLECTIVE_HEADS)
    for m in companies._TARGET.finditer(text):
        assert m.group().startswith(companies._TARGET_HEADS)


SPAN_FINDER = CompanyFinder(
    Glossary(
        [
            Term("快手", "Kuaishou", "company"),
            Term("快手科技", "Kuaishou Technology", "company"),
            Term("可灵", "Kling", "product"),
            Term("Kwai", "Kwai", "product"),
        ]
    )
)
SPAN_PIECES = [
    "快手", "快手科技", "可灵", "Kwai", "星河电子", "三大运营商", "标的公司", "Hydro", " ", "\n",
    "据", "根据", "。", "；", "，", "营收", "p", "”",
]  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(pieces=st.lists(st.sampled_from(SPAN_PIECES), max_size=14), data=st.data())
@example(pieces=["据", "\n", "星河电子", "。"], data=None)
@example(pieces=["标的公司", "Hydro", "\n", "Hydro", "营收"], data=None)
def test_a_sentences_companies_read_from_the_whole_text_are_those_it_names_alone(pieces, data):
    from summarizer.glossary import TextMatches
    from summarizer.text.segment import split_sentences

    text = "".join(pieces)
    names = {"星河电子": "Xinghe Electronics"}
    matches = TextMatches(SPAN_FINDER.glossary, text)
    in_text = SPAN_FINDER.mentions(text, names, matches.matches)
    spans = [(s.start, s.end) for s in split_sentences(text)]
    if data is not None:
        edge = st.integers(0, len(text))
        spans.append(tuple(sorted((data.draw(edge), data.draw(edge)))))
    for start, end in spans:
        found = companies.mentions_within(in_text, text, matches, start, end)
        if found is not None:
            alone = SPAN_FINDER.mentions(text[start:end], names, matches.within(start, end))
            assert found == alone
