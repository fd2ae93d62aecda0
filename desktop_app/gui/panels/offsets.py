"""Conversion between Python string offsets and Qt's UTF-16 document positions."""

from __future__ import annotations

import bisect
import re

_WIDE = re.compile("[\U00010000-\U0010FFFF]")


class OffsetMap:
    """Maps offsets into `text` (code points) to QTextDocument positions (UTF-16 units).

    They differ only after characters outside the Basic Multilingual Plane (emoji, rare
    CJK), which count twice in UTF-16; for other texts both directions are the identity.
    """

    def __init__(self, text: str) -> None:
        # A regex scan: a Python loop over every character of a long policy stalls the window.
        self._wide = [match.start() for match in _WIDE.finditer(text)]
        self._wide_qt = [i + n for n, i in enumerate(self._wide)]

    def to_qt(self, offset: int) -> int:
        return offset + bisect.bisect_left(self._wide, offset)

    def from_qt(self, position: int) -> int:
        return position - bisect.bisect_left(self._wide_qt, position)
