"""What changed between two versions of a policy, clause by clause."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services import ClauseChange, PolicyDiff

KIND_MARKS = {"added": "+", "removed": "−", "changed": "~"}
CHANGE_ROLE = Qt.ItemDataRole.UserRole + 1


def change_html(change: ClauseChange) -> str:
    parts = []
    if change.old_text:
        ref = change.old_ref or change.ref
        parts.append(f"<p><b>Before ({escape(ref)}):</b><br>{escape(change.old_text)}</p>")
    if change.new_text:
        parts.append(f"<p><b>Now ({escape(change.ref)}):</b><br>{escape(change.new_text)}</p>")
    return "".join(parts)


class DiffDialog(QDialog):
    def __init__(self, title: str, diff: PolicyDiff, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Changes in {title}")
        changes = [c for c in diff.changes if c.kind != "unchanged"]
        summary = QLabel(f"Version {diff.from_version} → {diff.to_version}: "
                         f"{len(changes)} clause(s) added, removed or changed. Items whose "
                         "evidence changed are flagged ⚑ in the checklist.", self)
        summary.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Changed clauses")
        for change in changes:
            first = " ".join((change.new_text or change.old_text).split())[:80]
            entry = QListWidgetItem(f"{KIND_MARKS.get(change.kind, '?')} {change.ref}  {first}")
            entry.setData(CHANGE_ROLE, change)
            self.list.addItem(entry)
        self.detail = QTextBrowser(self)
        self.detail.setAccessibleName("Clause before and after")
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.list)
        splitter.addWidget(self.detail)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.list.currentItemChanged.connect(self._on_current_changed)
        if changes:
            self.list.setCurrentRow(0)
        self.resize(760, 560)

    def _on_current_changed(self, entry: QListWidgetItem | None, _previous) -> None:
        change = entry.data(CHANGE_ROLE) if entry is not None else None
        self.detail.setHtml(change_html(change) if isinstance(change, ClauseChange) else "")

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, diff: PolicyDiff) -> None:
        cls(title, diff, parent).exec()
