"""Review actions on an audit; each is one transaction recorded in the trail."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlite_utils import Database

from desktop_app.core.status import Decision, Status
from desktop_app.errors import NotFoundError, WorkflowError
from desktop_app.store import repo, settings, signatures, trail
from desktop_app.store.database import insert, now, write
from desktop_app.store.spans import find_quote


@dataclass(frozen=True)
class SignOffResult:
    """What a sign-off went through with: items it overrode, who prepared, whether four eyes."""

    unreviewed: int
    needs_rereview: int
    not_decided: tuple[str, ...] = ()
    flagged: tuple[str, ...] = ()
    preparers: tuple[str, ...] = ()
    override: str = ""
    four_eyes: bool = False
    fingerprint: str = ""
    digest: str = ""


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
    return {"status": row["status"], "needs_rereview": bool(row["needs_rereview"]),
            "decision": row["decision"]}


def _set_review(db: Database, row: dict[str, Any], status: str | None, actor: str,
                action: str, decision: Decision) -> None:
    stamp = now()
    kind = decision.value if status else ""
    db.execute("UPDATE assessments SET status = ?, decision = ?, reviewer = ?, reviewed_at = ?, "
               "needs_rereview = 0, updated_at = ? WHERE id = ?",
               [status, kind, actor if status else "", stamp if status else "", stamp,
                row["id"]])
    trail.append(db, actor, action, audit_id=row["audit_id"], item_id=row["item_id"],
                 before=_review_state(row),
                 after={"status": status, "needs_rereview": False, "decision": kind})
    repo.remember_reviewer(db, actor)


def _require_note_for_not_applicable(item_id: str, status: str | None, note: str) -> None:
    if status == Status.NOT_APPLICABLE.value and not note.strip():
        raise WorkflowError(f"marking {item_id} not applicable needs a note saying why; "
                            "give one with --note TEXT")


def set_status(db: Database, audit_id: int, item_id: str, status: Status | None,
               actor: str) -> None:
    """Set the status as a person's decision; None returns the item to 'not reviewed'.

    Not applicable needs a note on the item first.
    """
    actor = _require_actor(actor)
    with write(db):
        _require_open(db, audit_id)
        row = repo.assessment_row(db, audit_id, item_id)
        value = None if status is None else Status(status).value
        _require_note_for_not_applicable(item_id, value, row["note"])
        _set_review(db, row, value, actor, "status", Decision.PERSON)


def accept_suggestions(db: Database, audit_id: int, actor: str, *, min_confidence: float = 0.0,
                       item_ids: Sequence[str] | None = None) -> list[str]:
    """Take the suggested status of items not reviewed yet; returns the item ids changed.

    These count as accepted in bulk, not as a person's decision. A suggested 'not applicable'
    is left for a person, since it needs a note saying why.
    """
    actor = _require_actor(actor)
    if not 0.0 <= min_confidence <= 1.0:
        raise WorkflowError(f"a minimum confidence must be between 0 and 1, not {min_confidence}")
    with write(db):
        _require_open(db, audit_id)
        wanted = None if item_ids is None else set(item_ids)
        rows = list(db.query("SELECT * FROM assessments WHERE audit_id = ? AND status IS NULL "
                             "AND confidence >= ? AND (suggested_status != ? OR note != '') "
                             "ORDER BY position",
                             [audit_id, min_confidence, Status.NOT_APPLICABLE.value]))
        if wanted is not None:
            known = {row["item_id"] for row in db.query(
                "SELECT item_id FROM assessments WHERE audit_id = ?", [audit_id])}
            if unknown := sorted(wanted - known):
                raise NotFoundError(f"audit {audit_id} has no checklist item "
                                    f"{', '.join(repr(i) for i in unknown)}")
            rows = [row for row in rows if row["item_id"] in wanted]
        for row in rows:
            _set_review(db, row, row["suggested_status"], actor, "accept-suggestion",
                        Decision.BULK)
    return [row["item_id"] for row in rows]


def set_note(db: Database, audit_id: int, item_id: str, note: str, actor: str) -> None:
    actor = _require_actor(actor)
    with write(db):
        _require_open(db, audit_id)
        row = repo.assessment_row(db, audit_id, item_id)
        _require_note_for_not_applicable(item_id, row["status"], note)
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
        # Not applicable needs its note first; any other status goes before a note change, so
        # that leaving 'not applicable' and clearing its note can happen together.
        note_first = status is not None and Status(status) is Status.NOT_APPLICABLE
        if note is not None and note_first:
            set_note(db, audit_id, item_id, note, actor)
        if status is not None:
            set_status(db, audit_id, item_id, status, actor)
        if note is not None and not note_first:
            set_note(db, audit_id, item_id, note, actor)
    return evidence_id


def sign_off_blockers(db: Database, audit_id: int) -> tuple[list[str], list[str]]:
    """(items without a person's decision, items flagged for re-review), in checklist order."""
    undecided, flagged = [], []
    for item_id, status, decision, needs in db.execute(
            "SELECT item_id, status, decision, needs_rereview FROM assessments "
            "WHERE audit_id = ? ORDER BY position", [audit_id]):
        if status is None or decision != Decision.PERSON.value:
            undecided.append(item_id)
        if needs:
            flagged.append(item_id)
    return undecided, flagged


def preparers(db: Database, audit_id: int) -> list[str]:
    """Everyone who decided or accepted an item's current status."""
    return [row[0] for row in db.execute(
        "SELECT reviewer FROM assessments WHERE audit_id = ? AND status IS NOT NULL "
        "AND reviewer != '' GROUP BY reviewer ORDER BY min(position)", [audit_id])]


def _blocked_message(audit_id: int, undecided: list[str], flagged: list[str]) -> str:
    parts = []
    if undecided:
        parts.append(f"{len(undecided)} item(s) lack a person's decision: {', '.join(undecided)}")
    if flagged:
        parts.append(f"{len(flagged)} item(s) are flagged for re-review: {', '.join(flagged)}")
    return (f"audit {audit_id} cannot be signed off: {'; '.join(parts)}. Decide them with "
            f"'policy-auditor review {audit_id} ITEM --status S', or sign off anyway with "
            "--override \"reason\"")


def sign_off(db: Database, audit_id: int, actor: str, key: Ed25519PrivateKey, *,
             override: str = "") -> SignOffResult:
    """Lock an audit and sign it with the approver's `key`; later changes need a reopen.

    Refused while an item lacks a person's decision or is flagged for re-review, unless an
    override reason is given; with four eyes on, refused to anyone who decided an item.
    """
    actor = _require_actor(actor)
    override = override.strip()
    with write(db):
        _require_open(db, audit_id)
        undecided, flagged = sign_off_blockers(db, audit_id)
        if (undecided or flagged) and not override:
            raise WorkflowError(_blocked_message(audit_id, undecided, flagged))
        prepared_by = preparers(db, audit_id)
        four_eyes = settings.four_eyes(db)
        if four_eyes and actor in prepared_by:
            raise WorkflowError(
                f"four eyes: {actor} decided items of audit {audit_id}, so another reviewer "
                "must sign it off (the workspace setting is changed with "
                "'policy-auditor settings --four-eyes off')")
        unreviewed = db.execute("SELECT count(*) FROM assessments WHERE audit_id = ? AND "
                                "status IS NULL", [audit_id]).fetchone()[0]
        stamp = now()
        db.execute("UPDATE audits SET state = 'signed-off', signed_off_by = ?, signed_off_at = ?, "
                   "override_reason = ? WHERE id = ?", [actor, stamp, override, audit_id])
        signature = signatures.sign(db, audit_id, actor, key, signed_at=stamp, override=override)
        result = SignOffResult(unreviewed=unreviewed, needs_rereview=len(flagged),
                               not_decided=tuple(undecided), flagged=tuple(flagged),
                               preparers=tuple(prepared_by), override=override,
                               four_eyes=four_eyes, fingerprint=signature.fingerprint,
                               digest=signature.digest)
        trail.append(db, actor, "sign-off", audit_id=audit_id, before={"state": "open"},
                     after={"state": "signed-off", "signed_off_by": actor,
                            "unreviewed": unreviewed, "needs_rereview": len(flagged),
                            "not_decided": list(undecided), "override": override,
                            "preparers": prepared_by, "four_eyes": four_eyes,
                            "fingerprint": signature.fingerprint, "digest": signature.digest})
        repo.remember_reviewer(db, actor)
    return result


def reopen(db: Database, audit_id: int, actor: str, reason: str) -> None:
    """Unlock a signed-off audit; the reason is kept in the trail."""
    actor = _require_actor(actor)
    if not reason.strip():
        raise WorkflowError("reopening a signed-off audit needs a reason; give one with --reason")
    with write(db):
        audit = repo.audit_row(db, audit_id)
        if audit["state"] != "signed-off":
            raise WorkflowError(f"audit {audit_id} is not signed off; there is nothing to reopen")
        db.execute("UPDATE audits SET state = 'open', signed_off_by = '', signed_off_at = '', "
                   "override_reason = '' WHERE id = ?", [audit_id])
        trail.append(db, actor, "reopen", audit_id=audit_id,
                     before={"state": "signed-off", "signed_off_by": audit["signed_off_by"],
                             "signed_off_at": audit["signed_off_at"]},
                     after={"state": "open", "reason": reason.strip()})
        repo.remember_reviewer(db, actor)
