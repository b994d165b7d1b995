"""Turning an HTML page into plain text lines, keeping block structure as line breaks."""

from __future__ import annotations

from html.parser import HTMLParser

_BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "title",
}
_SKIPPED_TAGS = {"script", "style", "noscript", "template", "svg"}


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0
        self.skip_opened_at: tuple[tuple[int, int], str] | None = None

    @property
    def unclosed_skip(self) -> bool:
        return self._skip_depth > 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIPPED_TAGS:
            if not self._skip_depth:
                self.skip_opened_at = (self.getpos(), self.get_starttag_text() or "")
            self._skip_depth += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS and self._skip_depth:
            self._skip_depth -= 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self.parts.append(data)


def _collect(markup: str) -> _TextCollector:
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    return collector


def _offset(markup: str, line: int, column: int) -> int:
    """HTMLParser positions are (1-based line, column); the index into ``markup``."""
    start = 0
    for _ in range(line - 1):
        start = markup.index("\n", start) + 1
    return start + column


# A page may leave several scripts unclosed; each retry removes one opening tag.
_MAX_UNCLOSED_RETRIES = 5


def html_to_text_checked(markup: str) -> tuple[str, tuple[str, ...]]:
    """Visible text of an HTML page and warnings about markup that had to be worked around.

    An unclosed <script> or <style> would swallow the rest of the page; its opening tag
    is dropped instead, so the article survives, and the warning says so.
    """
    warnings: list[str] = []
    collector = _collect(markup)
    for _ in range(_MAX_UNCLOSED_RETRIES):
        if not collector.unclosed_skip or collector.skip_opened_at is None:
            break
        (line, column), tag = collector.skip_opened_at
        start = _offset(markup, line, column)
        markup = markup[:start] + markup[start + len(tag) :]
        warnings.append(f"unclosed {tag[:40]} tag ignored; the text after it is kept")
        collector = _collect(markup)
    lines = (line.strip() for line in "".join(collector.parts).splitlines())
    return "\n".join(line for line in lines if line), tuple(warnings)


def html_to_text(markup: str) -> str:
    """Visible text of an HTML page, one block element per line."""
    return html_to_text_checked(markup)[0]
