"""Checking a database: SQLite's integrity check, the trail chain, and state against the trail."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from sqlite_utils import Database

from desktop_app.store import trail

_STATUS_ACTIONS = {"status", "accept-suggestion", "carry-forward"}
_NOTE_ACTIONS = {"note", "carry-forward"}
_STATE_ACTIONS = {"sign-off", "reopen"}


def verify(db: Database) -> tuple[int, list[str]]:
    """All problems found; returns (trail events checked, problems)."""
    problems = [f"integrity check: {row[0]}" for row in db.execute("PRAGMA integrity_check")
                if row[0] != "ok"]
    problems += [f"foreign key check: {row[0]} row {row[1]} refers to a missing {row[2]} row"
                 for row in db.execute("PRAGMA foreign_key_check")]
    try:
        checked, chain_problems = trail.verify_chain(db)
        problems += chain_problems
        if not chain_problems:
            problems += state_problems(db)
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
        if not problems:
            raise
        # Damage the integrity check already reported can make the trail unreadable.
        return 0, [*problems, f"the trail cannot be read: {error}"]
    return checked, problems


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
