"""Keyboard slips: doubled letters and punctuation, stray quotes, glued sentences, misspellings."""

from __future__ import annotations

import re
from collections import Counter

from desktop_app.core.document import Defect, PolicyDocument
from desktop_app.core.lint.units import Unit

MISSPELLINGS = {
    "publically": "publicly", "recieve": "receive", "recieved": "received", "occured": "occurred",
    "occurence": "occurrence", "seperate": "separate", "seperately": "separately", "thier": "their",
    "untill": "until", "accomodate": "accommodate", "priviledge": "privilege", "adress": "address",
    "adresses": "addresses", "goverment": "government", "enviroment": "environment",
    "neccessary": "necessary", "necesary": "necessary", "definately": "definitely",
    "transfered": "transferred", "refered": "referred", "aquire": "acquire", "beleive": "believe",
    "commited": "committed", "independant": "independent", "noticable": "noticeable",
    "reccomend": "recommend", "relevent": "relevant", "succesful": "successful",
    "accross": "across", "acess": "access", "buisness": "business", "completly": "completely",
    "foward": "forward", "futher": "further", "immediatly": "immediately", "knowlege": "knowledge",
    "maintainance": "maintenance", "ocurred": "occurred", "posession": "possession",
    "prefered": "preferred", "similiar": "similar", "wich": "which", "teh": "the",
    "persue": "pursue", "garantee": "guarantee", "responsability": "responsibility",
    "confidentialty": "confidentiality", "privelege": "privilege", "priviledges": "privileges",
    "proccess": "process", "proccessing": "processing", "processsing": "processing",
    "informations": "information", "personnal": "personal", "fullfil": "fulfil",
    "comunication": "communication", "comunications": "communications", "securty": "security",
    "disclousre": "disclosure", "retension": "retention", "consnet": "consent",
    "acknowlege": "acknowledge", "applicaton": "application", "availible": "available",
}
WORD_RE = re.compile(r"[A-Za-z][A-Za-z’'-]*[A-Za-z]|[A-Za-z]")
DOUBLED_CAPITAL_RE = re.compile(r"\b([A-Z])\1[a-z]+\b")
DOUBLED_PUNCT_RE = re.compile(r"(?<![.])(?P<first>[.;:,])[ \t]?[.;:,](?![.])")
ABBREVIATION_RE = re.compile(
    r"(?i:\b(?:etc|e\.g|i\.e|approx|incl|excl|dept|ave|blvd|rd|st|ste|fl|tel|ext|vol|art|sec|para|no"
    r"|jr|sr|s\.a|p\.o|u\.s|u\.k))$"
    # "Inc.,", "Ltd.;", "B.V.," and other short capitalised abbreviations or initials.
    r"|\b[A-Z][a-z]{0,3}$|(?:^|[\s.(])[A-Za-z]$"
)
WORD_BEFORE_RE = re.compile(r"[\w)\]”\"’.]{0,30}$")
DOUBLE_PAREN_RE = re.compile(r"\(\((?=[a-z0-9]{1,4}\))")
REPEATED_WORD_RE = re.compile(
    r"\b(the|a|an|to|of|and|or|in|on|for|with|by|we|you|our|your|is|are|be|may|will|this|it|as"
    r"|at|from|any|not)\s+\1\b", re.IGNORECASE)
# "advertisements.Each time", "to Sony.b) agents": a sentence glued to the next one.
MISSING_SPACE_RE = re.compile(r"\b[A-Za-z]*[a-z]{2}\.(?=[A-Z][a-z]{2,}\b|[a-z]\)\s|\d{1,2}\.\d)")
# An enumeration label closed by its own parenthesis: "a)", "iv)", "2)".
ENUMERATION_RE = re.compile(r"(?:^|(?<=[\s(.;,]))(?:[a-zA-Z]|[ivx]{1,4}|\d{1,2})\)$")
_LABEL_WINDOW = 6
_QUOTE_BEFORE = 25
_SPACE_WINDOW = 60
MIN_NAME_LENGTH = 5
MIN_NAME_COUNT = 3


def find_typos(document: PolicyDocument, units: list[Unit]) -> list[Defect]:
    """Keyboard slips that a spell-checker or a careful read would catch."""
    text = document.text
    defects = [*_misspellings(text), *_doubled_letters(text), *_punctuation(text)]
    for unit in units:
        defects.extend(_quotes(text, unit))
        defects.extend(_parentheses(text, unit))
    return defects


def _typo(text: str, start: int, end: int, message: str) -> Defect:
    return Defect("typo", start, end, text[start:end], message)


def _misspellings(text: str) -> list[Defect]:
    """One defect per misspelt word, at its first use; the message counts the others."""
    uses: dict[str, list[re.Match[str]]] = {}
    for match in WORD_RE.finditer(text):
        if match.group().lower() in MISSPELLINGS:
            uses.setdefault(match.group().lower(), []).append(match)
    defects = []
    for word, matches in uses.items():
        first = matches[0]
        again = f" (it recurs {len(matches) - 1} more time{'s' if len(matches) > 2 else ''})" \
            if len(matches) > 1 else ""
        defects.append(_typo(text, first.start(), first.end(),
                             f"\u201c{first.group()}\u201d is misspelt{again}; write "
                             f"\u201c{MISSPELLINGS[word]}\u201d."))
    return defects


def _doubled_letters(text: str) -> list[Defect]:
    defects = []
    for match in DOUBLED_CAPITAL_RE.finditer(text):
        defects.append(_typo(text, match.start(), match.end(),
                             f"\u201c{match.group()}\u201d starts with a doubled capital; delete one."))
    counts = Counter(match.group() for match in WORD_RE.finditer(text))
    for match in WORD_RE.finditer(text):
        word = match.group()
        if len(word) < MIN_NAME_LENGTH or not word[0].isupper() or counts[word] > 2:
            continue
        for index in range(1, len(word) - 1):
            # Doubled "l" is a spelling variant ("Cancelled", "Fulfill"), not a slip.
            if word[index] == word[index + 1] and word[index].islower() and word[index] != "l":
                single = word[:index] + word[index + 1:]
                if counts[single] >= MIN_NAME_COUNT:
                    defects.append(_typo(text, match.start(), match.end(),
                                         f"\u201c{word}\u201d looks like a slip for "
                                         f"\u201c{single}\u201d, "
                                         "which the policy uses elsewhere; correct it."))
                    break
    return defects


def _punctuation(text: str) -> list[Defect]:
    defects = []
    for match in DOUBLED_PUNCT_RE.finditer(text):
        before = text[max(0, match.start() - 30):match.start()]
        if match["first"] == "." and ABBREVIATION_RE.search(before):
            continue
        word_before = WORD_BEFORE_RE.search(before)
        assert word_before is not None  # it may match nothing, so it always matches
        start = match.start() - len(word_before.group())
        defects.append(_typo(text, start, match.end(), "Doubled punctuation; keep one mark."))
    for match in MISSING_SPACE_RE.finditer(text):
        following = re.match(r"[^\s]+", text[match.end():match.end() + 30])
        end = match.end() + (following.end() if following else 1)
        defects.append(_typo(text, match.start(), end, "No space after the full stop; add one."))
    for match in DOUBLE_PAREN_RE.finditer(text):
        end = text.index(")", match.end()) + 1
        defects.append(_typo(text, match.start(), end, "Doubled opening parenthesis; delete one."))
    for match in REPEATED_WORD_RE.finditer(text):
        defects.append(_typo(text, match.start(), match.end(),
                             f"\u201c{match[1]}\u201d is repeated; delete one."))
    return defects


def _parentheses(text: str, unit: Unit) -> list[Defect]:
    """A closing parenthesis with no opening one, or an opening one never closed."""
    defects = []
    opened: list[int] = []
    body, body_start = unit.body, unit.body_start
    for match in re.finditer(r"[()]", body):
        if match.group() == "(":
            opened.append(match.start())
        elif opened:
            opened.pop()
        # A label is at most five characters: look no further back than that.
        elif not ENUMERATION_RE.search(body, max(0, match.end() - _LABEL_WINDOW), match.end()):
            position = body_start + match.start()
            start = _word_start_before(text, body_start, position)
            defects.append(_typo(text, start, position + 1,
                                 "Closing parenthesis without an opening one; delete it or add the "
                                 "opening one."))
    for offset in opened:
        start = body_start + offset
        defects.append(_typo(text, start, min(unit.end, start + 40),
                             "Opening parenthesis that is never closed; add the closing one."))
    return defects


def _quotes(text: str, unit: Unit) -> list[Defect]:
    """Curly double quotes that close without opening or open without closing."""
    defects = []
    open_at: int | None = None
    for offset, char in enumerate(unit.text):
        position = unit.start + offset
        if char == "“":
            if open_at is not None:
                defects.append(_unclosed(text, open_at, position))
            open_at = position
        elif char == "”":
            if open_at is None:
                start = _word_start_before(text, unit.start, position)
                defects.append(_typo(text, start, position + 1,
                                     "Closing quotation mark without an opening one; delete it or "
                                     "add the opening mark."))
            open_at = None
    if open_at is not None:
        defects.append(_unclosed(text, open_at, unit.end))
    return defects


def _word_start_before(text: str, floor: int, position: int) -> int:
    """Where to start quoting a mark at `position`: a space some 25 characters before it,
    looked for in a bounded window so that a unit full of marks stays linear."""
    limit = max(floor, position - _QUOTE_BEFORE)
    lowest = max(floor, limit - _SPACE_WINDOW)
    found = text.rfind(" ", lowest, limit)
    return found if found >= 0 else lowest


def _unclosed(text: str, start: int, limit: int) -> Defect:
    end = min(limit, start + 60)
    stop = re.search(r"[.;:)]", text[start:end])
    if stop:
        end = start + stop.start()
    return _typo(text, start, end,
                 "Opening quotation mark that is never closed; add the closing mark.")
