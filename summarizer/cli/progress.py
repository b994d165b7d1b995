"""A progress bar on stderr for batches, drawn only when stderr is a terminal."""

from __future__ import annotations

from typing import TextIO


class Progress:
    def __init__(self, total: int, stream: TextIO, width: int = 30) -> None:
        self.total = total
        self.stream = stream
        self.width = width
        self.count = 0
        self.enabled = total > 1 and hasattr(stream, "isatty") and stream.isatty()

    def step(self, label: str) -> None:
        self.count += 1
        if not self.enabled:
            return
        filled = self.width * self.count // self.total
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\r[{bar}] {self.count}/{self.total} {label[-40:]:<40}")
        self.stream.flush()

    def done(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()
