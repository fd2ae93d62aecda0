"""Text from HTML and Markdown: a line per heading, paragraph or list item; page chrome dropped.

HTML is read as a stream of parser events (lxml's parser target), never as a tree walked by
recursion: nesting depth costs a list entry, not a Python frame, and every step is linear.
"""

from __future__ import annotations

import re

from lxml import etree
from markdown_it import MarkdownIt

from desktop_app.core.document import TABLE_CELLS
from desktop_app.errors import InputError

# Page furniture that is never part of the policy itself.
_DROPPED_TAGS = frozenset(
    """script style nav header footer noscript template svg iframe form button select head
    aside""".split()
)
_BLOCK_TAGS = frozenset(
    """address article blockquote body caption dd details div dl dt fieldset figcaption figure
    h1 h2 h3 h4 h5 h6 hr html li main ol p pre section summary table tbody td tfoot th thead tr
    ul""".split()
)
_CELL_TAGS = frozenset({"td", "th"})
_BULLET = "• "
_FURNITURE_ROLES = frozenset(
    {"navigation", "banner", "contentinfo", "search", "dialog", "alertdialog"}
)
_FURNITURE_NAMES = re.compile(
    r"cookie[-_]?(?:banner|consent|notice|bar|popup)|consent[-_]?banner|onetrust|skip[-_]?link|"
    r"breadcrumb|survey[-_]?(?:popup|modal|invite)",
    re.IGNORECASE,
)
# Markdown block nesting (a list level counts two: the list and its item). markdown-it stops
# reading, silently, at its limit, so a document that reaches it is refused instead.
MAX_MARKDOWN_NESTING = 100


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


def _is_page_furniture(attrib: dict[str, str]) -> bool:
    """Hidden elements, landmark roles for site chrome, and cookie or survey pop-ups."""
    if "hidden" in attrib or attrib.get("aria-hidden") == "true":
        return True
    if "display:none" in attrib.get("style", "").replace(" ", "").lower():
        return True
    if attrib.get("role", "").lower() in _FURNITURE_ROLES:
        return True
    names = f"{attrib.get('id', '')} {attrib.get('class', '')}"
    return bool(_FURNITURE_NAMES.search(names))


class _Open:
    """An open element: its name and, for an ordered list, how many items it has had."""

    __slots__ = ("name", "next_number")

    def __init__(self, name: str, next_number: int = 1) -> None:
        self.name = name
        self.next_number = next_number


class _TextTarget:
    """lxml parser target: turns start, end and text events into lines.

    Table rows become one line with cells split by ' | '; inside a row only the text of its
    direct cells counts. Dropped and hidden elements are skipped with everything inside them.
    """

    def __init__(self) -> None:
        self.writer = _LineWriter()
        self.stack: list[_Open] = []
        self.skip_depth = 0
        # While a table row is open: the depth of the row, its cells, and the depth of the open
        # cell (0 when between cells).
        self.row_depth = 0
        self.row_cells: list[list[str]] = []
        self.cell_depth = 0
        # Text between two tags arrives in pieces (entities split it); a cell keeps whole runs.
        self.cell_run: list[str] = []

    def _end_cell_run(self) -> None:
        run = "".join(self.cell_run).strip()
        self.cell_run = []
        if run:
            self.row_cells[-1].append(run)

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        name = tag.lower() if isinstance(tag, str) else ""
        parent = self.stack[-1] if self.stack else None
        self.stack.append(_Open(name))
        depth = len(self.stack)
        if self.skip_depth:
            return
        if self.cell_depth:
            self._end_cell_run()
        if name in _DROPPED_TAGS or _is_page_furniture(attrib):
            self.skip_depth = depth
            return
        if self.row_depth:
            if not self.cell_depth and depth == self.row_depth + 1 and name in _CELL_TAGS:
                self.cell_depth = depth
                self.row_cells.append([])
            return
        writer = self.writer
        if name == "br":
            writer.flush()
        elif name == "tr":
            writer.flush()
            self.row_depth = depth
            self.row_cells = []
        elif name == "li":
            writer.flush()
            writer.pending_prefix = _BULLET
            if parent is not None and parent.name == "ol":
                writer.pending_prefix = f"{parent.next_number}. "
                parent.next_number += 1
        elif name == "ol":
            start = attrib.get("start", "")
            self.stack[-1].next_number = int(start) if start.isdigit() else 1
            writer.flush()
        elif name in _BLOCK_TAGS:
            writer.flush()

    def end(self, tag: str) -> None:
        depth = len(self.stack)
        closing = self.stack.pop()
        if self.skip_depth:
            if depth == self.skip_depth:
                self.skip_depth = 0
            return
        if self.row_depth:
            if self.cell_depth:
                self._end_cell_run()
            if depth == self.cell_depth:
                self.cell_depth = 0
            if depth == self.row_depth:
                self.row_depth = 0
                cells = (" ".join(parts) for parts in self.row_cells)
                self.writer.text(TABLE_CELLS.join(cell for cell in cells if cell))
                self.writer.flush()
            return
        if closing.name in _BLOCK_TAGS:
            self.writer.flush()

    def data(self, value: str) -> None:
        if self.skip_depth:
            return
        if self.row_depth:
            if self.cell_depth:
                self.cell_run.append(value)
            return
        self.writer.text(value)

    def close(self) -> list[str]:
        self.writer.flush()
        return self.writer.lines


def html_to_text(markup: str, name: str = "the page") -> str:
    """Readable text of an HTML page: headings, paragraphs and list items each on a line."""
    # External entities and network access stay off: the page's own text is all we read.
    # lxml-stubs model only targets that build elements; close() returns what the target's does.
    parser = etree.HTMLParser(target=_TextTarget(), recover=True,  # type: ignore[arg-type]
                              no_network=True, huge_tree=True)
    try:
        parser.feed(markup)
        lines: list[str] = parser.close()  # type: ignore[assignment]
    except etree.LxmlError:
        raise InputError(f"{name} is HTML that cannot be read; save the page again and retry"
                         ) from None
    return "\n".join(lines)


def markdown_to_text(source: str, name: str = "the file") -> str:
    """Markdown rendered to HTML (CommonMark, tables on) and read like any HTML page."""
    parser = MarkdownIt("commonmark", {"maxNesting": MAX_MARKDOWN_NESTING}).enable("table")
    tokens = parser.parse(source)
    if any(token.level >= MAX_MARKDOWN_NESTING - 1 for token in tokens):
        raise InputError(
            f"{name} has lists or quotes are nested deeper than the {MAX_MARKDOWN_NESTING} levels "
            "accepted (a list level counts two); flatten the nesting or import it as text"
        )
    return html_to_text(parser.renderer.render(tokens, parser.options, {}), name)
