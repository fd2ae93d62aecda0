"""Crash reports: details of an unexpected error, kept private in the user data folder."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from desktop_app.paths import data_dir


def crash_reports_dir() -> Path:
    return data_dir() / "crash-reports"


def save_crash_report(details: str) -> Path:
    """Write `details` to a new file only the user can read; returns its path.

    A new name each time, created exclusively and never through a link, so nobody else can
    plant or read the file.

    Raises:
        OSError: the folder or file cannot be created.
    """
    folder = crash_reports_dir()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    path = folder / f"crash-{stamp}-{os.getpid()}.log"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    descriptor = os.open(path, flags, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(details)
    return path
