"""Sign-off: what blocks it, with a jump to each item, and an override that needs a reason."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.audit import AuditSnapshot, ItemReview

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class SignOffChoice:
    """Sign off (with `override` as the reason when items block it), or go to `jump_to`."""

    override: str = ""
    jump_to: str = ""


def blocker_reason(review: ItemReview) -> str:
    if review.needs_rereview:
        return "flagged for re-review"
    return review.decision_label


class SignOffDialog(QDialog):
    """Lists the items without a person's decision; Sign off needs none, or an override reason."""

    def __init__(self, snapshot: AuditSnapshot, audit_label: str, reviewer: str,
                 four_eyes: bool, fingerprint: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Sign off audit")
        self.jump_to = ""
        blockers = snapshot.blockers()
        refused = four_eyes and reviewer in snapshot.preparers
        lines = [f"Sign off {escape(audit_label)} as <b>{escape(reviewer)}</b>."]
        if fingerprint:
            lines.append(f"Signing key fingerprint: <code>{fingerprint}</code>")
        if refused:
            lines.append(f"<b>Four eyes:</b> {escape(reviewer)} decided items of this audit, so "
                         "another reviewer must sign it off.")
        if blockers:
            lines.append(f"<b>{len(blockers)} item(s) block sign-off.</b> Go to each and decide "
                         "it, or give a reason to override (printed on the report's first page).")
        else:
            lines.append("A person decided every item. A signed-off audit cannot be changed "
                         "until it is reopened with a reason.")
        self.summary = QLabel("<br>".join(lines), self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Items that block sign-off")
        for review in blockers:
            title = snapshot.checklist.item(review.item_id).title
            entry = QListWidgetItem(f"{review.item_id} — {title} ({blocker_reason(review)})")
            entry.setData(ITEM_ROLE, review.item_id)
            self.list.addItem(entry)
        self.list.setVisible(bool(blockers))
        self.list.itemActivated.connect(lambda _entry: self._jump())
        self.override = QLineEdit(self)
        self.override.setPlaceholderText("Reason to sign off anyway")
        self.override.setAccessibleName("Override reason")
        self.override.setVisible(bool(blockers))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.sign_button = self.buttons.addButton("&Sign off",
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.jump_button = QPushButton("&Go to item", self)
        self.jump_button.setVisible(bool(blockers))
        self.buttons.addButton(self.jump_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.jump_button.clicked.connect(self._jump)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._blocked = bool(blockers)
        self._refused = refused
        self.override.textChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list)
        layout.addWidget(self.override)
        layout.addWidget(self.buttons)
        if blockers:
            self.list.setCurrentRow(0)
            self.list.setFocus()
        self._update()
        self.resize(640, 420 if blockers else 200)

    def _update(self) -> None:
        ready = not self._refused and (not self._blocked or bool(self.override.text().strip()))
        self.sign_button.setEnabled(ready)

    def _jump(self) -> None:
        entry = self.list.currentItem()
        if entry is not None:
            self.jump_to = entry.data(ITEM_ROLE)
            self.done(QDialog.DialogCode.Rejected)

    def choice(self) -> SignOffChoice:
        return SignOffChoice(override=self.override.text().strip() if self._blocked else "")

    @classmethod
    def ask(cls, parent: QWidget | None, snapshot: AuditSnapshot, audit_label: str,
            reviewer: str, four_eyes: bool, fingerprint: str = "") -> SignOffChoice | None:
        dialog = cls(snapshot, audit_label, reviewer, four_eyes, fingerprint, parent)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        if dialog.jump_to:
            return SignOffChoice(jump_to=dialog.jump_to)
        return dialog.choice() if accepted else None
