"""User and file-system text made safe to store and to show."""

from __future__ import annotations

import re

# Escape sequences (CSI, OSC, two-character ones), then any other C0/C1 control character, and
# the bidirectional overrides that can make shown text read differently from what it holds.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-_]|)"
    r"|\x9b[0-?]*[ -/]*[@-~]"
)
_OTHER_SURROGATE = re.compile("[\ud800-\udc7f\udd00-\udfff]")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def readable(text: str) -> str:
    """`text` with bytes that were not valid UTF-8 (kept by Python as lone surrogates, as in
    file names and arguments) shown as U+FFFD, so it can be stored and printed."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # Escaped bytes go back to bytes (decoded as UTF-8 where they form it), other lone
        # surrogates cannot be bytes at all.
        text = _OTHER_SURROGATE.sub("\ufffd", text)
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return text


def terminal_safe(text: str) -> str:
    """`readable(text)` without escape sequences or control characters (new lines and tabs
    stay), so that stored names and notes cannot move the cursor, recolour or retitle the
    terminal, or disguise what is printed."""
    return _CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", readable(text)))
