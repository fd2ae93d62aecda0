"""Shared output helpers for CLI commands."""

from __future__ import annotations

import io
import json
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from desktop_app.core.safe_text import terminal_safe

# Characters a terminal would act on, written as JSON escapes (JSON already escapes C0 ones).
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def emit_json(payload: Any) -> None:
    """Print `payload` as indented UTF-8 JSON (non-ASCII kept readable)."""
    text = json.dumps(payload, ensure_ascii=False, indent=2)
    sys.stdout.write(_JSON_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text))
    sys.stdout.write("\n")


class TerminalSafeWriter(io.TextIOBase):
    """A text stream that strips escape sequences and control characters from all it is given:
    names, notes and policy text are printed as text, never as terminal commands."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(terminal_safe(text))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return self._stream.isatty()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self._stream, "encoding", "utf-8")


@contextmanager
def terminal_safe_output() -> Iterator[None]:
    """Standard output and error filtered by TerminalSafeWriter for the duration."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = TerminalSafeWriter(saved[0]), TerminalSafeWriter(saved[1])
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
