"""Opening the database: settings, migrations with backups, faults reported as clear messages."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from desktop_app.core.status import Status
from desktop_app.errors import StoreError
from desktop_app.services import Workspace
from desktop_app.store.database import backups_of, describe
from desktop_app.store.migrations import (
    build_migrations,
    migration_files,
    schema_version,
    split_statements,
)
from tests.store.helpers import import_doc, make_document, open_workspace, registry

ITEM = "test-law.retention"


def test_connection_settings(workspace: Workspace) -> None:
    conn = sqlite3.connect(str(workspace.db_path))
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
    db = workspace._db  # the settings are per connection: read them on the workspace's own
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] > 0


def test_default_location_is_the_user_data_folder(isolated_data_dir: Path) -> None:
    with Workspace(registry=registry()) as ws:
        assert ws.db_path == isolated_data_dir / "audits.sqlite"
        assert ws.db_path.exists()


def test_new_database_has_the_newest_schema_and_no_backup(workspace: Workspace) -> None:
    conn = sqlite3.connect(str(workspace.db_path))
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema_version() >= 2
    conn.close()
    assert workspace.backup is None and backups_of(workspace.db_path) == []


def test_schema_files_are_numbered_and_split_cleanly() -> None:
    files = migration_files()
    assert [version for version, _ in files] == list(range(1, len(files) + 1))
    script = "CREATE TABLE a (x);\n-- note\nCREATE TRIGGER t AFTER INSERT ON a BEGIN\n" \
             "  SELECT 1; SELECT 2;\nEND;\n"
    assert len(split_statements(script)) == 2


def _v1_database(path: Path) -> None:
    """A database as version 1 of the schema left it, with one review in it."""
    db = Database(path)
    build_migrations().apply(db, stop_before=migration_files()[1][1].stem)
    assert db.execute("PRAGMA user_version").fetchone()[0] == 1
    assert "trail_no_update" not in {t.name for t in db.triggers}
    db.close()


def test_older_database_is_migrated_after_a_backup(db_path: Path) -> None:
    _v1_database(db_path)
    with open_workspace(db_path) as ws:
        assert ws.backup is not None and ws.backup.exists()
        assert backups_of(db_path) == [ws.backup]
        audit_id = import_doc(ws, make_document()).audit_ids[0]
        ws.set_status(audit_id, ITEM, Status.MISSING, "bob")
        assert ws.verify().ok
    db = Database(db_path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == schema_version()
    assert {"trail_no_update", "trail_no_delete"} <= {t.name for t in db.triggers}
    db.close()
    backup = Database(backups_of(db_path)[0])
    assert backup.execute("PRAGMA user_version").fetchone()[0] == 1
    backup.close()
    with open_workspace(db_path) as ws:
        assert ws.backup is None  # nothing left to migrate: no new backup


def test_database_from_a_newer_version_is_refused(db_path: Path) -> None:
    open_workspace(db_path).close()
    conn = sqlite3.connect(str(db_path))
    conn.execute(f"PRAGMA user_version = {schema_version() + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer version of Policy Auditor"):
        open_workspace(db_path)


def test_file_that_is_not_a_database(db_path: Path) -> None:
    db_path.write_text("these are my notes, not a database\n" * 200, encoding="utf-8")
    with pytest.raises(StoreError, match="is damaged") as raised:
        open_workspace(db_path)
    assert str(db_path) in str(raised.value) and "backup" in str(raised.value)


def test_damaged_database_names_the_latest_backup(db_path: Path) -> None:
    _v1_database(db_path)
    open_workspace(db_path).close()
    db_path.write_bytes(b"\0" * 100 + b"garbage" * 1000)
    for suffix in ("-wal", "-shm"):
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
    with pytest.raises(StoreError, match="restore the backup") as raised:
        open_workspace(db_path)
    assert str(backups_of(db_path)[0]) in str(raised.value)


def test_folder_given_as_database(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a folder"):
        open_workspace(tmp_path)


def test_busy_database_waits_then_says_so(db_path: Path, workspace: Workspace,
                                          audit_id: int) -> None:
    other = sqlite3.connect(str(db_path), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with Workspace(db_path, registry=workspace.registry, busy_timeout=0.2) as ws:
            with pytest.raises(StoreError, match="busy: another Policy Auditor"):
                ws.set_status(audit_id, ITEM, Status.MISSING, "bob")
            assert ws.audit(audit_id).review(ITEM).status is None  # reading still works
    finally:
        other.execute("ROLLBACK")
        other.close()
    workspace.set_status(audit_id, ITEM, Status.MISSING, "bob")


def test_full_disk_rolls_the_change_back(workspace: Workspace, audit_id: int) -> None:
    db = workspace._db  # only the workspace's connection can be limited
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")
    big_note = "x" * 200_000  # needs new pages: the "disk" is full
    with pytest.raises(StoreError, match="disk holding the audit database .* is full"):
        workspace.set_note(audit_id, ITEM, big_note, "bob")
    events = len(workspace.history(audit_id))
    assert workspace.audit(audit_id).review(ITEM).note == ""
    db.execute("PRAGMA max_page_count = 1073741823")
    workspace.set_note(audit_id, ITEM, big_note, "bob")
    assert len(workspace.history(audit_id)) == events + 1
    assert workspace.verify().ok


def test_read_only_connection_is_reported(workspace: Workspace, audit_id: int) -> None:
    # query_only makes SQLite refuse writes as it does for a read-only file, even for root.
    workspace._db.execute("PRAGMA query_only = ON")
    with pytest.raises(StoreError, match="is read-only"):
        workspace.set_status(audit_id, ITEM, Status.MISSING, "bob")
    workspace._db.execute("PRAGMA query_only = OFF")
    assert workspace.audit(audit_id).review(ITEM).status is None
    assert workspace.verify().ok


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="file permissions do not bind the root user")
def test_read_only_database(db_path: Path, workspace: Workspace, audit_id: int) -> None:
    workspace.close()
    db_path.chmod(0o444)
    db_path.parent.chmod(0o555)
    try:
        with pytest.raises(StoreError, match="read-only|cannot open|WAL"), \
                open_workspace(db_path) as ws:
            ws.set_status(audit_id, ITEM, Status.MISSING, "bob")
    finally:
        db_path.parent.chmod(0o755)
        db_path.chmod(0o644)


@pytest.mark.parametrize("message, expected", [
    ("attempt to write a readonly database", "read-only"),
    ("database or disk is full", "is full"),
    ("database is locked", "busy"),
    ("file is not a database", "damaged"),
    ("database disk image is malformed", "damaged"),
    ("unable to open database file", "cannot open"),
    ("disk I/O error", "failed"),
])
def test_sqlite_errors_become_one_clear_line(tmp_path: Path, message: str,
                                             expected: str) -> None:
    text = describe(sqlite3.OperationalError(message), tmp_path / "a.sqlite")
    assert expected in text and str(tmp_path / "a.sqlite") in text and "\n" not in text


def test_folder_that_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(StoreError, match="cannot create the folder"):
        open_workspace(blocker / "sub" / "audits.sqlite")
