"""Writing a benchmark or evaluation report: printed as Markdown, saved as JSON with the Markdown beside it."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def publish(report: dict, markdown: str, out: str | None) -> None:
    sys.stdout.write(markdown)
    if out:
        path = Path(out)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        path.with_suffix(".md").write_text(markdown, encoding="utf-8")
