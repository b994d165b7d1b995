"""Where the project's data folders are: the checkout, or the prefix a wheel installed them into."""

from __future__ import annotations

import sys
from pathlib import Path


def data_dir(name: str) -> Path:
    """A top-level data folder (glossary, models): in the checkout, else where a wheel installed it."""
    checkout = Path(__file__).resolve().parent.parent / name
    installed = Path(sys.prefix) / "share" / "zh-digest" / name
    return checkout if checkout.is_dir() or not installed.is_dir() else installed
