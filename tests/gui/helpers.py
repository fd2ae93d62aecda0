"""Waiting for the window's background work in GUI tests."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from desktop_app.gui.mainwindow import MainWindow


def wait_opened(qtbot, window: MainWindow) -> None:
    """Wait until no audit is loading (audits open on a worker thread)."""
    qtbot.waitUntil(lambda: not window.opening, timeout=10_000)


def open_and_wait(qtbot, window: MainWindow, audit_id: int, item_id: str = "") -> None:
    window.open_audit(audit_id, item_id=item_id)
    wait_opened(qtbot, window)


def tab_to(qtbot, window: MainWindow, item_id: str, start: QWidget, target: QWidget,
           presses: int = 6) -> None:
    """Show the item in a real (exposed) window, then press Tab from `start` until `target`
    has the focus; fails when it never gets there."""
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    window.checklist.select_item(item_id)
    start.setFocus()
    qtbot.waitUntil(start.hasFocus)
    for _ in range(presses):
        if target.hasFocus():
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert target.hasFocus()
