"""strip_frames against its passes run on every sentence.

The byline, line-label and source-frame patterns are searched only in sentences holding
the characters they open with (or a label's bar near the start); on random text made of
those characters the result must be that of running every pass.
"""

import random

from summarizer.text import compress
from summarizer.text.compress import BYLINE, LINE_LABEL, strip_frames, without_asides


def _plain_strip_frames(sentence: str) -> str:
    text = without_asides(LINE_LABEL.sub("", BYLINE.sub("", sentence)).lstrip("，, "))
    if "-" in text or "–" in text or "—" in text:
        text = compress._LIST_DASH.sub("；", text)
    named = compress._NAMED_FRAME.match(text) if "显示" in text else None
    if named:
        return named.group("name") + text[named.end() :]
    for frame in (compress._SOURCE_FRAME, compress._SPEAKER_FRAME):
        stripped = frame.sub("", text, count=1)
        if stripped != text and len(stripped) >= 8:
            return stripped
    return text


_PIECES = [
    *"〔【[（(〕】]）)·•▲■◆-–*|｜，,。 记本路彭中新美据营收增长",
    "记者",
    "本报",
    "报导",
    "报道",
    "电",
    "讯",
    "路透报道，",
    "新华社消息，",
    "根据",
    "据公司公告，",
    "表示，",
    "指出：",
    "金吾财讯 | ",
    "显示，",
]


def test_frames_are_stripped_as_by_every_pass_on_random_text():
    rng = random.Random(7)
    changed = 0
    for _ in range(20000):
        text = "".join(rng.choice(_PIECES) for _ in range(rng.randrange(0, 16)))
        expected = _plain_strip_frames(text)
        assert strip_frames(text) == expected, text
        changed += expected != text
    assert changed > 2000  # the passes did strip something in many of them


def test_a_byline_a_label_and_a_source_frame_go():
    assert strip_frames("〔记者王明／新竹报导〕台积电营收增长30%。") == "台积电营收增长30%。"
    assert strip_frames("金吾财讯 | 小米第三季营收增长22%。") == "小米第三季营收增长22%。"
    assert strip_frames("据公司公告，第三季度营收达到100亿元。") == "第三季度营收达到100亿元。"
