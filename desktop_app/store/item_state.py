"""An item's full stored state, taken before a review action so that undo can put it back.

The state is read generically: every column of the assessment row except its keys, and every
evidence row with its id. Columns a migration adds are captured and restored without changes
here. A restore writes exactly that state back and records one `restore` event per item.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from desktop_app.errors import NotFoundError, WorkflowError
from desktop_app.store import repo, trail
from desktop_app.store.database import insert

#: Assessment columns that name the row rather than hold its state.
_KEYS = ("id", "audit_id", "item_id")


@dataclass(frozen=True)
class ItemState:
    """One item of one audit as stored: its assessment columns and its evidence rows.

    Attributes:
        audit_id: the audit.
        item_id: the checklist item.
        assessment: every assessment column but the keys, by name.
        evidence: every evidence row of the item (all columns, the id included), by id.
    """

    audit_id: int
    item_id: str
    assessment: tuple[tuple[str, Any], ...]
    evidence: tuple[tuple[tuple[str, Any], ...], ...]

    def fields(self) -> dict[str, Any]:
        return dict(self.assessment)

    def evidence_rows(self) -> list[dict[str, Any]]:
        return [dict(row) for row in self.evidence]

    def record(self) -> dict[str, Any]:
        """The state as the trail shows it: the columns, and the evidence rows but their link."""
        return {**self.fields(), "evidence": [
            {k: v for k, v in row.items() if k != "assessment_id"} for row in self.evidence_rows()]}


@dataclass(frozen=True)
class ReviewChange:
    """What a review action changed: the items (in order) and their state just before.

    Attributes:
        audit_id: the audit changed.
        items: the ids of the items changed.
        before: the state of each changed item before the action; restoring it undoes it.
        evidence_id: the evidence an action attached, if it attached one.
        after: the state the action left each changed item in (read in the same transaction),
            which an undo expects to find.
    """

    audit_id: int
    items: tuple[str, ...] = ()
    before: tuple[ItemState, ...] = ()
    evidence_id: int | None = None
    after: tuple[ItemState, ...] = ()


def _state(audit_id: int, row: dict[str, Any], evidence: Iterable[dict[str, Any]]) -> ItemState:
    return ItemState(audit_id, row["item_id"],
                     tuple((k, v) for k, v in row.items() if k not in _KEYS),
                     tuple(tuple(e.items()) for e in evidence))


def capture(db: Database, audit_id: int, item_ids: Sequence[str] | None = None) -> dict[str, ItemState]:
    """The state of the given items (every item of the audit for None), by item id.

    Raises:
        NotFoundError: an item id the audit does not have.
    """
    if item_ids is not None and len(item_ids) == 1:
        rows = [repo.assessment_row(db, audit_id, item_ids[0])]
    else:
        rows = list(db.query("SELECT * FROM assessments WHERE audit_id = ? ORDER BY position",
                             [audit_id]))
        if item_ids is not None:
            wanted = set(item_ids)
            rows = [row for row in rows if row["item_id"] in wanted]
            if missing := sorted(wanted - {row["item_id"] for row in rows}):
                raise NotFoundError(f"audit {audit_id} has no checklist item "
                                    f"{', '.join(repr(i) for i in missing)}")
    evidence: dict[int, list[dict[str, Any]]] = {row["id"]: [] for row in rows}
    if len(rows) == 1:
        found = db.query("SELECT * FROM evidence WHERE assessment_id = ? ORDER BY id",
                         [rows[0]["id"]])
    else:
        found = db.query("SELECT e.* FROM evidence e JOIN assessments a ON a.id = e.assessment_id "
                         "WHERE a.audit_id = ? ORDER BY e.id", [audit_id])
    for record in found:
        if record["assessment_id"] in evidence:
            evidence[record["assessment_id"]].append(record)
    return {row["item_id"]: _state(audit_id, row, evidence[row["id"]]) for row in rows}


def item_of_evidence(db: Database, audit_id: int, evidence_id: int) -> str:
    """The item an evidence row belongs to; NotFoundError if the audit has no such evidence."""
    found = db.execute("SELECT a.item_id FROM evidence e JOIN assessments a ON "
                       "a.id = e.assessment_id WHERE e.id = ? AND a.audit_id = ?",
                       [evidence_id, audit_id]).fetchone()
    if found is None:
        raise NotFoundError(f"audit {audit_id} has no evidence with id {evidence_id}")
    return str(found[0])


def restore(db: Database, states: Sequence[ItemState], actor: str,
            expected: Sequence[ItemState] = ()) -> ReviewChange:
    """Write each state back exactly; call inside a write transaction.

    Items already in their state are left alone. With `expected` (the states the step being
    undone or redone left), an item found in any other state was changed since, by someone
    else or in another window, and nothing is written: an undo must not silently overwrite a
    later decision. Returns the items changed and the state each had before, so that
    restoring those redoes what this undid.

    Raises:
        WorkflowError: the audit is signed off, an item changed since the step, or an evidence
            id now belongs to another item.
    """
    if not states:
        raise WorkflowError("there is nothing to restore")
    audit_id = states[0].audit_id
    if any(state.audit_id != audit_id for state in states):
        raise WorkflowError("a restore works on one audit at a time")
    if repo.audit_row(db, audit_id)["state"] == "signed-off":
        raise WorkflowError(f"audit {audit_id} is signed off; reopen it first "
                            f"(policy-auditor reopen {audit_id} --reason TEXT)")
    current = capture(db, audit_id, [state.item_id for state in states])
    for state in expected:
        if state.item_id in current and current[state.item_id] != state:
            raise WorkflowError(_changed_since(db, audit_id, state.item_id))
    changed, before = [], []
    for state in states:
        now_state = current[state.item_id]
        if now_state == state:
            continue
        _write(db, state)
        trail.append(db, actor, "restore", audit_id=audit_id, item_id=state.item_id,
                     before=now_state.record(), after=state.record())
        changed.append(state.item_id)
        before.append(now_state)
    repo.remember_reviewer(db, actor)
    return ReviewChange(audit_id, tuple(changed), tuple(before))


def _changed_since(db: Database, audit_id: int, item_id: str) -> str:
    last = db.execute("SELECT actor, at FROM trail WHERE audit_id = ? AND item_id = ? "
                      "ORDER BY seq DESC LIMIT 1", [audit_id, item_id]).fetchone()
    by = f" (last by {last[0]} at {last[1]})" if last else ""
    return (f"{item_id} was changed after this step{by}; undoing or redoing it would overwrite "
            "that change, so it was left as it is")


def _write(db: Database, state: ItemState) -> None:
    fields = state.fields()
    assessment_id = repo.assessment_row(db, state.audit_id, state.item_id)["id"]
    db.execute(f"UPDATE assessments SET {', '.join(f'{_q(name)} = ?' for name in fields)} "
               "WHERE id = ?", [*fields.values(), assessment_id])
    wanted = {row["id"]: {**row, "assessment_id": assessment_id}
              for row in state.evidence_rows()}
    for (evidence_id,) in db.execute("SELECT id FROM evidence WHERE assessment_id = ?",
                                     [assessment_id]).fetchall():
        if evidence_id not in wanted:
            db.execute("DELETE FROM evidence WHERE id = ?", [evidence_id])
    for evidence_id, row in wanted.items():
        stored = list(db.query("SELECT * FROM evidence WHERE id = ?", [evidence_id]))
        if not stored:
            insert(db, "evidence", row)
        elif stored[0]["assessment_id"] != assessment_id:
            raise WorkflowError(f"evidence #{evidence_id} now belongs to another item; this "
                                f"change to {state.item_id} can no longer be undone")
        elif stored[0] != row:
            columns = [name for name in row if name != "id"]
            db.execute(f"UPDATE evidence SET {', '.join(f'{_q(n)} = ?' for n in columns)} "
                       "WHERE id = ?", [*(row[n] for n in columns), evidence_id])


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
