"""Text from HTML and Markdown: a line per heading, paragraph or list item; page chrome dropped."""

from __future__ import annotations

import re
import warnings

from bs4 import (
    BeautifulSoup,
    Comment,
    Declaration,
    Doctype,
    MarkupResemblesLocatorWarning,
    NavigableString,
    ProcessingInstruction,
    Tag,
    XMLParsedAsHTMLWarning,
)
from markdown_it import MarkdownIt

# Page furniture that is never part of the policy itself.
_DROPPED_TAGS = (
    "script", "style", "nav", "header", "footer", "noscript", "template", "svg",
    "iframe", "form", "button", "select", "head", "aside",
)
_BLOCK_TAGS = frozenset(
    """address article blockquote body caption dd details div dl dt fieldset figcaption figure
    h1 h2 h3 h4 h5 h6 hr html li main ol p pre section summary table tbody td tfoot th thead tr
    ul""".split()
)
_BULLET = "• "
_FURNITURE_ROLES = frozenset(
    {"navigation", "banner", "contentinfo", "search", "dialog", "alertdialog"}
)
_FURNITURE_NAMES = re.compile(
    r"cookie[-_]?(?:banner|consent|notice|bar|popup)|consent[-_]?banner|onetrust|skip[-_]?link|"
    r"breadcrumb|survey[-_]?(?:popup|modal|invite)",
    re.IGNORECASE,
)


class _LineWriter:
    """Collects inline text into the current line and starts a new line at each block."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.pending_prefix = ""
        self._parts: list[str] = []

    def text(self, value: str) -> None:
        self._parts.append(value)

    def flush(self) -> None:
        line = " ".join("".join(self._parts).split())
        self._parts = []
        if line:
            self.lines.append(self.pending_prefix + line)
            self.pending_prefix = ""


def _is_page_furniture(tag: Tag) -> bool:
    """Hidden elements, landmark roles for site chrome, and cookie or survey pop-ups."""
    if tag.attrs is None:
        return False
    if tag.has_attr("hidden") or tag.get("aria-hidden") == "true":
        return True
    if "display:none" in str(tag.get("style", "")).replace(" ", "").lower():
        return True
    if str(tag.get("role", "")).lower() in _FURNITURE_ROLES:
        return True
    names = " ".join([str(tag.get("id", "")), *tag.get("class", [])])
    return bool(_FURNITURE_NAMES.search(names))


def _list_prefix(item: Tag) -> str:
    parent = item.parent
    if isinstance(parent, Tag) and parent.name == "ol":
        start = parent.get("start")
        first = int(start) if isinstance(start, str) and start.isdigit() else 1
        position = parent.find_all("li", recursive=False).index(item)
        return f"{first + position}. "
    return _BULLET


def _walk(node: Tag, writer: _LineWriter) -> None:
    for child in node.children:
        if isinstance(child, (Comment, Declaration, Doctype, ProcessingInstruction)):
            continue
        if isinstance(child, NavigableString):
            writer.text(str(child))
        elif isinstance(child, Tag) and child.name == "br":
            writer.flush()
        elif isinstance(child, Tag) and child.name == "tr":
            writer.flush()
            cells = [" ".join(cell.stripped_strings)
                     for cell in child.find_all(("td", "th"), recursive=False)]
            writer.text(" | ".join(cell for cell in cells if cell))
            writer.flush()
        elif isinstance(child, Tag) and child.name == "li":
            writer.flush()
            writer.pending_prefix = _list_prefix(child)
            _walk(child, writer)
            writer.flush()
        elif isinstance(child, Tag) and child.name in _BLOCK_TAGS:
            writer.flush()
            _walk(child, writer)
            writer.flush()
        elif isinstance(child, Tag):
            _walk(child, writer)


def html_to_text(markup: str) -> str:
    """Readable text of an HTML page: headings, paragraphs and list items each on a line."""
    with warnings.catch_warnings():
        # The markup is the file's own content, whatever it looks like (a URL, XHTML).
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(markup, "lxml")
    for tag in soup.find_all(_DROPPED_TAGS):
        tag.decompose()
    for tag in soup.find_all(_is_page_furniture):
        tag.decompose()
    writer = _LineWriter()
    _walk(soup, writer)
    writer.flush()
    return "\n".join(writer.lines)


def markdown_to_text(source: str) -> str:
    """Markdown rendered to HTML (CommonMark, tables on) and read like any HTML page."""
    html = MarkdownIt("commonmark").enable("table").render(source)
    return html_to_text(html)
