from summarizer.digest.english import english_entry, fact_sentence
from summarizer.figures.facts import extract_facts
from summarizer.text.normalize import normalize

ARTICLE = (
    "快手发布第三季度业绩\n"
    "11月20日，快手公布了2024年第三季度业绩。报告期内，快手总营收同比增长11.4%至311亿元。"
    "快手科技创始人兼首席执行官程一笑表示，公司将继续推进AI战略。财务总监张伟明表示，现金流保持健康。"
)


def test_entry_headline_sentences_and_people(glossary):
    facts = extract_facts(ARTICLE, glossary)
    entry = english_entry(ARTICLE, facts, glossary)
    assert entry.headline == "Kuaishou: revenue RMB 31.1 billion, up 11.4% year on year (Q3 2024)"
    assert (
        entry.sentences[0]
        == "Kuaishou's third-quarter 2024 revenue rose 11.4% year on year to RMB 31.1 billion."
    )
    people = {p.en: p for p in entry.people}
    assert people["Cheng Yixiao"].note == "co-founder, chairman and CEO of Kuaishou"
    assert people["Zhang Weiming"].pinyin_fallback
    assert "Zhang Weiming (张伟明, pinyin; not in the glossary)" in entry.text
    assert "Cheng Yixiao (co-founder, chairman and CEO of Kuaishou)" in entry.text


def test_sentences_for_levels_changes_and_balance_sheet_dates(glossary):
    text = "快手发布公告。\n2024年上半年快手线上营销服务收入增长近25%。截至2024年6月30日，快手持有的现金及现金等价物达到人民币777亿元。"
    sentences = [fact_sentence(f) for f in extract_facts(text, glossary)]
    assert sentences == [
        "Kuaishou's first-half 2024 online marketing services revenue grew nearly 25% year on year.",
        "Kuaishou's cash and cash equivalents were RMB 77.7 billion as of June 30, 2024.",
    ]


def test_entry_without_figures_says_so(glossary):
    entry = english_entry("快手今天举办了活动。", [], glossary)
    assert entry.headline == "Kuaishou: no key figures found"


def test_forecasts_read_as_expectations_and_ranges_as_ranges(glossary):
    text = "快手发布公告。\n快手预计第四季度营收将介于350亿至370亿元之间，毛利率预估为54%。"
    entry = english_entry(text, extract_facts(text, glossary, "2025-11-20"), glossary)
    assert entry.sentences[0] == (
        "Kuaishou's fourth-quarter 2025 revenue is expected at RMB 35 billion to RMB 37 billion"
        " and gross margin is expected at 54%."
    )


def test_a_range_of_changes_reads_as_a_range(glossary):
    text = "快手发布公告。\n快手预计第四季度收入同比增长10%至15%，毛利率环比下降1%至2%。"
    entry = english_entry(text, extract_facts(text, glossary, "2025-11-20"), glossary)
    assert entry.sentences[0].startswith(
        "Kuaishou's fourth-quarter 2025 revenue is expected to grow 10% to 15% year on year"
    )


def test_a_range_of_figures_keeps_the_changes_of_both_ends(glossary):
    text = "快手发布公告。\n快手预计第四季度交付量为12万至12.5万辆，同比增长65.1%至72.0%。"
    entry = english_entry(text, extract_facts(text, glossary, "2025-11-20"), glossary)
    assert entry.sentences[0] == (
        "Kuaishou's fourth-quarter 2025 deliveries are expected at 120,000 vehicles to"
        " 125,000 vehicles, up 65.1% to 72% year on year."
    )


def test_the_verb_agrees_with_the_metric_not_with_its_business_line(glossary):
    text = "快手发布公告。\n快手预计第四季度车辆交付量为10万至11万辆。"
    entry = english_entry(text, extract_facts(text, glossary, "2025-11-20"), glossary)
    assert "deliveries are expected at 100,000 vehicles to 110,000 vehicles" in entry.text


def test_a_ceiling_is_never_a_floor(glossary):
    text = "快手发布公告。\n快手宣布启动股份回购计划，资金上限为不超过100亿港元。"
    entry = english_entry(text, extract_facts(text, glossary, "2025-11-20"), glossary)
    assert "up to HKD 10 billion" in entry.text and "more than" not in entry.text


def test_a_figure_without_some_effect_reads_as_its_own_in_english():
    from summarizer.digest.english import english_entry
    from summarizer.figures.facts import extract_facts
    from summarizer.glossary import Glossary, Term
    from summarizer.text.normalize import normalize

    glossary = Glossary([Term("理想汽车", "Li Auto", "company")])
    text = normalize(
        "理想汽车公布第三季度业绩，车辆毛利率为15.5%。若剔除产品召回的影响，车辆毛利率会是19.8%。"
    ).text
    entry = english_entry(text, extract_facts(text, glossary, "2025-11-20"), glossary)
    assert "vehicle margin was 15.5%" in entry.text
    assert "vehicle margin excluding certain items was 19.8%" in entry.text


def test_a_rated_target_price_headline_names_the_rating_and_the_house():
    from summarizer.digest.english import headline
    from summarizer.figures.facts import extract_facts
    from summarizer.glossary import Glossary, Term
    from summarizer.text.normalize import normalize

    glossary = Glossary(
        [
            Term("星河科技", "Xinghe Tech", "company"),
            Term("高盛", "Goldman Sachs", "org", note="investment bank"),
        ]
    )
    text = normalize("高盛将星河科技目标价上调至40元，维持「买入」评级。").text
    facts = extract_facts(text, glossary, "2025-11-20")
    assert headline("Xinghe Tech", facts) == "Xinghe Tech: target price RMB 40 (Buy, Goldman Sachs)"


def test_an_estimate_of_a_year_of_losses_heads_the_entry_not_last_year_s_loss(glossary):
    text = (
        "1月20日晚间，快手发布2025年度业绩预告。公司预计2025年度归属于母公司所有者的净利润为"
        "-32亿元至-26亿元，上年同期亏损58.6亿元；预计扣除非经常性损益后的净利润为-35亿元至-29亿元。"
        "公司表示，报告期内出货量约45GW，同比增长12%。"
    )
    facts = extract_facts(text, glossary, "2026-01-21")
    entry = english_entry(text, facts, glossary)
    assert entry.headline == (
        "Kuaishou: net profit forecast a loss of RMB 2.6 billion to RMB 3.2 billion (FY2025)"
    )
    # last year's loss is stated, after this year's figures, as last year's
    assert entry.sentences[-1] == "Kuaishou's full-year 2024 net loss was RMB 5.86 billion."
    assert "recurring net profit is expected at a loss of RMB 2.9 billion to RMB 3.5 billion" in (
        entry.text
    )


def test_a_hong_kong_net_revenue_is_revenue_and_a_year_ago_profit_follows(glossary):
    text = (
        "快手（01024）公布第三季業績，淨收益按年增長11.3%至114.6億港元。"
        "期內股東應佔溢利為9.8億港元，去年同期為12.4億港元。"
    )
    facts = extract_facts(normalize(text).text, glossary, "2025-11-06")
    entry = english_entry(normalize(text).text, facts, glossary)
    assert entry.headline == (
        "Kuaishou: revenue HKD 11.46 billion, up 11.3% year on year (Q3 2025)"
    )
    assert entry.sentences[-1] == "Kuaishou's third-quarter 2024 net profit was HKD 1.24 billion."


def test_a_listing_s_terms_lead_and_read_as_one_sentence(glossary):
    text = normalize(
        "快手（01024）今日起招股，擬發行3,500萬股H股，招股價介乎18.5至21.2港元，集資最多約7.42億港元。"
        "每手200股，入場費約4,282.75港元。公司2024年收入為35.6億元人民幣，按年增長28.3%。"
    ).text
    entry = english_entry(text, extract_facts(text, glossary, "2025-12-01"), glossary)
    assert entry.headline == "Kuaishou: offer price HKD 18.5 to HKD 21.2"
    assert entry.sentences[0] == (
        "Kuaishou's offer price ranged from HKD 18.5 to HKD 21.2, amount raised was up to"
        " HKD 742 million, offered shares were 35 million and entry fee was about HKD 4,282.75."
    )


def test_a_flat_change_reads_as_flat_not_as_a_rise_of_nothing(glossary):
    text = "快手发布公告。\n快手第三季度收入为52亿元，同比持平；毛利率为35%，环比持平。"
    entry = english_entry(text, extract_facts(text, glossary, "2025-11-20"), glossary)
    assert entry.sentences[0] == (
        "Kuaishou's third-quarter 2025 revenue was RMB 5.2 billion, flat year on year and"
        " gross margin was 35%, flat quarter on quarter."
    )


def test_people_found_by_tagging_only_sentences_that_may_name_one(glossary):
    """People only: sentences where no surname stands next to a cue are not tagged, and the
    same people come out as when every sentence is tagged."""
    from corpus import corpus_articles

    from summarizer.suggest import suggest_terms

    made_up = (
        "财务总监张伟明表示，现金流保持健康。分析师\n李志强认为估值偏低。王明远此前曾任高管。"
        "公司称，陈静负责海外业务。董事长刘德华指出，需求回暖。他表示不会裁员。\n"
        "据称赵敏已离职。首席执行官黄国平透露，新品将于明年上市。孙丽说：销量增长。"
        "现场记者\n周建国在展台前拍照。总经理吴晓东在发布会上亮相。"
    )
    texts = [made_up, ARTICLE] + [text for _, text in corpus_articles()]
    found = 0
    for text in texts:
        every_sentence = [s for s in suggest_terms([text], glossary) if s.kind == "person"]
        people_only = suggest_terms([text], glossary, people_only=True)
        assert people_only == every_sentence
        found += len(people_only)
    assert found >= 6  # names found only after a cue, only before one, and both
