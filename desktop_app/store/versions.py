"""New policy versions: carrying reviews forward where their evidence text is unchanged."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from desktop_app.core.document import PolicyDocument
from desktop_app.store import trail
from desktop_app.store.database import insert, now
from desktop_app.store.spans import find_quote


@dataclass(frozen=True)
class CarryCount:
    carried: int = 0   # reviews (status, note, manual evidence) brought over
    flagged: int = 0   # of those, the ones whose evidence changed: needs_rereview


def carry_forward(db: Database, from_audit: int, to_audit: int, document: PolicyDocument,
                  actor: str) -> CarryCount:
    """Bring reviews of `from_audit` into the new audit `to_audit` on `document`.

    A review is carried when its item exists in both audits. Each evidence quote is looked
    up in the new text: found quotes keep their manual evidence at the new offsets; a quote
    that changed or disappeared flags the item for re-review. A review without evidence is
    flagged when the engine's suggestion for it changed, since the text it rests on moved.
    """
    carried = flagged = 0
    new_rows = {row["item_id"]: row for row in db.query(
        "SELECT * FROM assessments WHERE audit_id = ?", [to_audit])}
    for old in db.query("SELECT * FROM assessments WHERE audit_id = ? ORDER BY position",
                        [from_audit]):
        new = new_rows.get(old["item_id"])
        if new is None:
            continue
        evidence = list(db.query('SELECT * FROM evidence WHERE assessment_id = ? ORDER BY id',
                                 [old["id"]]))
        manual = [row for row in evidence if row["source"] == "manual"]
        if old["status"] is None and not old["note"] and not manual:
            continue
        lost = _carry_evidence(db, new["id"], evidence, document, actor)
        if old["status"] is None:
            needs = bool(old["needs_rereview"])
        elif evidence:
            needs = bool(lost) or bool(old["needs_rereview"])
        else:
            needs = (new["suggested_status"] != old["suggested_status"]
                     or bool(old["needs_rereview"]))
        # The decision keeps its kind: a bulk acceptance does not become a person's decision.
        db.execute("UPDATE assessments SET status = ?, decision = ?, reviewer = ?, "
                   "reviewed_at = ?, note = ?, needs_rereview = ?, updated_at = ? WHERE id = ?",
                   [old["status"], old["decision"], old["reviewer"], old["reviewed_at"],
                    old["note"], int(needs), now(), new["id"]])
        trail.append(db, actor, "carry-forward", audit_id=to_audit, item_id=old["item_id"],
                     before={"from_audit": from_audit, "status": old["status"]},
                     after={"status": old["status"], "note": old["note"],
                            "needs_rereview": needs, "lost_quotes": lost,
                            "decision": old["decision"]})
        carried += 1
        flagged += needs
    return CarryCount(carried, flagged)


def _carry_evidence(db: Database, assessment_id: int, evidence: list[dict[str, Any]],
                    document: PolicyDocument, actor: str) -> list[str]:
    """Copy manual evidence found again into the new assessment; returns the quotes not found."""
    lost = []
    for row in evidence:
        span = find_quote(document.text, row["quote"], near=row["start"])
        if span is None:
            lost.append(row["quote"])
            continue
        if row["source"] != "manual":
            continue
        clause = document.clause_at(span[0])
        insert(db, "evidence", {
            "assessment_id": assessment_id, "ref": clause.ref if clause else "",
            "start": span[0], "end": span[1], "quote": document.text[span[0]:span[1]],
            "source": "manual", "note": row["note"], "created_at": now(), "created_by": actor,
        })
    return lost
