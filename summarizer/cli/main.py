"""Command-line interface: a thin shell over the pipeline, testable through ``main(argv)``."""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import TextIO

from summarizer.batch.local import add_jobs_option, jobs_from_args, process_files
from summarizer.batch.rows import MissingExtra
from summarizer.batch.run import add_batch_options
from summarizer.cli.common import Io, pipeline_from_args, terminal_safe
from summarizer.cli.evaluate import cmd_eval
from summarizer.cli.interrupts import (
    EXIT_INTERRUPTED,
    EXIT_TERMINATED,
    Terminated,
    sigterm_as_exception,
)
from summarizer.cli.models import (
    add_convert_parser,
    add_serve_parser,
    cmd_models,
    cmd_serve,
    cmd_translate,
)
from summarizer.glossary import GlossaryError, load_glossary_file
from summarizer.models.registry import ModelNotFoundError
from summarizer.options import (
    GLOSSARY_FIELDS,
    MODEL_FIELDS,
    SUMMARY_FIELDS,
    OptionsError,
    add_option_flags,
    options_from_args,
)
from summarizer.text.reading import Article, InputError, read_article

FORMATS = ("text", "json", "jsonl")
MODEL_CHOICE = ("summarizer", "translator")
ALL_OPTIONS = GLOSSARY_FIELDS + MODEL_CHOICE + MODEL_FIELDS + SUMMARY_FIELDS


def _positive_int(value: str) -> int:
    number = int(value)
    if number <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive integer, got {value}")
    return number


def _add_input_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files", nargs="+", metavar="FILE", help="article files (.txt, .html); - reads stdin"
    )
    parser.add_argument("--encoding", help="input encoding (default: detect UTF-8, GB18030, Big5)")
    parser.add_argument(
        "--format", choices=FORMATS, default="text", help="output format (default: text)"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="summarizer",
        description="Clean, summarise, translate and digest Chinese tech and finance news.",
    )
    parser.add_argument(
        "-v",
        "--verbose",
        action="count",
        default=0,
        help="log progress to stderr (-v: steps and timings, -vv: every article)",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    normalize = commands.add_parser(
        "normalize", help="clean text: Simplified script, web noise removed"
    )
    _add_input_options(normalize)
    add_option_flags(normalize, GLOSSARY_FIELDS)
    add_jobs_option(normalize)

    summarize = commands.add_parser("summarize", help="Chinese summary of each article")
    _add_input_options(summarize)
    add_option_flags(summarize, ALL_OPTIONS)
    add_jobs_option(summarize)

    translate = commands.add_parser(
        "translate", help="glossary-constrained Chinese → English translation"
    )
    translate.add_argument(
        "input", nargs="?", default="-", metavar="TEXT|FILE|-", help="text, a file, or - for stdin"
    )
    translate.add_argument("--model", required=True, metavar="NAME|PATH", help="translation model")
    translate.add_argument("--format", choices=("text", "json"), default="text")
    translate.add_argument("--encoding", help="input file encoding (default: detect)")
    translate.add_argument(
        "--no-constraints", action="store_true", help="plain model output, glossary only checked"
    )
    add_option_flags(translate, GLOSSARY_FIELDS + MODEL_FIELDS)

    serve = add_serve_parser(commands, _positive_int)
    add_option_flags(serve, ALL_OPTIONS)

    models = commands.add_parser("models", help="list, describe and download models")
    model_commands = models.add_subparsers(dest="models_command", required=True)
    model_commands.add_parser("list", help="presets and whether each is installed")
    info = model_commands.add_parser("info", help="one model's preset and location")
    info.add_argument("name")
    pull = model_commands.add_parser("pull", help="download a model into the local store")
    pull.add_argument("name")
    add_convert_parser(model_commands)

    facts = commands.add_parser("facts", help="key figures of each article, rendered in English")
    _add_input_options(facts)
    add_option_flags(facts, GLOSSARY_FIELDS)
    add_jobs_option(facts)

    digest = commands.add_parser("digest", help="English investor digest of a batch of articles")
    digest.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="article files, folders or globs (.txt, .html); JSONL or Parquet records",
    )
    digest.add_argument(
        "--out",
        action="append",
        default=[],
        metavar="FILE",
        help="output file by extension: the digest as .md, .html or .json; one row per article "
        "as .jsonl or .parquet (repeatable; default: Markdown on stdout)",
    )
    digest.add_argument("--encoding", help="input encoding (default: detect)")
    add_option_flags(digest, ALL_OPTIONS)
    add_jobs_option(digest)
    add_batch_options(digest)

    glossary = commands.add_parser("glossary", help="check glossary files or suggest new entries")
    glossary_commands = glossary.add_subparsers(dest="glossary_command", required=True)
    check = glossary_commands.add_parser("check", help="validate glossary files")
    check.add_argument("files", nargs="+", metavar="FILE")
    suggest = glossary_commands.add_parser(
        "suggest", help="names in articles that the glossary lacks, as TSV"
    )
    suggest.add_argument("files", nargs="+", metavar="FILE")
    suggest.add_argument("--encoding")
    suggest.add_argument(
        "--min-count", type=_positive_int, default=1, help="only names seen this often"
    )
    add_option_flags(suggest, GLOSSARY_FIELDS)

    evaluate = commands.add_parser("eval", help="score summaries with sacrebleu against references")
    evaluate.add_argument(
        "set",
        metavar="SET.jsonl",
        help="an evaluation set; or the word 'facts' then a gold set to score key figures alone",
    )
    evaluate.add_argument("gold", nargs="?", metavar="GOLD.jsonl", help=argparse.SUPPRESS)
    evaluate.add_argument("--format", choices=("text", "json"), default="text")
    evaluate.add_argument(
        "--max-chars",
        type=_positive_int,
        default=None,
        help="fixed summary budget (default: each reference's own length)",
    )
    evaluate.add_argument("--out", metavar="PATH", help="also write the JSON results to this file")
    evaluate.add_argument("--limit", type=_positive_int, help="score only the first N records")
    evaluate.add_argument(
        "--show-misses",
        dest="verbose_misses",
        action="store_true",
        help="with 'eval facts': list the gold figures missed and the labels that disagree",
    )
    add_option_flags(evaluate, GLOSSARY_FIELDS + MODEL_CHOICE + MODEL_FIELDS)
    return parser


def _read_all(files: Sequence[str], encoding: str | None, io: Io) -> Iterable[Article]:
    """Articles in order; a file that cannot be read is reported and skipped."""
    for name in files:
        try:
            yield read_article(name, encoding)
        except InputError as exc:
            io.fail(str(exc))
        except OSError as exc:
            io.fail(f"{name}: {exc.strerror or exc}")


def _emit(records: Iterable[dict], fmt: str, io: Io, as_text: Callable[[dict], str]) -> None:
    """Write records as one JSON array, JSON lines, or text blocks, streaming as they come."""
    if fmt == "jsonl":
        for record in records:
            # one write per line, so an interrupt never leaves half a line
            io.out.write(json.dumps(record, ensure_ascii=False) + "\n")
            io.out.flush()
        return
    if fmt == "json":
        io.out.write("[")
        try:
            for i, record in enumerate(records):
                io.out.write(("," if i else "") + "\n  " + json.dumps(record, ensure_ascii=False))
        finally:
            io.out.write("\n]\n")  # the array closes even when interrupted: valid JSON
        return
    records = list(records)
    for i, record in enumerate(records):
        if len(records) > 1:
            print(f"{'' if i == 0 else chr(10)}== {terminal_safe(record['id'])} ==", file=io.out)
        print(as_text(record), file=io.out)


def _run_articles(
    args: argparse.Namespace, io: Io, work: Callable, as_text: Callable[[dict], str]
) -> None:
    """Records of every input, in input order; ``work`` (picklable) runs in ``--jobs`` processes."""

    def records() -> Iterable[dict]:
        outcomes = process_files(
            args.files, work, options_from_args(args), jobs_from_args(args), args.encoding
        )
        for outcome in outcomes:
            if outcome.error is not None:
                io.fail(outcome.error)
            else:
                yield outcome.record

    _emit(records(), args.format, io, as_text)


# The work of each command on one article: module-level so worker processes can run it.


def _normalize_record(pipeline, article: Article) -> dict:
    result = pipeline.normalize(article)
    data = result.to_dict()
    data["text"] = result.normalized.text
    return data


def _summary_record(pipeline, article: Article) -> dict:
    return pipeline.summarize(article).to_dict()


def _facts_record(pipeline, article: Article) -> dict:
    result = pipeline.facts(article)
    return {
        "id": result.id,
        "source": result.source,
        "facts": [f.to_dict() for f in result.facts],
    }


def _cmd_normalize(args: argparse.Namespace, io: Io) -> None:
    _run_articles(args, io, _normalize_record, lambda r: r["text"])


def _cmd_summarize(args: argparse.Namespace, io: Io) -> None:
    _run_articles(args, io, _summary_record, lambda r: r["summary_zh"])


def _facts_text(record: dict) -> str:
    lines = [
        f"{f['subject']}\t{f['metric']}\t{f.get('period') or ''}\t{f['text_en']}\t{f['evidence']['text']}"
        for f in record["facts"]
    ]
    return "\n".join(lines) if lines else "(no key figures)"


def _cmd_facts(args: argparse.Namespace, io: Io) -> None:
    _run_articles(args, io, _facts_record, _facts_text)


def _cmd_digest(args: argparse.Namespace, io: Io) -> None:
    from summarizer.batch.run import cmd_digest

    cmd_digest(args, io)


def _cmd_glossary(args: argparse.Namespace, io: Io) -> None:
    if args.glossary_command == "check":
        for name in args.files:
            try:
                glossary = load_glossary_file(name)
            except GlossaryError as exc:
                io.fail(str(exc))
                continue
            kinds: dict[str, int] = {}
            for term in glossary.terms:
                kinds[term.kind] = kinds.get(term.kind, 0) + 1
            summary = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
            print(f"{name}: {len(glossary)} entries ({summary})", file=io.out)
            for conflict in glossary.conflicts:
                io.fail(f"{name}: conflicting entries: {conflict}")
        return
    from summarizer.suggest import suggest_terms, suggestions_tsv
    from summarizer.text.normalize import normalize

    pipeline = pipeline_from_args(args)
    texts = [
        normalize(a.text, pipeline.glossary.forms()).text
        for a in _read_all(args.files, args.encoding, io)
    ]
    io.out.write(suggestions_tsv(suggest_terms(texts, pipeline.glossary, args.min_count)))


_COMMANDS = {
    "normalize": _cmd_normalize,
    "summarize": _cmd_summarize,
    "facts": _cmd_facts,
    "digest": _cmd_digest,
    "translate": cmd_translate,
    "models": cmd_models,
    "serve": cmd_serve,
    "glossary": _cmd_glossary,
    "eval": cmd_eval,
}


def configure_logging(verbosity: int, stream: TextIO) -> None:
    """The package's log on stderr at the asked level; silent below warnings by default."""
    logger = logging.getLogger("summarizer")
    for handler in list(logger.handlers):
        if getattr(handler, "summarizer_cli", False):
            logger.removeHandler(handler)
    # without -v the level is left alone: `serve` sends the package's log to its server log
    logger.setLevel(logging.NOTSET if verbosity == 0 else max(logging.DEBUG, 30 - 10 * verbosity))
    if verbosity:
        handler = logging.StreamHandler(stream)
        handler.summarizer_cli = True  # replaced, not stacked, when main() runs again
        handler.setFormatter(logging.Formatter("summarizer: %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)


def main(
    argv: Sequence[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Run the CLI; returns the exit status (1 when any input failed, 2 for usage errors)."""
    io = Io(stdout or sys.stdout, stderr or sys.stderr)
    parser = build_parser()
    try:
        with contextlib.redirect_stdout(io.out), contextlib.redirect_stderr(io.err):
            args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    configure_logging(args.verbose, io.err)
    try:
        with sigterm_as_exception():
            _COMMANDS[args.command](args, io)
    except MissingExtra as exc:
        io.fail(str(exc))
        return 2
    except (InputError, GlossaryError, ModelNotFoundError, OptionsError) as exc:
        io.fail(str(exc))
        return 1
    except BrokenPipeError:
        return 0
    except Terminated:
        io.err.write("summarizer: terminated; output so far is complete\n")
        return EXIT_TERMINATED
    except KeyboardInterrupt:
        io.err.write("summarizer: interrupted; output so far is complete\n")
        return EXIT_INTERRUPTED
    return 1 if io.failures else 0


if __name__ == "__main__":
    sys.exit(main())
