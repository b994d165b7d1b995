"""One options object: the library, the CLI and the server offer the same options with one default."""

import pytest
from conftest import REPO

from summarizer.cli.main import build_parser
from summarizer.options import OptionsError, PipelineOptions, options_from_args
from summarizer.pipeline import Pipeline
from summarizer.service.settings import Settings


def _parse(*argv: str):
    return build_parser().parse_args(list(argv))


def test_every_pipeline_option_is_a_flag_of_digest_summarize_and_serve_and_a_server_setting():
    for command in ("digest", "summarize", "serve"):
        args = _parse(command, *(["x.txt"] if command != "serve" else []))
        assert set(PipelineOptions.model_fields) <= set(vars(args)), command
    assert set(PipelineOptions.model_fields) <= set(Settings.model_fields)


def test_unset_flags_and_settings_give_the_library_defaults():
    library = PipelineOptions()
    cli = options_from_args(_parse("digest", "x.txt"))
    server = Settings.from_env().pipeline_options()
    assert cli == library == server
    assert library.max_chars == 250 and library.num_beams == 1 and library.batch_size == 16


def test_a_flag_an_environment_variable_and_a_keyword_reach_the_same_option(monkeypatch):
    cli = options_from_args(_parse("digest", "x.txt", "--num-beams", "4", "--glossary", "g.tsv"))
    assert (cli.num_beams, cli.glossary) == (4, ("g.tsv",))
    monkeypatch.setenv("SUMMARIZER_NUM_BEAMS", "4")
    monkeypatch.setenv("SUMMARIZER_GLOSSARY", "g.tsv")
    assert Settings.from_env().pipeline_options() == cli
    assert PipelineOptions(num_beams=4, glossary=["g.tsv"]) == cli


def test_the_redecode_share_is_a_number_in_all_three(monkeypatch, capsys):
    cli = options_from_args(_parse("translate", "x", "--model", "m", "--redecode-share", "0.25"))
    assert cli.redecode_share == 0.25
    monkeypatch.setenv("SUMMARIZER_REDECODE_SHARE", "0.25")
    assert Settings.from_env().pipeline_options().redecode_share == 0.25
    with pytest.raises(OptionsError, match=r"--redecode-share 1.5: .*less than or equal to 1"):
        PipelineOptions.make(redecode_share=1.5)
    with pytest.raises(SystemExit):
        _parse("translate", "x", "--model", "m", "--redecode-share", "half")
    assert "argument --redecode-share: must be a number, got half" in capsys.readouterr().err


def test_a_bad_option_is_one_line_naming_it():
    with pytest.raises(OptionsError, match=r"--num-beams 0: .*greater than or equal to 1"):
        PipelineOptions.make(num_beams=0)
    with pytest.raises(OptionsError, match="--max-chars"):
        Pipeline(max_chars=-5)


def test_the_pipeline_uses_its_options_summary_budget():
    article = (REPO / "samples" / "kuaishou_q3_results.txt").read_text(encoding="utf-8")
    pipeline = Pipeline(max_chars=60)
    assert 0 < len(pipeline(article).summary.text) <= 60
    # a call's own budget wins over the options
    assert len(pipeline(article, max_chars=250).summary.text) > 60
    # a sentence count alone lifts the default character budget
    two = Pipeline(max_sentences=2)(article)
    assert len(two.summary.sentence_indices) == 2
