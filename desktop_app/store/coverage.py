"""Seals: the trail's record of every row an audit's meaning depends on.

The app's connection has temporary triggers on each covered table that note every row it
inserts, updates or deletes. The next trail event takes a seal of each noted row (a short
digest per field, or None for a deleted row) and the event's hash covers those seals. So the
trail says, for every covered row, what it held after the last change the app made; `verify`
compares each row with its latest seal and names the row and field that differ, a row the
trail never recorded, and a recorded row that is gone.

Adding a table: one `Covered(...)` line in COVERED. Its rows need an INTEGER key column. A
migration that adds a column to a covered table gives it a default: rows sealed before the
column existed must hold that default. A write transaction that changes a covered row without
appending a trail event afterwards is refused at commit (it would look like tampering).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from json.encoder import encode_basestring
from typing import Any

from sqlite_utils import Database

#: A seal: what the trail recorded of one row ("label" names the row, "fields" a digest each).
Seal = dict[str, Any]
#: Seals by table and row key, as stored (canonical JSON) in `trail.seals`.
Seals = dict[str, dict[str, Seal | None]]

_TOUCHED = "temp.touched_rows"
#: Problems of one kind and table listed one by one before they are counted instead.
LISTED = 10


@dataclass(frozen=True)
class Covered:
    """A table whose every row the trail seals.

    Attributes:
        table: the table name.
        label: an SQL expression over the row (aliased `r`) naming it for people.
        key: its INTEGER key column.
    """

    table: str
    label: str
    key: str = "id"


COVERED: tuple[Covered, ...] = (
    Covered("policies", "'policy ' || r.id || ' (' || r.name || ')'"),
    Covered("policy_versions", "'policy ' || r.policy_id || ' version ' || r.version"),
    Covered("checklist_snapshots",
            "'checklist snapshot ' || r.id || ' (' || r.checklist_id || ' ' || r.version || ')'"),
    Covered("audits", "'audit ' || r.id"),
    Covered("assessments", "'audit ' || r.audit_id || ' item ' || r.item_id"),
    Covered("evidence", "'evidence #' || r.id || coalesce((SELECT ' of audit ' || a.audit_id || "
                        "' item ' || a.item_id FROM assessments a WHERE a.id = r.assessment_id), "
                        "' of assessment ' || r.assessment_id)"),
    Covered("findings", "'finding of audit ' || r.audit_id || ' item ' || r.item_id"),
    Covered("settings", "'setting ' || r.key"),
    Covered("signatures", "'signature ' || r.id || ' of audit ' || r.audit_id"),
)


def create_touched_table(db: Database) -> None:
    """The per-connection list of rows changed since the last trail event."""
    db.execute(f"CREATE TABLE IF NOT EXISTS {_TOUCHED} (tbl TEXT NOT NULL, row_id INTEGER "
               "NOT NULL, PRIMARY KEY (tbl, row_id)) WITHOUT ROWID")


def install(db: Database) -> None:
    """Note changes to covered rows made through this connection (call after migrating)."""
    create_touched_table(db)
    for covered in COVERED:
        for event, refs in (("INSERT", ("NEW",)), ("UPDATE", ("OLD", "NEW")), ("DELETE", ("OLD",))):
            inserts = " ".join(f"INSERT OR IGNORE INTO touched_rows VALUES "
                               f"('{covered.table}', {ref}.{covered.key});" for ref in refs)
            db.execute(f"CREATE TEMP TRIGGER IF NOT EXISTS seal_{covered.table}_{event.lower()} "
                       f"AFTER {event} ON main.{covered.table} BEGIN {inserts} END")


def pending(db: Database) -> int:
    """How many changed rows wait for a trail event to seal them."""
    try:
        return int(db.execute(f"SELECT count(*) FROM {_TOUCHED}").fetchone()[0])
    except sqlite3.OperationalError:  # a connection that never installed the triggers
        return 0


def take(db: Database) -> Seals:
    """Seal every row changed since the last call, and start noting afresh."""
    if not pending(db):
        return {}
    touched: dict[str, list[int]] = {}
    for table, row_id in db.execute(f"SELECT tbl, row_id FROM {_TOUCHED} ORDER BY tbl, row_id"):
        touched.setdefault(table, []).append(row_id)
    db.execute(f"DELETE FROM {_TOUCHED}")
    seals: Seals = {}
    for covered in COVERED:
        ids = touched.get(covered.table)
        if not ids:
            continue
        found = {key: seal for key, seal in _seals_of(db, covered, ids)}
        seals[covered.table] = {str(i): found.get(i) for i in ids}
    return seals


def seal_all(db: Database, already: dict[tuple[str, int], Any]) -> Seals:
    """Seals of every covered row not in `already` (a database that predates seals)."""
    seals: Seals = {}
    for covered in COVERED:
        rows: dict[str, Seal | None] = {str(key): seal for key, seal in _seals_of(db, covered)
                                         if (covered.table, key) not in already}
        if rows:
            seals[covered.table] = rows
    return seals


def _seals_of(db: Database, covered: Covered,
              ids: list[int] | None = None) -> Iterator[tuple[int, Seal]]:
    for key, label, row in _rows(db, covered, ids):
        yield key, {"label": label, "fields": field_digests(row)}


def _rows(db: Database, covered: Covered,
          ids: list[int] | None = None) -> Iterator[tuple[int, str, dict[str, Any]]]:
    sql = (f'SELECT {covered.label} AS "_label_", r.* FROM main."{covered.table}" r')
    batches: list[list[int] | None] = [None] if ids is None else \
        [ids[i:i + 500] for i in range(0, len(ids), 500)]
    for batch in batches:
        where = "" if batch is None else \
            f' WHERE r."{covered.key}" IN ({",".join("?" * len(batch))})'
        cursor = db.execute(f'{sql}{where} ORDER BY r."{covered.key}"', batch or [])
        names = [column[0] for column in cursor.description]
        for values in cursor:
            row = dict(zip(names, values, strict=True))
            label = row.pop("_label_")
            yield row[covered.key], label or f"{covered.table} row {row[covered.key]}", row


def field_digests(row: dict[str, Any]) -> dict[str, str]:
    return {name: value_digest(value) for name, value in row.items()}


_JSON = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def value_digest(value: Any) -> str:
    """A short sha256 of one stored value (its canonical JSON); enough to name a changed field."""
    if isinstance(value, bytes):
        data = b"blob:" + value
    elif isinstance(value, str):
        # What the encoder gives for text and whole numbers, without its per-call overhead:
        # verify digests every field of every covered row.
        data = encode_basestring(value).encode("utf-8")
    elif type(value) is int:
        data = int.__repr__(value).encode("ascii")
    elif value is None:
        data = b"null"
    else:
        data = _JSON.encode(value).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:16]


def latest_seals(db: Database) -> dict[tuple[str, int], tuple[int, Seal | None, str]]:
    """For each row the trail ever sealed: (event seq, latest seal or None if deleted, label)."""
    latest: dict[tuple[str, int], tuple[int, Seal | None, str]] = {}
    for seq, text in db.execute("SELECT seq, seals FROM trail WHERE seals != '' ORDER BY seq"):
        try:
            seals = json.loads(text)
        except ValueError:
            continue  # the chain check names the edited event
        if not isinstance(seals, dict):
            continue
        for table, rows in seals.items():
            for key, seal in (rows or {}).items():
                where = (table, int(key))
                label = seal.get("label", "") if isinstance(seal, dict) else \
                    latest.get(where, (0, None, ""))[2]
                latest[where] = (seq, seal if isinstance(seal, dict) else None, label)
    return latest


def problems(db: Database) -> list[str]:
    """Covered rows that differ from, are missing from, or were never in the trail's seals."""
    by_table: dict[str, dict[int, tuple[int, Seal | None, str]]] = {}
    for (table, key), recorded in sorted(latest_seals(db).items()):
        by_table.setdefault(table, {})[key] = recorded
    found: list[tuple[str, str, str]] = []  # (table, kind, message)
    for covered in COVERED:
        latest = by_table.get(covered.table, {})
        defaults = _column_defaults(db, covered.table)
        seen: set[int] = set()
        for key, label, row in _rows(db, covered):
            seen.add(key)
            name = f"{label} ({covered.table} row {key})"
            last = latest.get(key)
            if last is None or last[1] is None:
                found.append((covered.table, "added",
                              f"{name}: not recorded in the audit trail; it was added "
                              "outside Policy Auditor"))
                continue
            seq, seal, _label = last
            changed = _changed_fields(row, seal or {}, defaults)
            if changed:
                fields = ", ".join(repr(field) for field in changed)
                found.append((covered.table, "changed",
                              f"{name}: {'field' if len(changed) == 1 else 'fields'} {fields} "
                              f"changed outside Policy Auditor (differs from what trail event "
                              f"{seq} recorded)"))
        for key, (seq, seal, label) in latest.items():
            if seal is not None and key not in seen:
                found.append((covered.table, "deleted",
                              f"{label} ({covered.table} row {key}): deleted outside Policy "
                              f"Auditor (trail event {seq} recorded it)"))
    return _condense(found)


def _changed_fields(row: dict[str, Any], seal: Seal, defaults: dict[str, str]) -> list[str]:
    """`defaults` holds each column's default digest, for columns added after the seal."""
    recorded = seal.get("fields", {})
    changed = [name for name, value in row.items()
               if recorded.get(name, defaults[name]) != value_digest(value)]
    return changed + sorted(name for name in recorded if name not in row)


def _column_defaults(db: Database, table: str) -> dict[str, str]:
    """Each column's default value's digest: what a row sealed before the column was added holds."""
    defaults = {}
    for _cid, name, _type, _notnull, default, _pk in db.execute(f'PRAGMA table_info("{table}")'):
        value = None if default is None else db.execute(f"SELECT {default}").fetchone()[0]
        defaults[name] = value_digest(value)
    return defaults


def _condense(found: list[tuple[str, str, str]]) -> list[str]:
    """Every problem, except that a long run of one kind in one table is counted after LISTED."""
    counts: dict[tuple[str, str], int] = {}
    lines = []
    for table, kind, message in found:
        counts[(table, kind)] = counts.get((table, kind), 0) + 1
        if counts[(table, kind)] <= LISTED:
            lines.append(message)
    lines += [f"... and {count - LISTED} more {table} rows {kind} outside Policy Auditor"
              for (table, kind), count in counts.items() if count > LISTED]
    return lines
