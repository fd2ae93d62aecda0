"""Typed access to the GUI's own preferences (window layout, last selection) over QSettings.

The file lives in the user data folder, so a portable install or a test that points
`POLICY_AUDITOR_DATA` elsewhere carries its settings with it. Review data never lives here.
"""

from __future__ import annotations

import getpass
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from desktop_app import paths

SETTINGS_VERSION = 1
RECENT_WORKSPACES = 8


def settings_path() -> Path:
    return paths.data_dir() / "gui-settings.ini"


class Settings:
    """One place for every GUI preference and its default."""

    def __init__(self, path: Path | None = None) -> None:
        self._qs = QSettings(str(path or settings_path()), QSettings.Format.IniFormat)
        self._migrate()

    def _migrate(self) -> None:
        version = self._int("meta/version", 0)
        if version < SETTINGS_VERSION:
            # Version 0 had no layout to migrate; record the current layout version.
            self._qs.setValue("meta/version", SETTINGS_VERSION)

    def sync(self) -> None:
        self._qs.sync()

    @property
    def file_name(self) -> str:
        return self._qs.fileName()

    # QSettings hands back strings for ints/bools from INI files: convert defensively.
    def _int(self, key: str, default: int) -> int:
        value = self._qs.value(key, default)
        try:
            return int(value)
        except (TypeError, ValueError):
            return default

    def _bool(self, key: str, default: bool) -> bool:
        value = self._qs.value(key, default)
        if isinstance(value, str):
            return value.lower() in ("true", "1", "yes")
        return bool(value)

    def _str(self, key: str, default: str = "") -> str:
        value = self._qs.value(key, default)
        return default if value is None else str(value)

    def _bytes(self, key: str) -> QByteArray:
        value = self._qs.value(key)
        return value if isinstance(value, QByteArray) else QByteArray()

    @property
    def geometry(self) -> QByteArray:
        return self._bytes("window/geometry")

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._qs.setValue("window/geometry", value)

    @property
    def window_state(self) -> QByteArray:
        return self._bytes("window/state")

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._qs.setValue("window/state", value)

    def splitter_state(self, name: str) -> QByteArray:
        return self._bytes(f"splitters/{name}")

    def set_splitter_state(self, name: str, value: QByteArray) -> None:
        self._qs.setValue(f"splitters/{name}", value)

    @property
    def last_db(self) -> str:
        return self._str("workspace/last_db")

    @last_db.setter
    def last_db(self, value: str) -> None:
        self._qs.setValue("workspace/last_db", value)

    @property
    def recent_workspaces(self) -> list[str]:
        """Databases opened in the GUI, most recent first."""
        return [line for line in self._str("workspace/recent").split("\n") if line]

    def remember_workspace(self, path: str) -> None:
        recent = [path, *(p for p in self.recent_workspaces if p != path)]
        self._qs.setValue("workspace/recent", "\n".join(recent[:RECENT_WORKSPACES]))

    def forget_workspace(self, path: str) -> None:
        self._qs.setValue("workspace/recent",
                          "\n".join(p for p in self.recent_workspaces if p != path))

    @property
    def last_audit_id(self) -> int:
        return self._int("workspace/last_audit_id", 0)

    @last_audit_id.setter
    def last_audit_id(self, value: int) -> None:
        self._qs.setValue("workspace/last_audit_id", int(value))

    @property
    def last_item_id(self) -> str:
        return self._str("workspace/last_item_id")

    @last_item_id.setter
    def last_item_id(self, value: str) -> None:
        self._qs.setValue("workspace/last_item_id", value)

    @property
    def last_import_dir(self) -> str:
        return self._str("workspace/last_import_dir")

    @last_import_dir.setter
    def last_import_dir(self, value: str) -> None:
        self._qs.setValue("workspace/last_import_dir", value)

    @property
    def last_export_dir(self) -> str:
        return self._str("workspace/last_export_dir")

    @last_export_dir.setter
    def last_export_dir(self, value: str) -> None:
        self._qs.setValue("workspace/last_export_dir", value)

    @property
    def reviewer(self) -> str:
        """The name recorded in the audit trail; defaults to the login name."""
        return self._str("review/reviewer") or _login_name()

    @reviewer.setter
    def reviewer(self, value: str) -> None:
        self._qs.setValue("review/reviewer", value.strip())

    @property
    def tint_all_evidence(self) -> bool:
        """Tint the evidence of every item in the policy text, not only the current item's."""
        return self._bool("view/tint_all_evidence", False)

    @tint_all_evidence.setter
    def tint_all_evidence(self, value: bool) -> None:
        self._qs.setValue("view/tint_all_evidence", bool(value))

    @property
    def welcome_done(self) -> bool:
        return self._bool("welcome/done", False)

    @welcome_done.setter
    def welcome_done(self, value: bool) -> None:
        self._qs.setValue("welcome/done", bool(value))


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "reviewer"
