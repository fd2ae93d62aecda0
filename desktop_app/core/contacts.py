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
    r"|\b(?:address|office|located)\s+(?:is\s*)?(?:at\b|:)\s*[^.\n]{0,60}\d"
    # Street addresses: "115 W. Century Road", "Suite 250", "Jl. Jend. Sudirman",
    # "Gedung Wisma 46", "Wisma GKBI 23rd Floor".
    r"|\b\d{1,5}\s+(?-i:(?:[A-Z][\w.'-]*\s+){1,4})"
    r"(?:road|rd|street|st|avenue|ave|boulevard|blvd|lane|drive|dr|way|place|square)\b"
    r"|\b(?:suite|floor|level|lantai)\s+\d{1,4}\b|\b\d{1,3}(?:st|nd|rd|th)\s+floor\b"
    r"|(?-i:\b(?:Jl\.|Jalan|Gedung|Wisma|Menara)\s+[A-Z0-9])",
    re.IGNORECASE,
)


def contact_spans(text: str, blanks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of real contact details in `text` (blanks and placeholders left out)."""
    return [(m.start(), m.end()) for m in _CONTACT_DETAIL.finditer(text)
            if not overlaps(blanks, m.start(), m.end())]
