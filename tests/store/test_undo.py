"""Exact undo: review actions report their prior item state, and restoring it puts rows back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.core.status import Status
from desktop_app.errors import WorkflowError
from desktop_app.services import Workspace
from desktop_app.store.item_state import ReviewChange
from tests.store.helpers import (
    CLAUSES_V1,
    import_doc,
    make_checklist,
    make_document,
    open_workspace,
)

RETENTION = "test-law.retention"
ACCESS = "test-law.access"
ITEMS = tuple(item.id for item in make_checklist().items)
QUOTES = ("seven years", "order history", "ask us to correct it", "Northwind Ltd")


def rows(workspace: Workspace, audit_id: int) -> tuple[list[tuple], list[tuple]]:
    """Every column of the audit's assessment and evidence rows."""
    db = workspace._db
    assessments = db.execute("SELECT * FROM assessments WHERE audit_id = ? ORDER BY id",
                             [audit_id]).fetchall()
    evidence = db.execute("SELECT e.* FROM evidence e JOIN assessments a ON a.id = "
                          "e.assessment_id WHERE a.audit_id = ? ORDER BY e.id",
                          [audit_id]).fetchall()
    return assessments, evidence


def flagged_audit(workspace: Workspace, audit_id: int) -> int:
    """A new version in which RETENTION is reviewed by bob and flagged for re-review."""
    workspace.accept_suggestions(audit_id, "bob")
    workspace.add_evidence(audit_id, RETENTION, "bob", quote="seven years")
    edited = tuple((ref, body.replace("seven", "ten")) for ref, body in CLAUSES_V1)
    [new_audit] = import_doc(workspace, make_document(edited)).audit_ids
    assert workspace.audit(new_audit).review(RETENTION).needs_rereview
    return new_audit


def test_undoing_a_status_restores_flag_reviewer_and_time(workspace: Workspace,
                                                          audit_id: int) -> None:
    audit = flagged_audit(workspace, audit_id)
    before = rows(workspace, audit)
    change = workspace.set_status(audit, RETENTION, Status.PARTIAL, "carol")
    assert change.items == (RETENTION,)
    after = workspace.audit(audit).review(RETENTION)
    assert (after.reviewer, after.needs_rereview) == ("carol", False)
    workspace.restore_item_states(change.before, "carol")
    restored = workspace.audit(audit).review(RETENTION)
    assert (restored.status, restored.reviewer, restored.needs_rereview) == \
        (Status.SATISFIED, "bob", True)
    assert rows(workspace, audit) == before
    assert workspace.verify().ok


def test_undoing_remove_evidence_brings_back_the_same_row(workspace: Workspace,
                                                          audit_id: int) -> None:
    before = rows(workspace, audit_id)
    [auto] = workspace.audit(audit_id).review(RETENTION).evidence
    change = workspace.remove_evidence(audit_id, auto.id, "bob")
    assert change.items == (RETENTION,)
    assert not workspace.audit(audit_id).review(RETENTION).evidence
    workspace.restore_item_states(change.before, "bob")
    [back] = workspace.audit(audit_id).review(RETENTION).evidence
    assert back == auto and back.source == "auto"
    assert rows(workspace, audit_id) == before


def test_redo_restores_the_state_the_undo_replaced(workspace: Workspace, audit_id: int) -> None:
    added = workspace.add_evidence(audit_id, ACCESS, "bob", quote="ask us to correct it",
                                   note="why")
    assert added.evidence_id is not None
    done = rows(workspace, audit_id)
    undone = workspace.restore_item_states(added.before, "bob")
    assert added.evidence_id not in {e.id for e in workspace.audit(audit_id).review(ACCESS).evidence}
    workspace.restore_item_states(undone.before, "bob")
    assert rows(workspace, audit_id) == done  # the same evidence id, note and time


def test_a_restore_is_recorded_with_before_and_after(workspace: Workspace,
                                                     audit_id: int) -> None:
    change = workspace.set_note(audit_id, RETENTION, "kept too long", "bob")
    workspace.restore_item_states(change.before, "carol")
    event = workspace.history(audit_id)[-1]
    assert (event.action, event.actor, event.item_id) == ("restore", "carol", RETENTION)
    before, after = json.loads(event.before), json.loads(event.after)
    assert (before["note"], after["note"]) == ("kept too long", "")
    assert [e["source"] for e in after["evidence"]] == ["auto"]


def test_restoring_the_current_state_changes_nothing(workspace: Workspace,
                                                     audit_id: int) -> None:
    change = workspace.set_status(audit_id, RETENTION, Status.MISSING, "bob")
    workspace.restore_item_states(change.before, "bob")
    events = len(workspace.history(audit_id))
    again = workspace.restore_item_states(change.before, "bob")
    assert again == ReviewChange(audit_id)
    assert len(workspace.history(audit_id)) == events


def test_accept_reports_only_the_items_it_changed(workspace: Workspace, audit_id: int) -> None:
    workspace.set_status(audit_id, RETENTION, Status.MISSING, "bob")
    change = workspace.accept_suggestions(audit_id, "bob")
    assert RETENTION not in change.items and len(change.items) == len(ITEMS) - 1
    assert [state.item_id for state in change.before] == list(change.items)
    assert all(state.fields()["status"] is None for state in change.before)


def test_a_signed_off_audit_refuses_a_restore(workspace: Workspace, audit_id: int) -> None:
    change = workspace.set_status(audit_id, RETENTION, Status.MISSING, "bob")
    workspace.sign_off(audit_id, "erin", override="test")
    with pytest.raises(WorkflowError, match="signed off"):
        workspace.restore_item_states(change.before, "bob")


# An action: (kind, item index, argument). Evidence removal picks the item's first row.
ACTION = st.tuples(st.sampled_from(("status", "accept", "note", "add", "remove")),
                   st.integers(0, len(ITEMS) - 1),
                   st.integers(0, 4))


def _apply(workspace: Workspace, audit_id: int, action: tuple[str, int, int]) -> ReviewChange | None:
    kind, index, argument = action
    item = ITEMS[index]
    if kind == "status":
        statuses: list[Any] = [None, Status.SATISFIED, Status.PARTIAL, Status.MISSING,
                               Status.SATISFIED]
        return workspace.set_status(audit_id, item, statuses[argument], "bob")
    if kind == "accept":
        change = workspace.accept_suggestions(audit_id, "carol", item_ids=[item])
        return change if change.items else None
    if kind == "note":
        return workspace.set_note(audit_id, item, f"note {argument}", "bob")
    if kind == "add":
        return workspace.add_evidence(audit_id, item, "bob", quote=QUOTES[argument % 4],
                                      note=f"n{argument}")
    evidence = workspace.audit(audit_id).review(item).evidence
    if not evidence:
        return None
    return workspace.remove_evidence(audit_id, evidence[0].id, "dave")


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actions=st.lists(ACTION, min_size=1, max_size=8))
def test_any_actions_then_as_many_undos_leave_the_rows_as_they_were(
        tmp_path: Path, actions: list[tuple[str, int, int]]) -> None:
    folder = Path(tmp_path) / f"run-{len(list(Path(tmp_path).iterdir()))}"
    folder.mkdir()
    with open_workspace(folder / "audits.sqlite") as workspace:
        audit_id = import_doc(workspace, make_document()).audit_ids[0]
        original = rows(workspace, audit_id)
        changes = [c for c in (_apply(workspace, audit_id, a) for a in actions) if c is not None]
        for change in reversed(changes):
            workspace.restore_item_states(change.before, "erin")
        assert rows(workspace, audit_id) == original
        report = workspace.verify()
        assert report.ok, report.problems


def test_a_stored_checklist_is_parsed_once_per_content(workspace: Workspace, audit_id: int,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop_app.store import repo

    parsed = []
    real = repo.checklist_from_dict
    monkeypatch.setattr(repo, "_PARSED", {})
    monkeypatch.setattr(repo, "checklist_from_dict", lambda data: parsed.append(1) or real(data))
    first = workspace.audit(audit_id).checklist
    assert workspace.audit(audit_id).checklist is first
    assert len(parsed) == 1


def test_an_undo_never_overwrites_a_later_change(workspace: Workspace, audit_id: int) -> None:
    mine = workspace.set_status(audit_id, RETENTION, Status.PARTIAL, "carol")
    assert [state.fields()["status"] for state in mine.after] == ["partial"]
    workspace.set_status(audit_id, RETENTION, Status.MISSING, "dave")  # another window
    kept = rows(workspace, audit_id)
    events = len(workspace.history(audit_id))
    with pytest.raises(WorkflowError, match=f"{RETENTION} was changed after this step "
                                            r"\(last by dave at "):
        workspace.restore_item_states(mine.before, "carol", expected=mine.after)
    assert rows(workspace, audit_id) == kept and len(workspace.history(audit_id)) == events
    assert workspace.audit(audit_id).review(RETENTION).status == Status.MISSING
    # Nobody changed it since: the undo and the redo go through.
    again = workspace.set_status(audit_id, ACCESS, Status.SATISFIED, "carol")
    undone = workspace.restore_item_states(again.before, "carol", expected=again.after)
    assert undone.items == (ACCESS,)
    workspace.restore_item_states(again.after, "carol", expected=again.before)
    assert workspace.audit(audit_id).review(ACCESS).status == Status.SATISFIED
    assert workspace.verify().ok
