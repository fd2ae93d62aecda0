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
_PLACEHOLDERS = re.compile(
    rf"\[\s*(?:[^\]\n]{{0,30}}\b)?(?:{_PLACEHOLDER_WORDS})(?:\b[^\]\n]{{0,30}})?\s*\]"
    r"|<\s*[A-Za-z][A-Za-z _-]{0,30}\s*>"
    r"|\{\{?\s*[A-Za-z][A-Za-z _.-]{0,30}\s*\}?\}"
    r"|_{3,}|\bX{3,}\b|\b(?:TBD|TBC|TODO)\b|\blorem ipsum\b|\[\s*[●•…]+\s*\]",
    re.IGNORECASE,
)

# A reference cue ("visit our website at", "email us on") whose object is missing: the
# paragraph, the list item or the sentence ends, or a new sentence starts straight after the
# preposition. A single line break followed by more words is a hard wrap, not an ending.
_REFERENCE_LEAD = (
    r"(?:website|site|page|web\s?page|e-?mail(?:ing)?|request|write|writing|call(?:ing)?|phone|"
    r"telephone|visit(?:ing)?|contact(?:ing)?|reach|address|portal|form|us|officer)"
)
_ENDING = r"[ \t]*(?:$|\n[ \t]*\n|\n[ \t]*[•\-*·]|[.;,)])"
_NEW_SENTENCE = r"[ \t\n]+(?-i:When|If|Where|Please|You|We|Your|Our|This|These|For)\b"
# Both alternatives start at a word boundary before a letter: checked first, it lets the
# search skip every other position quickly.
_BLANK_REFERENCE = re.compile(
    rf"(?=[a-z])(?:\b{_REFERENCE_LEAD}\b[^\n.;:]{{0,30}}?\b(?:at|on|via|to)(?={_ENDING})"
    rf"|\b(?:{_REFERENCE_LEAD}\b[^\n.;:]{{0,30}}?\b)?(?:at|on|via|to\s*:)(?={_NEW_SENTENCE}))",
    re.IGNORECASE,
)


def blank_spans(text: str) -> list[tuple[int, int]]:
    """Spans of `text` that are placeholders or references left blank, in order."""
    found = [(m.start(), m.end()) for m in _PLACEHOLDERS.finditer(text)]
    found += [(m.start(), m.end()) for m in _BLANK_REFERENCE.finditer(text)]
    return sorted(found)


def overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when [start, end) overlaps any of `spans`."""
    return any(s < end and start < e for s, e in spans)
