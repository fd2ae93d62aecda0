"""Renaming a policy, archiving and deleting an audit: recorded, and verify still passes."""

from __future__ import annotations

import json

import pytest

from desktop_app.core.status import Status
from desktop_app.errors import InputError, WorkflowError
from desktop_app.services import ImportResult, Workspace
from tests.store.helpers import CLAUSES_V1, import_doc, make_document

RETENTION = "test-law.retention"


def test_rename_is_recorded_and_verified(workspace: Workspace, imported: ImportResult) -> None:
    workspace.rename_policy(imported.policy_id, "  Northwind Ltd (UK)  ", "bob")
    [policy] = workspace.policies()
    assert policy.name == "Northwind Ltd (UK)"
    assert workspace.audits()[0].policy_name == "Northwind Ltd (UK)"
    event = workspace.history(imported.audit_ids[0])  # the audit's own trail is unchanged
    assert all(e.action != "rename-policy" for e in event)
    import_doc(workspace, make_document(), name="other")
    with pytest.raises(InputError, match="already named"):
        workspace.rename_policy(imported.policy_id, "other", "bob")
    with pytest.raises(InputError, match="needs a name"):
        workspace.rename_policy(imported.policy_id, " ", "bob")
    assert workspace.verify().ok


def test_archived_audits_are_left_out_unless_asked(workspace: Workspace, audit_id: int) -> None:
    assert workspace.set_archived(audit_id, True, "bob")
    assert not workspace.set_archived(audit_id, True, "bob")
    assert workspace.audits(include_archived=False) == []
    [summary] = workspace.audits()
    assert summary.archived
    assert workspace.history(audit_id)[-1].action == "archive"
    assert workspace.set_archived(audit_id, False, "bob")
    assert [s.audit_id for s in workspace.audits(include_archived=False)] == [audit_id]
    assert workspace.verify().ok


def test_a_deleted_audit_is_a_recorded_deletion_not_tampering(workspace: Workspace,
                                                              audit_id: int) -> None:
    workspace.set_status(audit_id, RETENTION, Status.MISSING, "bob")
    workspace.add_evidence(audit_id, RETENTION, "bob", quote="seven years")
    workspace.set_finding(audit_id, RETENTION, "bob", owner="Data Office")
    edited = tuple((ref, body.replace("seven", "ten")) for ref, body in CLAUSES_V1)
    [later] = import_doc(workspace, make_document(edited)).audit_ids  # carried from audit_id
    record = workspace.delete_audit(audit_id, "bob")
    assert record["reviewed"] == 1 and record["policy"] == "northwind"
    assert [s.audit_id for s in workspace.audits()] == [later]
    assert workspace.audit(later).review(RETENTION).status is Status.MISSING
    report = workspace.verify()
    assert report.ok, report.problems
    db = workspace._db
    [(action, before)] = db.execute("SELECT action, before FROM trail WHERE audit_id = ? AND "
                                    "action = 'delete-audit'", [audit_id]).fetchall()
    assert json.loads(before)["items"] == 6
    assert db.execute("SELECT count(*) FROM assessments WHERE audit_id = ?",
                      [audit_id]).fetchone()[0] == 0


def test_a_signed_off_audit_cannot_be_deleted(workspace: Workspace, audit_id: int) -> None:
    workspace.sign_off(audit_id, "erin", override="test")
    with pytest.raises(WorkflowError, match="signed off and cannot be deleted"):
        workspace.delete_audit(audit_id, "bob")
    workspace.reopen(audit_id, "erin", "more work")
    with pytest.raises(WorkflowError, match="signatures are kept"):
        workspace.delete_audit(audit_id, "bob")
    assert [s.audit_id for s in workspace.audits()] == [audit_id]
    assert workspace.verify().ok
