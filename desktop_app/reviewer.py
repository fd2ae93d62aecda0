"""Who is making a change when no reviewer is named."""

from __future__ import annotations

import getpass
import os

REVIEWER_ENV = "POLICY_AUDITOR_REVIEWER"


def default_reviewer() -> str:
    """The reviewer name used when none is given: $POLICY_AUDITOR_REVIEWER, else the OS user."""
    name = os.environ.get(REVIEWER_ENV, "").strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
