"""User text shown as text: Qt guesses that a string holding tags is rich text and renders it,
so labels, message boxes and tooltips that can show a name, note or quote are made plain."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QLabel, QMessageBox, QWidget


def plain_label(parent: QWidget | None = None, text: str = "") -> QLabel:
    """A label that never interprets its text as markup."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def plain_tooltip(text: str) -> str:
    """A tooltip string that shows `text` literally (tooltips have no plain-text switch)."""
    return "<p style='white-space:pre-wrap'>" + escape(text).replace("\n", "<br>") + "</p>"


def message_box(parent: QWidget | None, icon: QMessageBox.Icon, text: str,
                buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok,
                default: QMessageBox.StandardButton = QMessageBox.StandardButton.NoButton,
                ) -> QMessageBox.StandardButton:
    """A modal message box whose text is shown literally."""
    box = QMessageBox(icon, "Policy Auditor", text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if default != QMessageBox.StandardButton.NoButton:
        box.setDefaultButton(default)
    return QMessageBox.StandardButton(box.exec())


def confirm(parent: QWidget | None, text: str, title: str = "Policy Auditor") -> bool:
    """A warning asking Yes or No, with No the default; whether Yes was chosen."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


def plain_input_dialog(dialog: QInputDialog) -> QInputDialog:
    """`dialog` with its prompt shown literally."""
    for label in dialog.findChildren(QLabel):
        label.setTextFormat(Qt.TextFormat.PlainText)
    return dialog
