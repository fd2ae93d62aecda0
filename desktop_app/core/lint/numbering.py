"""Lists and sections whose numbering starts late or skips, and list letters missing their stop."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktop_app.core.document import Defect, PolicyDocument
from desktop_app.core.lint.units import Marker, Unit, sentences

ROMAN_RE = re.compile(r"^(?=[ivxlc])(c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
ROMAN_DIGITS = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
# "D California Consumer Rights": a heading letter whose full stop was lost.
BARE_LETTER_RE = re.compile(r"([B-HJ-Z]) (?=[A-Z][a-z])")


@dataclass
class _State:
    """The last value seen per list style (and per parent for "2.1.3" numbers)."""

    last: dict[str, int] = field(default_factory=dict)
    children: dict[tuple[int, ...], int] = field(default_factory=dict)


def find_numbering_gaps(document: PolicyDocument, units: list[Unit]) -> list[Defect]:
    """Lists that start at (b) or skip an item, and section numbers that skip."""
    state = _State()
    defects: list[Defect] = []
    for unit in units:
        marker = unit.marker or _bare_letter(unit, state)
        if marker is None or marker.style.startswith("bullet"):
            continue
        end = next((right for _, right in sentences(unit) if right > unit.body_start), unit.end)
        if unit.marker is None:
            defects.append(Defect("typo", marker.start, end, document.text[marker.start:end],
                                  f"The list letter {marker.label} has lost its full stop; write "
                                  f"\u201c{marker.label}.\u201d."))
        if marker.style == "n.n":
            problem = _check_multi(marker.label, state)
        elif marker.style == "n.":
            # Section headings and numbered list items inside sections count separately.
            problem = _check_top(int(marker.label), state, "top" if unit.is_heading else "items")
        else:
            problem = _check_sequence(marker, state)
        if problem:
            defects.append(Defect("numbering-gap", marker.start, end, document.text[marker.start:end],
                                  problem))
    return defects


def _bare_letter(unit: Unit, state: _State) -> Marker | None:
    match = BARE_LETTER_RE.match(unit.text)
    if match is None or state.last.get("A.:letter") != _letter_value(match[1]) - 1:
        return None
    return Marker("A.", match[1], unit.start, unit.start + match.end())


def _letter_value(label: str) -> int:
    return ord(label.lower()) - ord("a") + 1


def _roman_value(label: str) -> int:
    total = 0
    for char, following in zip(label, label[1:] + " "):
        value = ROMAN_DIGITS[char]
        total += -value if ROMAN_DIGITS.get(following, 0) > value else value
    return total


def _interpret(marker: Marker, state: _State) -> tuple[str, int, str]:
    """(track, value, shown label) for a marker; single letters may be roman numerals."""
    label = marker.label
    if label.isdigit():
        return marker.style + ":num", int(label), label
    lowered = label.lower()
    is_roman = bool(ROMAN_RE.match(lowered))
    letter_track, roman_track = marker.style + ":letter", marker.style + ":roman"
    if len(label) == 1:
        letter = _letter_value(label)
        if not is_roman or state.last.get(letter_track) == letter - 1:
            return letter_track, letter, label
        roman = _roman_value(lowered)
        if roman == 1 or state.last.get(roman_track) == roman - 1:
            return roman_track, roman, label
        return letter_track, letter, label
    if is_roman:
        return roman_track, _roman_value(lowered), label
    return marker.style + ":other", 0, label


def _check_sequence(marker: Marker, state: _State) -> str:
    track, value, label = _interpret(marker, state)
    if value == 0:
        return ""
    previous = state.last.get(track)
    state.last[track] = value
    if value == 1 or previous == value - 1:
        return ""
    shown = _show(marker, label)
    if previous is not None and value > previous + 1:
        missing = value - previous - 1
        return (f"The numbering skips {missing} item{'s' if missing > 1 else ''} before {shown}; "
                "restore the missing item or renumber.")
    if track.endswith(":num") and previous is not None:
        return ""
    return f"The list starts at {shown}; restore the missing first item or renumber."


def _check_multi(label: str, state: _State) -> str:
    parts = tuple(int(part) for part in label.split("."))
    problem = _check_top(parts[0], state)
    parent, value = parts[:-1], parts[-1]
    previous = state.children.get(parent)
    state.children[parent] = value
    # A missing first sub-section ("4.2" with no "4.1") is left alone: extraction often
    # glues "4.1" to the heading before it.
    if problem or previous is None:
        return problem
    if value > previous + 1:
        sibling = ".".join(map(str, (*parent, previous)))
        return f"Section numbering jumps from {sibling} to {label}; renumber."
    return ""


def _check_top(value: int, state: _State, track: str = "top") -> str:
    previous = state.last.get(track)
    state.last[track] = value
    if previous is not None and value > previous + 1:
        return f"Section numbering jumps from {previous} to {value}; renumber or restore the section."
    return ""


def _show(marker: Marker, label: str) -> str:
    if marker.style.startswith("(x)"):
        return f"({label})"
    if marker.style.startswith("x)"):
        return f"{label})"
    return f"{label}."


# "see section 11 Contact Us below": a numbered cross-reference followed by the section's title.
CROSS_REFERENCE_RE = re.compile(r"\b[Ss]ection (\d{1,2})\s+[“\"]?((?:[A-Z][\w’'&-]*\s?){1,5})")
MAX_TITLE_WORDS = 10


def find_wrong_cross_references(document: PolicyDocument, units: list[Unit]) -> list[Defect]:
    """References to a numbered section by title where the title belongs to another number."""
    titles: dict[str, str] = {}
    for unit in units:
        if unit.marker is not None and unit.marker.style == "n." \
                and 0 < len(unit.body.split()) <= MAX_TITLE_WORDS:
            titles[" ".join(unit.body.lower().split())] = unit.marker.label
    defects = []
    for unit in units:
        for match in CROSS_REFERENCE_RE.finditer(unit.text):
            named = " ".join(match[2].lower().split())
            numbers = {number for title, number in titles.items() if title.startswith(named)}
            if len(numbers) == 1 and match[1] not in numbers:
                start = unit.start + match.start()
                end = unit.start + match.start(2) + len(match[2].rstrip())
                defects.append(Defect(
                    "numbering-gap", start, end, document.text[start:end],
                    f"This cross-reference gives section {match[1]}, but \u201c{match[2].strip()}\u201d "
                    f"is section {numbers.pop()}; correct the number."))
    return defects
