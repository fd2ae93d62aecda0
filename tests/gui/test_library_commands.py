"""Rename a policy, archive and delete audits from the window."""

from __future__ import annotations

from desktop_app.gui.dialogs.prompts import ConfirmDelete, PolicyName
from tests.gui.helpers import wait_opened


def test_rename_policy_from_the_window(window, store, monkeypatch) -> None:
    monkeypatch.setattr(PolicyName, "ask", classmethod(lambda cls, parent, current: "Acme"))
    window.commands["rename_policy"].trigger()
    assert {s.policy_name for s in store.audits()} == {"Acme"}
    assert {s.policy_name for s in window.library.model.summaries()} == {"Acme"}
    assert window.snapshot.policy.name == "Acme"
    assert "Acme" in window.windowTitle()


def test_archive_hides_an_audit_and_the_toggle_shows_it(window, store) -> None:
    opened = window.snapshot.audit_id
    window.commands["archive"].trigger()
    assert [s.archived for s in store.audits() if s.audit_id == opened] == [True]
    assert opened not in [s.audit_id for s in window.library.model.summaries()]
    window.commands["show_archived"].trigger()
    assert window.commands["show_archived"].isChecked()
    shown = {s.audit_id: s.archived for s in window.library.model.summaries()}
    assert shown[opened] is True
    window.commands["archive"].trigger()  # all chosen are archived: brings it back
    assert not any(s.archived for s in store.audits())


def test_delete_asks_and_a_no_keeps_the_audit(window, store, monkeypatch, qtbot) -> None:
    asked = []
    monkeypatch.setattr(ConfirmDelete, "ask",
                        classmethod(lambda cls, parent, labels: asked.append(labels) or False))
    opened = window.snapshot.audit_id
    window.commands["delete_audit"].trigger()
    assert len(asked) == 1 and opened in [s.audit_id for s in store.audits()]

    monkeypatch.setattr(ConfirmDelete, "ask", classmethod(lambda cls, parent, labels: True))
    window.commands["satisfied"].trigger()  # an undo step on the audit about to go
    window.commands["delete_audit"].trigger()
    wait_opened(qtbot, window)
    assert opened not in [s.audit_id for s in store.audits()]
    assert window.snapshot is not None and window.snapshot.audit_id != opened
    assert opened not in [s.audit_id for s in window.library.model.summaries()]
    assert store.history(window.snapshot.audit_id) is not None
    assert store.verify().ok
    assert "deleted" in window.statusBar().currentMessage()


def test_a_signed_off_audit_is_not_deleted(window, store, monkeypatch) -> None:
    monkeypatch.setattr(ConfirmDelete, "ask", classmethod(lambda cls, parent, labels: True))
    opened = window.snapshot.audit_id
    store.sign_off(opened, "approver", override="test")
    window.reload_from_store()
    window.commands["delete_audit"].trigger()
    assert opened in [s.audit_id for s in store.audits()]
    assert "cannot be deleted" in window.statusBar().currentMessage()


def test_deleting_the_last_audit_leaves_no_trace_of_it_on_screen(window, store, monkeypatch,
                                                                  qtbot) -> None:
    monkeypatch.setattr(ConfirmDelete, "ask", classmethod(lambda cls, parent, labels: True))
    window.docks["findings"].show()
    window.docks["findings"].raise_()
    opened = window.snapshot.audit_id
    for summary in store.audits():
        if summary.audit_id != opened:
            store.delete_audit(summary.audit_id, "tester")
    window.reload_from_store()
    window.refresh_findings()
    assert window.findings.model.rowCount() > 0
    window.commands["delete_audit"].trigger()
    assert not store.audits() and window.snapshot is None
    assert window.central.currentWidget() is window.welcome
    assert window.findings.model.rowCount() == 0
    assert "Policy Auditor" in window.windowTitle() and window.audit_label.text() == ""
