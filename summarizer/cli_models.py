"""CLI commands for models: translate, serve, models list / info / pull."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from summarizer.cli_common import Io, model_options
from summarizer.textio import InputError, read_article


def cmd_translate(args: argparse.Namespace, io: Io) -> None:
    from summarizer.constrained import GlossaryTranslator
    from summarizer.glossary import load_glossaries
    from summarizer.seq2seq import Seq2SeqTranslator

    if args.input == "-" or Path(args.input).is_file():
        text = read_article(args.input, args.encoding).text
    else:
        text = args.input
    if not text.strip():
        raise InputError("empty text")
    glossary = load_glossaries(tuple(args.glossary), not args.no_bundled_glossary)
    translator = GlossaryTranslator(
        Seq2SeqTranslator(args.model, **model_options(args)),
        glossary,
        constrained=not args.no_constraints,
    )
    result = translator.translate([text])[0]
    from summarizer.facts import extract_facts
    from summarizer.figurecheck import check_figures
    from summarizer.script import to_simplified

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


def cmd_serve(args: argparse.Namespace, io: Io) -> None:
    import uvicorn

    from summarizer.api import create_app
    from summarizer.api_settings import Settings

    overrides = {k: getattr(args, k) for k in Settings.model_fields if hasattr(args, k)}
    settings = Settings.from_env(**overrides)
    app = create_app(settings)
    print(f"serving on http://{settings.host}:{settings.port} (docs at /docs)", file=io.err)
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="info")


def cmd_models(args: argparse.Namespace, io: Io) -> None:
    from summarizer import models

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
            "path": str(models.store_path(preset.hub_id)),
        }
        print(json.dumps(data, ensure_ascii=False, indent=2), file=io.out)
    else:
        path = models.pull(args.name)
        print(f"installed {args.name} in {path}", file=io.out)
