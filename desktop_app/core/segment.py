"""Split cleaned policy text into clauses with refs a reader can find, and their nearest heading.

One clause is one paragraph or one list item. A clause with its own number or letter keeps the
policy's numbering ("2.1.1", "2.1.1(b)", "1.A", "7(d)"); any other clause is counted from the
last heading or numbered clause above it ("3.1.1 › paragraph 2", "Marketing › paragraph 4",
"Preamble › paragraph 1" before the first heading). Every block counts as a paragraph, list items
and question lines included, so a reader finds paragraph n by counting down from the heading.
Headings are not clauses, except numbered lead-ins ending in ':' and question headings, which
are policy text in their own right.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from desktop_app.core.document import TABLE_CELLS, Clause, RemovedSpan
from desktop_app.core.reflow import CONNECTIVES
from desktop_app.core.segment_units import (
    BULLET,
    ITEM,
    LETTER,
    NUMBER,
    PLAIN,
    ROMAN,
    SECTION,
    Unit,
    number_tuple,
    split_units,
)

PREAMBLE = "Preamble"
SEPARATOR = " › "
MAX_CLAUSE_CHARS = 1500
_TARGET_PIECE_CHARS = 800
_SUMMARY_MARKER = re.compile(
    r"^(?:in short|in brief|summary|at a glance|key points|tl;?dr)$", re.IGNORECASE
)
_SEPARATOR = re.compile(r"^[-–—_*=~•.]+$")
_BODY_STARTERS = frozenset(
    "We Our You Your If When Whenever Where This These It Please Some Any Under Subject Last "
    "Effective Updated".split()
)
_TITLE_WORDS = re.compile(r"\b(?:privacy|policy|notice|statement)\b", re.IGNORECASE)
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[A-Z“\"(])")
_LONG_DIGITS = re.compile(r"\d{3,}")
_PATH_WORDS = 6
# The policy's own numbering: "3", "3.1.2", "1.A", "2.1(a)(ii)", "7.2 (2nd)".
_NUMBERED_REF = re.compile(
    r"^(?:\d{1,2}|[A-Z])(?:\.(?:\d{1,2}|[A-Z]))*(?:\([^()]+\))*(?: \(\d+(?:st|nd|rd|th)\))?$")


@dataclass(frozen=True)
class _Heading:
    level: float
    kind: str
    label: str
    title: str


def _words(text: str) -> list[str]:
    return text.split()


def _title_case(text: str) -> bool:
    words = [w for w in _words(text) if w[:1].isalpha() and w.lower() not in CONNECTIVES]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _heading_like(body: str, kind: str) -> bool:
    """Whether a unit's body reads as a heading rather than as clause text."""
    if not body or len(body) > 160 or kind in (LETTER, ROMAN, BULLET, ITEM):
        return False
    if TABLE_CELLS in body:
        return False  # a table row ("Erasure | Write to us"), however short
    words = _words(body)
    first = body.lstrip("“\"‘'(")[:1]
    if not (first.isupper() or first.isdigit()):
        return False
    last = body[-1]
    if last == "?":
        return len(words) <= 25
    if last in ".;,!":
        return False
    if last == ":":
        if kind == PLAIN:
            return len(words) <= 8 and _title_case(body)
        # "Information we collect from you:" heads a list; "Generally, we ...:" is a sentence.
        return (len(words) <= 14 and words[0].strip("“\"‘'(") not in _BODY_STARTERS
                and not re.search(r"[.;!?]\s|,", body))
    if kind == PLAIN:
        outside = re.sub(r"\([^)]*\)", "", body)
        if any(mark in outside for mark in (";", "@", ": ", ". ", "! ")):
            return False
        if _LONG_DIGITS.search(outside):
            return False
        return len(words) <= 14
    return len(words) <= 14


def _bullet_heading(body: str, following: Unit | None) -> bool:
    """A short bullet before a plain paragraph is a sub-heading ("• Our service providers")."""
    return (following is not None and following.kind == PLAIN and len(_words(body)) <= 6
            and body[:1].isupper() and body[-1] not in ".;,:!?")


def _split_heading(text: str, start: int, end: int, kind: str) -> int | None:
    """Offset where the body starts when a heading runs into it ("2. Collection We may ...")."""
    body = text[start:end]
    if kind == PLAIN and not _TITLE_WORDS.search(body[:80]):
        return None
    position = 0
    for index, word in enumerate(_words(body)[:11]):
        position = body.index(word, position)
        if index >= 1 and word in _BODY_STARTERS:
            previous = body[:position].split()[-1].lower()
            rest = body[position:]
            sentence = len(_words(rest)) > 8 or re.search(r"[.;:!?]", rest)
            if previous not in CONNECTIVES and sentence:
                return start + position
        if word[-1] in ".;:!?":
            return None
        position += len(word)
    return None


def _shorten(title: str) -> str:
    words = _words(title.rstrip(":?."))
    return " ".join(words[:_PATH_WORDS]) + (" …" if len(words) > _PATH_WORDS else "")


def ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split an overlong clause at sentence ends into pieces of a readable size."""
    if end - start <= MAX_CLAUSE_CHARS:
        return [(start, end)]
    pieces = []
    piece_start = start
    for match in _SENTENCE_BREAK.finditer(text, start, end):
        if match.start() - piece_start >= _TARGET_PIECE_CHARS:
            pieces.append((piece_start, match.start()))
            piece_start = match.end()
    pieces.append((piece_start, end))
    return [part for piece in pieces for part in _cut_at_spaces(text, *piece)]


def _cut_at_spaces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Last resort for a run with no sentence ends: cut at white space near the size limit."""
    parts = []
    while end - start > MAX_CLAUSE_CHARS:
        cut = text.rfind(" ", start + _TARGET_PIECE_CHARS, start + MAX_CLAUSE_CHARS)
        if cut <= start:
            cut = start + MAX_CLAUSE_CHARS
        piece_end = len(text[start:cut].rstrip()) + start
        if piece_end > start:
            parts.append((start, piece_end))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        parts.append((start, end))
    return parts


class _Builder:
    """Walks the units in order, keeping the heading stack and the anchor refs count from."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.stack: list[_Heading] = []
        self.clauses: list[Clause] = []
        self.used: set[str] = set()
        self.list_base: dict[str, str] = {}    # list kind -> ref its items hang from
        self.last_lead: str | None = None       # ref of the previous clause when it ends with ':'
        self.after_separator = True
        self.title_seen = False
        # Unnumbered headings above the first top-level number: a numbered list in a section.
        self.numbering_root: list[_Heading] | None = None
        # Paragraphs are counted from the last heading or numbered clause (the anchor).
        self.anchor = PREAMBLE
        self.anchor_numbered = False
        self.anchor_count = 0
        self.anchors_seen: dict[str, int] = {PREAMBLE: 1}

    def push(self, heading: _Heading) -> None:
        if heading.kind == NUMBER and heading.level <= 1:
            # Top-level numbers start a new part, unless this is the first numbering met: then it
            # is a numbered list under the current unnumbered heading.
            if self.numbering_root is None:
                self.numbering_root = [e for e in self.stack if e.kind == PLAIN]
            self.stack = list(self.numbering_root)
        self.stack = [entry for entry in self.stack if entry.level < heading.level]
        self.stack.append(heading)
        self.list_base = {}
        self.last_lead = None

    def set_anchor(self, name: str, numbered: bool) -> None:
        """Count paragraphs from here on; a name met before gets its occurrence ("Contact (2nd)")."""
        seen = self.anchors_seen.get(name, 0) + 1
        self.anchors_seen[name] = seen
        self.anchor = name if seen == 1 else f"{name} ({ordinal(seen)})"
        self.anchor_numbered = numbered
        self.anchor_count = 0

    def _number_level(self, kinds: tuple[str, ...] = (NUMBER,)) -> float:
        levels = [entry.level for entry in self.stack if entry.kind in kinds]
        return max(levels, default=0.0)

    def plain_heading(self, title: str, top: bool, anchor: bool = True) -> None:
        if top:
            self.stack = []
            self.numbering_root = None
            self.push(_Heading(0.0, PLAIN, "", title))
        else:
            self.push(_Heading(self._number_level((NUMBER, SECTION)) + 0.25, PLAIN, "", title))
        if anchor:
            self.set_anchor(_shorten(title), numbered=False)

    def number(self) -> str:
        """The numbered path the stack gives ("3.1", "1.A"), or ""."""
        ref = ""
        for entry in self.stack:
            if entry.kind == NUMBER:
                ref = entry.label
            elif entry.kind == SECTION:
                ref = f"{ref}.{entry.label}" if ref else entry.label
        return ref

    def paragraph_ref(self) -> str:
        return f"{self.anchor}{SEPARATOR}paragraph {self.anchor_count + 1}"

    def heading(self) -> str:
        for entry in reversed(self.stack):
            if entry.title:
                return entry.title.rstrip(":").strip()
        return ""

    def add(self, ref: str, start: int, end: int, heading: str | None = None) -> None:
        heading = self.heading() if heading is None else heading
        self.anchor_count += 1
        for index, (piece_start, piece_end) in enumerate(_pieces(self.text, start, end)):
            unique = ref if index == 0 else f"{ref}, part {index + 1}"
            copy = 2
            while unique in self.used:
                unique = f"{ref} ({ordinal(copy)})" if index == 0 else \
                    f"{ref} ({ordinal(copy)}), part {index + 1}"
                copy += 1
            self.used.add(unique)
            if index == 0:
                lead = self.text[piece_start:piece_end].rstrip("-– ")
                self.last_lead = unique if lead.endswith(":") else None
            self.clauses.append(
                Clause(unique, heading, piece_start, piece_end, self.text[piece_start:piece_end])
            )

    def unit(self, unit: Unit, following: Unit | None) -> None:
        text = self.text
        body = text[unit.body_start:unit.end]
        if unit.kind == PLAIN and _SUMMARY_MARKER.match(body):
            return
        if unit.kind == PLAIN and _SEPARATOR.match(body):
            self.after_separator = True
            return
        if unit.kind == ITEM and _heading_like(body, NUMBER):
            unit = replace(unit, kind=NUMBER)     # "1) Collection" numbers a section
        if unit.kind == BULLET and _bullet_heading(body, following):
            self.plain_heading(body, top=False)
            return
        split_at = None
        if unit.kind in (NUMBER, SECTION, PLAIN):
            split_at = _split_heading(text, unit.body_start, unit.end, unit.kind)
        if split_at is not None:
            self._heading(unit, text[unit.body_start:split_at].strip(), following)
            self._clause(unit, split_at, numbered_body=unit.kind != PLAIN)
            return
        if _heading_like(body, unit.kind):
            is_title = not self.clauses and not self.title_seen
            question = body.endswith("?") and unit.kind == PLAIN and not is_title
            if question:
                # A question heading is a line of the text under the heading above it, and
                # the text after it is counted from it, unless a number is there to count from.
                ref = self.paragraph_ref()
            anchors = not (question and self.anchor_numbered)
            self._heading(unit, body, following, anchors)
            # A numbered lead-in ("2.1 Information we collect from you:") and a question
            # heading (a layered notice's plain-language summary) are policy text as well:
            # clauses under the parent heading.
            parent = next((e.title for e in reversed(self.stack[:-1]) if e.title), "")
            parent = parent.rstrip(":").strip()
            if body.endswith(":") and unit.kind == NUMBER:
                self.add(unit.label.rstrip("."), unit.start, unit.end, parent)
            elif question:
                self.add(ref, unit.start, unit.end, parent)
                if anchors:
                    self.anchor_count = 0     # its answer is paragraph 1 under it
            return
        self._clause(unit, unit.body_start)

    def _heading(self, unit: Unit, title: str, following: Unit | None,
                 anchor: bool = True) -> None:
        if unit.kind == NUMBER:
            label = unit.label.rstrip(".")
            self.push(_Heading(float(len(number_tuple(label))), NUMBER, label, title))
            self.set_anchor(self.number(), numbered=True)
        elif unit.kind == SECTION:
            self.push(_Heading(self._number_level() + 0.5, SECTION, unit.label, title))
            self.set_anchor(self.number(), numbered=True)
        elif not self.clauses and not self.title_seen:
            self.title_seen = True       # the document title: not part of any heading path
        else:
            top = self.after_separator or title.isupper() or (
                unit.blank_before and following is not None and following.blank_before
            )
            self.plain_heading(title, top, anchor)
        self.after_separator = False

    def _clause(self, unit: Unit, body_start: int, numbered_body: bool = False) -> None:
        self.after_separator = False
        end = unit.end
        if body_start >= end:
            return
        if numbered_body or unit.kind in (PLAIN, BULLET):
            ref = self.paragraph_ref()
        elif unit.kind == NUMBER:
            label = unit.label.rstrip(".")
            self.push(_Heading(float(len(number_tuple(label))), NUMBER, label, ""))
            self.set_anchor(label, numbered=True)
            ref = label
        elif unit.kind == SECTION:
            self.push(_Heading(self._number_level() + 0.5, SECTION, unit.label, ""))
            ref = self.number()
            self.set_anchor(ref, numbered=True)
        elif unit.kind in (LETTER, ROMAN, ITEM):
            ref = _item_ref(self._list_parent(unit), unit.label)
        # The clause keeps its own label ("(b) ...", "2.1.1 ...") as written; bullet glyphs go.
        keeps_label = not numbered_body and unit.kind not in (PLAIN, BULLET)
        self.add(ref, unit.start if keeps_label else body_start, end)

    def _list_parent(self, unit: Unit) -> str:
        """The ref a list item hangs from: the lead-in just before the list, or the anchor.

        Under a numbered anchor the policy's own numbering wins ("3.1.1(a)" rather than
        "3.1.1 › paragraph 1 (a)") while that label is still free.
        """
        starts = unit.label in {LETTER: ("a", "A"), ROMAN: ("i",), ITEM: ("1",)}[unit.kind]
        if starts or unit.kind not in self.list_base:
            parent = self.last_lead or (self.list_base.get(LETTER) if unit.kind == ROMAN else None)
            numbered_lead = parent is not None and SEPARATOR not in parent
            if not numbered_lead and self.anchor_numbered \
                    and _item_ref(self.anchor, unit.label) not in self.used:
                parent = self.anchor
            self.list_base[unit.kind] = parent or self.anchor
            if unit.kind == LETTER:
                self.list_base.pop(ROMAN, None)
        return self.list_base[unit.kind]


def is_numbered_ref(ref: str) -> bool:
    """Whether a ref is the policy's own numbering ("3.1.2", "2.1(a)") rather than counted."""
    return bool(_NUMBERED_REF.match(ref))


def _item_ref(parent: str, label: str) -> str:
    """"2.1" + "a" -> "2.1(a)"; "Marketing › paragraph 2" + "a" -> "… paragraph 2 (a)";
    a heading anchor gets the separator: "Marketing › (a)"."""
    if is_numbered_ref(parent) or (SEPARATOR in parent and parent.endswith(")")):
        return f"{parent}({label})"
    if SEPARATOR in parent:
        return f"{parent} ({label})"
    return f"{parent}{SEPARATOR}({label})"


def segment(text: str, removed: list[RemovedSpan] | None = None) -> list[Clause]:
    """Clauses of `text` in order, clear of removed spans; clause.text == text[start:end]."""
    units = split_units(text, removed or [])
    builder = _Builder(text)
    for index, unit in enumerate(units):
        following = units[index + 1] if index + 1 < len(units) else None
        builder.unit(unit, following)
    return builder.clauses
