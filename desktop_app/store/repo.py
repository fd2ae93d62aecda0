"""Rows to dataclasses and back: policy versions, checklist snapshots, audits and reviews."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from sqlite_utils import Database

from desktop_app.core.assessment import EvidenceHit
from desktop_app.core.audit import (
    AuditSummary,
    ClosestPassage,
    EvidenceRecord,
    ItemReview,
    PolicyVersionInfo,
)
from desktop_app.core.canonical import canonical
from desktop_app.core.checklist import Checklist
from desktop_app.core.checklist_loader import checklist_from_dict, checklist_to_dict, content_hash
from desktop_app.core.document import Clause, Defect, JurisdictionHit, PolicyDocument, RemovedSpan
from desktop_app.core.lint import cap_defects
from desktop_app.core.status import Decision, Status
from desktop_app.errors import NotFoundError
from desktop_app.store.database import insert, now

_VERSION_INFO_SQL = """
SELECT v.id AS version_id, v.policy_id, p.name, v.version, v.file_name, v.source_format,
       v.sha256, v.imported_at, v.title, v.organisation, v.effective_date
FROM policy_versions v JOIN policies p ON p.id = v.policy_id
"""


def _dump(items: Sequence[Any]) -> str:
    return json.dumps([asdict(item) for item in items], ensure_ascii=False)


def version_row(document: PolicyDocument, defects: Sequence[Defect]) -> dict[str, Any]:
    """The columns of policy_versions that come from the document itself."""
    return {
        "source_format": document.source_format,
        "text": document.text,
        "title": document.title,
        "organisation": document.organisation,
        "effective_date": document.effective_date,
        "jurisdictions": _dump(document.jurisdictions),
        "clauses": _dump(document.clauses),
        "removed": _dump(document.removed),
        "defects": _dump(defects),
    }


def version(db: Database, version_id: int) -> dict[str, Any]:
    """The policy_versions row; NotFoundError when there is none."""
    rows = list(db.query("SELECT * FROM policy_versions WHERE id = ?", [version_id]))
    if not rows:
        raise NotFoundError(f"no policy version with id {version_id}; "
                            "run 'policy-auditor audits' to see what is stored")
    return rows[0]


def document_from_row(row: dict[str, Any]) -> PolicyDocument:
    return PolicyDocument(
        text=row["text"],
        source_format=row["source_format"],
        title=row["title"],
        organisation=row["organisation"],
        effective_date=row["effective_date"],
        jurisdictions=[JurisdictionHit(**hit) for hit in json.loads(row["jurisdictions"])],
        clauses=clauses_from_row(row),
        removed=[RemovedSpan(**span) for span in json.loads(row["removed"])],
    )


def clauses_from_row(row: dict[str, Any]) -> list[Clause]:
    return [Clause(**clause) for clause in json.loads(row["clauses"])]


def defects_from_row(row: dict[str, Any]) -> list[Defect]:
    """The stored defects, capped per kind as the lint caps them now (versions imported before
    the cap may hold millions)."""
    return cap_defects([Defect(**defect) for defect in json.loads(row["defects"])])


def version_info(db: Database, version_id: int) -> PolicyVersionInfo:
    rows = list(db.query(_VERSION_INFO_SQL + " WHERE v.id = ?", [version_id]))
    if not rows:
        raise NotFoundError(f"no policy version with id {version_id}")
    return PolicyVersionInfo(**rows[0])


def version_infos(db: Database, policy_id: int) -> list[PolicyVersionInfo]:
    """Every stored version of a policy, oldest first."""
    rows = db.query(_VERSION_INFO_SQL + " WHERE v.policy_id = ? ORDER BY v.version", [policy_id])
    return [PolicyVersionInfo(**row) for row in rows]


def store_checklist(db: Database, checklist: Checklist) -> int:
    """The snapshot id of exactly this checklist content, storing it the first time it is used."""
    digest = checklist.content_hash or content_hash(checklist)
    found = db.execute("SELECT id FROM checklist_snapshots WHERE checklist_id = ? AND "
                       "content_hash = ?", [checklist.id, digest]).fetchone()
    if found:
        return int(found[0])
    return insert(db, "checklist_snapshots", {
        "checklist_id": checklist.id, "version": checklist.version, "content_hash": digest,
        "body": canonical(checklist_to_dict(checklist)), "stored_at": now(),
    })


#: Parsed stored checklists by (checklist id, content hash): one parse per content, not per read.
_PARSED: dict[tuple[str, str], Checklist] = {}
_PARSED_LIMIT = 64


def load_checklist(db: Database, snapshot_id: int) -> tuple[Checklist, str]:
    """The checklist an audit was assessed against, and its stored content hash."""
    row = db.execute("SELECT checklist_id, content_hash FROM checklist_snapshots WHERE id = ?",
                     [snapshot_id]).fetchone()
    if row is None:
        raise NotFoundError(f"no stored checklist with id {snapshot_id}")
    key = (row[0], row[1])
    checklist = _PARSED.get(key)
    if checklist is None:
        body = db.execute("SELECT body FROM checklist_snapshots WHERE id = ?",
                          [snapshot_id]).fetchone()[0]
        checklist = checklist_from_dict(json.loads(body))
        if len(_PARSED) >= _PARSED_LIMIT:
            _PARSED.pop(next(iter(_PARSED)))
        _PARSED[key] = checklist
    return checklist, row[1]


def snapshot_version(db: Database, snapshot_id: int | None) -> str:
    """The checklist version of a stored snapshot; "" for none."""
    if snapshot_id is None:
        return ""
    row = db.execute("SELECT version FROM checklist_snapshots WHERE id = ?",
                     [snapshot_id]).fetchone()
    return "" if row is None else row[0]


def latest_checklist(db: Database, checklist_id: str) -> Checklist:
    """The most recently stored snapshot of a checklist."""
    row = db.execute("SELECT id FROM checklist_snapshots WHERE checklist_id = ? "
                     "ORDER BY id DESC LIMIT 1", [checklist_id]).fetchone()
    if row is None:
        raise NotFoundError(f"no stored checklist '{checklist_id}'")
    return load_checklist(db, int(row[0]))[0]


def audit_row(db: Database, audit_id: int) -> dict[str, Any]:
    rows = list(db.query("SELECT * FROM audits WHERE id = ?", [audit_id]))
    if not rows:
        raise NotFoundError(f"no audit with id {audit_id}; "
                            "run 'policy-auditor audits' to list them")
    return rows[0]


def assessment_row(db: Database, audit_id: int, item_id: str) -> dict[str, Any]:
    rows = list(db.query("SELECT * FROM assessments WHERE audit_id = ? AND item_id = ?",
                         [audit_id, item_id]))
    if not rows:
        raise NotFoundError(f"audit {audit_id} has no checklist item '{item_id}'; "
                            f"run 'policy-auditor show {audit_id}' to list its items")
    return rows[0]


def evidence_records(db: Database, assessment_id: int) -> tuple[EvidenceRecord, ...]:
    rows = db.query('SELECT id, ref, start, "end", quote, source, note FROM evidence '
                    "WHERE assessment_id = ? ORDER BY id", [assessment_id])
    return tuple(EvidenceRecord(**row) for row in rows)


def closest_text(hits: Sequence[EvidenceHit]) -> str:
    """The `closest` column: canonical JSON of the passages nearest to an item, nearest first."""
    return canonical([{"ref": hit.ref, "start": hit.start, "end": hit.end, "quote": hit.text}
                      for hit in hits])


def closest_passages(text: str) -> tuple[ClosestPassage, ...]:
    """The passages a `closest` column holds; none for a value edited into something else
    outside the app (`verify` names that edit)."""
    try:
        return tuple(ClosestPassage(ref=str(p["ref"]), start=int(p["start"]),
                                    end=int(p["end"]), quote=str(p["quote"]))
                     for p in json.loads(text))
    except (ValueError, TypeError, KeyError):
        return ()


def review_from_row(db: Database, row: dict[str, Any]) -> ItemReview:
    return ItemReview(
        item_id=row["item_id"],
        suggested_status=Status(row["suggested_status"]),
        confidence=row["confidence"],
        reason=row["reason"],
        status=None if row["status"] is None else Status(row["status"]),
        reviewer=row["reviewer"],
        reviewed_at=row["reviewed_at"],
        note=row["note"],
        needs_rereview=bool(row["needs_rereview"]),
        evidence=evidence_records(db, row["id"]),
        decision=Decision(row["decision"]) if row["decision"] else None,
        closest=closest_passages(row["closest"]),
    )


def reviews_of(db: Database, audit_id: int, item_ids: Sequence[str]) -> tuple[ItemReview, ...]:
    """The reviews of some items of an audit (those it has), in checklist order."""
    wanted = list(dict.fromkeys(item_ids))
    rows: list[dict[str, Any]] = []
    for start in range(0, len(wanted), 500):
        batch = wanted[start:start + 500]
        rows += db.query(f"SELECT * FROM assessments WHERE audit_id = ? AND item_id IN "
                         f"({','.join('?' * len(batch))})", [audit_id, *batch])
    return tuple(review_from_row(db, row) for row in sorted(rows, key=lambda r: r["position"]))


def reviews(db: Database, audit_id: int) -> tuple[ItemReview, ...]:
    rows = db.query("SELECT * FROM assessments WHERE audit_id = ? ORDER BY position", [audit_id])
    return tuple(review_from_row(db, row) for row in rows)


def audit_summaries(db: Database, policy_id: int | None = None) -> list[AuditSummary]:
    """One line per audit with its review progress, newest policy versions last."""
    sql = """
    SELECT a.id AS audit_id, v.policy_id, p.name AS policy_name, v.version AS policy_version,
           c.checklist_id, c.version AS checklist_version, a.state, a.as_at, a.engine_version,
           a.archived
    FROM audits a
    JOIN policy_versions v ON v.id = a.policy_version_id
    JOIN policies p ON p.id = v.policy_id
    JOIN checklist_snapshots c ON c.id = a.checklist_snapshot_id
    """
    params: list[Any] = []
    if policy_id is not None:
        sql += " WHERE v.policy_id = ?"
        params.append(policy_id)
    summaries = []
    for row in db.query(sql + " ORDER BY a.id", params):
        counts: dict[str, int] = {}
        total = reviewed = flagged = 0
        for status, suggested, needs in db.execute(
                "SELECT status, suggested_status, needs_rereview FROM assessments "
                "WHERE audit_id = ?", [row["audit_id"]]):
            total += 1
            reviewed += status is not None
            flagged += bool(needs)
            effective = status or suggested
            counts[effective] = counts.get(effective, 0) + 1
        row["archived"] = bool(row["archived"])
        summaries.append(AuditSummary(**row, total=total, reviewed=reviewed,
                                      needs_rereview=flagged, counts=counts))
    return summaries


def remember_reviewer(db: Database, name: str) -> None:
    if name:
        db.execute("INSERT OR IGNORE INTO reviewers (name, first_seen) VALUES (?, ?)",
                   [name, now()])
