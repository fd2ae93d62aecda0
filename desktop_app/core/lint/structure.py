"""Sentences and lists that stop short, and text repeated by a copy-paste slip."""

from __future__ import annotations

import re

from desktop_app.core.document import Defect, PolicyDocument
from desktop_app.core.lint.units import TERMINAL, Unit, sentences

# A unit ending in one of these words stops mid-clause.
DANGLING_WORDS = frozenset(
    "the a an and or of to for with by from in on at as that which whose our your their its "
    "such including include includes e.g. i.e. will may can than into about via per "
    "whether if when where".split()
)
# Headings may end on a preposition ("Who we share data with"), never on these.
HEADING_DANGLING_WORDS = frozenset(
    "the a an and or including such our your their its than e.g. i.e.".split()
)
LEAD_IN_RE = re.compile(r"(?i)\b(?:following|as follows|below|include|includes|including|such as)\b")
FIRST_LABELS = frozenset({"a", "A", "i", "1"})
SEPARATOR_MARKS = frozenset("-–—*·")
MIN_WORDS_COMMA = 6
MIN_WORDS_DANGLING = 4
MIN_WORDS_LAST = 8
# Words that show a line is a sentence rather than a name, title or address.
PROSE_WORDS = frozenset("the you we may to of and or will can your our is are".split())
MIN_WORDS_DUPLICATE = 3
MIN_WORDS_DUPLICATE_SENTENCE = 5


def fold(text: str) -> str:
    """Compare text after folding case, curly quotes and white space."""
    text = text.lower().translate(str.maketrans("“”‘’", "\"\"''"))
    return " ".join(text.split())


def find_truncations(document: PolicyDocument, units: list[Unit]) -> list[Defect]:
    """Items ending on a comma or a dangling word, and lists that have no lead-in."""
    defects = []
    for index, unit in enumerate(units):
        following = units[index + 1] if index + 1 < len(units) else None
        words = unit.body.split()
        stripped = unit.text.rstrip()
        if stripped.endswith(",") and len(words) >= MIN_WORDS_COMMA and not _comma_list(units, index):
            defects.append(_last_sentence(document, unit,
                                          "The sentence ends on a comma, so part of it is missing; "
                                          "complete it or end it with a full stop."))
        elif (len(words) >= MIN_WORDS_DANGLING and not unit.ends_with(TERMINAL)
              and words[-1].lower() in (HEADING_DANGLING_WORDS if unit.is_heading else DANGLING_WORDS)
              and not _list_joiner(words) and _starts_afresh(following)):
            defects.append(_last_sentence(document, unit,
                                          f"The text stops after \u201c{words[-1]}\u201d, mid-clause; "
                                          "complete the sentence."))
        elif following is None and _unfinished_ending(document, unit):
            defects.append(_last_sentence(document, unit,
                                          "The policy's last sentence stops without a full stop, so "
                                          "its end may be missing; complete it."))
        if _is_empty_item(unit):
            defects.append(Defect("truncated", unit.start, unit.end, unit.text,
                                  "Empty list item; fill it in or delete it."))
        elif _lacks_lead_in(units, index):
            defects.append(Defect("truncated", unit.start, unit.end, unit.text,
                                  "This list has no lead-in sentence, so its items do not read as "
                                  "sentences; add the sentence that introduces them."))
    return defects


def _comma_list(units: list[Unit], index: int) -> bool:
    """Items of one list that all end on a comma: the commas separate the items."""
    unit = units[index]
    if unit.marker is None:
        return False
    neighbours = [units[i] for i in (index - 1, index + 1) if 0 <= i < len(units)]
    return any(other.marker is not None and other.marker.style == unit.marker.style
               and other.text.rstrip().endswith(",") for other in neighbours)


def _list_joiner(words: list[str]) -> bool:
    """A list item ending "...; and" or "..., or" leads into the next item."""
    return words[-1].lower() in ("and", "or") and words[-2][-1:] in ",;"


def _starts_afresh(unit: Unit | None) -> bool:
    if unit is None:
        return True
    first = unit.text.lstrip()[:1]
    return unit.marker is not None or first.isupper() or first.isdigit()


def _unfinished_ending(document: PolicyDocument, unit: Unit) -> bool:
    """The policy's last sentence has no full stop and reads as prose, not as an address."""
    if unit.is_heading or unit.ends_with(TERMINAL + ")"):
        return False
    start, end = sentences(unit)[-1]
    words = document.text[start:end].split()
    return (len(words) >= MIN_WORDS_LAST and not any(char.isdigit() or char == "@" for char in
                                                     document.text[start:end])
            and any(word in PROSE_WORDS for word in words))


def _is_empty_item(unit: Unit) -> bool:
    """A list marker with no text; dashes alone are section separators, not items."""
    return (unit.marker is not None and not unit.body.strip()
            and unit.marker.label not in SEPARATOR_MARKS)


def _lacks_lead_in(units: list[Unit], index: int) -> bool:
    unit = units[index]
    if unit.marker is None or not unit.body[:1].islower():
        return False
    previous = next((units[i] for i in range(index - 1, -1, -1) if units[i].has_letters), None)
    if previous is None or not previous.ends_with(".!?"):
        return False
    start, end = sentences(previous)[-1]
    if LEAD_IN_RE.search(previous.text[start - previous.start:end - previous.start]):
        return False  # "We collect the following data." introduces a list, just with a full stop
    if unit.marker.style.startswith("bullet"):
        return previous.marker is None or previous.marker.style != unit.marker.style
    return unit.marker.label in FIRST_LABELS


def _last_sentence(document: PolicyDocument, unit: Unit, message: str) -> Defect:
    start, end = sentences(unit)[-1]
    start = max(start, unit.body_start)
    return Defect("truncated", start, end, document.text[start:end], message)


def find_duplicates(document: PolicyDocument, units: list[Unit]) -> list[Defect]:
    """Paragraphs, headings, list items or sentences repeated right after themselves."""
    defects = []
    previous: Unit | None = None
    for unit in units:
        if not unit.has_letters:
            continue
        body = fold(unit.body)
        if (previous is not None and len(body.split()) >= MIN_WORDS_DUPLICATE
                and body == fold(previous.body)):
            defects.append(Defect("duplicate", unit.start, unit.end, unit.text,
                                  "This text repeats the one just before it; delete the copy or "
                                  "put the missing text in its place."))
        else:
            defects.extend(_repeated_sentences(document, unit))
        previous = unit
    return defects


def _repeated_sentences(document: PolicyDocument, unit: Unit) -> list[Defect]:
    defects = []
    spans = sentences(unit)
    for (left_start, left_end), (start, end) in zip(spans, spans[1:]):
        current = fold(document.text[start:end])
        if (len(current.split()) >= MIN_WORDS_DUPLICATE_SENTENCE
                and current == fold(document.text[left_start:left_end])):
            defects.append(Defect("duplicate", start, end, document.text[start:end],
                                  "This sentence repeats the one just before it; delete the copy."))
    return defects

