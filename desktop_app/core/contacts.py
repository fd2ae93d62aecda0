"""Contact details in policy text: email, web and postal addresses, phone numbers."""

from __future__ import annotations

import re

from desktop_app.core.blanks import overlaps

# Addresses are matched from the start of a word only (the look-behinds), which spares the
# search a retry at every letter.
_CONTACT_DETAIL = re.compile(
    r"(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.]+"
    r"|https?://\S+|www\.\S+|(?<![\w-])[\w-]+\.(?:com|org|net|eu|hk|sg|id|gov)\b"
    r"|\+?\(?\d{1,4}\)?[ -]?\d{3,4}[ -]?\d{3,5}\b"
    r"|\bP\.?\s?O\.?\s+Box\b"
    r"|\b(?:address|office|located)\s+(?:is\s*)?(?:at\b|:)\s*[^.\n]{0,60}\d",
    re.IGNORECASE,
)


def contact_spans(text: str, blanks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of real contact details in `text` (blanks and placeholders left out)."""
    return [(m.start(), m.end()) for m in _CONTACT_DETAIL.finditer(text)
            if not overlaps(blanks, m.start(), m.end())]
