"""What the CLI's commands share: the output streams and building the pipeline from options."""

from __future__ import annotations

import argparse
from typing import TextIO

from summarizer.options import options_from_args


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


def pipeline_from_args(args: argparse.Namespace):
    """The pipeline the options name: glossaries, summariser, translator."""
    from summarizer.pipeline import Pipeline

    return Pipeline(options_from_args(args))
