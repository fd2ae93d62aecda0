"""Waiting for the window's background work in GUI tests."""

from __future__ import annotations

from desktop_app.gui.mainwindow import MainWindow


def wait_opened(qtbot, window: MainWindow) -> None:
    """Wait until no audit is loading (audits open on a worker thread)."""
    qtbot.waitUntil(lambda: not window.opening, timeout=10_000)


def open_and_wait(qtbot, window: MainWindow, audit_id: int, item_id: str = "") -> None:
    window.open_audit(audit_id, item_id=item_id)
    wait_opened(qtbot, window)
