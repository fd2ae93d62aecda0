"""Stored findings: changes to the remediation plan and carrying open findings to a new version."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from desktop_app.core.finding import (
    EDITABLE_FIELDS,
    FindingState,
    Risk,
    StoredFinding,
    check_fields,
    defect_number,
)
from desktop_app.errors import NotFoundError, WorkflowError
from desktop_app.store import repo, trail
from desktop_app.store.database import insert, now, write

#: Trail actions that set a finding's fields (their `after` holds every editable field).
ACTIONS = ("finding", "finding-carried")


def _from_row(row: dict[str, Any]) -> StoredFinding:
    return StoredFinding(
        id=row["id"], audit_id=row["audit_id"], item_id=row["item_id"],
        risk=None if row["risk"] is None else Risk(row["risk"]),
        recommendation=row["recommendation"], response=row["response"], owner=row["owner"],
        due=row["due"], state=FindingState(row["state"]),
        closing_evidence=row["closing_evidence"], carried_from=row["carried_from"])


def stored(db: Database, audit_id: int) -> tuple[StoredFinding, ...]:
    rows = db.query("SELECT * FROM findings WHERE audit_id = ? ORDER BY id", [audit_id])
    return tuple(_from_row(row) for row in rows)


def _row(db: Database, audit_id: int, item_id: str) -> dict[str, Any] | None:
    rows = list(db.query("SELECT * FROM findings WHERE audit_id = ? AND item_id = ?",
                         [audit_id, item_id]))
    return rows[0] if rows else None


def set_fields(db: Database, audit_id: int, item_id: str, actor: str,
               changes: dict[str, str | None], closing_evidence: str | None = None) -> StoredFinding:
    """Change some editable fields of the finding on one item (creating its row if needed).

    Plans are followed up after sign-off, so a signed-off audit's plan stays editable.
    """
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise WorkflowError(f"a finding has no field {', '.join(sorted(unknown))}")
    if not actor.strip():
        raise WorkflowError("every change needs a reviewer name; give one with --reviewer NAME")
    with write(db):
        audit = repo.audit_row(db, audit_id)
        number = defect_number(item_id)
        if number is None:
            repo.assessment_row(db, audit_id, item_id)
        else:
            defects = repo.defects_from_row(repo.version(db, audit["policy_version_id"]))
            if not 0 < number <= len(defects):
                raise NotFoundError(f"audit {audit_id} has no drafting defect {number} (its "
                                    f"policy version has {len(defects)}); defects are "
                                    "numbered from 1 as 'policy-auditor show' lists them")
        row = _row(db, audit_id, item_id)
        before = _from_row(row).fields() if row else None
        after = {**(before or StoredFinding(0, audit_id, item_id).fields()), **changes}
        check_fields(after)
        stamp = now()
        evidence = row["closing_evidence"] if row else ""
        if closing_evidence is not None:
            evidence = closing_evidence
        if after["state"] != FindingState.DONE.value:
            evidence = ""
        if row is None:
            insert(db, "findings", {"audit_id": audit_id, "item_id": item_id, **after,
                                    "closing_evidence": evidence, "carried_from": None,
                                    "created_at": stamp, "updated_at": stamp})
        else:
            assignments = ", ".join(f"{name} = ?" for name in after)
            db.execute(f"UPDATE findings SET {assignments}, closing_evidence = ?, updated_at = ? "
                       "WHERE id = ?", [*after.values(), evidence, stamp, row["id"]])
        trail.append(db, actor, "finding", audit_id=audit_id, item_id=item_id,
                     before=before, after={**after, "closing_evidence": evidence})
        repo.remember_reviewer(db, actor)
        return _from_row(next(iter(db.query(
            "SELECT * FROM findings WHERE audit_id = ? AND item_id = ?", [audit_id, item_id]))))


def clear(db: Database, audit_id: int, item_id: str, actor: str) -> None:
    """Remove what a person set on a finding: an item's finding falls back to its defaults, a
    promoted defect leaves the plan (undoing the first change of a finding)."""
    if not actor.strip():
        raise WorkflowError("every change needs a reviewer name; give one with --reviewer NAME")
    with write(db):
        row = _row(db, audit_id, item_id)
        if row is None:
            return
        db.execute("DELETE FROM findings WHERE id = ?", [row["id"]])
        trail.append(db, actor, "finding-cleared", audit_id=audit_id, item_id=item_id,
                     before=_from_row(row).fields())
        repo.remember_reviewer(db, actor)


def carry_forward(db: Database, from_audit: int, to_audit: int, actor: str) -> int:
    """Copy the findings of `from_audit` not yet done into `to_audit`; returns how many.

    Call inside the import's write transaction, after the new audit's items exist.
    """
    items = {row[0] for row in db.execute("SELECT item_id FROM assessments WHERE audit_id = ?",
                                          [to_audit])}
    carried = 0
    for row in db.query("SELECT * FROM findings WHERE audit_id = ? AND state != 'done' "
                        "ORDER BY id", [from_audit]):
        if row["item_id"] not in items:
            continue
        fields = _from_row(row).fields()
        stamp = now()
        insert(db, "findings", {"audit_id": to_audit, "item_id": row["item_id"], **fields,
                                "closing_evidence": "", "carried_from": row["id"],
                                "created_at": stamp, "updated_at": stamp})
        trail.append(db, actor, "finding-carried", audit_id=to_audit, item_id=row["item_id"],
                     before={"from_audit": from_audit, "finding_id": row["id"]},
                     after={**fields, "closing_evidence": ""})
        carried += 1
    return carried
