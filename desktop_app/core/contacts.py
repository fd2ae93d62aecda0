"""Contact details in policy text: email, web and postal addresses, phone numbers."""

from __future__ import annotations

import re

from desktop_app.core.blanks import overlaps

# Each pattern starts with a literal or a narrow character class (case folded by hand), so the
# search skips quickly over ordinary prose; one pattern with every alternative, or one compiled
# to ignore case, would retry them all at each letter.
_DETAILS = tuple(re.compile(pattern) for pattern in (
    r"[hH](?i:ttps?://)\S+",
    r"[wW](?i:ww\.)\S+",
    # Phone numbers; street addresses ("115 W. Century Road"); floors ("23rd Floor").
    (r"\d(?:\d{0,3}\)?[ -]?\d{3,4}[ -]?\d{3,5}\b"
     r"|\d{0,4}\s+(?:[A-Z][\w.'-]*\s+){1,4}"
     r"(?i:road|rd|street|st|avenue|ave|boulevard|blvd|lane|drive|dr|way|place|square)\b"
     r"|\d{0,2}(?i:st|nd|rd|th)\s+(?i:floor)\b)"),
    r"[pP]\.?\s?[oO]\.?\s+(?i:box)\b",
    r"[aAoOlL](?i:ddress|ffice|ocated)\s+(?i:is\s*)?(?:at\b|:)\s*[^.\n]{0,60}\d",
    r"[sSfFlL](?i:uite|loor|evel|antai)\s+\d{1,4}\b",
    # Indonesian street and building names: "Jl. Jend. Sudirman", "Gedung ...", "Wisma ...".
    r"[JGWM](?:l\.|alan|edung|isma|enara)\s+[A-Z0-9]",
))
# Emails and bare domains are found from their rare part ("@", ".com") and widened leftwards.
_EMAIL_TAIL = re.compile(r"@[\w-]+\.[\w.]+")
_DOMAIN_TAIL = re.compile(r"\.(?:com|org|net|eu|hk|sg|id|gov)\b", re.IGNORECASE)
_LOCAL_PART = re.compile(r"[\w.+-]+\Z")
_DOMAIN_NAME = re.compile(r"[\w-]+\Z")
_LOOK_BACK = 64


def contact_spans(text: str, blanks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of real contact details in `text` (blanks and placeholders left out), in order."""
    found = [(m.start(), m.end()) for pattern in _DETAILS for m in pattern.finditer(text)]
    for tail, head in ((_EMAIL_TAIL, _LOCAL_PART), (_DOMAIN_TAIL, _DOMAIN_NAME)):
        for m in tail.finditer(text):
            before = head.search(text, max(0, m.start() - _LOOK_BACK), m.start())
            if before:
                found.append((before.start(), m.end()))
    return sorted(span for span in found if not overlaps(blanks, *span))
