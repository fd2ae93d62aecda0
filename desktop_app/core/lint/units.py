"""Paragraphs, list items and list markers: the units the drafting checks read."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from desktop_app.core.document import PolicyDocument

# Ends a sentence or a lead-in: a line ending otherwise may be a hard wrap.
TERMINAL = ".:;!?"

# A list marker at the start of a unit. Single-level numbers need a dot ("3."),
# so that addresses and amounts ("11 Main Street") are not read as markers.
MARKER_RE = re.compile(
    r"""\s*(?:\#{1,6}\s+)?(?:
        (?P<bullet>[•▪●◦■□*·–—-]|o(?=\s))
      | (?P<paren>\(\(?)(?P<plabel>[a-z]{1,4}|[IVXLC]{2,5}|[A-Z]|\d{1,2})\)
      | (?P<close>[a-z]{1,4}|\d{1,2})\)
      | (?P<upper>[IVXLC]{2,5}|[A-Z])\.(?=\s)
      | (?P<lower>[a-z])\.(?=\s)
      | (?P<multi>\d{1,2}(?:\.\d{1,2}){1,3})\.?(?=\s|[A-Z])
      | (?P<single>\d{1,2})\.(?=\s*[A-Z(“"])
    )""",
    re.VERBOSE,
)

# A Markdown heading: "## 3. Sharing".
HEADING_PREFIX_RE = re.compile(r"\s*#{1,6}\s+")

# Markers inside a long run-on line (text extracted without paragraph breaks):
# "... device, g) We may" or "... requested. 2.1.4 If you". A "(b)" inside a
# sentence is an ordinary enumeration and is deliberately not split.
INLINE_SPLIT_RE = re.compile(
    r"(?<=[.;:,!?])\s*(?=[a-z]\)\s+\S)"
    r"|\s(?=[a-z]\)\s+[A-Z])"
    r"|(?<=[.;:!?])(?<!\d\.)\s*(?=\d{1,2}(?:\.\d{1,2}){1,3}\.?\s+[A-Z])"
    r"|(?<=[a-z])\s+(?=\d{1,2}(?:\.\d{1,2}){2,3}\.?\s+[A-Z])"
    r"|(?<=[.!?])\s+(?=\d{1,2}\.\s*[A-Z][a-z])"
)
TRAILING_MARKER_RE = re.compile(
    r"(?:\(?\(?[A-Za-z]{1,4}\)|\(?\d{1,2}\)|\d{1,2}(?:\.\d{1,2})*\.?|[A-Z]\.|[•▪●◦■*·–—-]"
    r"|(?<!\w)o)[ \t]*$"
)
# Share of lines that run on into a lower-case line above which a file counts as hard-wrapped.
HARD_WRAP_SHARE = 0.15
# A line at least this share of the wrap width long was broken by the wrap, not ended.
WRAPPED_LINE_SHARE = 0.7
INLINE_SPLIT_MIN_CHARS = 400


@dataclass(frozen=True)
class Marker:
    """A list or section marker: `style` groups markers of one list, `label` is as written."""

    style: str
    label: str
    start: int
    end: int


@dataclass(frozen=True)
class Unit:
    """A paragraph, heading or list item: `text` == document.text[start:end]."""

    start: int
    end: int
    text: str
    marker: Marker | None

    @cached_property
    def body(self) -> str:
        """The text after the marker."""
        if self.marker is None:
            prefix = HEADING_PREFIX_RE.match(self.text)
            return self.text[prefix.end():] if prefix else self.text
        return self.text[self.marker.end - self.start:].lstrip()

    @cached_property
    def body_start(self) -> int:
        """Offset of the first character of `body`."""
        return self.end - len(self.body)

    def ends_with(self, chars: str) -> bool:
        stripped = self.text.rstrip()
        return bool(stripped) and stripped[-1] in chars

    @property
    def is_heading(self) -> bool:
        """A short line without closing punctuation, starting with a capital or a marker."""
        if HEADING_PREFIX_RE.match(self.text):
            return True
        body = self.body.strip()
        words = body.split()
        if not words or len(words) > 12 or self.ends_with(TERMINAL + ","):
            return False
        return body[0].isupper() or body[0].isdigit() or self.marker is not None

    @property
    def has_letters(self) -> bool:
        return any(char.isalpha() for char in self.text)


def parse_marker(text: str, offset: int) -> Marker | None:
    """The marker at the start of `text` (which begins at `offset`), or None."""
    match = MARKER_RE.match(text)
    if match is None:
        return None
    end = offset + match.end()
    if match["bullet"]:
        return Marker("bullet:" + match["bullet"], match["bullet"], offset + match.start("bullet"), end)
    if match["paren"]:
        label = match["plabel"]
        return Marker("(x)" + _label_class(label), label, offset + match.start("paren"), end)
    if match["close"]:
        label = match["close"]
        return Marker("x)" + _label_class(label), label, offset + match.start("close"), end)
    if match["upper"]:
        return Marker("A.", match["upper"], offset + match.start("upper"), end)
    if match["lower"]:
        return Marker("a.", match["lower"], offset + match.start("lower"), end)
    if match["multi"]:
        return Marker("n.n", match["multi"], offset + match.start("multi"), end)
    return Marker("n.", match["single"], offset + match.start("single"), end)


def _label_class(label: str) -> str:
    if label.isdigit():
        return ":num"
    if label.isupper():
        return ":upper"
    return ":lower"


def split_units(document: PolicyDocument) -> list[Unit]:
    """Split the document into units: lines, clause boundaries and run-on list markers.

    Wrapped lines are joined back: a marker alone on its line belongs to the next line,
    and a line that ends without punctuation continues when the next line starts in lower
    case (in hard-wrapped text, whatever the next line starts with).
    """
    text = document.text
    cuts = {0, len(text)}
    for match in re.finditer(r"\n", text):
        cuts.add(match.start())
        cuts.add(match.end())
    for clause in document.clauses:
        # The text between two clauses is a heading or a marker: it gets a unit of its own.
        if 0 <= clause.start < clause.end <= len(text):
            cuts.add(_before_marker(text, clause.start))
            cuts.add(clause.end)
    for span in document.removed:
        cuts.update(offset for offset in (span.start, span.end) if 0 <= offset <= len(text))
    spans = []
    ordered = sorted(cuts)
    for left, right in zip(ordered, ordered[1:]):
        chunk = text[left:right]
        if chunk.strip():
            spans.extend(_split_run_on(text, left, right))
    return _join_wraps(text, spans)


def _before_marker(text: str, offset: int) -> int:
    """Move a clause start back over the marker in front of it, so "(a)" stays with its item."""
    line_start = max(text.rfind("\n", 0, offset) + 1, offset - 20)
    match = TRAILING_MARKER_RE.search(text, line_start, offset)
    return match.start() if match else offset


def _split_run_on(text: str, start: int, end: int) -> list[tuple[int, int]]:
    if end - start < INLINE_SPLIT_MIN_CHARS:
        return [_trim(text, start, end)]
    pieces = []
    left = start
    for match in INLINE_SPLIT_RE.finditer(text, start, end):
        if match.end() > left:
            pieces.append(_trim(text, left, match.start()))
            left = match.end()
    pieces.append(_trim(text, left, end))
    return [piece for piece in pieces if piece[1] > piece[0]]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _join_wraps(text: str, spans: list[tuple[int, int]]) -> list[Unit]:
    wrap_width = _wrap_width(text, spans)
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined and _continues(text, joined[-1], start, end, wrap_width):
            start = joined.pop()[0]
        joined.append((start, end))
    return [Unit(start, end, text[start:end], parse_marker(text[start:end], start))
            for start, end in joined]


def _wrap_width(text: str, spans: list[tuple[int, int]]) -> int:
    """The width text was broken at, or 0 when most line ends are paragraph ends."""
    run_ons = sum(
        1 for (_, end), (next_start, _) in zip(spans, spans[1:])
        if text[end - 1] not in TERMINAL and text[next_start].islower()
    )
    if len(spans) < 10 or run_ons < HARD_WRAP_SHARE * len(spans):
        return 0
    lengths = sorted(end - start for start, end in spans)
    return lengths[int(len(lengths) * 0.9)]


def _continues(text: str, previous: tuple[int, int], start: int, end: int, wrap_width: int) -> bool:
    between = text[previous[1]:start]
    if "\n" not in between or "\n\n" in between.replace("\r", ""):
        return False
    if parse_marker(text[start:end], start) is not None:
        return False
    last_line_start = max(previous[0], text.rfind("\n", previous[0], previous[1]) + 1)
    last_line = text[last_line_start:previous[1]]
    marker = parse_marker(last_line, last_line_start)
    if marker is not None and marker.end >= previous[1]:
        return True  # a marker alone on its line belongs to the next line
    if last_line.rstrip()[-1:] in tuple(TERMINAL):
        return False
    if text[start:end][:1].islower():
        return True
    # In hard-wrapped text a line that reaches the wrap width was broken, not ended.
    return wrap_width > 0 and len(last_line) >= WRAPPED_LINE_SHARE * wrap_width


def sentences(unit: Unit) -> list[tuple[int, int]]:
    """Sentence spans (document offsets) inside a unit."""
    spans = []
    left = unit.start
    for match in re.finditer(r"(?<=[.!?])[”\"’)]?\s+(?=[“\"(]?[A-Z0-9])", unit.text):
        right = unit.start + match.start()
        if not _ends_with_abbreviation(unit.text[: match.start()]):
            spans.append((left, right))
            left = unit.start + match.end()
    spans.append((left, unit.end))
    return [span for span in spans if span[1] > span[0]]


ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "inc.", "ltd.", "co.", "no.", "st.", "vs.", "mr.", "ms.",
                 "dr.", "jr.", "corp.", "u.s.", "u.k.", "pte.", "bv.", "p.o.", "c.")


def _ends_with_abbreviation(text: str) -> bool:
    lowered = text.lower()
    return any(lowered.endswith(" " + abbr) or lowered == abbr for abbr in ABBREVIATIONS)
