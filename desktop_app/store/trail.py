"""The audit trail: an append-only, hash-chained log of every change, and its verification."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlite_utils import Database

from desktop_app.core.audit import TrailEvent
from desktop_app.core.canonical import canonical
from desktop_app.store import coverage
from desktop_app.store.database import insert, now

#: The columns each have a digest; the row hash covers them and the digests.
HASHED_FIELDS = ("seq", "at", "actor", "action", "audit_id", "item_id", "before", "after",
                 "prev_hash")
#: Events that seal rows (schema 5 on) also hash their seals; older events keep their hashes.
SEALED_FIELDS = (*HASHED_FIELDS, "seals")


def hashed_fields(row: dict[str, Any]) -> tuple[str, ...]:
    return SEALED_FIELDS if row.get("seals") else HASHED_FIELDS


def field_digests(row: dict[str, Any]) -> str:
    """Canonical JSON of a short sha256 per field, to tell which field an edit touched."""
    return canonical({name: hashlib.sha256(canonical(row[name]).encode("utf-8")).hexdigest()[:16]
                      for name in hashed_fields(row)})


def row_hash(row: dict[str, Any]) -> str:
    """sha256 of the previous hash followed by the canonical JSON of the row (and its digests)."""
    body = canonical({name: row[name] for name in (*hashed_fields(row), "digests")})
    return hashlib.sha256((row["prev_hash"] + body).encode("utf-8")).hexdigest()


def append(db: Database, actor: str, action: str, *, audit_id: int | None = None,
           item_id: str = "", before: Any = None, after: Any = None,
           seals: coverage.Seals | None = None) -> TrailEvent:
    """Record one change; call inside the write transaction, after the change.

    The event seals every covered row changed since the previous event (see `coverage`),
    and any `seals` given.
    """
    head_seq, head_hash = db.execute("SELECT seq, hash FROM trail_head WHERE id = 1").fetchone()
    row: dict[str, Any] = {
        "seq": head_seq + 1,
        "at": now(),
        "actor": actor,
        "action": action,
        "audit_id": audit_id,
        "item_id": item_id,
        "before": "" if before is None else canonical(before),
        "after": "" if after is None else canonical(after),
        "prev_hash": head_hash,
    }
    seals = {**(seals or {}), **coverage.take(db)}
    row["seals"] = canonical(seals) if seals else ""
    row["digests"] = field_digests(row)
    row["hash"] = row_hash(row)
    insert(db, "trail", row)
    db.execute("UPDATE trail_head SET seq = ?, hash = ? WHERE id = 1", [row["seq"], row["hash"]])
    return _event(row)


def events(db: Database, audit_id: int | None = None, *, after_seq: int = 0) -> list[TrailEvent]:
    """The trail in order; with `audit_id`, only the events about that audit; with
    `after_seq`, only the events after that one."""
    if audit_id is None:
        rows = db.query("SELECT * FROM trail WHERE seq > ? ORDER BY seq", [after_seq])
    else:
        rows = db.query("SELECT * FROM trail WHERE audit_id = ? AND seq > ? ORDER BY seq",
                        [audit_id, after_seq])
    return [_event(row) for row in rows]


def _event(row: dict[str, Any]) -> TrailEvent:
    return TrailEvent(seq=row["seq"], at=row["at"], actor=row["actor"], action=row["action"],
                      audit_id=row["audit_id"], item_id=row["item_id"], before=row["before"],
                      after=row["after"], hash=row["hash"])


def verify_chain(db: Database) -> tuple[int, list[str]]:
    """Check every link of the chain; returns (events checked, problems found).

    An edited row no longer matches its hash; an inserted or deleted row breaks the sequence
    and the link to the previous hash; rows removed from the end no longer reach the head.
    """
    problems: list[str] = []
    expected_seq, previous_hash, checked = 1, "", 0
    for row in db.query("SELECT * FROM trail ORDER BY seq"):
        checked += 1
        seq = row["seq"]
        if seq != expected_seq:
            problems.append(f"trail event {seq}: expected event {expected_seq} here; "
                            f"events {expected_seq}..{seq - 1} were deleted or renumbered"
                            if seq > expected_seq else
                            f"trail event {seq}: out of sequence (expected {expected_seq})")
        if row["prev_hash"] != previous_hash:
            problems.append(f"trail event {seq}: prev_hash does not match the hash of the event "
                            "before it (an event was inserted, deleted or rewritten)")
        if row_hash(row) != row["hash"]:
            problems.append(f"trail event {seq}: hash mismatch: {_changed_fields(row)}")
        previous_hash = row["hash"]
        expected_seq = seq + 1
    head = db.execute("SELECT seq, hash FROM trail_head WHERE id = 1").fetchone()
    if head is None:
        problems.append("trail head is missing")
    elif (head[0], head[1]) != (expected_seq - 1, previous_hash):
        problems.append(f"trail head records event {head[0]} but the trail ends at event "
                        f"{expected_seq - 1}: events were deleted from or added to the end")
    return checked, problems


def _changed_fields(row: dict[str, Any]) -> str:
    """Name the fields whose value no longer matches the digest recorded with the event."""
    try:
        recorded = json.loads(row["digests"])
    except (TypeError, ValueError):
        return "the digests column was changed"
    current = json.loads(field_digests(row))
    changed = [name for name in SEALED_FIELDS if recorded.get(name, "") != current.get(name, "")]
    if changed:
        return ", ".join(f"field {name!r} was changed" for name in changed)
    return "the hash or digests column was changed"
