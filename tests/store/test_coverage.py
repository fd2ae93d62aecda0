"""Seals: every covered row is recorded by the trail, from the first write and after an upgrade."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from desktop_app.core.status import Status
from desktop_app.paths import MIGRATIONS
from desktop_app.services import Workspace
from desktop_app.store import coverage
from desktop_app.store.database import write
from desktop_app.store.migrations import split_statements
from tests.store.helpers import open_workspace, rechain, shell

ITEM = "test-law.retention"


def test_every_covered_table_exists_with_an_integer_key(workspace: Workspace) -> None:
    conn = sqlite3.connect(str(workspace.db_path))
    for covered in coverage.COVERED:
        columns = {row[1]: (row[2], row[5]) for row in
                   conn.execute(f"PRAGMA table_info({covered.table})")}
        assert columns.get(covered.key) == ("INTEGER", 1), covered.table
    conn.close()


def test_each_event_seals_the_rows_it_changed(workspace: Workspace, audit_id: int) -> None:
    workspace.set_status(audit_id, ITEM, Status.PARTIAL, "bob")
    conn = sqlite3.connect(str(workspace.db_path))
    seals = conn.execute("SELECT seals FROM trail ORDER BY seq DESC LIMIT 1").fetchone()[0]
    conn.close()
    assert '"assessments"' in seals and f"audit {audit_id} item {ITEM}" in seals
    assert '"evidence"' not in seals


def test_a_change_without_a_trail_event_is_refused(workspace: Workspace, audit_id: int) -> None:
    db = workspace._db
    with pytest.raises(RuntimeError, match="trail event"):
        with write(db):
            db.execute("UPDATE assessments SET note = 'silent' WHERE item_id = ?", [ITEM])
    assert db.execute("SELECT note FROM assessments WHERE item_id = ?", [ITEM]).fetchone()[0] == ""
    assert workspace.verify().ok


def _as_schema_2(path: Path) -> None:
    """Turn a current database into one as schema 4 left it: no seals anywhere."""
    conn = shell(path)
    rechain(conn, lambda row: row.update(seals=""))
    conn.execute("ALTER TABLE trail DROP COLUMN seals")
    for statement in split_statements((MIGRATIONS / "0002_trail_guards.sql").read_text()):
        if statement.startswith(("CREATE TRIGGER trail_no", "CREATE TRIGGER trail_in")):
            conn.execute(statement)
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0005_record_seals'")
    conn.execute("PRAGMA user_version = 4")
    conn.close()


def test_rows_stored_before_seals_are_sealed_by_the_upgrade(workspace: Workspace, db_path: Path,
                                                            audit_id: int) -> None:
    workspace.set_status(audit_id, ITEM, Status.PARTIAL, "bob")
    workspace.close()
    _as_schema_2(db_path)
    with open_workspace(db_path) as upgraded:
        assert upgraded.backup is not None
        report = upgraded.verify()
        assert report.ok, report.problems
        events = upgraded.history(audit_id)
        upgraded.set_note(audit_id, ITEM, "after the upgrade", "bob")
        assert upgraded.verify().ok
    conn = sqlite3.connect(str(db_path))
    sealed = conn.execute("SELECT actor, after FROM trail WHERE action = 'rows-sealed'").fetchall()
    conn.execute("UPDATE assessments SET confidence = 0.01 WHERE item_id = 'test-law.data'")
    conn.commit()
    conn.close()
    assert len(sealed) == 1 and sealed[0][0] == "Policy Auditor"
    assert all(event.action != "rows-sealed" for event in events)
    with open_workspace(db_path) as again:
        problems = again.verify().problems
    assert any("item test-law.data" in p and "'confidence'" in p for p in problems), problems


def test_a_column_added_later_is_checked_against_its_default(workspace: Workspace,
                                                             db_path: Path,
                                                             audit_id: int) -> None:
    workspace.close()
    conn = sqlite3.connect(str(db_path))
    conn.execute("ALTER TABLE audits ADD COLUMN override TEXT NOT NULL DEFAULT ''")
    conn.commit()
    with open_workspace(db_path) as ws:
        assert ws.verify().ok
    conn.execute("UPDATE audits SET override = 'forged'")
    conn.commit()
    conn.close()
    with open_workspace(db_path) as ws:
        problems = ws.verify().problems
    assert any(f"audit {audit_id}" in p and "'override'" in p for p in problems), problems


@pytest.mark.parametrize("value", ["", "a\u2028\"\\\n\x00é😀", 0, -5, 10**30, 0.9, 1e-300,
                                   None, True])
def test_a_value_digest_is_that_of_its_canonical_json(value: object) -> None:
    # Seals written earlier must keep matching: the fast paths may not change a digest.
    canonical = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    expected = hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]
    assert coverage.value_digest(value) == expected
