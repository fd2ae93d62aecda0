"""Schema migrations: the numbered SQL files in db/, applied by sqlite_utils.Migrations."""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database, Migrations

from desktop_app.errors import StoreError
from desktop_app.paths import MIGRATIONS
from desktop_app.store import coverage, trail
from desktop_app.store.database import write

#: The name the program records for changes it makes itself.
PROGRAM_ACTOR = "Policy Auditor"

MIGRATION_SET = "policy_auditor"
_FILE_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


def migration_files(folder: Path = MIGRATIONS) -> list[tuple[int, Path]]:
    """The schema files as (version, path), in order; versions must run 1, 2, 3 ... ."""
    found = sorted((int(match.group(1)), path) for path in folder.glob("*.sql")
                   if (match := _FILE_NAME.match(path.name)))
    if [version for version, _ in found] != list(range(1, len(found) + 1)):
        raise StoreError(f"the schema files in {folder} are not numbered 0001, 0002, ...; "
                         "reinstall Policy Auditor")
    return found


def split_statements(script: str) -> list[str]:
    """Split an SQL script into statements (trigger bodies keep their inner semicolons)."""
    statements, pending = [], ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            statement = pending.strip()
            if statement.rstrip(";").strip() and not _only_comments(statement):
                statements.append(statement)
            pending = ""
    if pending.strip() and not _only_comments(pending):
        raise StoreError(f"incomplete SQL statement at the end of a schema file: {pending[:60]!r}")
    return statements


def _only_comments(statement: str) -> bool:
    return all(not line.strip() or line.strip().startswith("--")
               for line in statement.rstrip(";").splitlines())


def schema_version(folder: Path = MIGRATIONS) -> int:
    """The newest schema version this program knows."""
    return len(migration_files(folder))


def build_migrations(folder: Path = MIGRATIONS) -> Migrations:
    """A Migrations set with one step per SQL file; each step also records PRAGMA user_version."""
    migrations = Migrations(MIGRATION_SET)
    for version, path in migration_files(folder):
        statements = split_statements(path.read_text(encoding="utf-8"))

        def step(db: Database, statements: list[str] = statements, version: int = version) -> None:
            for statement in statements:
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {version}")

        migrations(name=path.stem)(step)
    return migrations


def migrate(db: Database, path: Path, folder: Path = MIGRATIONS) -> Path | None:
    """Bring the database at `path` to the newest schema; returns the backup taken, if any.

    A database already holding data is copied next to itself before any change.

    Raises:
        StoreError: the database was written by a newer version of Policy Auditor.
    """
    migrations = build_migrations(folder)
    _refuse_newer(db, path, migrations, folder)
    if not migrations.pending(db):
        return None
    # SQLite cannot back up from inside a write transaction, so the copy comes first.
    backup = take_backup(db, path) if migrations.applied(db) else None
    # Another program may be migrating the same file: decide again under the write lock.
    with write(db):
        _refuse_newer(db, path, migrations, folder)
        if not migrations.pending(db):
            if backup is not None:
                backup.unlink(missing_ok=True)
            return None
        migrations.apply(db)
        _seal_unrecorded_rows(db)
    return backup


def _seal_unrecorded_rows(db: Database) -> None:
    """Seal covered rows the trail has no record of: those stored before seals existed.

    Rows the trail records as deleted stay unsealed, so that a re-added row is still noticed.
    """
    seals = coverage.seal_all(db, coverage.latest_seals(db))
    if seals:
        rows = sum(len(rows) for rows in seals.values())
        trail.append(db, PROGRAM_ACTOR, "rows-sealed", seals=seals, after={
            "rows": rows, "schema": db.execute("PRAGMA user_version").fetchone()[0],
            "reason": "rows stored before this schema version are sealed as found"})


def _refuse_newer(db: Database, path: Path, migrations: Migrations, folder: Path) -> None:
    known = schema_version(folder)
    found = db.execute("PRAGMA user_version").fetchone()[0]
    names = {file.stem for _, file in migration_files(folder)}
    unknown = {migration.name for migration in migrations.applied(db)} - names
    if found > known or unknown:
        raise StoreError(f"the audit database {path} was written by a newer version of Policy "
                         f"Auditor (schema {max(found, known + 1)}, this version knows up to "
                         f"{known}); update Policy Auditor or choose another database with --db")


def take_backup(db: Database, path: Path) -> Path:
    """Copy the database (consistently, through SQLite's backup API) to a timestamped file."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = path.with_name(f"{path.name}.{stamp}.bak")
    copy = sqlite3.connect(str(target))
    try:
        db.conn.backup(copy)
    finally:
        copy.close()
    return target
