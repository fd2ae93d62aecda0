"""The policy text with its clause outline, find bar, evidence highlights and lint marks."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeySequence, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.document import Clause, Defect
from desktop_app.core.segment import SEPARATOR, is_numbered_ref
from desktop_app.core.status import Status
from desktop_app.gui.panels.offsets import OffsetMap
from desktop_app.gui.plain_text import plain_label, plain_tooltip
from desktop_app.gui.theme import palette

CLAUSE_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class Highlight:
    start: int
    end: int
    status: Status | None
    focused: bool = False


# A clause's own leading label: "2.1", "(a)", "b)", "D." followed by the clause words.
_LEADING_LABEL = re.compile(r"^\(?([0-9A-Za-z]{1,4}(?:\.[0-9A-Za-z]{1,4})*)[.)]?\s+")
_REF_TAIL = re.compile(r"\(([^()]+)\)\s*$")


def strip_own_label(ref: str, text: str) -> str:
    """The clause text without its leading label when that label repeats the ref's last part."""
    match = _LEADING_LABEL.match(text)
    if match is None:
        return text
    tail = _REF_TAIL.search(ref)
    repeats = {ref.rsplit(" ", 1)[-1], tail.group(1) if tail else ref}
    return text[match.end():] if match.group(1) in repeats else text


def short_ref(ref: str, heading: str = "") -> str:
    """The ref as shown in lists: numbered refs stay whole; heading paths keep their last part.

    Under a shown heading, a ref counted from that heading keeps only the rest ("¶3", "(a)").
    Refs stored before refs followed the policy's numbering ("Marketing > Choices #2") are
    shortened the same way.
    """
    if SEPARATOR in ref:
        return _short_counted_ref(ref, heading)
    short = ref.rsplit(" > ", 1)[-1]
    named, ellipsis, rest = short.partition("…")
    if not ellipsis:
        named, rest = _split_heading(short, heading)
    if heading and named and heading.startswith(named.rstrip()) and rest.strip():
        return rest.strip()
    if len(short) > 14:
        short = short[:13] + "…"
    return short


def _short_counted_ref(ref: str, heading: str) -> str:
    anchor, _, rest = ref.partition(SEPARATOR)
    rest = rest.replace("paragraph ", "¶")
    if is_numbered_ref(anchor):
        return f"{anchor} {rest}"
    name = anchor.split(" (")[0].replace(" …", "")
    if heading and heading.startswith(name):
        return rest
    return f"{anchor[:13]}… {rest}" if len(anchor) > 14 else f"{anchor} {rest}"


def _split_heading(short: str, heading: str) -> tuple[str, str]:
    if heading and short.startswith(heading):
        return heading, short[len(heading):]
    return "", short


def outline_group(clause: Clause) -> str:
    """The outline heading a clause sits under: its heading, else the name its ref gives
    ("Preamble" for "Preamble #2"); "" for a numbered clause with no heading."""
    if clause.heading:
        return clause.heading
    if SEPARATOR in clause.ref:
        anchor = clause.ref.partition(SEPARATOR)[0]
        return "" if is_numbered_ref(anchor) else anchor
    name, hash_mark, _number = clause.ref.rsplit(" > ", 1)[-1].rpartition(" #")
    return name if hash_mark else ""


def outline_label(ref: str, first_words: str, heading: str = "") -> str:
    """Short outline text: the ref once, then the clause's first words."""
    return f"{short_ref(ref, heading)}  {strip_own_label(ref, first_words)}"


@dataclass(frozen=True)
class OutlineRow:
    label: str
    tooltip: str
    clause_index: int
    heading: bool = False


@dataclass(frozen=True)
class Outline:
    """What the viewer shows beside a policy's text, prepared without widgets (on a worker)."""

    rows: tuple[OutlineRow, ...] = ()
    headings: frozenset[str] = frozenset()

    @property
    def clause_rows(self) -> tuple[int, ...]:
        """The outline row of each clause, in clause order."""
        return tuple(row for row, entry in enumerate(self.rows) if not entry.heading)


def build_outline(clauses: Sequence[Clause]) -> Outline:
    """Clauses grouped under their headings; a heading row leads to its first clause."""
    rows: list[OutlineRow] = []
    shown_heading = ""
    for index, clause in enumerate(clauses):
        heading = outline_group(clause)
        if heading and heading != shown_heading:
            rows.append(OutlineRow(heading, plain_tooltip(heading), index, heading=True))
        shown_heading = heading
        first = " ".join(clause.text.split())[:80]
        rows.append(OutlineRow(outline_label(clause.ref, first, heading),
                               plain_tooltip(f"{clause.ref}\n{first}"), index))
    headings = frozenset(part.strip() for clause in clauses
                         for part in [clause.heading, *clause.ref.split(" > ")[:-1],
                                      *clause.ref.split(SEPARATOR)[:-1]] if part)
    return Outline(tuple(rows), headings)


# Qt lays out and paints every extra selection again on each change: defects that touch are
# underlined as one span, and no more spans than this are drawn.
MAX_UNDERLINES = 500


def underline_spans(defects: Sequence[Defect]) -> list[tuple[int, int]]:
    """The defects' spans, those at most one character apart merged, the first MAX_UNDERLINES."""
    spans: list[tuple[int, int]] = []
    for defect in sorted(defects, key=lambda d: d.start):
        start, end = defect.start, max(defect.end, defect.start + 1)
        if spans and start <= spans[-1][1] + 1:
            spans[-1] = (spans[-1][0], max(spans[-1][1], end))
        elif len(spans) == MAX_UNDERLINES:
            break
        else:
            spans.append((start, end))
    return spans


class FindBar(QWidget):
    """Incremental find in the policy text.

    Signals:
        find_requested(text, backward)
    """

    find_requested = Signal(str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("Find in policy…")
        self.edit.setAccessibleName("Find in policy")
        self.edit.setClearButtonEnabled(True)
        self.status = plain_label(self)
        previous = QToolButton(self, text="▲", toolTip="Previous match (Shift+Enter)")
        following = QToolButton(self, text="▼", toolTip="Next match (Enter)")
        close = QToolButton(self, text="✕", toolTip="Close (Esc)")
        previous.setAccessibleName("Previous match")
        following.setAccessibleName("Next match")
        close.setAccessibleName("Close find bar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.status)
        for button in (previous, following, close):
            button.setAutoRaise(True)
            layout.addWidget(button)
        self.edit.textChanged.connect(lambda text: self.find_requested.emit(text, False))
        self.edit.returnPressed.connect(self._on_return)
        previous.clicked.connect(lambda: self.find_requested.emit(self.edit.text(), True))
        following.clicked.connect(lambda: self.find_requested.emit(self.edit.text(), False))
        close.clicked.connect(self.hide)
        self.edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The line edit claims Ctrl+E (move to end of line) before the window sees it; after a
        # find, Ctrl+E must attach the found text as evidence.
        if (watched is self.edit and event.type() == QEvent.Type.ShortcutOverride
                and QKeySequence(event.keyCombination()) == QKeySequence("Ctrl+E")):
            event.ignore()
            return True
        return super().eventFilter(watched, event)

    def _on_return(self) -> None:
        backward = bool(QApplication.keyboardModifiers() & Qt.KeyboardModifier.ShiftModifier)
        self.find_requested.emit(self.edit.text(), backward)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            return
        super().keyPressEvent(event)


class PolicyViewer(QWidget):
    """Read-only policy text; offsets in and out are Python string offsets into the text.

    Signals:
        selection_changed(bool): whether some text is selected
        clause_changed(str): ref of the clause under the cursor
    """

    selection_changed = Signal(bool)
    clause_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._offsets = OffsetMap("")
        self._clauses: list[Clause] = []
        self._clause_starts: list[int] = []
        self._outline_rows: tuple[int, ...] = ()
        self._defect_spans: list[tuple[int, int]] = []
        self._highlights: list[Highlight] = []
        self._find_selection: list[QTextEdit.ExtraSelection] = []

        self.outline = QListWidget(self)
        self.outline.setAccessibleName("Clause outline")
        self.outline.setUniformItemSizes(True)
        # Rows elide instead of scrolling sideways: the tooltip carries the whole clause start.
        self.outline.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.outline.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.editor = QPlainTextEdit(self)
        self.editor.setReadOnly(True)
        self.editor.setAccessibleName("Policy text")
        self.editor.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                            | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.editor.setCenterOnScroll(True)
        self.find_bar = FindBar(self)
        self.find_bar.hide()
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("viewer-splitter")
        self.splitter.addWidget(self.outline)
        self.splitter.addWidget(self.editor)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(1, False)
        self.splitter.setSizes([210, 600])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.find_bar)

        self.outline.currentRowChanged.connect(self._on_outline_row_changed)
        self.editor.selectionChanged.connect(
            lambda: self.selection_changed.emit(self.editor.textCursor().hasSelection()))
        self.editor.cursorPositionChanged.connect(self._on_cursor_moved)
        self.find_bar.find_requested.connect(self.find)

    # Content
    def set_document(self, text: str, clauses: Sequence[Clause],
                     defects: Sequence[Defect], outline: Outline | None = None) -> None:
        """Show a policy; `outline` is `build_outline(clauses)` when prepared off this thread."""
        if text != self._text:
            self._text = text
            self._offsets = OffsetMap(text)
            self.editor.setPlainText(text)
        self._clauses = list(clauses)
        self._clause_starts = [clause.start for clause in self._clauses]
        self._defect_spans = underline_spans(defects)
        outline = outline if outline is not None else build_outline(self._clauses)
        self._mark_headings(outline.headings)
        self._fill_outline(outline)
        self._apply_selections()

    def _mark_headings(self, headings: frozenset[str]) -> None:
        """Bold the heading lines between clauses, so the structure shows in the text."""
        document = self.editor.document()
        cursor = QTextCursor(document)
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.setCharFormat(QTextCharFormat())
        bold = QTextCharFormat()
        bold.setFontWeight(QFont.Weight.Bold)
        block = document.begin()
        while block.isValid():
            if block.text().strip() in headings:
                cursor = QTextCursor(block)
                cursor.select(QTextCursor.SelectionType.BlockUnderCursor)
                cursor.mergeCharFormat(bold)
            block = block.next()

    def _fill_outline(self, outline: Outline) -> None:
        self._outline_rows = outline.clause_rows
        heading_font = self.outline.font()
        heading_font.setBold(True)
        with QSignalBlocker(self.outline):
            self.outline.clear()
            for row in outline.rows:
                entry = QListWidgetItem(row.label)
                if row.heading:
                    entry.setFont(heading_font)
                entry.setData(CLAUSE_ROLE, row.clause_index)
                entry.setToolTip(row.tooltip)
                self.outline.addItem(entry)

    def clear(self) -> None:
        self.set_document("", (), ())
        self.set_highlights(())

    def set_highlights(self, highlights: Sequence[Highlight]) -> None:
        self._highlights = list(highlights)
        self._apply_selections()

    def _span_cursor(self, start: int, end: int) -> QTextCursor:
        cursor = QTextCursor(self.editor.document())
        limit = self.editor.document().characterCount() - 1
        cursor.setPosition(min(self._offsets.to_qt(start), limit))
        cursor.setPosition(min(self._offsets.to_qt(end), limit), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _apply_selections(self) -> None:
        selections: list[QTextEdit.ExtraSelection] = []
        colours = palette.colours()
        for start, end in self._defect_spans:
            selection = QTextEdit.ExtraSelection()
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(QColor(colours.defect))
            selection.format = fmt
            selection.cursor = self._span_cursor(start, end)
            selections.append(selection)
        # Focused highlights last, so they paint over the faint ones.
        for highlight in sorted(self._highlights, key=lambda h: h.focused):
            selection = QTextEdit.ExtraSelection()
            fmt = QTextCharFormat()
            background = palette.status_background(highlight.status)
            if not highlight.focused:
                background.setAlpha(90)
            else:
                fmt.setForeground(palette.status_foreground(highlight.status).darker(
                    160 if not palette.is_dark() else 60))
            fmt.setBackground(background)
            selection.format = fmt
            selection.cursor = self._span_cursor(highlight.start, highlight.end)
            selections.append(selection)
        self.editor.setExtraSelections(selections + self._find_selection)

    # Navigation
    def jump_to(self, start: int, end: int) -> None:
        """Select the span and scroll it into the middle of the view."""
        self.editor.setTextCursor(self._span_cursor(start, end))
        self.editor.centerCursor()

    def selected_span(self) -> tuple[int, int] | None:
        cursor = self.editor.textCursor()
        if not cursor.hasSelection():
            return None
        start = self._offsets.from_qt(cursor.selectionStart())
        end = self._offsets.from_qt(cursor.selectionEnd())
        # Trim whitespace the mouse picked up at the edges.
        while start < end and self._text[start].isspace():
            start += 1
        while end > start and self._text[end - 1].isspace():
            end -= 1
        return (start, end) if end > start else None

    def clause_at(self, offset: int) -> Clause | None:
        index = self._clause_index_at(offset)
        return self._clauses[index] if index is not None else None

    def _clause_index_at(self, offset: int) -> int | None:
        # Clauses are in text order and do not overlap.
        index = bisect_right(self._clause_starts, offset) - 1
        if index >= 0 and offset < self._clauses[index].end:
            return index
        return None

    def _on_outline_row_changed(self, row: int) -> None:
        entry = self.outline.item(row)
        index = entry.data(CLAUSE_ROLE) if entry is not None else None
        if isinstance(index, int) and 0 <= index < len(self._clauses):
            clause = self._clauses[index]
            cursor = self._span_cursor(clause.start, clause.start)
            self.editor.setTextCursor(cursor)
            self.editor.centerCursor()

    def _on_cursor_moved(self) -> None:
        # The start of a selection: a jumped-to span ends where its clause ends.
        offset = self._offsets.from_qt(self.editor.textCursor().selectionStart())
        index = self._clause_index_at(offset)
        if index is None:
            return
        clause = self._clauses[index]
        row = self._outline_rows[index]
        if row != self.outline.currentRow():
            with QSignalBlocker(self.outline):
                self.outline.setCurrentRow(row)
            self.outline.scrollToItem(self.outline.item(row))
        self.clause_changed.emit(clause.ref)

    # Find
    def toggle_outline(self) -> None:
        """Collapse the outline to give the text its room, or bring it back."""
        outline, text = self.splitter.sizes()
        if outline:
            self.splitter.setSizes([0, outline + text])
        else:
            self.splitter.setSizes([min(210, (outline + text) // 3), max(text - 210, 1)])

    def show_find(self) -> None:
        self.find_bar.show()
        selected = self.editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.find_bar.edit.setText(selected)
        self.find_bar.edit.setFocus()
        self.find_bar.edit.selectAll()

    def find(self, text: str, backward: bool = False) -> bool:
        """Move to the next (or previous) match, wrapping; mark all matches."""
        self._find_selection = []
        if not text:
            self.find_bar.status.setText("")
            self._apply_selections()
            return False
        document = self.editor.document()
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        found = document.find(text, self.editor.textCursor(), flags)
        if found.isNull():
            start = QTextCursor(document)
            if backward:
                start.movePosition(QTextCursor.MoveOperation.End)
            found = document.find(text, start, flags)
        matches = 0
        cursor = document.find(text, 0)
        fmt = QTextCharFormat()
        fmt.setBackground(QColor("#ffe066") if not palette.is_dark() else QColor("#7a6400"))
        while not cursor.isNull() and matches < 2000:
            selection = QTextEdit.ExtraSelection()
            selection.format = fmt
            selection.cursor = cursor
            self._find_selection.append(selection)
            matches += 1
            cursor = document.find(text, cursor)
        self.find_bar.status.setText(f"{matches} match{'es' if matches != 1 else ''}"
                                     if matches else "no match")
        self._apply_selections()
        if found.isNull():
            return False
        self.editor.setTextCursor(found)
        self.editor.centerCursor()
        return True
