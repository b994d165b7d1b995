"""Writing a digest out: the format an output file's extension names, written atomically."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from summarizer.digest.build import Digest
from summarizer.digest.html import render_html
from summarizer.digest.markdown import render_markdown

FORMATS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
}


def write_atomic(path: str | Path, content: str) -> None:
    """Write a file so that it appears complete or not at all."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(content)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def render(digest: Digest, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(digest.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "html":
        return render_html(digest)
    return render_markdown(digest)
