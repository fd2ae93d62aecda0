"""Text from a DOCX (python-docx): zip-bomb check first, list numbers rendered, table rows."""

from __future__ import annotations

import io
import zipfile

from desktop_app.errors import InputError

# A DOCX that inflates beyond this, or by more than this ratio, is refused before parsing.
MAX_DOCX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_DOCX_RATIO = 200
_BULLET = "• "


def _check_zip(data: bytes, name: str) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InputError(
            f"{name} is not a valid DOCX file (the archive is damaged); "
            "open it in a word processor and save it again as .docx"
        ) from None
    infos = archive.infolist()
    total = sum(info.file_size for info in infos)
    packed = max(sum(info.compress_size for info in infos), 1)
    if total > MAX_DOCX_UNCOMPRESSED or total / packed > MAX_DOCX_RATIO:
        raise InputError(
            f"{name} expands to {total // (1024 * 1024)} MB when unpacked, which is not a normal "
            "document (possible zip bomb); refusing to open it"
        )
    if "word/document.xml" not in archive.namelist():
        raise InputError(
            f"{name} is not a Word document (word/document.xml is missing); save it as .docx"
        )
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


_FORMATS = {
    "decimal": str,
    "lowerLetter": _letters,
    "upperLetter": lambda number: _letters(number).upper(),
    "lowerRoman": _roman,
    "upperRoman": lambda number: _roman(number).upper(),
}


class _Numbering:
    """Renders Word's automatic list numbers ("1.", "2.1", "(a)"), which are not in the text."""

    def __init__(self, document) -> None:  # noqa: ANN001 - python-docx Document
        from docx.oxml.ns import qn

        self._qn = qn
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {}
        for node in numbering.findall(qn("w:abstractNum")):
            levels = {}
            for level in node.findall(qn("w:lvl")):
                levels[int(level.get(qn("w:ilvl"), "0"))] = (
                    self._value(level, "w:numFmt", "decimal"),
                    self._value(level, "w:lvlText", ""),
                    int(self._value(level, "w:start", "1") or 1),
                )
            abstract[node.get(qn("w:abstractNumId"))] = levels
        for node in numbering.findall(qn("w:num")):
            link = node.find(qn("w:abstractNumId"))
            if link is not None:
                self.levels[node.get(qn("w:numId"))] = abstract.get(link.get(qn("w:val")), {})

    def _value(self, node, tag: str, default: str) -> str:  # noqa: ANN001 - lxml element
        child = node.find(self._qn(tag))
        return default if child is None else child.get(self._qn("w:val"), default)

    def _num_pr(self, paragraph):  # noqa: ANN001, ANN202 - python-docx objects
        properties = paragraph._p.pPr
        if properties is not None and properties.numPr is not None:
            return properties.numPr
        style = paragraph.style
        while style is not None:
            style_properties = style.element.pPr
            if style_properties is not None and style_properties.numPr is not None:
                return style_properties.numPr
            style = style.base_style
        return None

    def label(self, paragraph) -> str:  # noqa: ANN001 - python-docx paragraph
        """The rendered list label plus a space, "• " for bullets, "" for no list."""
        num_pr = self._num_pr(paragraph)
        if num_pr is None or num_pr.numId is None:
            return ""
        num_id = str(num_pr.numId.val)
        level = int(num_pr.ilvl.val) if num_pr.ilvl is not None else 0
        levels = self.levels.get(num_id, {})
        number_format, template, _ = levels.get(level, ("bullet", "", 1))
        if number_format not in _FORMATS or not template:
            return _BULLET
        counters = self.counters.setdefault(num_id, [0] * 9)
        counters[level] += 1
        for deeper in range(level + 1, 9):
            counters[deeper] = 0
        rendered = template
        for index in range(level + 1):
            fmt, _, start = levels.get(index, ("decimal", "", 1))
            value = max(counters[index], 1) + start - 1
            rendered = rendered.replace(f"%{index + 1}", _FORMATS.get(fmt, str)(value))
        return rendered + " "


def _paragraph_line(paragraph, numbering: _Numbering) -> str:  # noqa: ANN001 - python-docx
    text = " ".join(paragraph.text.split())
    return numbering.label(paragraph) + text if text else ""


def docx_to_text(data: bytes, name: str) -> str:
    """Paragraphs in order (list labels rendered), then table rows with cells split by ' | '."""
    _check_zip(data, name)
    from docx import Document

    try:
        document = Document(io.BytesIO(data))
        numbering = _Numbering(document)
        lines = [_paragraph_line(paragraph, numbering) for paragraph in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                cells = [" ".join(cell.text.split()) for cell in row.cells]
                lines.append(" | ".join(cell for cell in cells if cell))
    except Exception as error:  # noqa: BLE001 - a damaged file can fail anywhere inside the parser
        raise InputError(
            f"{name} is a damaged DOCX file that cannot be read ({type(error).__name__}); "
            "open it in a word processor and save it again"
        ) from None
    text = "\n".join(line for line in lines if line)
    if not text.strip():
        raise InputError(f"{name} contains no text; check that it is the right document")
    return text
