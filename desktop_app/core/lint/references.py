"""Placeholders left in the draft and contact details that are announced but missing."""

from __future__ import annotations

import re

from desktop_app.core.document import Defect, PolicyDocument
from desktop_app.core.lint.units import Unit

# Square brackets in a published policy are almost always a fill-in; the exceptions
# are Markdown links, footnote numbers, "[sic]" and editorial ellipses.
BRACKET_RE = re.compile(r"(?<!\])\[(?P<inner>[^\[\]\n]{0,80})\](?![(\[:])")
BRACKET_OK_RE = re.compile(r"(?i)^(\d{1,3}|sic|\.\.\.|…)$")
TEMPLATE_RE = re.compile(r"\{\{[^{}\n]{1,60}\}\}|<<[^<>\n]{1,60}>>"
                         r"|<(?:insert|enter|add)\b[^<>\n]{0,60}>",
                         re.IGNORECASE)
NOTE_RE = re.compile(
    r"\b(?:NTD|TODO|FIXME|TBD|TBC)\b:?"
    r"|\b(?:note to (?:draft|drafter|self)|drafting note)\b:?"
    r"|\blorem ipsum\b"
    r"|(?<![A-Za-z-])X{2,}(?![A-Za-z-])|(?<![A-Za-z-])x{3,}(?![A-Za-z-])|_{4,}|\[\s*[•●]\s*\]"
    r"|\bto be (?:confirmed|completed|inserted|determined|advised)\b"
    r"|\b(?:add|insert|include|describe|complete|fill in|update) (?:something|text|wording|details"
    r"|language|a (?:sentence|paragraph|section|clause)|more) (?:about|on|re|regarding|here)\b[^.\n]*",
    re.IGNORECASE,
)
# "TBD" and friends are only notes when written in capitals; "xx" in a word is not.
CASE_SENSITIVE_NOTES = {"ntd", "todo", "fixme", "tbd", "tbc"}
ROMAN_CONTEXT_RE = re.compile(r"(?i)(article|chapter|part|section|title|schedule|annex)\s+$")

ANNOUNCER = (r"(?:e-?mail(?:ing)?|write|writing|send(?:ing)?|post|visit(?:ing)?|call(?:ing)?|phone"
             r"|contact(?:ing)?|reach|submit(?:ting)?|available|found|located|go)")
# Words that begin a sentence but never follow a preposition: "available at Also note".
STARTER = (r"(?:When|If|Also|Please|Where|While|However|Additionally|Alternatively|Note|There"
           r"|They|These|Those|This|It|We|You|Your|Our|Any|All|Such|In|For)")
STRONG_STARTER = r"(?:When|If|Also|Please|Where|While|However|Additionally|Alternatively)"
# "data you send to or receive from", "made available to and used by": a paired verb
# shares the preposition, so nothing is missing.
PAIRED_VERB = r"\s+(?:\w+ed|receives?|from|get|obtain|through|by)\b"
# Units are single paragraphs, so white space here may be a hard wrap but never a
# paragraph break; only the end of the unit (\Z) counts as "nothing follows".
ANNOUNCED_BLANK_RE = re.compile(
    rf"\b{ANNOUNCER}\b(?:\s+[\w’'-]+){{0,6}}?\s+(?P<prep>at|to|on|via)\b"
    rf"(?P<gap>[ \t]*(?:[,;.]|\s*\Z|\s+(?:and|or)\b(?!{PAIRED_VERB})|:?\s+{STARTER}\b))",
)
RUN_ON_BLANK_RE = re.compile(rf"\b(?:[\w’'-]+\s+){{0,3}}(?:at|on|to|via|from)\s+{STRONG_STARTER}\b")
HERE_BLANK_RE = re.compile(
    r"\b(?:archived|available|found|located|listed|posted|published|viewed|read|submit a request)"
    r"\s+here\b(?:[ \t]*:[ \t]*[A-Z][\w ]{0,30}\.?)?(?=[ \t]*[.;]|\s*\Z)"
)
# A unit that is only a contact label: "Websites:", "By e-mail:".
LABEL_ONLY_RE = re.compile(r"(?i)^(?:(?:by|via|our) )?(?:e-?mail(?: address)?|web ?sites?|url|link|"
                           r"(?:tele)?phone(?: number)?|tel|fax)[ \t]*:$")
CONTACT_VALUE_RE = re.compile(r"@|\d|www\.|https?://|\.[a-z]{2,4}\b")
CONTACT_START_RE = re.compile(r"\s*(?:[+(]?\d[\d ().-]{6,}|www\.|https?://|[\w.+-]+@[\w-]+\.)")
# A web path with no domain: "/support/en/contacts". Excludes "and/or" and "c/o".
BARE_PATH_RE = re.compile(r"(?<![\w./:-])/[A-Za-z0-9_-]+(?:/[A-Za-z0-9_.-]+){1,}/?(?![\w/])")


def find_placeholders(document: PolicyDocument, units: list[Unit]) -> list[Defect]:
    """Fill-ins and notes to self the drafter left in the text."""
    text = document.text
    defects = []
    for match in BRACKET_RE.finditer(text):
        inner = match["inner"].strip()
        if not inner or not BRACKET_OK_RE.match(inner):
            defects.append(_defect(text, "placeholder", match.start(), match.end(),
                                   "Bracketed fill-in left in the text; replace it with the actual "
                                   "wording or delete it."))
    for match in TEMPLATE_RE.finditer(text):
        defects.append(_defect(text, "placeholder", match.start(), match.end(),
                               "Template field left in the text; fill it in or delete it."))
    for match in NOTE_RE.finditer(text):
        word = match.group().rstrip(":").strip()
        if word.lower() in CASE_SENSITIVE_NOTES and not word.isupper():
            continue
        if word.startswith("_") and _line_at(text, match.start()).strip() == word:
            continue  # a Markdown rule, not a blank to fill in
        if word.upper().startswith("X") and ROMAN_CONTEXT_RE.search(text[max(0, match.start() - 12):
                                                                         match.start()]):
            continue
        defects.append(_defect(text, "placeholder", match.start(), match.end(),
                               "Drafting note or dummy text left in the policy; resolve it and "
                               "remove it before publishing."))
    return defects


def find_blank_references(document: PolicyDocument, units: list[Unit]) -> list[Defect]:
    """E-mail, web or postal references that are announced but never given."""
    text = document.text
    defects = []
    for index, unit in enumerate(units):
        following = units[index + 1].text if index + 1 < len(units) else ""
        if LABEL_ONLY_RE.match(unit.body.strip()) and not CONTACT_VALUE_RE.search(following):
            defects.append(_defect(text, "blank-reference", unit.start, unit.end,
                                   "Contact label with nothing after it; add the contact detail "
                                   "or remove the label."))
        body = unit.text
        for match in ANNOUNCED_BLANK_RE.finditer(body):
            if not match["gap"].strip() and CONTACT_START_RE.match(following):
                continue  # the detail sits on the next line: "call us at" / "+44 20 7946 0000"
            end = match.start("gap") + len(match["gap"].rstrip())
            defects.append(_defect(text, "blank-reference", unit.start + match.start(), unit.start + end,
                                   "The contact detail this sentence announces is missing; add the "
                                   "address, URL or number after "
                                   f"\u201c{match['prep']}\u201d."))
        for match in RUN_ON_BLANK_RE.finditer(body):
            defects.append(_defect(text, "blank-reference", unit.start + match.start(),
                                   unit.start + match.end(),
                                   "A name, address or link is missing here and the next sentence "
                                   "runs straight on; add the missing reference."))
        for match in HERE_BLANK_RE.finditer(body):
            defects.append(_defect(text, "blank-reference", unit.start + match.start(),
                                   unit.start + match.end(),
                                   "The text points to a link (\u201chere\u201d) whose address "
                                   "was lost; "
                                   "write out the URL."))
        for match in BARE_PATH_RE.finditer(body):
            defects.append(_defect(text, "blank-reference", unit.start + match.start(),
                                   unit.start + match.end(),
                                   "Web address given as a bare path with no domain; write the full "
                                   "URL."))
    return defects


def _line_at(text: str, offset: int) -> str:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return text[start:end if end >= 0 else len(text)]


def _defect(text: str, kind: str, start: int, end: int, message: str) -> Defect:
    return Defect(kind, start, end, text[start:end], message)
