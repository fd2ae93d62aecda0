"""The sign-off dialog: what blocks sign-off, the jump to an item, override and four eyes."""

from __future__ import annotations

from desktop_app.core.status import Status
from desktop_app.gui.dialogs.signoff_dialog import ITEM_ROLE, SignOffChoice, SignOffDialog


def test_dialog_lists_blockers_and_needs_a_reason_to_override(window, store, qtbot) -> None:
    audit_id = window.snapshot.audit_id
    first, second = (r.item_id for r in store.audit(audit_id).reviews[:2])
    store.accept_suggestions(audit_id, "alice", item_ids=[first])
    store.set_status(audit_id, second, Status.MISSING, "alice")
    snapshot = store.audit(audit_id)
    dialog = SignOffDialog(snapshot, "Northwind", "bob", four_eyes=True)
    qtbot.addWidget(dialog)
    listed = [dialog.list.item(row).data(ITEM_ROLE) for row in range(dialog.list.count())]
    assert listed == [r.item_id for r in snapshot.reviews if r.item_id != second]
    assert "accepted in bulk" in dialog.list.item(0).text()
    assert not dialog.sign_button.isEnabled()
    dialog.override.setText("  pilot  ")
    assert dialog.sign_button.isEnabled() and dialog.choice() == SignOffChoice(override="pilot")

    refused = SignOffDialog(snapshot, "Northwind", "alice", four_eyes=True)
    qtbot.addWidget(refused)
    refused.override.setText("pilot")
    assert not refused.sign_button.isEnabled() and "Four eyes" in refused.summary.text()


def test_go_to_item_selects_it_in_the_checklist(window, monkeypatch) -> None:
    target = window.snapshot.reviews[4].item_id
    monkeypatch.setattr(SignOffDialog, "ask",
                        classmethod(lambda cls, *a: SignOffChoice(jump_to=target)))
    window.commands["sign_off"].trigger()
    assert window.checklist.current_item_id() == target
    assert not window.snapshot.signed_off


def test_jump_button_closes_the_dialog_with_the_current_item(window, qtbot) -> None:
    dialog = SignOffDialog(window.snapshot, "Northwind", "bob", four_eyes=True)
    qtbot.addWidget(dialog)
    dialog.list.setCurrentRow(2)
    dialog.jump_button.click()
    assert dialog.jump_to == dialog.list.item(2).data(ITEM_ROLE)


def test_the_dialog_shows_the_reviewers_signing_key(window, monkeypatch, qtbot) -> None:
    from desktop_app import keys

    seen = []
    monkeypatch.setattr(SignOffDialog, "ask",
                        classmethod(lambda cls, *args: seen.append(args) or None))
    window.commands["sign_off"].trigger()
    fingerprint = keys.describe("tester")[0]
    assert seen and seen[0][-1] == fingerprint
    dialog = SignOffDialog(window.snapshot, "Northwind", "tester", True, fingerprint)
    qtbot.addWidget(dialog)
    assert fingerprint in dialog.summary.text()
