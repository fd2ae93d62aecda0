"""Cut the live (not removed) text into units: one line, or one numbered/lettered item in a line.

A unit knows its label ("2.1.1", "b", "iv", "A", a bullet) and where its body starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop_app.core.document import RemovedSpan

NUMBER = "number"
SECTION = "section"   # A. / B. / D   (lettered sections in upper case)
LETTER = "letter"     # a) (b) ((c)
ROMAN = "roman"       # i) (ii)
ITEM = "item"         # (1) 2) and 1. 2. 3. of a numbered list inside a numbered section
BULLET = "bullet"
PLAIN = "plain"

_NUMBER_LABEL = re.compile(r"(\d{1,2}(?:\.\d{1,2}){0,3})(\.?)(?:\s+|(?=[A-Z“\"‘']))(?=\S)")
_PAREN_LABEL = re.compile(r"\(?\(([a-z]|[ivxl]{1,5}|[A-Z])\)\s*(?=\S)")
_CLOSE_LABEL = re.compile(r"([a-z]|[ivxl]{1,5})\)\s*(?=\S)")
_PAREN_NUMBER = re.compile(r"\(?(\d{1,2})\)\s*(?=\S)")
_SECTION_LABEL = re.compile(r"([A-Z])(\.?)\s+(?=[A-Z“\"])")
_BULLET_LABEL = re.compile(r"(?:[•●▪◦‣∙·*\-–—](?:\s+|$))+|o\s+(?=\w)")
_ROMAN = re.compile(r"^(?:x{0,3})(?:ix|iv|v?i{0,3})$")

# Inline candidates inside a long line (a whole policy on one line).
_INLINE_NUMBER = re.compile(
    r"(?<![\w,/$£€-])(?<!\d\.)(\d{1,2}(?:\.\d{1,2}){0,3}\.?)(?=\s?[A-Z“\"])"
)
_INLINE_LETTER = re.compile(r"(?<![\w(])\(?([a-z]|[ivx]{2,4})\)(?=\s*\S)")
_ROMANS = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")
_INLINE_BULLET = re.compile(r"(?<=\s)[•●▪](?=\s)")
_LEAD_PUNCT = re.compile(r"(?:[.:;!?\"”)]|[;,:]\s*(?:and|or))\s*$")
_LETTER_LEAD = re.compile(r"(?:[.:;,!?\"”)]|\b(?:and|or))\s*$")
_CROSS_REFERENCE = re.compile(
    r"\b(?:section|clause|paragraph|article|part|item|schedule|annex)\s*$", re.IGNORECASE
)


@dataclass(frozen=True)
class Unit:
    """A line or item of live text; `body_start` is where the text after the label begins."""

    start: int
    end: int
    body_start: int
    kind: str
    label: str
    blank_before: bool


def number_tuple(label: str) -> tuple[int, ...]:
    return tuple(int(part) for part in label.strip(".").split(".") if part)


def plausible_next(previous: tuple[int, ...] | None, candidate: tuple[int, ...]) -> bool:
    """Whether `candidate` can follow `previous` (next sibling at any level, allowing one gap,
    or first child)."""
    if previous is None:
        return candidate[0] <= 2 and all(part <= 1 for part in candidate[1:])
    for depth in range(len(previous)):
        if (len(candidate) == depth + 1 and candidate[:depth] == previous[:depth]
                and previous[depth] < candidate[depth] <= previous[depth] + 2):
            return True
    return len(candidate) == len(previous) + 1 and candidate[:-1] == previous and candidate[-1] == 1


def _live_pieces(text: str, removed: list[RemovedSpan]) -> list[tuple[int, int, bool]]:
    """(start, end, blank_before) of each non-empty line part outside removed spans."""
    pieces: list[tuple[int, int, bool]] = []
    offset = 0
    blank = True
    for raw in text.split("\n"):
        line_start, line_end = offset, offset + len(raw)
        offset = line_end + 1
        cuts = [(line_start, line_end)]
        for span in removed:
            if span.end <= line_start or span.start >= line_end:
                continue
            next_cuts = []
            for start, end in cuts:
                if span.start > start:
                    next_cuts.append((start, min(end, span.start)))
                if span.end < end:
                    next_cuts.append((max(start, span.end), end))
            cuts = next_cuts
        found = False
        for start, end in cuts:
            piece = text[start:end]
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                pieces.append((start + lead, start + len(piece.rstrip()), blank))
                blank = False
                found = True
        if not found and not raw.strip():
            blank = True
    return pieces


class _Splitter:
    """Finds item boundaries inside lines while tracking the numbering seen so far."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.last_number: tuple[int, ...] | None = None
        self.last_letter: str | None = None
        self.last_section: str | None = None
        self.list_number: int | None = None

    def parse_label(self, start: int, end: int) -> tuple[str, str, int]:
        """(kind, label, body_start) for the unit text[start:end]."""
        text = self.text
        match = _NUMBER_LABEL.match(text, start, end)
        if match:
            candidate = number_tuple(match.group(1))
            if self._list_item(candidate):
                return ITEM, str(candidate[0]), match.end()
            dotted = match.group(2) or "." in match.group(1)
            if dotted or plausible_next(self.last_number, candidate):
                self.last_number = candidate
                self.last_letter = None
                self.list_number = None
                return NUMBER, match.group(1), match.end()
        match = _PAREN_NUMBER.match(text, start, end)
        if match:
            return ITEM, match.group(1), match.end()
        match = _PAREN_LABEL.match(text, start, end) or _CLOSE_LABEL.match(text, start, end)
        if match:
            label = match.group(1)
            if label.isupper():
                self.last_letter = None
                return SECTION, label, match.end()
            kind = self._letter_or_roman(label)
            if kind == LETTER:
                self.last_letter = label
            return kind, label, match.end()
        match = _SECTION_LABEL.match(text, start, end)
        if match:
            label = match.group(1)
            follows = self.last_section is not None and ord(label) == ord(self.last_section) + 1
            if follows or (match.group(2) and label == "A"):
                self.last_section = label
                self.last_letter = None
                return SECTION, label, match.end()
        match = _BULLET_LABEL.match(text, start, end)
        if match and match.end() < end:
            return BULLET, "•", match.end()
        return PLAIN, "", start

    def _list_item(self, candidate: tuple[int, ...]) -> bool:
        """A "1." that restarts inside numbered sections, and the items after it, form a list."""
        if len(candidate) != 1:
            return False
        if self.list_number is not None and candidate[0] == self.list_number + 1:
            self.list_number = candidate[0]
            return True
        restarts = self.last_number is not None and not plausible_next(self.last_number, candidate)
        if candidate == (1,) and restarts:
            self.list_number = 1
            return True
        return False

    def _letter_or_roman(self, label: str) -> str:
        if len(label) > 1:
            return ROMAN if _ROMAN.match(label) else LETTER
        if label in "ivxl":
            follows = self.last_letter is not None and ord(label) == ord(self.last_letter) + 1
            return LETTER if follows or (label == "i" and self.last_letter == "h") else ROMAN
        return LETTER

    def inline_cuts(self, start: int, end: int) -> list[int]:
        """Offsets inside text[start:end] where a new numbered, lettered or bulleted item begins."""
        text = self.text
        cuts: list[int] = []
        last_number = self.last_number
        letters = [m for m in _INLINE_LETTER.finditer(text, start, end) if m.start() > start]
        numbers = [m for m in _INLINE_NUMBER.finditer(text, start, end) if m.start() > start]
        events = sorted(
            [(m.start(), NUMBER, m) for m in numbers] + [(m.start(), LETTER, m) for m in letters],
            key=lambda event: event[0],
        )
        follows = {"a": self._second_follows(events, "b"), "i": self._second_follows(events, "ii")}
        last_list: dict[str, str] = {}      # LETTER / ROMAN -> last label cut in this line
        for index, (position, kind, match) in enumerate(events):
            before = text[max(start, position - 12):position]
            if kind == NUMBER:
                candidate = number_tuple(match.group(1))
                label = match.group(1)
                # A bare "3." needs sentence punctuation before it; "2.3.1" is distinctive enough.
                if len(candidate) == 1:
                    lead = bool(_LEAD_PUNCT.search(before))
                else:
                    lead = "." in label.rstrip(".")
                if (label.endswith(".") or len(candidate) > 1) and lead \
                        and not _CROSS_REFERENCE.search(before) \
                        and plausible_next(last_number, candidate):
                    cuts.append(position)
                    last_number = candidate
                    last_list = {}
                continue
            label = match.group(1)
            list_kind = _continues(last_list, label) if _LETTER_LEAD.search(before) else None
            if list_kind is None and label in follows and follows[label][index]:
                # An "a)" ("i)") needs a "b)" ("ii)") after it to count as a list.
                list_kind = LETTER if label == "a" else ROMAN
            if list_kind is not None:
                cuts.append(position)
                last_list[list_kind] = label
        # A bullet right after the line's own leading bullet ("- • text") is not a new item.
        first_word = re.search(r"[^\s\-–—•*]", text[start:end])
        content_from = start + first_word.start() if first_word else end
        cuts.extend(match.start() for match in _INLINE_BULLET.finditer(text, start, end)
                    if match.start() > content_from)
        return sorted(set(cuts))

    def _second_follows(self, events: list[tuple[int, str, re.Match[str]]], second: str
                        ) -> list[bool]:
        """For each event: does a `second` label ("b", "ii") come after it, after sentence
        punctuation, before the next numbered item?"""
        result = [False] * len(events)
        found = False
        for index in range(len(events) - 1, -1, -1):
            result[index] = found
            position, kind, match = events[index]
            lead = _LEAD_PUNCT.search(self.text[max(0, position - 12):position])
            if kind == NUMBER and lead and "." in match.group(1):
                found = False
            elif kind == LETTER and match.group(1) == second:
                found = bool(lead)
        return result


def _continues(last_list: dict[str, str], label: str) -> str | None:
    """LETTER or ROMAN when `label` is the next item of a list already running in the line."""
    letter = last_list.get(LETTER)
    if letter is not None and len(label) == 1 and ord(label) == ord(letter) + 1:
        return LETTER
    roman = last_list.get(ROMAN)
    if roman in _ROMANS[:-1] and label == _ROMANS[_ROMANS.index(roman) + 1]:
        return ROMAN
    return None


def split_units(text: str, removed: list[RemovedSpan]) -> list[Unit]:
    """Every live line, cut further at inline item labels, with each unit's label parsed."""
    splitter = _Splitter(text)
    units: list[Unit] = []
    for start, end, blank_before in _live_pieces(text, removed):
        bounds = [start, *splitter.inline_cuts(start, end), end]
        for index, (piece_start, piece_end) in enumerate(zip(bounds, bounds[1:])):
            piece = text[piece_start:piece_end]
            stripped_end = piece_start + len(piece.rstrip())
            if stripped_end <= piece_start:
                continue
            kind, label, body_start = splitter.parse_label(piece_start, stripped_end)
            units.append(Unit(piece_start, stripped_end, body_start, kind, label,
                              blank_before and index == 0))
    return units
