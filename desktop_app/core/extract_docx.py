"""Text from a DOCX: zip checks first, then the document XML read as a stream of events.

The XML is never held as a whole tree: each element is read as it closes and then dropped, so
memory stays in proportion to the text, and time to the file. List numbers (which Word renders
and does not store) are rendered; body paragraphs come first, then table rows with cells split
by ' | ' (as python-docx's `paragraphs` and `tables` give them).
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from lxml import etree

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
_BULLET = "• "
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DOCUMENT = "word/document.xml"
_REL_TYPES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
# Text of the run children python-docx reads ("br" depends on the break type).
_RUN_TEXT = {f"{_W}tab": "\t", f"{_W}ptab": "\t", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}


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
    size = archive.getinfo(_DOCUMENT).file_size
    if size > MAX_DOCUMENT_XML:
        raise InputError(f"{name} holds {size // (1024 * 1024)} MB of document XML, more than the "
                         f"{MAX_DOCUMENT_XML // (1024 * 1024)} MB accepted; "
                         "save the policy text alone as .docx")
    return archive


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
_PROPERTY_TAGS = frozenset(f"{_W}{tag}" for tag in ("pPr", "numPr", "tcPr", "trPr"))


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


@dataclass
class _Frame:
    """What is kept of an open element until it closes: only the text and properties used."""

    tag: str
    parts: list[str] = field(default_factory=list)
    num_pr: _NumPr | None = None
    style: str | None = None
    # Table cells: horizontal span and vertical merge; rows: leading empty grid columns.
    span: int = 1
    merge: str | None = None
    grid_before: int = 0
    cells: list[tuple[int, str, int]] = field(default_factory=list)
    rows: list[list[tuple[int, str, int]]] = field(default_factory=list)
    values: dict[str, str | None] = field(default_factory=dict)


def _part(archive: zipfile.ZipFile, name: str, relation: str, file_name: str
          ) -> etree._Element | None:
    """A small XML part the document relates to (styles, numbering), parsed safely."""
    target = None
    try:
        rels = etree.fromstring(archive.read("word/_rels/document.xml.rels"), _xml_parser())
        for rel in rels:
            if rel.get("Type") == _REL_TYPES + relation and rel.get("TargetMode") != "External":
                target = posixpath.normpath(posixpath.join("word", rel.get("Target", "")))
    except (KeyError, etree.XMLSyntaxError):
        return None
    if target is None or target not in archive.namelist():
        return None
    try:
        return etree.fromstring(archive.read(target), _xml_parser())
    except etree.XMLSyntaxError:
        raise _damaged(name, f"{file_name} is not valid XML") from None


class _DocumentReader:
    """Consumes iterparse events of word/document.xml and builds the text lines."""

    def __init__(self, name: str, styles: _Styles, numbering: _Numbering, max_chars: int) -> None:
        self.name = name
        self.styles = styles
        self.numbering = numbering
        self.max_chars = max_chars
        self.stack: list[_Frame] = []
        self.paragraph_lines: list[str] = []
        self.table_lines: list[str] = []
        self.chars = self.paragraphs = self.runs = 0

    def start(self, tag: str) -> None:
        self.stack.append(_Frame(tag))

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
        elif parent.tag == f"{_W}r":
            self._run_child(element, tag, parent)
        elif tag == f"{_W}r":
            self._run(frame, parent)
        elif tag == f"{_W}pPr" and parent.tag == f"{_W}p":
            parent.num_pr = frame.num_pr
            parent.style = frame.values.get(f"{_W}pStyle")
        elif tag == f"{_W}p":
            self._paragraph(frame, parent)
        elif tag == f"{_W}tcPr" and parent.tag == f"{_W}tc":
            parent.span = max(_int(frame.values.get(f"{_W}gridSpan"), 1) or 1, 1)
            if f"{_W}vMerge" in frame.values:
                parent.merge = frame.values[f"{_W}vMerge"] or "continue"
        elif tag == f"{_W}trPr" and parent.tag == f"{_W}tr":
            parent.grid_before = max(_int(frame.values.get(f"{_W}gridBefore"), 0) or 0, 0)
        elif tag == f"{_W}tc" and parent.tag == f"{_W}tr":
            parent.cells.append((frame.span, " ".join(" ".join(frame.parts).split()),
                                 frame.merge == "continue"))
        elif tag == f"{_W}tr" and parent.tag == f"{_W}tbl":
            self._row(frame, parent)

    def _run_child(self, element: etree._Element, tag: str, run: _Frame) -> None:
        if tag == f"{_W}t":
            # Entity references are not expanded: they stay nodes, and the text after them is
            # their tail.
            run.parts.append((element.text or "") + "".join(child.tail or "" for child in element))
        elif tag == f"{_W}br":
            run.parts.append("\n" if element.get(f"{_W}type", "textWrapping") == "textWrapping"
                             else "")
        elif tag in _RUN_TEXT:
            run.parts.append(_RUN_TEXT[tag])

    def _run(self, frame: _Frame, parent: _Frame) -> None:
        self.runs += 1
        if self.runs > MAX_DOCX_RUNS:
            raise InputError(f"{self.name} has more than {MAX_DOCX_RUNS:,} runs of text, which is "
                             "not a normal policy; save the policy text alone as .docx")
        paragraph = parent
        if parent.tag == f"{_W}hyperlink" and len(self.stack) >= 2:
            paragraph = self.stack[-2]
            if paragraph.tag != f"{_W}p":
                return
        elif parent.tag != f"{_W}p":
            return
        paragraph.parts.append("".join(frame.parts))

    def _paragraph(self, frame: _Frame, parent: _Frame) -> None:
        self.paragraphs += 1
        if self.paragraphs > MAX_DOCX_PARAGRAPHS:
            raise InputError(f"{self.name} has more than {MAX_DOCX_PARAGRAPHS:,} paragraphs, "
                             "which is not a normal policy; save the policy text alone as .docx")
        text = " ".join("".join(frame.parts).split())
        if parent.tag == f"{_W}tc":
            parent.parts.append(text)
            return
        if parent.tag != f"{_W}body":
            return
        num_pr = frame.num_pr or self.styles.num_pr(frame.style)
        label = self.numbering.label(num_pr)
        if text:
            self._add(self.paragraph_lines, label + text)

    def _row(self, frame: _Frame, table: _Frame) -> None:
        above = table.rows[-1] if table.rows else []
        resolved: list[tuple[int, str, int]] = []
        offset = frame.grid_before
        shown: list[str] = []
        for span, text, continues in frame.cells:
            if continues:
                # A vertically merged cell shows the cell above it, as often as that one spans.
                match = next((cell for cell in above if cell[0] == offset), None)
                text, count = (match[1], match[2]) if match else ("", span)
            else:
                count = span
            resolved.append((offset, text, count))
            shown.extend([text] * count)
            offset += span
        table.rows[-1:] = [resolved]
        if self.stack and self.stack[-1] is table and len(self.stack) >= 2 \
                and self.stack[-2].tag == f"{_W}body":
            self._add(self.table_lines, " | ".join(cell for cell in shown if cell))

    def _add(self, lines: list[str], line: str) -> None:
        if not line:
            return
        self.chars += len(line) + 1
        if self.chars > self.max_chars:
            raise InputError(f"{self.name} holds more than the {self.max_chars:,} characters of "
                             "text accepted; import the privacy policy alone")
        lines.append(line)


def _events(archive: zipfile.ZipFile) -> Iterator[tuple[str, etree._Element]]:
    with archive.open(_DOCUMENT) as stream:
        yield from etree.iterparse(stream, events=("start", "end"), resolve_entities=False,
                                   no_network=True, load_dtd=False, remove_comments=True,
                                   remove_pis=True, huge_tree=False)


def docx_to_text(data: bytes, name: str, max_chars: int = 10_000_000) -> str:
    """Paragraphs in order (list labels rendered), then table rows with cells split by ' | '."""
    archive = _check_zip(data, name)
    try:
        reader = _DocumentReader(name, _Styles(_part(archive, name, "styles", "styles.xml")),
                                 _Numbering(_part(archive, name, "numbering", "numbering.xml")),
                                 max_chars)
        for event, element in _events(archive):
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
    except InputError:
        raise
    except etree.XMLSyntaxError as error:
        raise _damaged(name, f"invalid XML: {error.msg}") from None
    except Exception as error:  # noqa: BLE001 - a damaged file can fail anywhere inside the parser
        raise _damaged(name, type(error).__name__) from None
    text = "\n".join(reader.paragraph_lines + reader.table_lines)
    if not text.strip():
        raise InputError(f"{name} contains no text; check that it is the right document")
    return text
