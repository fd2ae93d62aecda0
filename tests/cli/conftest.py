"""Fixtures the CLI tests share."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Where a test's audit database goes (created by its first import)."""
    return tmp_path / "audits.sqlite"
