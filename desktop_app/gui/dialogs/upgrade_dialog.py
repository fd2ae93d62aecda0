"""Before an upgrade: the checklist versions involved and the date the law is applied as at."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)


class UpgradeDialog(QDialog):
    """Asks for the as-at date; the audit moves to the current checklist version as at then."""

    def __init__(self, audit_label: str, from_version: str, to_version: str, as_at: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Upgrade audit")
        change = (f"from checklist version {from_version} to {to_version}"
                  if from_version != to_version else f"on checklist version {to_version}")
        text = QLabel(f"Assess {audit_label} {change}, with the law as in force on the date "
                      "below. Every decision made by a person is kept; items whose requirement, "
                      "level or condition changed are flagged for re-review, and new items are "
                      "added to review. The move is recorded in the audit trail.", self)
        text.setWordWrap(True)
        self.as_at = QDateEdit(QDate.fromString(as_at, "yyyy-MM-dd") if as_at
                               else QDate.currentDate(), self)
        self.as_at.setCalendarPopup(True)
        self.as_at.setDisplayFormat("yyyy-MM-dd")
        self.as_at.setAccessibleName("Apply the law as at")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Upgrade")
        form = QFormLayout()
        form.addRow("Law &as at:", self.as_at)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def chosen_as_at(self) -> str:
        return self.as_at.date().toString("yyyy-MM-dd")

    @classmethod
    def ask(cls, parent: QWidget | None, audit_label: str, from_version: str, to_version: str,
            as_at: str) -> str | None:
        dialog = cls(audit_label, from_version, to_version, as_at, parent)
        return dialog.chosen_as_at() if dialog.exec() == QDialog.DialogCode.Accepted else None
