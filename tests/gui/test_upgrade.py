"""Upgrading and reassessing an audit from the window, and the library's older-version mark."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt

from desktop_app.gui.dialogs.upgrade_dialog import UpgradeDialog
from desktop_app.gui.mainwindow import MainWindow
from desktop_app.gui.models.library_model import LibCol, LibraryModel
from desktop_app.services import Workspace
from tests.gui.helpers import open_and_wait


def _open(qtbot, window: MainWindow, store: Workspace, checklist_id: str) -> int:
    (audit_id,) = [s.audit_id for s in store.audits() if s.checklist_id == checklist_id]
    open_and_wait(qtbot, window, audit_id)
    return audit_id


def test_library_marks_audits_on_an_older_checklist(store: Workspace, qtbot) -> None:
    summaries = store.audits()
    assert not any(s.checklist_outdated for s in summaries)
    older = replace(summaries[0], checklist_version="2020.1",
                    current_checklist_version=summaries[0].checklist_version)
    model = LibraryModel()
    model.set_summaries([older, *summaries[1:]])
    assert model.index(0, LibCol.CHECKLIST).data() == f"{older.checklist_id} ↑"
    tooltip = model.index(0, LibCol.POLICY).data(Qt.ItemDataRole.ToolTipRole)
    assert "is installed; upgrade" in tooltip
    assert model.index(1, LibCol.CHECKLIST).data() == summaries[1].checklist_id


def test_upgrade_action_moves_the_as_at_date(window: MainWindow, store: Workspace, qtbot,
                                             monkeypatch) -> None:
    audit_id = _open(qtbot, window, store, "ccpa")
    asked = {}

    def fake_ask(cls, parent, label, from_version, to_version, as_at):
        asked.update(label=label, versions=(from_version, to_version), as_at=as_at)
        return "2027-02-01"

    monkeypatch.setattr(UpgradeDialog, "ask", classmethod(fake_ask))
    window.commands["upgrade"].trigger()
    qtbot.waitUntil(lambda: window.snapshot.as_at == "2027-02-01", timeout=20_000)
    assert asked["as_at"] == store.audit(audit_id).trail[0].at[:10]
    assert window.snapshot.checklist.item("ccpa.admt").level.value == "must"
    assert "law as at 2027-02-01" in window.audit_label.text()
    assert [e.action for e in store.history(audit_id)][-1] == "checklist-upgrade"


def test_reassess_action_records_the_engine(window: MainWindow, store: Workspace,
                                            qtbot) -> None:
    audit_id = _open(qtbot, window, store, "gdpr")
    window.commands["reassess"].trigger()
    qtbot.waitUntil(lambda: [e.action for e in store.history(audit_id)][-1] == "reassess",
                    timeout=20_000)
    qtbot.waitUntil(lambda: "reassessed" in window.statusBar().currentMessage(), timeout=5_000)


def test_upgrade_dialog_starts_at_the_audits_date(qtbot) -> None:
    dialog = UpgradeDialog("Northwind v1 (ccpa)", "2026.2", "2026.3", "2026-12-01")
    qtbot.addWidget(dialog)
    assert dialog.chosen_as_at() == "2026-12-01"
