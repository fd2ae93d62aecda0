"""Checking a database: SQLite's integrity check, the trail chain, and the record against it.

Everything is read in one read transaction, so writers working meanwhile never cause a
false alarm. To add a check (signatures, say), append it to RECORD_CHECKS; it runs once the
chain holds, inside the same snapshot.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from desktop_app.store import coverage, signatures, trail
from desktop_app.store.database import read

_STATUS_ACTIONS = {"status", "accept-suggestion", "carry-forward", "item-added", "restore"}
_NOTE_ACTIONS = {"note", "carry-forward", "item-added", "restore"}
_STATE_ACTIONS = {"sign-off", "reopen"}

ACTORS_NOT_PROVEN = ("actors are not proven: each trail event names who acted, but only "
                     "sign-offs are signed (with the approver's key), so anyone able to write "
                     "this database file could have recorded any other name")


@dataclass(frozen=True)
class Verification:
    """The outcome of `verify`.

    Attributes:
        events_checked: trail events whose links were checked.
        problems: what is wrong, one line each, naming the row and field or the event.
        notes: limits of what a passing check proves.
    """

    events_checked: int
    problems: tuple[str, ...]
    notes: tuple[str, ...]


def verify(db: Database) -> Verification:
    """Check the file, the trail's chain, then every covered row and state against the trail."""
    with read(db):
        problems = [f"integrity check: {row[0]}" for row in db.execute("PRAGMA integrity_check")
                    if row[0] != "ok"]
        problems += [f"foreign key check: {row[0]} row {row[1]} refers to a missing {row[2]} "
                     "row" for row in db.execute("PRAGMA foreign_key_check")]
        try:
            checked, chain_problems = trail.verify_chain(db)
            problems += chain_problems
            if not chain_problems:
                for check in RECORD_CHECKS:
                    problems += check(db)
        except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
            if not problems:
                raise
            # Damage the integrity check already reported can make the trail unreadable.
            return Verification(0, (*problems, f"the trail cannot be read: {error}"), ())
        return Verification(checked, tuple(problems), tuple(actor_notes(db)))


def actor_notes(db: Database) -> list[str]:
    """What the check cannot prove about who acted (only sign-offs carry a signature)."""
    return [ACTORS_NOT_PROVEN]


def _after(row: dict[str, Any]) -> dict[str, Any]:
    try:
        value = json.loads(row["after"]) if row["after"] else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def state_problems(db: Database) -> list[str]:
    """Statuses, notes and audit states that differ from what the trail last recorded for them.

    A change made with the sqlite3 shell bypasses the trail; this finds it.
    """
    recorded: dict[str, dict[tuple[int, str], tuple[int, Any]]] = {"status": {}, "note": {}}
    state: dict[int, tuple[int, str]] = {}
    for row in db.query("SELECT seq, action, audit_id, item_id, after FROM trail ORDER BY seq"):
        key = (row["audit_id"], row["item_id"])
        if row["action"] in _STATUS_ACTIONS:
            recorded["status"][key] = (row["seq"], _after(row).get("status"))
        if row["action"] in _NOTE_ACTIONS:
            recorded["note"][key] = (row["seq"], _after(row).get("note", ""))
        if row["action"] in _STATE_ACTIONS:
            state[row["audit_id"]] = (row["seq"], _after(row).get("state", ""))
    problems = []
    for row in db.query("SELECT audit_id, item_id, status, note FROM assessments ORDER BY id"):
        for field, default in (("status", None), ("note", "")):
            seq, expected = recorded[field].get((row["audit_id"], row["item_id"]), (None, default))
            if row[field] != expected:
                where = f"trail event {seq}" if seq else "the trail (nothing recorded)"
                problems.append(f"audit {row['audit_id']} item {row['item_id']}: {field} is "
                                f"{row[field]!r} but {where} says {expected!r}; it was changed "
                                "outside Policy Auditor")
    for row in db.query("SELECT id, state FROM audits ORDER BY id"):
        seq, expected_state = state.get(row["id"], (None, "open"))
        if row["state"] != expected_state:
            where = f"trail event {seq}" if seq else "the trail (never signed off)"
            problems.append(f"audit {row['id']}: state is {row['state']!r} but {where} says "
                            f"{expected_state!r}; it was changed outside Policy Auditor")
    return problems


#: Checks of the record against the trail, run in order once the chain holds.
RECORD_CHECKS: list[Callable[[Database], list[str]]] = [coverage.problems, state_problems,
                                                       signatures.problems]
