"""Refreshing an audit in place: a newer checklist (upgrade) or a newer engine (reassess).

Both take fresh suggestions for the audit's unchanged policy version and keep every human
decision (status, reviewer, note, manual evidence). Items the audit already had get the new
suggestion; an item is flagged for re-review when its requirement, level or condition changed,
or when its suggestion did. Items new to the checklist are added unreviewed; items it no longer
has are removed, their last state kept in the trail event that records the move.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from desktop_app.core.assessment import ChecklistAssessment, Suggestion
from desktop_app.core.checklist import Checklist, ChecklistItem
from desktop_app.core.engine_version import ENGINE_VERSION
from desktop_app.core.status import Status
from desktop_app.errors import WorkflowError
from desktop_app.store import repo, trail
from desktop_app.store.database import now, write
from desktop_app.store.imports import (
    insert_assessment,
    insert_auto_evidence,
    suggestion_for,
    suggestions_digest,
)


@dataclass(frozen=True)
class AuditRefresh:
    """What an upgrade or a reassessment did to one audit.

    Attributes:
        kept: items whose human decision (a reviewed status) was kept.
        law_changed: items whose requirement, level or condition changed.
        suggestion_changed: items whose suggested status changed.
        flagged: items this refresh flagged for re-review (the two above); items flagged
            before stay flagged.
    """

    audit_id: int
    action: str
    checklist_id: str
    from_version: str
    to_version: str
    from_engine: str
    to_engine: str
    from_as_at: str
    to_as_at: str
    kept: int
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    law_changed: tuple[str, ...] = ()
    suggestion_changed: tuple[str, ...] = ()
    flagged: tuple[str, ...] = ()


def describe(result: AuditRefresh) -> list[str]:
    """The outcome in a few lines, for the CLI and the GUI."""
    r = result
    if r.action == "reassess":
        head = f"Audit {r.audit_id} reassessed: engine {r.from_engine} → {r.to_engine}"
    else:
        head = (f"Audit {r.audit_id} upgraded: {r.checklist_id} {r.from_version} → "
                f"{r.to_version}, law as at {r.to_as_at}")
        if r.from_as_at != r.to_as_at:
            head += f" (was {r.from_as_at})"
    lines = [head, f"Kept {r.kept} human decision(s); {len(r.added)} item(s) added to review, "
                   f"{len(r.removed)} removed, {len(r.law_changed)} changed in law, "
                   f"{len(r.suggestion_changed)} with a new suggestion"]
    for label, ids in (("Added (to review)", r.added), ("Removed", r.removed),
                       ("Changed in law", r.law_changed), ("Flagged for re-review", r.flagged)):
        if ids:
            lines.append(f"{label}: {', '.join(ids)}")
    return lines


def law_changed(old: ChecklistItem, new: ChecklistItem) -> bool:
    """The requirement, the level or the condition differs (wording of cues does not count)."""
    return (old.requirement, old.level, old.condition) != (new.requirement, new.level,
                                                            new.condition)


def refresh(db: Database, audit_id: int, checklist: Checklist, assessment: ChecklistAssessment,
            actor: str, *, action: str, as_at: str) -> AuditRefresh:
    """Move the audit to `checklist` (already resolved for `as_at`) with fresh suggestions."""
    with write(db):
        audit = repo.audit_row(db, audit_id)
        if audit["state"] == "signed-off":
            raise WorkflowError(f"audit {audit_id} is signed off; reopen it first "
                                f"(policy-auditor reopen {audit_id} --reason TEXT)")
        old_snapshot = audit["checklist_snapshot_id"]
        old_checklist, old_hash = repo.load_checklist(db, old_snapshot)
        if old_checklist.id != checklist.id:
            raise WorkflowError(f"audit {audit_id} uses checklist '{old_checklist.id}', "
                                f"not '{checklist.id}'")
        snapshot_id = repo.store_checklist(db, checklist)
        _refuse_twin(db, audit, snapshot_id, checklist)
        rows = {row["item_id"]: row for row in db.query(
            "SELECT * FROM assessments WHERE audit_id = ?", [audit_id])}
        stamp = now()
        kept, added, changed_law, changed_suggestion, flagged = 0, [], [], [], []
        suggestions = []
        for position, item in enumerate(checklist.items):
            suggestion = suggestion_for(assessment, item.id)
            suggestions.append(suggestion)
            row = rows.pop(item.id, None)
            if row is None:
                insert_assessment(db, audit_id, position, suggestion, actor)
                # Its own event: an item once removed and now back starts unreviewed again.
                trail.append(db, actor, "item-added", audit_id=audit_id, item_id=item.id,
                             after={"status": None, "note": "",
                                    "suggested_status": Status(suggestion.status).value})
                added.append(item.id)
                continue
            law = item.id in {i.id for i in old_checklist.items} and law_changed(
                old_checklist.item(item.id), item)
            moved = row["suggested_status"] != Status(suggestion.status).value
            needs = bool(row["needs_rereview"]) or law or moved
            _update(db, row, position, suggestion, needs, actor, stamp)
            kept += row["status"] is not None
            changed_law += [item.id] if law else []
            changed_suggestion += [item.id] if moved else []
            flagged += [item.id] if law or moved else []
        removed = [_remove(db, row) for row in sorted(rows.values(), key=lambda r: r["position"])]
        upgraded_from = audit["upgraded_from_snapshot_id"]
        if snapshot_id != old_snapshot:
            upgraded_from = old_snapshot
        db.execute("UPDATE audits SET checklist_snapshot_id = ?, upgraded_from_snapshot_id = ?, "
                   "engine_version = ?, as_at = ? WHERE id = ?",
                   [snapshot_id, upgraded_from, ENGINE_VERSION, as_at, audit_id])
        result = AuditRefresh(
            audit_id=audit_id, action=action, checklist_id=checklist.id,
            from_version=old_checklist.version, to_version=checklist.version,
            from_engine=audit["engine_version"], to_engine=ENGINE_VERSION,
            from_as_at=audit["as_at"], to_as_at=as_at, kept=kept, added=tuple(added),
            removed=tuple(entry["item_id"] for entry in removed),
            law_changed=tuple(changed_law), suggestion_changed=tuple(changed_suggestion),
            flagged=tuple(flagged))
        trail.append(db, actor, action, audit_id=audit_id,
                     before={"checklist_version": old_checklist.version, "checklist_hash": old_hash,
                             "engine_version": audit["engine_version"], "as_at": audit["as_at"],
                             "removed": removed},
                     after={"checklist_version": checklist.version,
                            "checklist_hash": checklist.content_hash,
                            "engine_version": ENGINE_VERSION, "as_at": as_at,
                            "added": added, "law_changed": changed_law,
                            "suggestion_changed": changed_suggestion, "flagged": flagged,
                            "suggestions_sha256": suggestions_digest(suggestions)})
        repo.remember_reviewer(db, actor)
    return result


def _refuse_twin(db: Database, audit: dict[str, Any], snapshot_id: int,
                 checklist: Checklist) -> None:
    twin = db.execute("SELECT id FROM audits WHERE policy_version_id = ? AND "
                      "checklist_snapshot_id = ? AND id != ?",
                      [audit["policy_version_id"], snapshot_id, audit["id"]]).fetchone()
    if twin is not None:
        raise WorkflowError(f"audit {twin[0]} already assesses this policy version against "
                            f"{checklist.id} {checklist.version} as it stands on that date; "
                            f"continue in audit {twin[0]}")


def _update(db: Database, row: dict[str, Any], position: int, suggestion: Suggestion,
            needs: bool, actor: str, stamp: str) -> None:
    """New suggestion and closest passages; a reviewed item keeps the evidence its decision
    rests on."""
    db.execute("UPDATE assessments SET position = ?, suggested_status = ?, confidence = ?, "
               "reason = ?, closest = ?, needs_rereview = ?, updated_at = ? WHERE id = ?",
               [position, Status(suggestion.status).value, float(suggestion.confidence),
                suggestion.reason, repo.closest_text(suggestion.closest), int(needs), stamp,
                row["id"]])
    if row["status"] is None:
        db.execute("DELETE FROM evidence WHERE assessment_id = ? AND source = 'auto'", [row["id"]])
        insert_auto_evidence(db, row["id"], suggestion, actor, stamp)


def _remove(db: Database, row: dict[str, Any]) -> dict[str, Any]:
    """Delete an item the checklist no longer has (with its finding); returns its last state,
    for the trail."""
    quotes = [r[0] for r in db.execute("SELECT quote FROM evidence WHERE assessment_id = ? AND "
                                       "source = 'manual' ORDER BY id", [row["id"]])]
    finding = [dict(r) for r in db.query("SELECT risk, recommendation, response, owner, due, "
                                         "state FROM findings WHERE audit_id = ? AND item_id = ?",
                                         [row["audit_id"], row["item_id"]])]
    db.execute("DELETE FROM findings WHERE audit_id = ? AND item_id = ?",
               [row["audit_id"], row["item_id"]])
    db.execute("DELETE FROM evidence WHERE assessment_id = ?", [row["id"]])
    db.execute("DELETE FROM assessments WHERE id = ?", [row["id"]])
    return {"item_id": row["item_id"], "status": row["status"], "reviewer": row["reviewer"],
            "note": row["note"], "manual_evidence": quotes,
            "finding": finding[0] if finding else None}
