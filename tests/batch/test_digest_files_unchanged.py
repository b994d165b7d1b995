"""The digest files of the whole corpus are byte for byte the ones recorded.

``summarizer digest`` reads each file, runs the pipeline, keeps or spools each entry
and renders Markdown, JSON and HTML; the Markdown and JSON hashes in digest_files.json
were recorded before the digest stopped spooling the entries it keeps and reading got
faster, so any change to what those steps write shows here. See digest_files.py for how
to record them again after an intended change.
"""

import json
from pathlib import Path

import pytest
from digest_files import FORMATS, digest_file_hashes

RECORDED = Path(__file__).with_name("digest_files.json")


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    return digest_file_hashes(tmp_path_factory.mktemp("digest"))


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_digest_file_is_the_one_recorded(written, fmt):
    assert written[fmt] == json.loads(RECORDED.read_text(encoding="utf-8"))[fmt]


@pytest.mark.slow
def test_the_same_input_gives_the_same_files(written, tmp_path):
    # charts in the HTML once carried the time they were drawn and random element ids
    assert digest_file_hashes(tmp_path) == written
