"""Backups: a consistent copy of an open database, taken through SQLite's backup API."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from desktop_app.errors import StoreError


def copy_to(db: Database, source: Path, out: Path) -> int:
    """Copy the database (with changes still in its WAL file) to the new file `out`.

    The copy is one self-contained file; it is written beside `out` first, so a failure never
    leaves half a backup. Returns the number of trail events in the copy.

    Raises:
        StoreError: `out` exists, is the database itself, or cannot be written.
    """
    if out.exists() or out.is_symlink():
        same = out.exists() and source.exists() and out.samefile(source)
        raise StoreError(f"{out} is the database itself; give another file for --out" if same
                         else f"{out} already exists; give a new file name for --out")
    if not out.parent.is_dir():
        raise StoreError(f"the folder {out.parent} does not exist; create it or choose "
                         "another --out")
    partial = out.with_name(f".{out.name}.partial")
    try:
        partial.unlink(missing_ok=True)
        copy = sqlite3.connect(str(partial), isolation_level=None)
        try:
            # One step: the source is read in a single snapshot, whatever others write.
            db.conn.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")
            check = copy.execute("PRAGMA integrity_check").fetchone()[0]
            events = copy.execute("SELECT count(*) FROM trail").fetchone()[0]
        finally:
            copy.close()
        if check != "ok":
            raise StoreError(f"the copy of {source} failed SQLite's integrity check ({check}); "
                             "run 'policy-auditor verify' on the database")
        os.replace(partial, out)
    except (OSError, sqlite3.Error) as error:
        raise StoreError(f"cannot write the backup {out}: {error}; choose a folder you can "
                         "write to") from error
    finally:
        partial.unlink(missing_ok=True)
    return int(events)
