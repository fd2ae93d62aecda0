"""Says in the status bar why a shortcut did nothing: Qt drops the keys of disabled actions."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

_EDITING = ("accept", "satisfied", "partial", "missing", "not_applicable", "clear_status", "note",
            "attach_evidence", "remove_evidence", "sign_off")
_NEEDS_ITEM = ("accept", "satisfied", "partial", "missing", "not_applicable", "clear_status",
               "note", "attach_evidence", "next_evidence")
_TEXT_MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


def disabled_reason(window, name: str) -> str:
    """Why the action `name` cannot run in the window's present state."""
    snapshot = window.snapshot
    if snapshot is None:
        return "open an audit first: choose one in the library, or import a policy with Ctrl+O"
    if name == "reopen":
        return "this audit is not signed off"
    if snapshot.signed_off and name in _EDITING:
        return "this audit is signed off; reopen it (Ctrl+Shift+R) to change it"
    if name in _NEEDS_ITEM and not window.checklist.current_item_id():
        return "choose an item in the checklist first"
    if name == "remove_evidence":
        return "choose an evidence row in the item detail first"
    if name == "changes":
        return "this is the policy's first version; there is nothing to compare it with"
    return "not available now"


class DisabledKeyNotifier(QObject):
    """Watches key presses in one window and explains shortcuts of disabled actions."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self._window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress and isinstance(watched, QWidget)
                and watched.window() is self._window):
            self._explain(watched, event)
        return False

    def _explain(self, receiver: QWidget, event: QKeyEvent) -> None:
        if event.isAutoRepeat() or _typing(receiver, event):
            return
        pressed = QKeySequence(event.keyCombination())
        for name, action in self._window.commands.items():
            if not action.isEnabled() and _bound(action, pressed):
                title = action.text().replace("&", "").rstrip("…")
                self._window.statusBar().showMessage(
                    f"{title}: {disabled_reason(self._window, name)}.", 6000)
                return


def _bound(action: QAction, pressed: QKeySequence) -> bool:
    return any(shortcut.matches(pressed) == QKeySequence.SequenceMatch.ExactMatch
               for shortcut in action.shortcuts())


def _typing(focus: QWidget, event: QKeyEvent) -> bool:
    """A plain key typed into a text field is text, not a shortcut."""
    editable = isinstance(focus, QLineEdit | QAbstractSpinBox) or (
        isinstance(focus, QTextEdit | QPlainTextEdit) and not focus.isReadOnly())
    return editable and not event.modifiers() & _TEXT_MODIFIERS
