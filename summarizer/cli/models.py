"""CLI commands for models: translate, serve, models list / info / pull / convert."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path

from summarizer.cli.common import Io
from summarizer.options import options_from_args
from summarizer.text.reading import InputError, check_unicode, read_article


def cmd_translate(args: argparse.Namespace, io: Io) -> None:
    from summarizer.glossary import load_glossaries
    from summarizer.models.backends import load_translator

    if args.input == "-" or _is_file(args.input):
        text = read_article(args.input, args.encoding).text
    else:
        text = args.input
    if not text.strip():
        raise InputError("empty text")
    check_unicode(text, "text")
    options = options_from_args(args)
    glossary = load_glossaries(options.glossary, options.bundled_glossary)
    translator = load_translator(
        args.model, glossary, constrained=not args.no_constraints, **options.translator_kwargs()
    )
    result = translator.translate([text])[0]
    from summarizer.figures.check import check_figures
    from summarizer.figures.facts import extract_facts
    from summarizer.text.script import to_simplified

    source = to_simplified(text)
    result.warnings.extend(
        check_figures(result.text, source, extract_facts(source, glossary)).warnings()
    )
    if args.format == "json":
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2), file=io.out)
    else:
        print(result.text, file=io.out)
        for warning in result.warnings:
            print(f"summarizer: warning: {warning}", file=io.err)


def _is_file(text: str) -> bool:
    """Whether the argument names a file; a paragraph is too long to be a file name at all."""
    try:
        return Path(text).is_file()
    except (OSError, ValueError):  # name too long, NUL byte
        return False


def add_convert_parser(model_commands: argparse._SubParsersAction) -> None:
    from summarizer.models.convert import DEFAULT_QUANTIZATION, QUANTIZATIONS

    convert = model_commands.add_parser(
        "convert", help="convert a model for CTranslate2 (tokenizer and metadata included)"
    )
    convert.add_argument("name", metavar="NAME|PATH")
    convert.add_argument("--to", choices=("ct2",), default="ct2", help="target format")
    convert.add_argument(
        "--quantization",
        choices=QUANTIZATIONS,
        default=DEFAULT_QUANTIZATION,
        help=f"weights type on disk (default {DEFAULT_QUANTIZATION})",
    )
    convert.add_argument(
        "--out", metavar="DIR", help="output folder (default: beside the model in the store)"
    )


def add_serve_parser(
    commands: argparse._SubParsersAction, positive_int: Callable[[str], int]
) -> argparse.ArgumentParser:
    """The options of `summarizer serve`; each overrides its SUMMARIZER_* environment variable."""
    serve = commands.add_parser("serve", help="HTTP API and web page (FastAPI)")
    serve.add_argument(
        "--host", help="address to listen on (default 127.0.0.1; env SUMMARIZER_HOST)"
    )
    serve.add_argument("--port", type=positive_int, help="port (default 8000)")
    serve.add_argument("--api-key", help="require this key in X-API-Key on /v1 routes")
    serve.add_argument(
        "--max-text-chars", type=positive_int, help="largest text per request (default 100000)"
    )
    serve.add_argument(
        "--max-articles", type=positive_int, help="most articles per digest request (default 50)"
    )
    serve.add_argument(
        "--concurrency", type=positive_int, help="requests doing model work at once (default 2)"
    )
    serve.add_argument(
        "--queue-size", type=int, help="requests allowed to wait; beyond: 429 (default 8)"
    )
    serve.add_argument(
        "--cors-origin", action="append", dest="cors_origins", help="allow this origin (repeatable)"
    )
    serve.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="worker processes, each loading the models once (default 1)",
    )
    serve.add_argument(
        "--request-timeout",
        type=float,
        dest="request_timeout_s",
        metavar="SECONDS",
        help="seconds a request may take before 503 and cancellation (default 60)",
    )
    serve.add_argument(
        "--client-timeout",
        type=float,
        dest="client_timeout_s",
        metavar="SECONDS",
        help="seconds to wait for each part of a request body before 408 (default 15)",
    )
    return serve


def cmd_serve(args: argparse.Namespace, io: Io) -> None:
    from summarizer.service.server import run_server
    from summarizer.service.settings import Settings, settings_error

    overrides = {k: getattr(args, k) for k in Settings.model_fields if hasattr(args, k)}
    try:
        settings = Settings.from_env(**overrides)
    except ValueError as exc:  # pydantic's ValidationError: a port out of range, a negative size
        raise InputError(settings_error(exc)) from None
    run_server(settings, io.err)


def cmd_models(args: argparse.Namespace, io: Io) -> None:
    from summarizer.models import registry as models

    if args.models_command == "list":
        for preset in models.presets().values():
            state = "installed" if models.installed(preset) else "not installed"
            print(
                f"{preset.name:<26}{preset.task:<15}{preset.size:>8}  {state:<14}{preset.hub_id}",
                file=io.out,
            )
        print(f"store: {models.store_dir()}", file=io.out)
    elif args.models_command == "info":
        preset = models.presets().get(args.name)
        if preset is None:
            resolved = models.resolve_model(args.name)
            print(
                json.dumps({"name": args.name, "path": str(resolved.path)}, indent=2), file=io.out
            )
            return
        data = preset.to_dict() | {
            "installed": models.installed(preset),
            "path": str(models.preset_path(preset)),
        }
        print(json.dumps(data, ensure_ascii=False, indent=2), file=io.out)
    elif args.models_command == "convert":
        from summarizer.models.convert import convert_model, folder_size

        path = convert_model(args.name, args.out, args.quantization)
        size = folder_size(path) / 1e6
        print(f"converted {args.name} to {path} ({args.quantization}, {size:.1f} MB)", file=io.out)
    else:
        path = models.pull(args.name)
        print(f"installed {args.name} in {path}", file=io.out)
