"""Characters the file did not hold: bytes that could not be decoded, shown as U+FFFD."""

from __future__ import annotations

import re

from desktop_app.core.document import Defect, PolicyDocument
from desktop_app.core.lint.units import Unit

_REPLACED = re.compile("\ufffd+")


def find_undecodable(document: PolicyDocument, units: list[Unit]) -> list[Defect]:
    """One defect per run of replacement characters, so the reviewer can check the source."""
    defects = []
    for match in _REPLACED.finditer(document.text):
        count = len(match.group())
        what = "1 byte here" if count == 1 else f"{count} bytes here"
        defects.append(Defect(
            "undecodable", match.start(), match.end(), match.group(),
            f"{what} could not be decoded (shown as \ufffd); check this passage against the "
            "original file, or save the file again as UTF-8."))
    return defects
