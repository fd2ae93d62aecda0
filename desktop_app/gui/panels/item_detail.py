"""Everything about the current checklist item: requirement, suggestion, sample wording, evidence,
closest passages (not evidence) and note."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSizePolicy,
    QSplitter,
    QTextBrowser,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.audit import ClosestPassage, EvidenceRecord, LinkedDecision
from desktop_app.core.checklist import TOPICS
from desktop_app.core.finding import SAMPLE_WORDING_LABEL
from desktop_app.core.status import Status
from desktop_app.gui.models.checklist_model import LEVEL_LABELS, ChecklistRow
from desktop_app.gui.plain_text import plain_label, plain_tooltip
from desktop_app.gui.theme import palette

NOTE_DEBOUNCE_MS = 600
EVIDENCE_ROLE = Qt.ItemDataRole.UserRole + 1
CLOSEST_ROLE = Qt.ItemDataRole.UserRole + 2
CLOSEST_TITLE = "Closest passages (not evidence)"
EVIDENCE_MIN_HEIGHT = 60
INFO_MIN_HEIGHT = 48
QWIDGETSIZE_MAX = (1 << 24) - 1
SAMPLE_TITLE = "Sample wording"
SAMPLE_CAVEAT = SAMPLE_WORDING_LABEL.removeprefix(SAMPLE_TITLE).strip()
# Only an item that still falls short needs wording to meet it.
SAMPLE_STATUSES = frozenset({Status.MISSING, Status.PARTIAL})
SAMPLE_LINES = 5


def item_html(row: ChecklistRow) -> str:
    """The requirement, its citation, condition and guidance, as escaped rich text."""
    item = row.item
    parts = [
        f"<p style='margin:0'><b>{escape(item.requirement)}</b></p>",
        (f"<p style='color:gray;margin:2px 0'>{escape(item.id)} · {escape(item.citation)} · "
         f"{LEVEL_LABELS[item.level]} · {escape(TOPICS.get(item.topic, item.topic))}</p>"),
    ]
    if item.condition is not None:
        parts.append(f"<p style='margin:4px 0'><i>Applies if:</i> "
                     f"{escape(item.condition.description)}</p>")
    if item.guidance:
        parts.append(f"<p style='margin:4px 0'><i>Guidance:</i> {escape(item.guidance)}</p>")
    return "".join(parts)


def linked_html(linked: Sequence[LinkedDecision]) -> str:
    """Decisions on the same requirement in other audits of this policy version, labelled as
    read-only references: they never change this item."""
    if not linked:
        return ""
    lines = "".join(f"<li>{escape(link.describe())}</li>" for link in linked)
    return ("<p style='margin:6px 0 0 0'><i>For reference (read-only, from another audit of "
            f"this policy version):</i></p><ul style='margin:0'>{lines}</ul>")


def suggestion_html(row: ChecklistRow) -> str:
    """The engine's suggestion, a re-review flag and who decided, as escaped rich text."""
    review = row.review
    colour = palette.status_foreground(review.suggested_status).name()
    parts = [
        f"<i>Suggested:</i> <span style='color:{colour}'><b>"
        f"{review.suggested_status.symbol} {review.suggested_status.label}</b></span> "
        f"({review.confidence:.0%} confidence) — {escape(review.reason)}"]
    if review.needs_rereview:
        parts.append("<b>⚑ The policy changed here since the last version: review this item "
                     "again.</b>")
    if review.reviewed:
        by = f" by {escape(review.reviewer)}" if review.reviewer else ""
        when = f" on {escape(review.reviewed_at[:16].replace('T', ' '))}" \
            if review.reviewed_at else ""
        parts.append(f"<i>Reviewed:</i> {escape(palette.status_text(review.status))}{by}{when}")
    return "<br>".join(parts)


def short_quote(quote: str, limit: int = 180) -> str:
    """The quote on one line, cut to `limit` characters."""
    quote = " ".join(quote.split())
    return quote if len(quote) <= limit else quote[:limit - 3] + "…"


def evidence_label(ref: str, quote: str) -> str:
    """One evidence row: where it is, then the quote. The ref is shown whole, as a reader finds
    it in the policy; a heading path stored in the older form keeps its last part."""
    where = ref.rsplit(" > ", 1)[-1] if ref else "—"
    return f"{where}  “{quote}”"


class ItemDetail(QWidget):
    """Signals:
        evidence_activated(EvidenceRecord): the reviewer picked an evidence entry
        closest_activated(ClosestPassage): the reviewer picked a closest passage
        note_edited(str, str): item id and note text, after typing pauses
    """

    evidence_activated = Signal(object)
    closest_activated = Signal(object)
    note_edited = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._row: ChecklistRow | None = None
        self._note_dirty = False
        self.title = QLabel(self)
        self.title.setObjectName("item-title")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # The suggestion sits above the requirement text, so a long requirement never pushes
        # it out of sight on a small screen.
        self.suggestion = QLabel(self)
        self.suggestion.setObjectName("item-suggestion")
        self.suggestion.setWordWrap(True)
        self.suggestion.setTextFormat(Qt.TextFormat.RichText)
        self.suggestion.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.suggestion.setAccessibleName("Suggestion")
        self.info = QTextBrowser(self)
        self.info.setAccessibleName("Item requirement and suggestion")
        self.info.setOpenLinks(False)
        self.info.setMinimumHeight(INFO_MIN_HEIGHT)
        # In the requirement's pane, collapsed to one line by default; its room, open or closed,
        # comes out of the requirement (which scrolls), never out of the evidence. The caveat
        # stays beside the title whenever the section is shown.
        self.sample_toggle = QToolButton(self)
        self.sample_toggle.setObjectName("sample-toggle")
        self.sample_toggle.setText(SAMPLE_TITLE)
        self.sample_toggle.setCheckable(True)
        self.sample_toggle.setAutoRaise(True)
        self.sample_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.sample_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.sample_toggle.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.sample_toggle.setAccessibleName(SAMPLE_WORDING_LABEL)
        self.sample_toggle.setToolTip(plain_tooltip(
            "Model policy text that would meet this item. Space or click: show or hide it"))
        self.sample_caveat = plain_label(self, SAMPLE_CAVEAT)
        self.sample_caveat.setObjectName("sample-caveat")
        self.sample_caveat.setWordWrap(True)
        self.sample_caveat.setSizePolicy(QSizePolicy.Policy.Ignored,
                                         QSizePolicy.Policy.Preferred)
        self.sample_caveat.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.sample_text = QPlainTextEdit(self)
        self.sample_text.setObjectName("sample-wording")
        self.sample_text.setReadOnly(True)
        self.sample_text.setTabChangesFocus(True)
        self.sample_text.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.sample_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                                 | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.sample_text.setAccessibleName(SAMPLE_WORDING_LABEL)
        self.sample_text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        line = self.sample_text.fontMetrics().lineSpacing()
        frame = 2 * self.sample_text.frameWidth() + 8
        self.sample_text.setMinimumHeight(2 * line + frame)
        self.sample_text.setMaximumHeight(SAMPLE_LINES * line + frame)
        self.sample_text.setVisible(False)
        # A tool bar, so buttons that do not fit a narrow panel move to its » menu instead of
        # widening the whole window.
        self.status_bar = QToolBar(self)
        self.status_bar.setObjectName("item-status-bar")
        self.status_bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.status_bar.setMovable(False)
        self.evidence = QListWidget(self)
        self.evidence.setAccessibleName("Evidence")
        self.evidence.setWordWrap(True)
        self.evidence.setSpacing(2)
        self.evidence.setMinimumHeight(EVIDENCE_MIN_HEIGHT)
        self.evidence_bar = QHBoxLayout()
        self.evidence_bar.setSpacing(2)
        # Apart from the evidence list and muted, so that nobody takes them for evidence: they are
        # what the engine found nearest to an item it suggests missing or not applicable.
        self.closest = QListWidget(self)
        self.closest.setObjectName("closest-passages")
        self.closest.setAccessibleName(CLOSEST_TITLE)
        self.closest.setAccessibleDescription(
            "The passages nearest to this item, for you to check; they are not evidence")
        self.closest.setWordWrap(True)
        self.closest.setSpacing(2)
        self.closest.setMinimumHeight(48)
        font = self.closest.font()
        font.setItalic(True)
        self.closest.setFont(font)
        self.closest_title = QLabel(f"<b>{CLOSEST_TITLE}</b>", self)
        self.closest_title.setObjectName("closest-title")
        self.closest_title.setToolTip(plain_tooltip(
            "What the engine found nearest to this item. It does not stand behind them: check "
            "them, and attach a passage as evidence yourself if it meets the item."))
        self.note = QPlainTextEdit(self)
        self.note.setAccessibleName("Reviewer note")
        self.note.setPlaceholderText("Note for this item (saved as you type)…")
        self.note.setMinimumHeight(44)
        self._note_timer = QTimer(self, singleShot=True, interval=NOTE_DEBOUNCE_MS)

        evidence_box = QWidget(self)
        evidence_layout = QVBoxLayout(evidence_box)
        evidence_layout.setContentsMargins(0, 0, 0, 0)
        evidence_layout.setSpacing(2)
        evidence_header = QHBoxLayout()
        evidence_header.addWidget(QLabel("<b>Evidence</b>"))
        evidence_header.addStretch(1)
        evidence_header.addLayout(self.evidence_bar)
        evidence_layout.addLayout(evidence_header)
        evidence_layout.addWidget(self.evidence, 1)
        self.closest_box = QWidget(evidence_box)
        closest_layout = QVBoxLayout(self.closest_box)
        closest_layout.setContentsMargins(0, 4, 0, 0)
        closest_layout.setSpacing(2)
        closest_layout.addWidget(self.closest_title)
        closest_layout.addWidget(self.closest, 1)
        evidence_layout.addWidget(self.closest_box, 1)
        note_box = QWidget(self)
        note_layout = QVBoxLayout(note_box)
        note_layout.setContentsMargins(0, 0, 0, 0)
        note_layout.setSpacing(2)
        note_layout.addWidget(QLabel("<b>Note</b>"))
        note_layout.addWidget(self.note, 1)
        info_box = QWidget(self)
        info_layout = QVBoxLayout(info_box)
        info_layout.setContentsMargins(0, 0, 0, 0)
        info_layout.setSpacing(0)
        info_layout.addWidget(self.info, 1)
        self.sample_box = QWidget(info_box)
        sample_layout = QVBoxLayout(self.sample_box)
        sample_layout.setContentsMargins(0, 0, 0, 0)
        sample_layout.setSpacing(2)
        sample_header = QHBoxLayout()
        sample_header.setSpacing(4)
        sample_header.addWidget(self.sample_toggle)
        sample_header.addWidget(self.sample_caveat, 1)
        sample_layout.addLayout(sample_header)
        sample_layout.addWidget(self.sample_text)
        info_layout.addWidget(self.sample_box)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("detail-splitter")
        self.splitter.addWidget(info_box)
        self.splitter.addWidget(evidence_box)
        self.splitter.addWidget(note_box)
        # The requirement scrolls in its own pane; the quotes get the most room, since new
        # evidence must show without scrolling; the note grows only when dragged open.
        for index, stretch in enumerate((2, 3, 1)):
            self.splitter.setStretchFactor(index, stretch)
            self.splitter.setCollapsible(index, False)
        self.splitter.setSizes([150, 220, 60])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.status_bar)
        layout.addWidget(self.suggestion)
        layout.addWidget(self.splitter, 1)

        self.evidence.itemActivated.connect(self._on_evidence_activated)
        self.evidence.itemClicked.connect(self._on_evidence_activated)
        self.closest.itemActivated.connect(self._on_closest_activated)
        self.closest.itemClicked.connect(self._on_closest_activated)
        self.note.textChanged.connect(self._on_note_typed)
        self.sample_toggle.toggled.connect(self._on_sample_toggled)
        QWidget.setTabOrder(self.info, self.sample_toggle)
        QWidget.setTabOrder(self.sample_toggle, self.sample_text)
        QWidget.setTabOrder(self.sample_text, self.evidence)
        self._note_timer.timeout.connect(self.flush_note)
        self.show_row(None, "")

    def add_status_actions(self, actions: Sequence[QAction]) -> None:
        for action in actions:
            self.status_bar.addAction(action)

    def add_evidence_actions(self, actions: Sequence[QAction]) -> None:
        for action in actions:
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setAutoRaise(True)
            self.evidence_bar.addWidget(button)

    def show_row(self, row: ChecklistRow | None, text: str, *, editable: bool = True,
                 linked: Sequence[LinkedDecision] = ()) -> None:
        """Show an item; a pending note edit of the previous item is saved first."""
        same_item = row is not None and self._row is not None and row.item.id == self._row.item.id
        if not same_item:
            self.flush_note()
        self._row = row
        if row is None:
            self.title.setText("<i>No item selected</i>")
            self.suggestion.setText("")
            self.info.setHtml("<p style='color:gray'>Pick an item in the checklist.</p>")
            self.evidence.clear()
            self._fill_closest((), has_evidence=False)
            self._fill_sample(None)
            with QSignalBlocker(self.note):
                self.note.setPlainText("")
            self.note.setEnabled(False)
            return
        status = row.review.status
        self.title.setText(f"<span style='color:{palette.status_foreground(status).name()}'>"
                           f"{escape(palette.status_text(status))}</span>  "
                           f"<b>{escape(row.item.title)}</b>")
        self.suggestion.setText(suggestion_html(row))
        self.info.setHtml(item_html(row) + linked_html(linked))
        self._fill_evidence(row, text)
        self._fill_closest(row.review.closest, has_evidence=bool(row.review.evidence))
        self._fill_sample(row)
        self.note.setEnabled(editable)
        self.note.setReadOnly(not editable)
        # Keep what the reviewer is typing; only adopt the stored note when not mid-edit.
        if not (same_item and self._note_dirty) \
                and self.note.toPlainText() != row.review.note:
            with QSignalBlocker(self.note):
                self.note.setPlainText(row.review.note)

    def _fill_evidence(self, row: ChecklistRow, text: str) -> None:
        current = self.current_evidence()
        self.evidence.clear()
        for record in row.review.evidence:
            quote = short_quote(record.quote or text[record.start:record.end])
            source = "auto" if record.source == "auto" else "added"
            entry = QListWidgetItem(evidence_label(record.ref, quote))
            entry.setData(EVIDENCE_ROLE, record)
            entry.setToolTip(plain_tooltip(f"{source} evidence, clause {record.ref or '?'}"
                                           + (f"\nNote: {record.note}" if record.note else "")
                                           + "\nEnter or click: show in the policy"))
            if record.source == "auto":
                entry.setForeground(palette.status_foreground(None))
            self.evidence.addItem(entry)
            if current is not None and record.id == current.id:
                self.evidence.setCurrentItem(entry)
        if not row.review.evidence:
            placeholder = QListWidgetItem("No evidence yet — select policy text and press Ctrl+E")
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.evidence.addItem(placeholder)

    def _fill_closest(self, passages: Sequence[ClosestPassage], *, has_evidence: bool) -> None:
        self.closest.clear()
        for passage in passages:
            entry = QListWidgetItem(evidence_label(passage.ref, short_quote(passage.quote)))
            entry.setData(CLOSEST_ROLE, passage)
            entry.setForeground(self.palette().color(QPalette.ColorRole.PlaceholderText))
            entry.setToolTip(plain_tooltip(f"Closest passage, clause {passage.ref or '?'}: not "
                                           "evidence\nEnter or click: show in the policy"))
            self.closest.addItem(entry)
        self.closest_box.setVisible(bool(passages))
        # Without evidence the evidence list holds one placeholder line: the passages get the room.
        placeholder_only = bool(passages) and not has_evidence
        line = self.evidence.fontMetrics().lineSpacing() + 2 * self.evidence.frameWidth() + 8
        self.evidence.setMinimumHeight(line if placeholder_only else EVIDENCE_MIN_HEIGHT)
        self.evidence.setMaximumHeight(line if placeholder_only else QWIDGETSIZE_MAX)

    def _fill_sample(self, row: ChecklistRow | None) -> None:
        """Offer the item's sample wording while the item falls short (decided or suggested);
        whether it is open is the reviewer's choice and stays as they left it."""
        wording = row.item.sample_wording if row is not None else ""
        shown = bool(wording) and row is not None \
            and row.review.effective_status in SAMPLE_STATUSES
        if self.sample_text.toPlainText() != wording:
            self.sample_text.setPlainText(wording)
        self.sample_box.setVisible(shown)
        self._share_info_room()

    def _on_sample_toggled(self, expanded: bool) -> None:
        self.sample_toggle.setArrowType(Qt.ArrowType.DownArrow if expanded
                                        else Qt.ArrowType.RightArrow)
        self.sample_text.setVisible(expanded)
        self._share_info_room()

    def _share_info_room(self) -> None:
        """Keep the requirement pane's minimum height as it is without the section, so that
        showing or opening it never squeezes the evidence pane below it."""
        # A minimum of 0 would mean "unset" and bring back the browser's own, taller one.
        if self.sample_box.isHidden():
            self.info.setMinimumHeight(INFO_MIN_HEIGHT)
        elif self.sample_toggle.isChecked():
            self.info.setMinimumHeight(1)
        else:
            row = self.sample_toggle.sizeHint().height()
            self.info.setMinimumHeight(max(1, INFO_MIN_HEIGHT - row))

    def current_evidence(self) -> EvidenceRecord | None:
        entry = self.evidence.currentItem()
        record = entry.data(EVIDENCE_ROLE) if entry is not None else None
        return record if isinstance(record, EvidenceRecord) else None

    def _on_evidence_activated(self, entry: QListWidgetItem) -> None:
        record = entry.data(EVIDENCE_ROLE)
        if isinstance(record, EvidenceRecord):
            self.evidence_activated.emit(record)

    def _on_closest_activated(self, entry: QListWidgetItem) -> None:
        passage = entry.data(CLOSEST_ROLE)
        if isinstance(passage, ClosestPassage):
            self.closest_activated.emit(passage)

    def _on_note_typed(self) -> None:
        if self._row is not None:
            self._note_dirty = True
            self._note_timer.start()

    def flush_note(self) -> None:
        """Save a pending note edit now (on item switch, focus loss or close)."""
        self._note_timer.stop()
        if not self._note_dirty or self._row is None:
            return
        self._note_dirty = False
        text = self.note.toPlainText()
        if text != self._row.review.note:
            self.note_edited.emit(self._row.item.id, text)

    def focus_note(self) -> None:
        self.note.setFocus()
