"""Storing an imported policy: a new version when its file changed, one audit per checklist."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from sqlite_utils import Database

from desktop_app.core.assessment import ChecklistAssessment, Suggestion
from desktop_app.core.canonical import canonical
from desktop_app.core.checklist import Checklist
from desktop_app.core.document import Defect, PolicyDocument
from desktop_app.core.engine_version import ENGINE_VERSION
from desktop_app.core.status import Status
from desktop_app.store import findings, repo, trail, versions
from desktop_app.store.database import insert, insert_many, now, write


@dataclass(frozen=True)
class SourceFile:
    """Where an imported document came from."""

    name: str          # the policy's name in the library
    file_name: str
    sha256: str
    source_path: str = ""
    match_path: bool = True  # without a policy of this name, add to the one from the same path


@dataclass(frozen=True)
class StoredImport:
    policy_id: int
    version_id: int
    version: int
    audit_ids: tuple[int, ...]
    unchanged: bool
    carried_forward: int
    flagged: int


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def find_policy(db: Database, name: str, source_path: str = "") -> int | None:
    """The policy with this name, else the one last imported from the same file path."""
    row = db.execute("SELECT id FROM policies WHERE name = ?", [name]).fetchone()
    if row is None and source_path:
        row = db.execute("SELECT policy_id FROM policy_versions WHERE source_path = ? "
                         "ORDER BY id DESC LIMIT 1", [source_path]).fetchone()
    return None if row is None else int(row[0])


def previous_checklist_ids(db: Database, policy_id: int) -> list[str]:
    """The checklists the policy's latest version was audited against."""
    return [row["checklist_id"] for row in db.query(
        "SELECT DISTINCT c.checklist_id FROM audits a "
        "JOIN checklist_snapshots c ON c.id = a.checklist_snapshot_id "
        "WHERE a.policy_version_id = (SELECT id FROM policy_versions WHERE policy_id = ? "
        "ORDER BY version DESC LIMIT 1) ORDER BY a.id", [policy_id])]


def record_import(db: Database, source: SourceFile, document: PolicyDocument,
                  defects: Sequence[Defect],
                  assessments: Sequence[tuple[Checklist, ChecklistAssessment]],
                  actor: str, as_at: str) -> StoredImport:
    """Store the document (unless its latest version has the same sha256) and its audits.

    `as_at` is the date the law was applied as at; the checklists are already resolved for it.
    """
    with write(db):
        policy_id = find_policy(db, source.name,
                                source.source_path if source.match_path else "")
        if policy_id is None:
            policy_id = insert(db, "policies", {"name": source.name, "created_at": now()})
            trail.append(db, actor, "policy-created", after={"policy_id": policy_id,
                                                             "name": source.name})
        latest = db.execute("SELECT id, version, sha256 FROM policy_versions WHERE policy_id = ? "
                            "ORDER BY version DESC LIMIT 1", [policy_id]).fetchone()
        unchanged = latest is not None and latest[2] == source.sha256
        if unchanged:
            version_id, number = int(latest[0]), int(latest[1])
        else:
            number = 1 if latest is None else int(latest[1]) + 1
            version_id = _insert_version(db, policy_id, number, source, document, defects, actor)
        audit_ids, carried, flagged = [], 0, 0
        for checklist, assessment in assessments:
            audit_id, count = _ensure_audit(db, policy_id, version_id, checklist, assessment,
                                            document, actor, as_at)
            audit_ids.append(audit_id)
            carried += count.carried
            flagged += count.flagged
        repo.remember_reviewer(db, actor)
    return StoredImport(policy_id, version_id, number, tuple(audit_ids), unchanged, carried,
                        flagged)


def _insert_version(db: Database, policy_id: int, number: int, source: SourceFile,
                    document: PolicyDocument, defects: Sequence[Defect], actor: str) -> int:
    row = {"policy_id": policy_id, "version": number, "file_name": source.file_name,
           "source_path": source.source_path, "sha256": source.sha256, "imported_at": now(),
           "imported_by": actor, **repo.version_row(document, defects)}
    version_id = insert(db, "policy_versions", row)
    trail.append(db, actor, "policy-version-imported",
                 after={"policy_id": policy_id, "version_id": version_id, "version": number,
                        "file_name": source.file_name, "sha256": source.sha256,
                        "text_sha256": sha256_of(document.text.encode("utf-8"))})
    return version_id


def _ensure_audit(db: Database, policy_id: int, version_id: int, checklist: Checklist,
                  assessment: ChecklistAssessment, document: PolicyDocument,
                  actor: str, as_at: str) -> tuple[int, versions.CarryCount]:
    snapshot_id = repo.store_checklist(db, checklist)
    existing = db.execute("SELECT id FROM audits WHERE policy_version_id = ? AND "
                          "checklist_snapshot_id = ?", [version_id, snapshot_id]).fetchone()
    if existing is not None:
        return int(existing[0]), versions.CarryCount()
    previous = db.execute(
        "SELECT a.id FROM audits a JOIN policy_versions v ON v.id = a.policy_version_id "
        "JOIN checklist_snapshots c ON c.id = a.checklist_snapshot_id "
        "WHERE v.policy_id = ? AND c.checklist_id = ? ORDER BY a.id DESC LIMIT 1",
        [policy_id, checklist.id]).fetchone()
    previous_id = None if previous is None else int(previous[0])
    audit_id = insert(db, "audits", {
        "policy_version_id": version_id, "checklist_snapshot_id": snapshot_id, "state": "open",
        "created_at": now(), "created_by": actor, "previous_audit_id": previous_id,
        "as_at": as_at, "engine_version": ENGINE_VERSION,
    })
    suggestions = [suggestion_for(assessment, item.id) for item in checklist.items]
    for position, suggestion in enumerate(suggestions):
        insert_assessment(db, audit_id, position, suggestion, actor)
    trail.append(db, actor, "audit-created", audit_id=audit_id, after={
        "policy_version_id": version_id, "checklist_id": checklist.id,
        "checklist_version": checklist.version, "checklist_hash": checklist.content_hash,
        "items": len(suggestions), "suggestions_sha256": suggestions_digest(suggestions),
        "previous_audit_id": previous_id, "as_at": as_at, "engine_version": ENGINE_VERSION,
    })
    count = versions.CarryCount()
    if previous_id is not None:
        count = versions.carry_forward(db, previous_id, audit_id, document, actor)
        findings.carry_forward(db, previous_id, audit_id, actor)
    return audit_id, count


def suggestion_for(assessment: ChecklistAssessment, item_id: str) -> Suggestion:
    try:
        return assessment.for_item(item_id)
    except KeyError:
        return Suggestion(item_id, Status.MISSING, 0.0,
                          "No suggestion was made for this item; review it by hand.")


def insert_assessment(db: Database, audit_id: int, position: int, suggestion: Suggestion,
                      actor: str) -> None:
    stamp = now()
    assessment_id = insert(db, "assessments", {
        "audit_id": audit_id, "item_id": suggestion.item_id, "position": position,
        "suggested_status": Status(suggestion.status).value,
        "confidence": float(suggestion.confidence), "reason": suggestion.reason,
        "status": None, "reviewer": "", "reviewed_at": "", "note": "", "needs_rereview": 0,
        "updated_at": stamp, "closest": repo.closest_text(suggestion.closest),
    })
    insert_auto_evidence(db, assessment_id, suggestion, actor, stamp)


def insert_auto_evidence(db: Database, assessment_id: int, suggestion: Suggestion, actor: str,
                         stamp: str) -> None:
    """The engine's evidence for a suggestion, stored as `auto` evidence of the assessment."""
    rows: list[dict[str, Any]] = [{
        "assessment_id": assessment_id, "ref": hit.ref, "start": hit.start, "end": hit.end,
        "quote": hit.text, "source": "auto", "note": "", "created_at": stamp, "created_by": actor,
    } for hit in suggestion.evidence]
    insert_many(db, "evidence", rows)


def suggestions_digest(suggestions: Sequence[Suggestion]) -> str:
    """A digest of what the engine proposed, so that the stored suggestions are tamper-evident."""
    return sha256_of(canonical([asdict(s) for s in suggestions]).encode("utf-8"))
