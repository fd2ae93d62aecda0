"""Keeping the library tidy: renaming a policy, archiving and deleting an audit.

Each is one transaction recorded in the trail, so `verify` sees a deletion as recorded (the
event seals the removed rows as gone), not as rows deleted outside the app.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from desktop_app.errors import InputError, NotFoundError, WorkflowError
from desktop_app.store import repo, trail
from desktop_app.store.database import write


def _policy_row(db: Database, policy_id: int) -> dict[str, Any]:
    rows = list(db.query("SELECT * FROM policies WHERE id = ?", [policy_id]))
    if not rows:
        raise NotFoundError(f"no policy with id {policy_id}; "
                            "run 'policy-auditor audits' to see what is stored")
    return rows[0]


def rename_policy(db: Database, policy_id: int, name: str, actor: str) -> None:
    """Give a policy another name in the library (importing under the new name adds versions)."""
    name = name.strip()
    if not name:
        raise InputError("a policy needs a name; give a non-empty NAME")
    with write(db):
        policy = _policy_row(db, policy_id)
        if policy["name"] == name:
            return
        taken = db.execute("SELECT id FROM policies WHERE name = ? AND id != ?",
                           [name, policy_id]).fetchone()
        if taken:
            raise InputError(f"policy {taken[0]} is already named {name!r}; choose another name")
        db.execute("UPDATE policies SET name = ? WHERE id = ?", [name, policy_id])
        trail.append(db, actor, "rename-policy", before={"policy_id": policy_id,
                                                         "name": policy["name"]},
                     after={"policy_id": policy_id, "name": name})
        repo.remember_reviewer(db, actor)


def set_archived(db: Database, audit_id: int, archived: bool, actor: str) -> bool:
    """Archive (or bring back) an audit; returns False when it already was so."""
    with write(db):
        audit = repo.audit_row(db, audit_id)
        if bool(audit["archived"]) == archived:
            return False
        db.execute("UPDATE audits SET archived = ? WHERE id = ?", [int(archived), audit_id])
        trail.append(db, actor, "archive" if archived else "unarchive", audit_id=audit_id,
                     before={"archived": bool(audit["archived"])}, after={"archived": archived})
        repo.remember_reviewer(db, actor)
    return True


def delete_audit(db: Database, audit_id: int, actor: str) -> dict[str, Any]:
    """Delete an audit with its items, evidence and findings; returns what it was.

    A signed-off audit is refused, and so is one that was ever signed (its signatures are
    kept for good): archive those instead. Later audits carried forward from this one keep
    their contents and lose only the link to it.
    """
    with write(db):
        audit = repo.audit_row(db, audit_id)
        if audit["state"] == "signed-off":
            raise WorkflowError(f"audit {audit_id} is signed off and cannot be deleted; "
                                f"archive it instead (policy-auditor archive {audit_id})")
        if _signed_before(db, audit_id):
            raise WorkflowError(f"audit {audit_id} was signed off before and its signatures "
                                "are kept for good, so it cannot be deleted; archive it instead "
                                f"(policy-auditor archive {audit_id})")
        [summary] = [s for s in repo.audit_summaries(db) if s.audit_id == audit_id]
        record = {"policy_id": summary.policy_id, "policy": summary.policy_name,
                  "policy_version": summary.policy_version, "checklist": summary.checklist_id,
                  "checklist_version": summary.checklist_version, "items": summary.total,
                  "reviewed": summary.reviewed, "archived": bool(audit["archived"])}
        assessments = "SELECT id FROM assessments WHERE audit_id = ?"
        db.execute(f"DELETE FROM evidence WHERE assessment_id IN ({assessments})", [audit_id])
        db.execute("DELETE FROM assessments WHERE audit_id = ?", [audit_id])
        db.execute("UPDATE findings SET carried_from = NULL WHERE carried_from IN "
                   "(SELECT id FROM findings WHERE audit_id = ?)", [audit_id])
        db.execute("DELETE FROM findings WHERE audit_id = ?", [audit_id])
        db.execute("UPDATE audits SET previous_audit_id = NULL WHERE previous_audit_id = ?",
                   [audit_id])
        db.execute("DELETE FROM audits WHERE id = ?", [audit_id])
        trail.append(db, actor, "delete-audit", audit_id=audit_id, before=record,
                     after={"deleted": True})
        repo.remember_reviewer(db, actor)
    return record


def _signed_before(db: Database, audit_id: int) -> bool:
    return db.execute("SELECT 1 FROM signatures WHERE audit_id = ? LIMIT 1",
                      [audit_id]).fetchone() is not None
