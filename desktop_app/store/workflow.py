"""Review actions on an audit; each is one transaction recorded in the trail."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlite_utils import Database

from desktop_app.core.status import Status
from desktop_app.errors import NotFoundError, WorkflowError
from desktop_app.store import repo, trail
from desktop_app.store.database import insert, now, write
from desktop_app.store.spans import find_quote


def _require_open(db: Database, audit_id: int) -> dict[str, Any]:
    audit = repo.audit_row(db, audit_id)
    if audit["state"] == "signed-off":
        raise WorkflowError(f"audit {audit_id} is signed off; reopen it first "
                            f"(policy-auditor reopen {audit_id} --reason TEXT)")
    return audit


def _require_actor(actor: str) -> str:
    actor = actor.strip()
    if not actor:
        raise WorkflowError("every change needs a reviewer name; give one with --reviewer NAME")
    return actor


def _review_state(row: dict[str, Any]) -> dict[str, Any]:
    return {"status": row["status"], "needs_rereview": bool(row["needs_rereview"])}


def _set_review(db: Database, row: dict[str, Any], status: str | None, actor: str,
                action: str) -> None:
    stamp = now()
    db.execute("UPDATE assessments SET status = ?, reviewer = ?, reviewed_at = ?, "
               "needs_rereview = 0, updated_at = ? WHERE id = ?",
               [status, actor if status else "", stamp if status else "", stamp, row["id"]])
    trail.append(db, actor, action, audit_id=row["audit_id"], item_id=row["item_id"],
                 before=_review_state(row), after={"status": status, "needs_rereview": False})
    repo.remember_reviewer(db, actor)


def set_status(db: Database, audit_id: int, item_id: str, status: Status | None,
               actor: str) -> None:
    """Set the reviewed status; None returns the item to 'not reviewed'."""
    actor = _require_actor(actor)
    with write(db):
        _require_open(db, audit_id)
        row = repo.assessment_row(db, audit_id, item_id)
        _set_review(db, row, None if status is None else Status(status).value, actor, "status")


def accept_suggestions(db: Database, audit_id: int, actor: str, *, min_confidence: float = 0.0,
                       item_ids: Sequence[str] | None = None) -> list[str]:
    """Confirm the suggested status of items not reviewed yet; returns the item ids changed."""
    actor = _require_actor(actor)
    if not 0.0 <= min_confidence <= 1.0:
        raise WorkflowError(f"a minimum confidence must be between 0 and 1, not {min_confidence}")
    with write(db):
        _require_open(db, audit_id)
        wanted = None if item_ids is None else set(item_ids)
        rows = list(db.query("SELECT * FROM assessments WHERE audit_id = ? AND status IS NULL "
                             "AND confidence >= ? ORDER BY position", [audit_id, min_confidence]))
        if wanted is not None:
            known = {row["item_id"] for row in db.query(
                "SELECT item_id FROM assessments WHERE audit_id = ?", [audit_id])}
            if unknown := sorted(wanted - known):
                raise NotFoundError(f"audit {audit_id} has no checklist item "
                                    f"{', '.join(repr(i) for i in unknown)}")
            rows = [row for row in rows if row["item_id"] in wanted]
        for row in rows:
            _set_review(db, row, row["suggested_status"], actor, "accept-suggestion")
    return [row["item_id"] for row in rows]


def set_note(db: Database, audit_id: int, item_id: str, note: str, actor: str) -> None:
    actor = _require_actor(actor)
    with write(db):
        _require_open(db, audit_id)
        row = repo.assessment_row(db, audit_id, item_id)
        db.execute("UPDATE assessments SET note = ?, updated_at = ? WHERE id = ?",
                   [note, now(), row["id"]])
        trail.append(db, actor, "note", audit_id=audit_id, item_id=item_id,
                     before={"note": row["note"]}, after={"note": note})
        repo.remember_reviewer(db, actor)


def locate(text: str, *, start: int | None, end: int | None, quote: str | None) -> tuple[int, int]:
    """The span evidence refers to: given start/end, or where the exact quote sits in the text."""
    if quote is not None:
        if start is not None or end is not None:
            raise WorkflowError("give either a quote or a start/end span as evidence, not both")
        span = find_quote(text, quote)
        if span is None:
            shown = quote if len(quote) <= 60 else quote[:57] + "..."
            raise WorkflowError(f"the quote {shown!r} is not in the policy text; copy it exactly "
                                "from 'policy-auditor text FILE' or 'policy-auditor show AUDIT'")
        return span
    if start is None or end is None:
        raise WorkflowError("evidence needs a quote, or both a start and an end offset")
    if not 0 <= start < end <= len(text):
        raise WorkflowError(f"the span {start}..{end} is outside the policy text "
                            f"(0..{len(text)}) or empty")
    return start, end


def add_evidence(db: Database, audit_id: int, item_id: str, actor: str, *,
                 start: int | None = None, end: int | None = None, quote: str | None = None,
                 note: str = "", source: str = "manual") -> int:
    """Attach a span or an exact quote of the policy text to an item; returns the evidence id."""
    actor = _require_actor(actor)
    with write(db):
        audit = _require_open(db, audit_id)
        row = repo.assessment_row(db, audit_id, item_id)
        version = repo.version(db, audit["policy_version_id"])
        text = version["text"]
        start, end = locate(text, start=start, end=end, quote=quote)
        clause = repo.document_from_row(version).clause_at(start)
        record = {"assessment_id": row["id"], "ref": clause.ref if clause else "",
                  "start": start, "end": end, "quote": text[start:end], "source": source,
                  "note": note, "created_at": now(), "created_by": actor}
        evidence_id = insert(db, "evidence", record)
        trail.append(db, actor, "evidence-added", audit_id=audit_id, item_id=item_id,
                     after={"evidence_id": evidence_id, "ref": record["ref"], "start": start,
                            "end": end, "quote": record["quote"], "note": note})
        repo.remember_reviewer(db, actor)
    return evidence_id


def remove_evidence(db: Database, audit_id: int, evidence_id: int, actor: str) -> None:
    actor = _require_actor(actor)
    with write(db):
        _require_open(db, audit_id)
        rows = list(db.query(
            'SELECT e.id, e.ref, e.start, e."end", e.quote, e.note, a.item_id FROM evidence e '
            "JOIN assessments a ON a.id = e.assessment_id WHERE e.id = ? AND a.audit_id = ?",
            [evidence_id, audit_id]))
        if not rows:
            raise NotFoundError(f"audit {audit_id} has no evidence with id {evidence_id}")
        row = rows[0]
        db.execute("DELETE FROM evidence WHERE id = ?", [evidence_id])
        trail.append(db, actor, "evidence-removed", audit_id=audit_id, item_id=row["item_id"],
                     before={"evidence_id": evidence_id, "ref": row["ref"], "start": row["start"],
                             "end": row["end"], "quote": row["quote"], "note": row["note"]})
        repo.remember_reviewer(db, actor)


def review_item(db: Database, audit_id: int, item_id: str, actor: str, *,
                status: Status | None = None, note: str | None = None,
                quote: str | None = None) -> int | None:
    """Evidence, status and note of one item in one transaction (None leaves a part as it is).

    Returns the id of the evidence attached, if a quote was given.
    """
    with write(db):
        evidence_id = None
        if quote is not None:
            evidence_id = add_evidence(db, audit_id, item_id, actor, quote=quote)
        if status is not None:
            set_status(db, audit_id, item_id, status, actor)
        if note is not None:
            set_note(db, audit_id, item_id, note, actor)
    return evidence_id


def sign_off(db: Database, audit_id: int, actor: str) -> tuple[int, int]:
    """Lock an audit; every later change needs an explicit reopen.

    Items still unconfirmed keep their suggested status; how many there were is recorded.
    Returns (items not reviewed, items flagged for re-review).
    """
    actor = _require_actor(actor)
    with write(db):
        _require_open(db, audit_id)
        unreviewed, flagged = db.execute(
            "SELECT count(*) FILTER (WHERE status IS NULL), count(*) FILTER (WHERE needs_rereview)"
            " FROM assessments WHERE audit_id = ?", [audit_id]).fetchone()
        stamp = now()
        db.execute("UPDATE audits SET state = 'signed-off', signed_off_by = ?, signed_off_at = ? "
                   "WHERE id = ?", [actor, stamp, audit_id])
        trail.append(db, actor, "sign-off", audit_id=audit_id, before={"state": "open"},
                     after={"state": "signed-off", "signed_off_by": actor,
                            "unreviewed": unreviewed, "needs_rereview": flagged})
        repo.remember_reviewer(db, actor)
    return unreviewed, flagged


def reopen(db: Database, audit_id: int, actor: str, reason: str) -> None:
    """Unlock a signed-off audit; the reason is kept in the trail."""
    actor = _require_actor(actor)
    if not reason.strip():
        raise WorkflowError("reopening a signed-off audit needs a reason; give one with --reason")
    with write(db):
        audit = repo.audit_row(db, audit_id)
        if audit["state"] != "signed-off":
            raise WorkflowError(f"audit {audit_id} is not signed off; there is nothing to reopen")
        db.execute("UPDATE audits SET state = 'open', signed_off_by = '', signed_off_at = '' "
                   "WHERE id = ?", [audit_id])
        trail.append(db, actor, "reopen", audit_id=audit_id,
                     before={"state": "signed-off", "signed_off_by": audit["signed_off_by"],
                             "signed_off_at": audit["signed_off_at"]},
                     after={"state": "open", "reason": reason.strip()})
        repo.remember_reviewer(db, actor)
