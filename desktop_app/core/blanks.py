"""Blanks and placeholders: text that looks like a reference or contact but gives none.

Such spans never count as evidence: "contact us at" followed by nothing is not a contact, and a
bracketed "[email]" is not an address.
"""

from __future__ import annotations

import re

_PLACEHOLDER_WORDS = (
    r"e-?mail|address|phone|telephone|number|name|url|link|website|insert|date|company|contact|"
    r"organi[sz]ation|officer|title|tbc|tbd|todo|x+|\.\.\.|…|●|•"
)
# Bracketed placeholders ("[email]", "<address>", "{{phone}}", "____") and marker words
# ("XXX", "TBD", "lorem ipsum"). Each pattern starts with a character class (case folded by
# hand), so the search skips quickly over ordinary prose.
_BRACKETED = re.compile(
    r"[\[<{_](?:(?<=\[)\s*(?:[^\]\n]{0,30}\b)?(?i:" + _PLACEHOLDER_WORDS + r")"
    r"(?:\b[^\]\n]{0,30})?\s*\]"
    r"|(?<=<)\s*[A-Za-z][A-Za-z _-]{0,30}\s*>"
    r"|(?<=\{)\{?\s*[A-Za-z][A-Za-z _.-]{0,30}\s*\}?\}"
    r"|(?<=_)_{2,}|(?<=\[)\s*[●•…]+\s*\])"
)
_MARKERS = re.compile(
    r"[xXtTlL](?<![\w][xXtTlL])(?i:(?<=x)x{2,}|(?<=t)(?:bd|bc|odo)|(?<=l)orem ipsum)\b"
)

# A reference cue ("visit our website at", "email us on") whose object is missing: the
# paragraph, the list item or the sentence ends, or a new sentence starts straight after the
# preposition. A single line break followed by more words is a hard wrap, not an ending.
_REFERENCE_LEAD = (
    r"(?:website|site|page|web\s?page|e-?mail(?:ing)?|request|write|writing|call(?:ing)?|phone|"
    r"telephone|visit(?:ing)?|contact(?:ing)?|reach|address|portal|form|us|officer)"
)
_ENDING = re.compile(r"[ \t]*(?:$|\n[ \t]*\n|\n[ \t]*[•\-*·]|[.;,)])")
_NEW_SENTENCE = r"[ \t\n]+(?:When|If|Where|Please|You|We|Your|Our|This|These|For)\b"
# The preposition is found first (a rare-ish word), then the lead-in just before it.
_PREPOSITION = re.compile(
    r"[aAoOvVtT](?<![\w][aAoOvVtT])(?i:(?<=a)t|(?<=o)n|(?<=v)ia|(?<=t)o)\b")
_LEAD_BEFORE = re.compile(rf"\b{_REFERENCE_LEAD}\b[^\n.;:]{{0,30}}?\Z", re.IGNORECASE)
_LOOK_BACK = 64
_SENTENCE_AFTER = re.compile(rf"(?={_NEW_SENTENCE})")
# "in writing to: Your request must ..." leaves the address out too.
_COLON_THEN_SENTENCE = re.compile(rf"\s*:(?={_NEW_SENTENCE})")


def blank_spans(text: str) -> list[tuple[int, int]]:
    """Spans of `text` that are placeholders or references left blank, in order."""
    found = [m.span() for pattern in (_BRACKETED, _MARKERS) for m in pattern.finditer(text)]
    for m in _PREPOSITION.finditer(text):
        start, end = m.span()
        to = m.group().lower() == "to"
        ending = _ENDING.match(text, end)
        sentence = None if to else _SENTENCE_AFTER.match(text, end)
        colon = _COLON_THEN_SENTENCE.match(text, end) if to else None
        if not (ending or sentence or colon):
            continue
        lead = _LEAD_BEFORE.search(text, max(0, start - _LOOK_BACK), start)
        begin = lead.start() if lead else start
        if (lead and ending) or sentence:
            found.append((begin, end))
        elif colon:
            found.append((begin, colon.end()))
    return sorted(found)


def overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when [start, end) overlaps any of `spans`."""
    return any(s < end and start < e for s, e in spans)
