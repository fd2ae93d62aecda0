"""Opening the audit database: connection settings, write transactions, errors for the user."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from desktop_app.errors import StoreError
from desktop_app.store import coverage

#: How long a write waits for another program holding the database before giving up.
BUSY_TIMEOUT_SECONDS = 10.0


def now() -> str:
    """The current UTC time as stored everywhere in the database."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def connect(path: Path, *, busy_timeout: float = BUSY_TIMEOUT_SECONDS) -> Database:
    """Open `path` (creating it and its folder) with WAL, foreign keys and a busy timeout.

    Raises:
        StoreError: the folder or file cannot be created, opened or is not a database.
    """
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not an audit database; give a file path with --db")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(f"cannot create the folder for the audit database {path}: "
                         f"{error.strerror}; choose another location with --db") from error
    with translate_errors(path):
        # isolation_level=None: this module opens every transaction itself (see `write`).
        conn = sqlite3.connect(str(path), timeout=busy_timeout, isolation_level=None)
        try:
            db = Database(conn)
            db.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
            db.execute("PRAGMA foreign_keys = ON")
            if db.execute("PRAGMA journal_mode = WAL").fetchone()[0].lower() != "wal":
                raise StoreError(f"cannot use the audit database {path} in WAL mode; "
                                 "check that its folder is writable")
            # FULL: a commit reported to the user survives a power cut, not only a crash.
            db.execute("PRAGMA synchronous = FULL")
        except BaseException:
            conn.close()
            raise
    return db


@contextlib.contextmanager
def write(db: Database) -> Iterator[Database]:
    """One write transaction: taken with BEGIN IMMEDIATE so that waiting happens up front.

    Inside an already open transaction this is a savepoint, like `Database.atomic`.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.execute("ROLLBACK")
        raise
    else:
        try:
            if coverage.pending(db):
                raise RuntimeError("covered rows were changed after the transaction's last trail "
                                   "event; append the event after the change")
            db.execute("COMMIT")
        except BaseException:
            if db.conn.in_transaction:
                db.execute("ROLLBACK")
            raise


@contextlib.contextmanager
def read(db: Database) -> Iterator[Database]:
    """One read transaction: every query inside sees the same snapshot, whatever others commit.

    Inside an already open transaction the reads simply join it.
    """
    if db.conn.in_transaction:
        yield db
        return
    db.execute("BEGIN")
    try:
        yield db
    finally:
        if db.conn.in_transaction:
            db.execute("ROLLBACK")


def insert(db: Database, table: str, row: dict[str, Any]) -> int:
    """Insert one row and return its integer primary key."""
    # Plain SQL: the table exists (migrations made it), and sqlite-utils' insert introspects
    # the table on every call, which dominated the cost of storing an import.
    cursor = db.execute(_insert_sql(table, tuple(row)), list(row.values()))
    return int(cursor.lastrowid or 0)


def insert_many(db: Database, table: str, rows: list[dict[str, Any]]) -> None:
    """Insert rows that all have the same keys."""
    if rows:
        db.conn.executemany(_insert_sql(table, tuple(rows[0])), [list(r.values()) for r in rows])


def _insert_sql(table: str, columns: tuple[str, ...]) -> str:
    names = ", ".join(f'"{column}"' for column in columns)
    return f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" * len(columns))})'


def backups_of(path: Path) -> list[Path]:
    """Backup copies taken before migrations, newest first."""
    return sorted(path.parent.glob(f"{path.name}.*.bak"), reverse=True)


def _backup_hint(path: Path) -> str:
    backups = backups_of(path)
    if backups:
        return f"restore the backup {backups[0]} or use another database with --db"
    return "restore it from your own backup or use another database with --db"


def describe(error: sqlite3.Error, path: Path) -> str:
    """A one-line message for a SQLite error that says what to do."""
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return (f"the audit database {path} is busy: another Policy Auditor window or program "
                "is writing to it; try again when it has finished")
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return f"the audit database {path} is damaged ({error}); {_backup_hint(path)}"
    if "is full" in text:
        return (f"the disk holding the audit database {path} is full: the last change was not "
                "stored (earlier work is safe); free some space and try again")
    if "readonly" in text or "read-only" in text:
        return (f"the audit database {path} is read-only: check the permissions of the file "
                "and its folder, or use another database with --db")
    if "unable to open" in text:
        return (f"cannot open the audit database {path}: check that its folder exists and is "
                "writable, or use another database with --db")
    if "disk i/o" in text:
        return (f"reading or writing the audit database {path} failed ({error}); check the disk "
                "and the permissions of its folder")
    return f"the audit database {path} could not be used: {error}"


@contextlib.contextmanager
def translate_errors(path: Path) -> Iterator[None]:
    """Turn SQLite errors raised inside the block into a StoreError naming the file."""
    try:
        yield
    except sqlite3.IntegrityError as error:
        if "append-only" in str(error) or "cannot be deleted" in str(error):
            raise StoreError(f"{error} ({path})") from error
        raise
    except sqlite3.DatabaseError as error:
        raise StoreError(describe(error, path)) from error
    except UnicodeDecodeError as error:
        raise StoreError(f"the audit database {path} is damaged (stored text is not UTF-8); "
                         f"{_backup_hint(path)}") from error
