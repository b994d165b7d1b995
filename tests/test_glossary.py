import pytest
from conftest import SEED_RECORDS
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.glossary import (
    Glossary,
    GlossaryError,
    Term,
    TextMatches,
    load_glossary_file,
    parse_glossary,
)
from summarizer.text.script import to_simplified

FULL = "zh\ten\tkind\taliases\tnote\n快手\tKuaishou\tcompany\t\t\n快手科技\tKuaishou Technology\tcompany\t\t\n可灵AI\tKling AI\tproduct\t可靈AI\t\n可灵\tKling\tproduct\t\t\n程一笑\tCheng Yixiao\tperson\t\tCEO\nKwai\tKwai\tproduct\t\t\n"


def test_full_tsv_entries_and_roles():
    glossary = parse_glossary(FULL, "g.tsv")
    assert len(glossary) == 6
    person = glossary.lookup("程一笑")
    assert (person.en, person.kind, person.note, person.origin) == (
        "Cheng Yixiao",
        "person",
        "CEO",
        "g.tsv:6",
    )


def test_matching_is_longest_first_non_overlapping_with_spans():
    glossary = parse_glossary(FULL)
    text = "快手科技旗下快手的可灵AI和可灵模型"
    found = [(m.start, m.end, m.surface, m.term.en) for m in glossary.match(text)]
    assert found == [
        (0, 4, "快手科技", "Kuaishou Technology"),
        (6, 8, "快手", "Kuaishou"),
        (9, 13, "可灵AI", "Kling AI"),
        (14, 16, "可灵", "Kling"),
    ]


def test_traditional_text_matches_after_conversion_and_traditional_entries_are_normalised():
    glossary = parse_glossary("zh\ten\tkind\taliases\tnote\n瑞銀集團\tUBS\tcompany\t瑞銀\t\n")
    assert glossary.lookup("瑞银集团").en == "UBS"
    assert [m.term.en for m in glossary.match(to_simplified("瑞銀集團與瑞銀"))] == ["UBS", "UBS"]


def test_latin_terms_do_not_match_inside_longer_words():
    glossary = parse_glossary(FULL)
    assert [m.surface for m in glossary.match("Kwaipilot与Kwai以及KwaiYii")] == ["Kwai"]


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        ("快手\tKuaishou\n程一笑\tCheng Yixiao\n", "two-column TSV"),
        ("快手,Kuaishou\n程一笑,Cheng Yixiao\n", "CSV"),
        ("zh-CN,en-US\n快手,Kuaishou\n程一笑,Cheng Yixiao\n", "CSV with language header"),
    ],
)
def test_cloud_style_glossaries_are_accepted(content, kind):
    glossary = parse_glossary(content)
    assert [t.en for t in glossary.terms] == ["Kuaishou", "Cheng Yixiao"], kind


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "zh\ten\tkind\taliases\tnote\n快手\tKuaishou\tcompany\t\t\n程一笑\t\tperson\t\t\n",
            "g.tsv:3: empty English form for '程一笑'",
        ),
        (
            "zh\ten\tkind\taliases\tnote\n快手\tKuaishou\tbrand\t\t\n",
            "g.tsv:2: unknown kind 'brand'",
        ),
        (
            "zh\ten\tkind\tcolour\n快手\tKuaishou\tcompany\tred\n",
            "g.tsv:1: unknown column(s) ['colour']",
        ),
        ("快手\tKuaishou\n程一笑\tCheng Yixiao\textra\n", "g.tsv:2: 3 columns, expected at most 2"),
        ("快手\n", "g.tsv:1: needs a Chinese term and its English form"),
        ("\n\n", "g.tsv:1: no entries"),
    ],
)
def test_malformed_glossary_names_the_line(content, message):
    with pytest.raises(GlossaryError) as info:
        parse_glossary(content, "g.tsv")
    assert str(info.value).startswith(message)


def test_merging_lets_the_users_file_override_and_reports_the_conflict():
    bundled = parse_glossary(FULL, "bundled.tsv")
    user = parse_glossary("快手\tKwai China\n", "mine.tsv")
    merged = bundled.merged_with(user)
    assert merged.lookup("快手").en == "Kwai China"
    assert merged.lookup("程一笑").en == "Cheng Yixiao"
    assert merged.conflicts == [
        "快手: 'Kuaishou' (bundled.tsv:2) overridden by 'Kwai China' (mine.tsv:1)"
    ]


def test_conflicting_entries_inside_one_file_are_reported():
    glossary = parse_glossary("快手\tKuaishou\n快手\tKwai\n", "g.tsv")
    assert glossary.conflicts == ["快手: 'Kuaishou' (g.tsv:1) and 'Kwai' (g.tsv:2)"]


def test_missing_and_non_utf8_files(tmp_path):
    with pytest.raises(GlossaryError, match="no such glossary file"):
        load_glossary_file(tmp_path / "none.tsv")
    bad = tmp_path / "bad.tsv"
    bad.write_bytes("快手\tKuaishou\n".encode("big5"))
    with pytest.raises(GlossaryError, match="not UTF-8"):
        load_glossary_file(bad)


def test_glossary_names_stay_one_word_for_the_segmenter(glossary):
    words = glossary.segmenter.segment("快手的可灵AI和程一笑")
    assert "快手" in words and "可灵AI" in words and "程一笑" in words


@pytest.mark.parametrize("record", SEED_RECORDS, ids=[r["id"] for r in SEED_RECORDS])
def test_bundled_glossary_covers_the_seed_terms(record, glossary):
    for zh, en in record["terms"].items():
        term = glossary.lookup(zh)
        if term is None and zh.isascii():
            continue  # Latin-script names pass through unchanged
        assert term is not None, zh
        assert term.en == en, (zh, term.en, en)


def test_bundled_people_have_roles(glossary):
    people = [t for t in glossary.terms if t.kind == "person"]
    assert people and all(t.note for t in people)


def test_data_folders_are_found_where_a_wheel_installs_them(tmp_path, monkeypatch):
    import sys

    from summarizer.paths import data_dir

    assert (
        data_dir("glossary").name == "glossary" and data_dir("glossary").is_dir()
    )  # the checkout's
    installed = tmp_path / "share" / "zh-digest" / "extra-data"
    installed.mkdir(parents=True)
    monkeypatch.setattr(sys, "prefix", str(tmp_path))
    assert data_dir("extra-data") == installed


# terms that nest (阿里 in 阿里云), share a first character, or are Latin (Kwai in Kwaipilot)
NESTED = Glossary(
    [
        Term("阿里", "Alibaba", "company"),
        Term("阿里云", "Alibaba Cloud", "company"),
        Term("阿里巴巴", "Alibaba Group", "company"),
        Term("云计算", "cloud computing", "other"),
        Term("Kwai", "Kwai", "product"),
        Term("AI", "AI", "other"),
    ]
)


def same_as_the_span_alone(text: str, start: int, end: int) -> None:
    assert TextMatches(NESTED, text).within(start, end) == NESTED.match(text[start:end])


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("阿里云计算", 2, 5),  # 阿里云 over the edge hides 云计算 from the whole text's scan
        ("阿里云计算", 0, 2),  # the span ends inside 阿里云: only 阿里 is in it
        ("KwaiKwai", 4, 8),  # inside one Latin word for the whole text, a word on its own
        ("pKwai。Kwai", 1, 5),
    ],
)
def test_a_span_cut_through_a_term_or_a_word_matches_as_the_span_alone(text, start, end):
    same_as_the_span_alone(text, start, end)


@settings(max_examples=400, deadline=None)
@given(
    pieces=st.lists(st.sampled_from(["阿里", "云", "巴巴", "计算", "Kwai", "AI", "p", " ", "。"])),
    data=st.data(),
)
def test_a_span_read_from_the_whole_text_matches_as_the_span_alone(pieces, data):
    text = "".join(pieces)
    edge = st.integers(0, len(text))
    same_as_the_span_alone(text, *sorted((data.draw(edge), data.draw(edge))))
