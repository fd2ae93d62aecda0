"""File › New Workspace…, Open Workspace… and Open Recent switch the window's database cleanly."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMenu

from desktop_app.errors import AuditorError
from desktop_app.gui.workspace_commands import NewWorkspace, OpenWorkspace
from desktop_app.services import Workspace
from tests.gui.helpers import wait_opened


def _recent_action(window, path: Path):
    menu = window.findChild(QMenu, "menu-recent-workspaces")
    menu.aboutToShow.emit()
    return next(a for a in menu.actions() if a.text().endswith(str(path)))


def test_new_workspace_then_back_through_the_recent_list(window, db_path: Path, tmp_path: Path,
                                                         monkeypatch, qtbot) -> None:
    old = window.workspace
    first_audit = window.snapshot.audit_id
    item_id = window.checklist.current_item_id()
    # A note typed but not yet saved (the debounce has not fired) is kept when switching.
    window.detail.note.setPlainText("Checked with the client.")
    fresh = tmp_path / "client-b.sqlite"
    monkeypatch.setattr(NewWorkspace, "ask", classmethod(lambda cls, parent, folder: fresh))
    window.commands["new_workspace"].trigger()

    assert window.workspace.db_path == fresh and fresh.is_file()
    assert window.snapshot is None and not window.library.model.summaries()
    assert window.central.currentWidget() is window.welcome
    assert str(fresh) in window.welcome.storage.text()
    assert not window.checklist.model.rows() and not window.undo_group.canUndo()
    assert window.settings.last_db == str(fresh)
    assert window.settings.recent_workspaces[:2] == [str(fresh), str(db_path)]
    assert "client-b.sqlite" in window.windowTitle()
    with pytest.raises(AuditorError):
        old.audits()                     # the old connection is closed
    with Workspace(db_path) as stored:
        assert stored.audit(first_audit).review(item_id).note == "Checked with the client."

    _recent_action(window, db_path).trigger()
    wait_opened(qtbot, window)
    assert window.workspace.db_path == db_path
    assert window.snapshot is not None and window.library.model.summaries()
    assert window.settings.recent_workspaces[0] == str(db_path)


def test_open_workspace_and_refusals(window, db_path: Path, tmp_path: Path, monkeypatch,
                                     alerts) -> None:
    other = tmp_path / "other.sqlite"
    Workspace(other).close()
    monkeypatch.setattr(OpenWorkspace, "ask", classmethod(lambda cls, parent, folder: other))
    window.commands["open_workspace"].trigger()
    assert window.workspace.db_path == other and window.snapshot is None

    # New Workspace never replaces an existing file.
    monkeypatch.setattr(NewWorkspace, "ask", classmethod(lambda cls, parent, folder: db_path))
    window.commands["new_workspace"].trigger()
    assert window.workspace.db_path == other
    assert alerts.pop().startswith(f"{db_path} already exists")


def test_missing_or_damaged_recent_workspace_is_explained_and_dropped(
        window, db_path: Path, tmp_path: Path, alerts) -> None:
    missing = tmp_path / "moved.sqlite"
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(b"this is not an audits database" * 100)
    window.settings.remember_workspace(str(missing))
    window.settings.remember_workspace(str(damaged))
    window.settings.remember_workspace(str(db_path))

    _recent_action(window, missing).trigger()
    assert alerts.pop() == (f"No workspace at {missing}: the file was moved or deleted. It has "
                            "been removed from the recent list.")
    _recent_action(window, damaged).trigger()
    message = alerts.pop()
    assert message.startswith(f"Cannot open the workspace {damaged}: ")
    assert message.endswith("It has been removed from the recent list.")
    assert str(missing) not in window.settings.recent_workspaces
    assert str(damaged) not in window.settings.recent_workspaces
    # The window stays on its workspace, and the damaged file is left as it was.
    assert window.workspace.db_path == db_path and window.snapshot is not None
    window.refresh_library()
    assert not alerts
    assert damaged.read_bytes() == b"this is not an audits database" * 100
