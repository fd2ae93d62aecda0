"""Opening an audit reads and lays it out on a worker thread; the window shows the latest ask."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from desktop_app.gui import mainwindow
from desktop_app.gui.mainwindow import MainWindow
from desktop_app.gui.panels.policy_viewer import build_outline, outline_group
from desktop_app.services import Workspace
from tests.gui.helpers import wait_opened

pytestmark = pytest.mark.gui


@pytest.fixture
def two_audits(window: MainWindow, store: Workspace) -> tuple[int, int]:
    ids = [s.audit_id for s in store.audits()]
    assert len(ids) >= 2
    return ids[0], ids[1]


def test_the_audit_is_read_off_the_gui_thread(window: MainWindow, two_audits, qtbot,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    threads = []
    real = mainwindow.load_audit

    def spy(db_path: Path, audit_id: int):
        threads.append(threading.current_thread())
        return real(db_path, audit_id)

    monkeypatch.setattr(mainwindow, "load_audit", spy)
    first, second = two_audits
    shown = window.snapshot.audit_id
    target = second if shown == first else first
    with qtbot.waitSignal(window.audit_opened, timeout=10_000) as opened:
        window.open_audit(target)
        # The call returns at once: until the worker is done, the window keeps the audit it had.
        assert window.snapshot.audit_id == shown and window.opening == target
    assert opened.args == [target] and window.snapshot.audit_id == target
    assert threads and threads[0] is not threading.main_thread()
    assert window.checklist.model.rows() and window.viewer.outline.count()


def test_only_the_latest_request_is_shown(window: MainWindow, two_audits, qtbot) -> None:
    first, second = two_audits
    window.open_audit(first, item_id=window.snapshot.checklist.items[0].id)
    window.open_audit(second)
    wait_opened(qtbot, window)
    qtbot.waitUntil(lambda: not window.runner.running, timeout=10_000)
    assert window.snapshot.audit_id == second
    assert window.settings.last_audit_id == second


def test_a_failed_open_keeps_the_audit_on_screen(window: MainWindow, qtbot,
                                                alerts: list[str]) -> None:
    shown = window.snapshot.audit_id
    window.open_audit(99_999)
    qtbot.waitUntil(lambda: bool(alerts), timeout=10_000)
    assert "no audit with id 99999" in alerts.pop()
    assert window.snapshot.audit_id == shown and not window.opening
    assert window.checklist.model.rows()


def test_prepared_outline_matches_the_clauses(store: Workspace) -> None:
    snapshot = store.audit(store.audits()[0].audit_id)
    outline = build_outline(snapshot.clauses)
    clause_rows = outline.clause_rows
    assert len(clause_rows) == len(snapshot.clauses)
    # Each clause row points at its own clause; a heading row at the clause it leads to.
    assert all(outline.rows[row].clause_index == index for index, row in enumerate(clause_rows))
    headings = [row for row in outline.rows if row.heading]
    assert headings and all(row.label == outline_group(snapshot.clauses[row.clause_index])
                            for row in headings)
