"""Shared output helpers for CLI commands."""

from __future__ import annotations

import json
import sys
from typing import Any


def emit_json(payload: Any) -> None:
    """Print `payload` as indented UTF-8 JSON (non-ASCII kept readable)."""
    json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
