"""What the CLI's commands share: the output streams and building the pipeline from options."""

from __future__ import annotations

import argparse
from typing import TextIO


class Io:
    """Where output and error messages go; tests pass their own streams."""

    def __init__(self, out: TextIO, err: TextIO) -> None:
        self.out = out
        self.err = err
        self.failures = 0

    def fail(self, message: str) -> None:
        self.failures += 1
        print(f"summarizer: {terminal_safe(message)}", file=self.err)


def terminal_safe(text: str) -> str:
    """Control and invisible characters (from file names, say) spelled out as escapes, so a
    name holding ESC sequences or U+202E cannot rewrite the terminal or reverse the line."""
    return "".join(
        ch if ch.isprintable() or ch == " " else ch.encode("unicode_escape").decode("ascii")
        for ch in text
    )


def model_options(args: argparse.Namespace) -> dict:
    return {
        "device": args.device,
        "threads": args.threads,
        "batch_size": args.batch_size,
        "num_beams": args.num_beams,
        "backend": args.backend,
        "compute_type": args.compute_type,
    }


def pipeline_from_args(args: argparse.Namespace):
    """The pipeline the options name: glossaries, summariser, translator."""
    from summarizer.pipeline import Pipeline

    return Pipeline(
        args.glossary,
        include_bundled_glossary=not args.no_bundled_glossary,
        summarizer_model=getattr(args, "summarizer", None),
        translator_model=getattr(args, "translator", None),
        model_options=model_options(args) if hasattr(args, "device") else None,
    )
