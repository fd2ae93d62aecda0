"""Canonical JSON: the one text of a value that the trail's hashes and the sign-off's
signatures are computed over, so both must produce it the same way."""

from __future__ import annotations

import json
from typing import Any


def canonical(value: Any) -> str:
    """Sorted keys, no spaces, UTF-8 kept: one value, one text."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
