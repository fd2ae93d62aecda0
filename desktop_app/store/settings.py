"""Workspace settings stored in the audit database; each change is recorded in the trail."""

from __future__ import annotations

from sqlite_utils import Database

from desktop_app.errors import WorkflowError
from desktop_app.store import repo, trail
from desktop_app.store.database import insert, write

FOUR_EYES = "four_eyes"
#: Every setting and the values it takes.
KNOWN = {FOUR_EYES: ("on", "off")}


def get(db: Database, key: str) -> str:
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return "" if row is None else row[0]


def four_eyes(db: Database) -> bool:
    """Whether the approver of a sign-off must differ from everyone who decided items."""
    return get(db, FOUR_EYES) != "off"


def change(db: Database, key: str, value: str, actor: str) -> None:
    if value not in KNOWN.get(key, ()):
        raise WorkflowError(f"the setting {key} takes {' or '.join(KNOWN.get(key, ()))}, "
                            f"not {value!r}")
    if not actor.strip():
        raise WorkflowError("every change needs a reviewer name; give one with --reviewer NAME")
    with write(db):
        before = get(db, key)
        if not db.execute("UPDATE settings SET value = ? WHERE key = ?", [value, key]).rowcount:
            insert(db, "settings", {"key": key, "value": value})
        trail.append(db, actor.strip(), "setting", before={key: before}, after={key: value})
        repo.remember_reviewer(db, actor.strip())
