"""The hash-chained trail: appends in order, refuses edits; verify names what was tampered with."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop_app.core.status import Status
from desktop_app.errors import StoreError
from desktop_app.services import Workspace
from desktop_app.store.trail import field_digests, row_hash
from tests.store.helpers import open_workspace, shell

ITEM = "test-law.retention"


@pytest.fixture
def reviewed(workspace: Workspace, audit_id: int) -> Workspace:
    workspace.set_status(audit_id, ITEM, Status.PARTIAL, "bob")
    workspace.set_note(audit_id, ITEM, "checked", "bob")
    workspace.add_evidence(audit_id, ITEM, "bob", quote="seven years")
    workspace.set_status(audit_id, "test-law.data", Status.SATISFIED, "carol")
    return workspace


def _reverify(db_path: Path) -> tuple[bool, tuple[str, ...]]:
    with open_workspace(db_path) as ws:
        report = ws.verify()
    return report.ok, report.problems


def test_chain_links_every_event(reviewed: Workspace, db_path: Path) -> None:
    report = reviewed.verify()
    assert report.ok and report.problems == ()
    conn = sqlite3.connect(str(db_path))
    rows = conn.execute("SELECT seq, prev_hash, hash FROM trail ORDER BY seq").fetchall()
    assert report.events_checked == len(rows) > 4
    assert [r[0] for r in rows] == list(range(1, len(rows) + 1))
    assert all(rows[i][1] == rows[i - 1][2] for i in range(1, len(rows)))
    conn.close()


def test_row_hash_depends_on_every_field() -> None:
    row = {"seq": 1, "at": "t", "actor": "a", "action": "x", "audit_id": 1, "item_id": "i",
           "before": "", "after": "{}", "prev_hash": "", "digests": "{}"}
    base = row_hash(row)
    for key in row:
        changed = dict(row, **{key: row[key] + 1 if isinstance(row[key], int) else row[key] + "!"})
        assert row_hash(changed) != base, key


@pytest.mark.parametrize("sql", ["UPDATE trail SET actor = 'mallory' WHERE seq = 2",
                                 "DELETE FROM trail WHERE seq = 2",
                                 "DELETE FROM trail_head"])
def test_the_app_connection_cannot_change_the_trail(reviewed: Workspace, db_path: Path,
                                                   sql: str) -> None:
    conn = sqlite3.connect(str(db_path))
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(sql)
    conn.close()


def test_inserting_out_of_sequence_is_refused(reviewed: Workspace, db_path: Path) -> None:
    conn = sqlite3.connect(str(db_path))
    with pytest.raises(sqlite3.IntegrityError, match="in sequence"):
        conn.execute("INSERT INTO trail (seq, at, actor, action, prev_hash, digests, hash) "
                     "VALUES (100, 'now', 'x', 'y', '', '{}', '')")
    conn.close()


def test_edited_field_is_named(reviewed: Workspace, db_path: Path) -> None:
    conn = shell(db_path)
    conn.execute("UPDATE trail SET actor = 'mallory' WHERE seq = 3")
    conn.close()
    ok, problems = _reverify(db_path)
    assert not ok
    assert any("trail event 3" in p and "'actor'" in p for p in problems), problems


def test_edited_and_rehashed_event_breaks_the_next_link(reviewed: Workspace,
                                                        db_path: Path) -> None:
    conn = shell(db_path)
    row = dict(conn.execute("SELECT * FROM trail WHERE action = 'status' ORDER BY seq").fetchone())
    assert "partial" in row["after"]
    row["after"] = row["after"].replace("partial", "satisfied")
    row["digests"] = field_digests(row)
    conn.execute("UPDATE trail SET after = ?, digests = ?, hash = ? WHERE seq = ?",
                 [row["after"], row["digests"], row_hash(row), row["seq"]])
    conn.close()
    ok, problems = _reverify(db_path)
    following = f"trail event {row['seq'] + 1}"
    assert not ok and any(following in p and "prev_hash" in p for p in problems), problems


def test_deleted_event_is_detected(reviewed: Workspace, db_path: Path) -> None:
    conn = shell(db_path)
    conn.execute("DELETE FROM trail WHERE seq = 4")
    conn.close()
    ok, problems = _reverify(db_path)
    assert not ok and any("trail event 5" in p and "deleted" in p for p in problems), problems


def test_events_deleted_from_the_end_are_detected(reviewed: Workspace, db_path: Path) -> None:
    conn = shell(db_path)
    last = conn.execute("SELECT max(seq) FROM trail").fetchone()[0]
    conn.execute("DELETE FROM trail WHERE seq = ?", [last])
    conn.close()
    ok, problems = _reverify(db_path)
    assert not ok and any("trail head" in p for p in problems), problems


def test_status_changed_behind_the_trail_is_detected(reviewed: Workspace, db_path: Path,
                                                     audit_id: int) -> None:
    conn = sqlite3.connect(str(db_path))
    conn.execute("UPDATE assessments SET status = 'satisfied', note = 'edited' WHERE item_id = ?",
                 [ITEM])
    conn.execute("UPDATE audits SET state = 'signed-off'")
    conn.commit()
    conn.close()
    ok, problems = _reverify(db_path)
    assert not ok
    assert any(f"audit {audit_id} item {ITEM}: status is 'satisfied'" in p for p in problems)
    assert any(f"audit {audit_id} item {ITEM}: note is 'edited'" in p for p in problems)
    assert any(f"audit {audit_id}: state is 'signed-off'" in p for p in problems)


def test_verify_reports_a_damaged_file(reviewed: Workspace, db_path: Path) -> None:
    reviewed.close()
    data = bytearray(db_path.read_bytes())
    # Overwrite pages past the header: the schema stays readable but b-trees are damaged.
    for offset in range(4096 + 100, len(data), 997):
        data[offset] = 0xAB
    db_path.write_bytes(bytes(data))
    for name in ("-wal", "-shm"):
        db_path.with_name(db_path.name + name).unlink(missing_ok=True)
    try:
        ok, problems = _reverify(db_path)
    except StoreError as error:
        assert "damaged" in str(error) and str(db_path) in str(error)
    else:
        assert not ok and problems
