"""Where the app keeps its data and where the bundled resources live."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHIPPED_CHECKLISTS = PROJECT_ROOT / "checklists"
RESOURCES = PROJECT_ROOT / "resources"
MIGRATIONS = PROJECT_ROOT / "db"
EXAMPLE_POLICY = RESOURCES / "example" / "northwind-privacy-policy.md"

DATA_ENV = "POLICY_AUDITOR_DATA"


def data_dir() -> Path:
    """The user data folder; `POLICY_AUDITOR_DATA` overrides it (tests, portable installs)."""
    override = os.environ.get(DATA_ENV)
    if override:
        return Path(override)
    import platformdirs  # here, so that starting the command line does not load it

    return Path(platformdirs.user_data_dir("policy-auditor", appauthor=False))


def default_db_path() -> Path:
    return data_dir() / "audits.sqlite"


def user_checklists_dir() -> Path:
    return data_dir() / "checklists"
