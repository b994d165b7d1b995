"""The written-out syllable list is pypinyin's: every toneless reading of a single character."""

from pypinyin.pinyin_dict import pinyin_dict

from summarizer.text.pinyin_notes import pinyin_syllables, remove_pinyin_annotations, strip_tones
from summarizer.text.pinyin_table import SYLLABLES


def test_the_syllable_list_is_every_toneless_reading_pypinyin_gives_a_character():
    readings = {
        strip_tones(reading) for value in pinyin_dict.values() for reading in value.split(",")
    }
    assert readings == SYLLABLES


def test_syllables_are_known_with_u_umlaut_spelt_three_ways():
    syllables = pinyin_syllables()
    assert {"lüe", "lve", "lue", "nü", "nv", "nu", "zhuang", "er"} <= syllables
    assert "kuai" in syllables and "kuaii" not in syllables and "ai" in syllables


def test_an_annotation_with_tone_marks_goes_and_an_abbreviation_stays():
    text, removed = remove_pinyin_annotations("快(kuài)手(shǒu)发(fā)布了新模型(AI)。")
    assert text == "快手发布了新模型(AI)。"
    assert removed == ["(kuài)", "(shǒu)", "(fā)"]
