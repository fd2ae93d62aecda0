"""Grammar slips that read as typing errors: a word missing, doubled or swapped for its neighbour."""

from __future__ import annotations

import re

from desktop_app.core.document import Defect, PolicyDocument
from desktop_app.core.lint.units import Unit

BARE_VERBS = (r"create|improve|provide|use|make|develop|process|collect|share|ensure|help|offer"
              r"|deliver|send|protect|keep|maintain|manage|support|enable|allow|analy[sz]e"
              r"|understand|perform")
GRAMMAR_SLIPS = (
    (re.compile(r"\bfull ([a-z]{3,}ed)\b"),
     "\u201cfull\u201d before a participle should be \u201cfully\u201d; correct it."),
    (re.compile(r"\b(?:violations?|breach(?:es)?|infringements?|because|instead|regardless|each"
                r"|most|none) or (?:our|your|its|their)\b"),
     "\u201cor\u201d here should be \u201cof\u201d; correct it."),
    (re.compile(rf"\bto and (?:{BARE_VERBS})\b"),
     "\u201cto and\u201d has a word missing or one too many; reword it."),
    (re.compile(r"\b(?:are|is|be|being|been|were|was|remains?|stays?) connected"
                r" (?:our|your|their|the|this|that)\b"),
     "\u201cconnected\u201d needs \u201cto\u201d here; add it."),
    (re.compile(r"(?:^|(?<=\bthe )|(?<=\bour )|(?<=\byour )|(?<=\bof ))"
                r"(?:E-?mails|e-?mails|[Uu]sers|[Cc]ustomers|[Vv]isitors|[Cc]onsumers)"
                r" (?:communications|data|accounts|details)\b"),
     "A plural noun is used as a modifier; use the singular or add an apostrophe."),
)


def find_grammar_slips(document: PolicyDocument, units: list[Unit]) -> list[Defect]:
    """Word-level slips a careful read catches; patterns are anchored so fine text stays quiet."""
    defects = []
    for unit in units:
        for pattern, problem in GRAMMAR_SLIPS:
            for match in pattern.finditer(unit.body):
                start, end = unit.body_start + match.start(), unit.body_start + match.end()
                defects.append(Defect("typo", start, end, document.text[start:end], problem))
    return defects
