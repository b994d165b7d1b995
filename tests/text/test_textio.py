import pytest

from summarizer.text.reading import MAX_ARTICLE_BYTES, InputError, decode_bytes, read_article

SAMPLE = "快手公布第三季度业绩，總營收同比增長11.4%至311億元。管理层表示将继续投入研发。"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "big5"])
def test_detects_real_encodings_of_chinese(write_file, encoding):
    text = (
        SAMPLE
        if encoding != "big5"
        else "快手公佈第三季度業績，總營收同比增長11.4%至311億元。管理層表示將繼續投入研發。"
    )
    path = write_file(f"a-{encoding}.txt", text, encoding)
    article = read_article(path)
    assert article.text == text
    assert article.id == f"a-{encoding}"
    assert article.encoding == encoding


def test_explicit_encoding_is_used_strictly(write_file):
    path = write_file("gbk.txt", SAMPLE, "gb18030")
    assert read_article(path, encoding="gb18030").text == SAMPLE
    with pytest.raises(InputError, match="not valid utf-8"):
        read_article(path, encoding="utf-8")


def test_unknown_encoding_name_is_reported(write_file):
    path = write_file("a.txt", SAMPLE)
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        read_article(path, encoding="klingon")


def test_binary_file_is_refused_with_a_clear_message(write_file):
    path = write_file("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(InputError, match="binary file"):
        read_article(path)


def test_undecodable_bytes_are_reported(write_file):
    path = write_file("bad.txt", b"abc\xff\xfe\xff\x80def" * 5)
    with pytest.raises(
        InputError, match="cannot decode as UTF-8, GB18030 or Big5; give the encoding"
    ):
        read_article(path)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_article(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_article(tmp_path)


def test_huge_input_is_refused_before_decoding():
    with pytest.raises(InputError, match="larger than"):
        decode_bytes(b"a" * (MAX_ARTICLE_BYTES + 1))


def test_html_pages_lose_their_markup(write_file):
    page = "<html><head><style>p{}</style><script>var x=1;</script></head><body><p>第一段。</p><p>第二段。</p></body></html>"
    article = read_article(write_file("page.html", page))
    assert article.text == "第一段。\n第二段。"
