"""Business lines in the English entry: glossed word by word, or left in Chinese when unknown."""

from summarizer.digest.english import english_entry
from summarizer.digest.segments import segment_english
from summarizer.figures.facts import extract_facts
from summarizer.glossary import Glossary, Term
from summarizer.text.normalize import normalize


def test_a_segment_name_made_of_known_words_reads_in_english_order():
    assert segment_english("智能云设施") == "smart cloud infrastructure"
    assert segment_english("运营商网络业务") == "carrier network business"
    assert segment_english("云端ASIC") == "cloud ASIC"


def test_a_segment_name_with_an_unknown_word_is_not_half_translated():
    assert segment_english("萤火虫品牌") is None


def test_the_english_entry_names_the_business_line_in_english():
    glossary = Glossary([Term("百度", "Baidu", "company")])
    text = normalize("百度公布第三季度业绩。期内智能云设施收入增33%至42亿元人民币。").text
    entry = english_entry(text, extract_facts(text, glossary), glossary)
    assert (
        "smart cloud infrastructure revenue rose 33% year on year to RMB 4.2 billion" in entry.text
    )
    assert "智能云设施" not in entry.text


def test_two_lines_reported_as_one_are_joined_in_english():
    assert segment_english("游戏及相关增值服务") == "games and related value-added services"
    assert segment_english("及游戏") is None  # cut at a joining word: not a name


def test_value_added_services_revenue_is_a_business_line_not_users_served():
    glossary = Glossary([Term("网易", "NetEase", "company")])
    text = normalize("网易公布第三季度业绩。游戏及相关增值服务收入同比增长11.8%至233.3亿元。").text
    entry = english_entry(text, extract_facts(text, glossary, "2025-11-20"), glossary)
    assert "games and related value-added services revenue rose 11.8% year on year" in entry.text


def test_each_item_of_a_list_of_business_lines_names_its_own_line():
    glossary = Glossary([Term("华硕", "ASUS", "company")])
    text = normalize("华硕统计，第3季开放平台事业群营收占比45%、系统事业群53%。").text
    found = {(f.segment, f.value) for f in extract_facts(text, glossary, "2025-11-20") if f.segment}
    assert found == {("开放平台事业群", 45), ("系统事业群", 53)}
