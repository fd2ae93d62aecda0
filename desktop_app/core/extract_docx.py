"""Text from a DOCX: zip checks first, then the document XML read as a stream of events.

The XML is never held as a whole tree: each element is read as it closes and then dropped, so
memory stays in proportion to the text, and time to the file. List numbers (which Word renders
and does not store) are rendered; a table row is one line, in its place among the paragraphs,
with its cells split by ' | '. A table inside a cell is part of that cell's text, row after
row. Text is read through every wrapper Word puts around it (content controls, hyperlinks,
tracked insertions, smart tags, fields, text boxes); tracked deletions and text formatted as
hidden are left out, as Word shows the document. Footnotes and endnotes follow the body.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from lxml import etree

from desktop_app.core.document import TABLE_CELLS
from desktop_app.errors import InputError

# A DOCX that inflates beyond this, or by more than this ratio, is refused before parsing.
MAX_DOCX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_DOCX_RATIO = 200
# Budgets for one document (a long real policy has a few thousand paragraphs and runs, and
# under 2 MB of document XML); beyond them the file is refused, naming the limit.
MAX_DOCX_PARTS = 2_000
MAX_DOCUMENT_XML = 64 * 1024 * 1024
MAX_DOCX_PARAGRAPHS = 100_000
MAX_DOCX_RUNS = 1_000_000
# The parser's own limit on element nesting (tables inside tables, about 80 deep, reach it).
MAX_DOCX_DEPTH = 256
_BULLET = "• "
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_BODY, _P, _R = f"{_W}body", f"{_W}p", f"{_W}r"
_TBL, _TR, _TC = f"{_W}tbl", f"{_W}tr", f"{_W}tc"
_ALT_CHUNK = f"{_W}altChunk"
_NOTES = frozenset((f"{_W}footnote", f"{_W}endnote"))
# Paragraphs inside these make up their text; the body's and notes' become lines of their own.
_CONTAINERS = frozenset((_BODY, _TC)) | _NOTES
# Tracked deletions (and moves away) are not part of the text Word shows.
_DROPPED = frozenset((f"{_W}del", f"{_W}moveFrom"))
# A run formatted as hidden text (w:vanish) is not shown or printed by Word.
_RPR, _VANISH = f"{_W}rPr", f"{_W}vanish"
_OFF = frozenset(("0", "false", "off"))
# Alternatives of one content (a text box as a drawing and as VML): only the first is read.
_BRANCHES = frozenset((f"{_MC}Choice", f"{_MC}Fallback"))
_DOCUMENT = "word/document.xml"
_REL_TYPES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
# Text of the run children other than w:t; every break separates words.
_RUN_TEXT = {f"{_W}tab": "\t", f"{_W}ptab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n",
             f"{_W}noBreakHyphen": "-"}
_SYM = f"{_W}sym"
# Symbol-font characters (w:sym) that carry meaning in a policy, as Unicode; any other stays its
# private-use code, so it is kept (and bullets among them become bullets when text is cleaned).
_SYMBOLS = {("wingdings", 0xFC): "✓", ("wingdings", 0xFB): "✗", ("wingdings", 0xFD): "☒",
            ("wingdings", 0xFE): "☑", ("symbol", 0xB7): "•", ("symbol", 0xD2): "®",
            ("symbol", 0xD3): "©", ("symbol", 0xD4): "™", ("symbol", 0xE2): "®",
            ("symbol", 0xE3): "©", ("symbol", 0xE4): "™"}


def _xml_parser() -> etree.XMLParser:
    """No DTDs, no entity expansion, no network: a part is only its own text."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           remove_comments=True, remove_pis=True)


def _damaged(name: str, reason: str) -> InputError:
    return InputError(f"{name} is a damaged DOCX file that cannot be read ({reason}); "
                      "open it in a word processor and save it again")


def _check_zip(data: bytes, name: str) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InputError(
            f"{name} is not a valid DOCX file (the archive is damaged); "
            "open it in a word processor and save it again as .docx"
        ) from None
    infos = archive.infolist()
    if len(infos) > MAX_DOCX_PARTS:
        raise InputError(f"{name} holds {len(infos):,} parts, more than the {MAX_DOCX_PARTS:,} "
                         "a Word document may have here; save the policy text alone as .docx")
    total = sum(info.file_size for info in infos)
    packed = max(sum(info.compress_size for info in infos), 1)
    if total > MAX_DOCX_UNCOMPRESSED or total / packed > MAX_DOCX_RATIO:
        raise InputError(
            f"{name} expands to {total // (1024 * 1024)} MB when unpacked, which is not a normal "
            "document (possible zip bomb); refusing to open it"
        )
    if _DOCUMENT not in archive.namelist():
        raise InputError(
            f"{name} is not a Word document (word/document.xml is missing); save it as .docx"
        )
    return archive


def _text_parts(archive: zipfile.ZipFile, name: str, relations: dict[str, str]) -> list[str]:
    """The parts whose text is read: the document, then its footnotes and endnotes, together
    within the document XML budget."""
    parts = [_DOCUMENT]
    for relation in ("footnotes", "endnotes"):
        target = relations.get(relation)
        if target is not None and target not in parts:
            parts.append(target)
    size = sum(archive.getinfo(part).file_size for part in parts)
    if size > MAX_DOCUMENT_XML:
        raise InputError(f"{name} holds {size // (1024 * 1024)} MB of document XML, more than the "
                         f"{MAX_DOCUMENT_XML // (1024 * 1024)} MB accepted; "
                         "save the policy text alone as .docx")
    return parts


def _roman(number: int) -> str:
    values = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
              (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
    out = ""
    for value, numeral in values:
        while number >= value:
            out += numeral
            number -= value
    return out


def _letters(number: int) -> str:
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)


_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "lowerLetter": _letters,
    "upperLetter": lambda number: _letters(number).upper(),
    "lowerRoman": _roman,
    "upperRoman": lambda number: _roman(number).upper(),
}
_LEVELS = 9
_PROPERTY_TAGS = frozenset(f"{_W}{tag}" for tag in ("pPr", "numPr", "tcPr", "trPr", "rPr"))
# Elements that change where the text inside them goes, or hold properties read.
_SPECIAL = (frozenset((_P, _R, _TBL, _TR, _ALT_CHUNK)) | _CONTAINERS | _DROPPED | _BRANCHES
            | _PROPERTY_TAGS)


def _int(value: str | None, default: int | None = None) -> int | None:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _val(node: etree._Element | None, tag: str) -> str | None:
    child = None if node is None else node.find(f"{_W}{tag}")
    return None if child is None else child.get(f"{_W}val")


@dataclass(frozen=True)
class _NumPr:
    num_id: str | None
    level: int


def _num_pr(values: dict[str, str | None]) -> _NumPr:
    """A w:numPr from the values of its children."""
    num_id = _int(values.get(f"{_W}numId"))
    return _NumPr(None if num_id is None else str(num_id), _int(values.get(f"{_W}ilvl"), 0) or 0)


def _element_num_pr(properties: etree._Element | None) -> _NumPr | None:
    """The w:numPr under a style's w:pPr, or None when there is none."""
    node = None if properties is None else properties.find(f"{_W}numPr")
    if node is None:
        return None
    return _num_pr({child.tag: child.get(f"{_W}val") for child in node})


class _Styles:
    """Paragraph styles' own list numbering, following each style's `basedOn` chain."""

    def __init__(self, root: etree._Element | None) -> None:
        self.numbering: dict[str, _NumPr | None] = {}
        self.based_on: dict[str, str] = {}
        self.default: str | None = None
        if root is None:
            return
        for style in root.iterfind(f"{_W}style"):
            if style.get(f"{_W}type") != "paragraph":
                continue
            style_id = style.get(f"{_W}styleId") or ""
            self.numbering[style_id] = _element_num_pr(style.find(f"{_W}pPr"))
            base = _val(style, "basedOn")
            if base is not None:
                self.based_on[style_id] = base
            if style.get(f"{_W}default") in ("1", "true", "on"):
                self.default = style_id

    def num_pr(self, style_id: str | None) -> _NumPr | None:
        current = style_id if style_id in self.numbering else self.default
        seen = set()
        while current is not None and current not in seen:
            seen.add(current)
            found = self.numbering.get(current)
            if found is not None:
                return found
            current = self.based_on.get(current)
            if current not in self.numbering:
                return None
        return None


class _Numbering:
    """Renders Word's automatic list numbers ("1.", "2.1", "(a)"), which are not in the text."""

    def __init__(self, root: etree._Element | None) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, list[int]] = {}
        if root is None:
            return
        abstract = {}
        for node in root.iterfind(f"{_W}abstractNum"):
            levels = {}
            for level in node.iterfind(f"{_W}lvl"):
                index = _int(level.get(f"{_W}ilvl"), 0)
                if index is None:
                    continue
                levels[index] = (_val(level, "numFmt") or "decimal", _val(level, "lvlText") or "",
                                 _int(_val(level, "start"), 1) or 1)
            abstract[node.get(f"{_W}abstractNumId")] = levels
        for node in root.iterfind(f"{_W}num"):
            link = _val(node, "abstractNumId")
            if link is not None:
                self.levels[node.get(f"{_W}numId") or ""] = abstract.get(link, {})

    def label(self, num_pr: _NumPr | None) -> str:
        """The rendered list label plus a space, "• " for bullets, "" for no list."""
        if num_pr is None or num_pr.num_id is None:
            return ""
        num_id, level = num_pr.num_id, num_pr.level
        levels = self.levels.get(num_id, {})
        number_format, template, _ = levels.get(level, ("bullet", "", 1))
        if number_format not in _FORMATS or not template or not 0 <= level < _LEVELS:
            return _BULLET
        counters = self.counters.setdefault(num_id, [0] * _LEVELS)
        counters[level] += 1
        for deeper in range(level + 1, _LEVELS):
            counters[deeper] = 0
        rendered = template
        for index in range(level + 1):
            fmt, _, start = levels.get(index, ("decimal", "", 1))
            value = max(counters[index], 1) + start - 1
            rendered = rendered.replace(f"%{index + 1}", _FORMATS.get(fmt, str)(value))
        return rendered + " "


def _relations(archive: zipfile.ZipFile) -> dict[str, str]:
    """The parts the document relates to, by kind ("styles", "footnotes"), that the archive
    holds; read as a stream, since nothing but the archive's budgets bounds its size."""
    found: dict[str, str] = {}
    names = set(archive.namelist())
    try:
        with archive.open("word/_rels/document.xml.rels") as stream:
            for _, rel in etree.iterparse(stream, events=("end",), resolve_entities=False,
                                          no_network=True, load_dtd=False):
                kind = rel.get("Type", "")
                if kind.startswith(_REL_TYPES) and rel.get("TargetMode") != "External":
                    target = posixpath.normpath(posixpath.join("word", rel.get("Target", "")))
                    if target in names:
                        found[kind[len(_REL_TYPES):]] = target
                rel.clear()
                parent = rel.getparent()
                while parent is not None and rel.getprevious() is not None:
                    del parent[0]
    except (KeyError, etree.XMLSyntaxError):
        return {}
    return found


def _part(archive: zipfile.ZipFile, name: str, target: str | None, file_name: str
          ) -> etree._Element | None:
    """A small XML part the document relates to (styles, numbering), parsed safely."""
    if target is None:
        return None
    try:
        return etree.fromstring(archive.read(target), _xml_parser())
    except etree.XMLSyntaxError:
        raise _damaged(name, f"{file_name} is not valid XML") from None


class _Scope(NamedTuple):
    """Where the paragraphs and rows inside an element go: the nearest enclosing container
    (body, note or table cell), table row and table, and whether they are left out. Elements
    that change none of these share their parent's scope, so most elements cost one reference."""

    container: _Frame | None
    row: _Frame | None
    table: _Frame | None
    dropped: bool


class _Frame:
    """What is kept of an open element until it closes: only the text and properties used.

    Most elements are run properties that need nothing; the lists and fields below are set only
    on the elements that use them (see `_DocumentReader._prepare`), since a frame is made for
    every element of the document.
    """

    parts: list[str]
    values: dict[str, str | None]
    cells: list[tuple[int, str, bool]]
    # Tables: the last row's cells by grid column, which a vertically merged cell below shows.
    above: dict[int, tuple[str, int]]
    num_pr: _NumPr | None = None
    style: str | None = None
    # Table cells: horizontal span and vertical merge; rows: leading empty grid columns.
    span = 1
    merge: str | None = None
    grid_before = 0
    # Markup compatibility: the first branch has been read, the others repeat it.
    branch_read = False
    # Runs: formatted as hidden text.
    hidden = False

    def __init__(self, tag: str, scope: _Scope, paragraph: _Frame | None) -> None:
        self.tag = tag
        self.scope = scope
        # The nearest enclosing paragraph, which the text of runs inside this element joins.
        self.paragraph = paragraph


_ROOT = _Scope(None, None, None, False)


def _depth_refusal(name: str) -> InputError:
    return InputError(f"{name} nests its content more than {MAX_DOCX_DEPTH} levels deep (about "
                      f"{MAX_DOCX_DEPTH // 3} tables one inside another), which is not a normal "
                      "policy; save the policy text alone as .docx")


class _DocumentReader:
    """Consumes iterparse events of word/document.xml and builds the text lines."""

    def __init__(self, name: str, styles: _Styles, numbering: _Numbering, max_chars: int) -> None:
        self.name = name
        self.styles = styles
        self.numbering = numbering
        self.max_chars = max_chars
        self.stack: list[_Frame] = []
        self.paragraph_lines: list[str] = []
        self.note_lines: list[str] = []
        self.chars = self.paragraphs = self.runs = 0

    def start(self, tag: str) -> None:
        stack = self.stack
        if len(stack) >= MAX_DOCX_DEPTH:
            raise _depth_refusal(self.name)
        parent = stack[-1] if stack else None
        frame = (_Frame(tag, _ROOT, None) if parent is None
                 else _Frame(tag, parent.scope, parent.paragraph))
        if tag == _P:
            frame.parts = []
            frame.paragraph = frame
        elif tag in _SPECIAL:
            self._prepare(frame, parent, frame.scope)
        stack.append(frame)

    def _prepare(self, frame: _Frame, parent: _Frame | None, scope: _Scope) -> None:
        """Give an element that holds text, properties or cells what it needs, and its scope."""
        tag = frame.tag
        if tag in _PROPERTY_TAGS:
            frame.values = {}
            return
        container, row, table, dropped = scope
        if tag == _R:
            if frame.paragraph is None:
                # A run outside any paragraph is a paragraph of its own, so its text is not lost.
                frame.paragraph = frame
                frame.parts = []
            return
        if tag in _CONTAINERS:
            container, frame.paragraph = frame, None
            frame.parts = []
        elif tag == _TR:
            row = frame
            frame.cells = []
        elif tag == _TBL:
            table = frame
            frame.above = {}
        elif tag in _DROPPED:
            dropped = True
        elif tag in _BRANCHES and parent is not None:
            dropped = dropped or parent.branch_read
            parent.branch_read = True
        elif tag == _ALT_CHUNK:
            raise InputError(f"{self.name} holds content kept as a separate file (a Word "
                             "alternative-format chunk), which is not read here; open it in a "
                             "word processor and save it again as .docx")
        frame.scope = _Scope(container, row, table, dropped)

    def end(self, element: etree._Element) -> None:
        frame = self.stack.pop()
        parent = self.stack[-1] if self.stack else None
        tag = frame.tag
        if parent is None:
            return
        if parent.tag in _PROPERTY_TAGS:
            # Properties are read as each one closes, so no element has to be kept for later.
            parent.values[tag] = element.get(f"{_W}val")
            if tag == f"{_W}numPr":
                parent.num_pr = _num_pr(frame.values)
        elif tag == _R:
            self._count_run()
            if frame.paragraph is frame and not frame.scope.dropped:
                self._place(_text(frame.parts), frame.scope.container, None)
        elif tag == _RPR and parent.tag == _R:
            parent.hidden = (_VANISH in frame.values
                             and (frame.values[_VANISH] or "").lower() not in _OFF)
        elif parent.tag == _R:
            paragraph = frame.paragraph
            if paragraph is not None and not frame.scope.dropped and not parent.hidden:
                _run_child(element, tag, paragraph.parts)
        elif tag == _P:
            self._count_paragraph()
            if not frame.scope.dropped:
                self._place(_text(frame.parts), frame.scope.container, frame)
        elif tag == f"{_W}pPr" and parent.tag == _P:
            parent.num_pr = frame.num_pr
            parent.style = frame.values.get(f"{_W}pStyle")
        elif tag == f"{_W}tcPr" and parent.tag == _TC:
            parent.span = max(_int(frame.values.get(f"{_W}gridSpan"), 1) or 1, 1)
            if f"{_W}vMerge" in frame.values:
                parent.merge = frame.values[f"{_W}vMerge"] or "continue"
        elif tag == f"{_W}trPr" and parent.tag == _TR:
            parent.grid_before = max(_int(frame.values.get(f"{_W}gridBefore"), 0) or 0, 0)
        elif tag == _TC:
            row = frame.scope.row
            if row is not None and not frame.scope.dropped:
                text = self._within_budget(" ".join(" ".join(frame.parts).split()))
                row.cells.append((frame.span, text, frame.merge == "continue"))
        elif tag == _TR:
            table = frame.scope.table
            if table is not None and not frame.scope.dropped:
                self._row(frame, table)

    def _count_run(self) -> None:
        self.runs += 1
        if self.runs > MAX_DOCX_RUNS:
            raise InputError(f"{self.name} has more than {MAX_DOCX_RUNS:,} runs of text, which is "
                             "not a normal policy; save the policy text alone as .docx")

    def _count_paragraph(self) -> None:
        self.paragraphs += 1
        if self.paragraphs > MAX_DOCX_PARAGRAPHS:
            raise InputError(f"{self.name} has more than {MAX_DOCX_PARAGRAPHS:,} paragraphs, "
                             "which is not a normal policy; save the policy text alone as .docx")

    def _place(self, text: str, container: _Frame | None, paragraph: _Frame | None) -> None:
        """A paragraph's text: a body line (with its list label), a note's line or part of a
        table cell."""
        if container is None:
            return
        if container.tag in _NOTES:
            self._add(self.note_lines, text)
            return
        if container.tag != _BODY:
            container.parts.append(self._within_budget(text))
            return
        num_pr = None
        if paragraph is not None:
            num_pr = paragraph.num_pr or self.styles.num_pr(paragraph.style)
        label = self.numbering.label(num_pr)
        if text:
            self._add(self.paragraph_lines, label + text)

    def _row(self, frame: _Frame, table: _Frame) -> None:
        above = table.above
        resolved: dict[int, tuple[str, int]] = {}
        offset = frame.grid_before
        shown: list[str] = []
        for span, text, continues in frame.cells:
            count = span
            if continues:
                # A vertically merged cell shows the cell above it, as often as that one spans.
                own = text
                text, count = above.get(offset, ("", span))
                text = f"{text} {own}" if own and text else text or own
            resolved[offset] = (text, count)
            shown.extend([text] * count)
            offset += span
        table.above = resolved
        line = TABLE_CELLS.join(cell for cell in shown if cell)
        container = table.scope.container
        if container is None:
            return
        if container.tag == _BODY:
            # In its place: a table under a heading (a section for one jurisdiction's
            # residents, say) is part of that section.
            self._add(self.paragraph_lines, line)
        elif container.tag in _NOTES:
            self._add(self.note_lines, line)
        elif line:
            # A table inside a cell: its rows stay in that cell, in order.
            container.parts.append(self._within_budget(line))

    def _within_budget(self, text: str) -> str:
        """Text held for a table cell, refused once it alone passes the character budget (its
        row is only counted when the outermost table's row closes)."""
        if self.chars + len(text) > self.max_chars:
            self._over_budget()
        return text

    def _over_budget(self) -> None:
        raise InputError(f"{self.name} holds more than the {self.max_chars:,} characters of "
                         "text accepted; import the privacy policy alone")

    def _add(self, lines: list[str], line: str) -> None:
        if not line:
            return
        self.chars += len(line) + 1
        if self.chars > self.max_chars:
            self._over_budget()
        lines.append(line)


def _text(parts: list[str]) -> str:
    return " ".join("".join(parts).split())


def _run_child(element: etree._Element, tag: str, parts: list[str]) -> None:
    """The text of a run's child, added to its paragraph as the child closes."""
    if tag == f"{_W}t":
        # Entity references are not expanded: they stay nodes, and the text after them is
        # their tail.
        parts.append((element.text or "") + "".join(child.tail or "" for child in element))
    elif tag in _RUN_TEXT:
        parts.append(_RUN_TEXT[tag])
    elif tag == _SYM:
        parts.append(_symbol(element.get(f"{_W}font") or "", element.get(f"{_W}char") or ""))


def _symbol(font: str, char: str) -> str:
    try:
        code = int(char, 16)
    except ValueError:
        return ""
    if not 0 < code < 0x110000 or 0xD800 <= code < 0xE000:
        return ""
    found = _SYMBOLS.get((font.lower(), code - 0xF000 if 0xF000 <= code <= 0xF0FF else code))
    return found or chr(code)


def _events(archive: zipfile.ZipFile, part: str) -> Iterator[tuple[str, etree._Element]]:
    with archive.open(part) as stream:
        yield from etree.iterparse(stream, events=("start", "end"), resolve_entities=False,
                                   no_network=True, load_dtd=False, remove_comments=True,
                                   remove_pis=True, huge_tree=False)


def _read(reader: _DocumentReader, events: Iterator[tuple[str, etree._Element]]) -> None:
    for event, element in events:
        if event == "start":
            reader.start(element.tag)
            continue
        reader.end(element)
        # Everything needed is in the frames now: free the element and finished siblings.
        element.clear(keep_tail=False)  # type: ignore[call-arg]  # lxml-stubs lack keep_tail
        parent = element.getparent()
        if parent is not None:
            while element.getprevious() is not None:
                del parent[0]


def docx_to_text(data: bytes, name: str, max_chars: int = 10_000_000) -> str:
    """Paragraphs in order (list labels rendered), then table rows with cells split by ' | ',
    then footnotes and endnotes."""
    archive = _check_zip(data, name)
    try:
        relations = _relations(archive)
        parts = _text_parts(archive, name, relations)
        styles = _part(archive, name, relations.get("styles"), "styles.xml")
        numbering = _part(archive, name, relations.get("numbering"), "numbering.xml")
        reader = _DocumentReader(name, _Styles(styles), _Numbering(numbering), max_chars)
        for part in parts:
            _read(reader, _events(archive, part))
    except InputError:
        raise
    except etree.XMLSyntaxError as error:
        if error.msg.startswith("Excessive depth"):
            raise _depth_refusal(name) from None
        raise _damaged(name, f"invalid XML: {error.msg}") from None
    except Exception as error:  # noqa: BLE001 - a damaged file can fail anywhere inside the parser
        raise _damaged(name, type(error).__name__) from None
    text = "\n".join(reader.paragraph_lines + reader.note_lines)
    if not text.strip():
        raise InputError(f"{name} contains no text; check that it is the right document")
    return text
