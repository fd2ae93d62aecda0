"""Before an import: name the policy and pick checklists (detected jurisdictions preselected)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.checklist import Checklist
from desktop_app.gui.plain_text import plain_tooltip

ID_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class ImportChoice:
    name: str
    checklist_ids: tuple[str, ...]
    as_at: str = ""  # ISO date the law is applied as at; "" for today


class ImportDialog(QDialog):
    def __init__(self, file_name: str, default_name: str, checklists: Sequence[Checklist],
                 detected: Mapping[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Import {file_name}")
        self.name = QLineEdit(default_name, self)
        self.name.setAccessibleName("Policy name")
        self.as_at = QDateEdit(QDate.currentDate(), self)
        self.as_at.setCalendarPopup(True)
        self.as_at.setDisplayFormat("yyyy-MM-dd")
        self.as_at.setAccessibleName("Apply the law as at")
        self.as_at.setToolTip("The date whose law is applied: items in force then, at the level "
                              "they had then")
        self.list = QListWidget(self)
        self.list.setAccessibleName("Checklists to assess")
        for checklist in checklists:
            reason = detected.get(checklist.id, "")
            label = f"{checklist.name}  ({checklist.id} {checklist.version})"
            entry = QListWidgetItem(label + ("  — detected" if reason else ""))
            entry.setData(ID_ROLE, checklist.id)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Checked if checklist.id in detected
                                else Qt.CheckState.Unchecked)
            entry.setToolTip(plain_tooltip(f"{checklist.law} — {checklist.jurisdiction}"
                                           + (f"\nDetected: {reason}" if reason else "")))
            self.list.addItem(entry)
        hint = QLabel("Checked checklists are assessed now; the jurisdictions the policy "
                      "names are checked for you." if detected else
                      "No jurisdiction was detected in the text: pick the checklists to use.",
                      self)
        hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Import")
        form = QFormLayout()
        form.addRow("&Name:", self.name)
        form.addRow("Law &as at:", self.as_at)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.list.itemChanged.connect(self._update_ok)
        self.name.textChanged.connect(self._update_ok)
        self.resize(560, 360)
        self._update_ok()

    def choice(self) -> ImportChoice:
        ids = tuple(self.list.item(i).data(ID_ROLE) for i in range(self.list.count())
                    if self.list.item(i).checkState() == Qt.CheckState.Checked)
        return ImportChoice(self.name.text().strip(), ids,
                            self.as_at.date().toString("yyyy-MM-dd"))

    def _update_ok(self) -> None:
        choice = self.choice()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            bool(choice.name and choice.checklist_ids))

    @classmethod
    def ask(cls, parent: QWidget | None, file_name: str, default_name: str,
            checklists: Sequence[Checklist], detected: Mapping[str, str]) -> ImportChoice | None:
        dialog = cls(file_name, default_name, checklists, detected, parent)
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None
