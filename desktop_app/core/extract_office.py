"""Text from PDF (text layer, via pypdf) and DOCX (via python-docx), with safety checks first."""

from __future__ import annotations

import io
import logging
import re
import warnings
import zipfile

from desktop_app.errors import InputError

# A DOCX that inflates beyond this, or by more than this ratio, is refused before parsing.
MAX_DOCX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_DOCX_RATIO = 200
_BULLET = "• "
# A line at the top or bottom of at least this share of pages is a running header or footer.
_RUNNING_SHARE = 0.6
_MIN_PAGES_FOR_RUNNING = 3
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$|^-\s*\d{1,4}\s*-$", re.IGNORECASE)


def pdf_to_text(data: bytes, name: str) -> str:
    """The text layer of every page, pages separated by a blank line."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError, PyPdfError

    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise InputError(f"{name} is not a valid PDF file (no PDF header); export the policy to PDF again")
    # pypdf logs and warns about recoverable damage; the outcome is judged by the text we get.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise InputError(f"{name} is password-protected; remove the password and import it again")
            pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError,
            IndexError, RecursionError, OSError, zipfile.BadZipFile) as error:
        raise InputError(
            f"{name} is a damaged PDF that cannot be read ({type(error).__name__}); "
            "export the policy to PDF again or save it as text"
        ) from None
    text = "\n\n".join(_without_running_lines(pages))
    if not text.strip():
        raise InputError(
            f"{name} has no text layer (it is probably a scan); "
            "run OCR on it or import the policy as text, HTML or DOCX"
        )
    return text


def _without_running_lines(pages: list[str]) -> list[str]:
    """Pages without page numbers and without a first or last line repeated on most pages."""
    split = [page.strip().split("\n") for page in pages]
    counts: dict[str, int] = {}
    for lines in split:
        for line in {lines[0].strip(), lines[-1].strip()}:
            counts[line] = counts.get(line, 0) + 1
    enough = len(split) >= _MIN_PAGES_FOR_RUNNING
    running = {line for line, count in counts.items() if enough and line and count >= _RUNNING_SHARE * len(split)}
    kept = []
    for lines in split:
        last = len(lines) - 1
        kept.append("\n".join(
            line for index, line in enumerate(lines)
            if index not in (0, last) or (line.strip() not in running and not _PAGE_NUMBER.match(line.strip()))
        ))
    return kept


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
        raise InputError(f"{name} is not a Word document (word/document.xml is missing); save it as .docx")
    return archive


def _paragraph_line(paragraph) -> str:  # noqa: ANN001 - python-docx paragraph
    text = " ".join(paragraph.text.split())
    if not text:
        return ""
    style = (paragraph.style.name or "").lower() if paragraph.style is not None else ""
    properties = paragraph._p.pPr
    numbered = properties is not None and properties.numPr is not None
    if ("list" in style or numbered) and not text[:1] in "•-–(" and not text[:1].isdigit():
        return _BULLET + text
    return text


def docx_to_text(data: bytes, name: str) -> str:
    """Paragraphs in order (list paragraphs as bullets), then table rows with cells split by ' | '."""
    _check_zip(data, name)
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = Document(io.BytesIO(data))
        lines = [_paragraph_line(paragraph) for paragraph in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                cells = [" ".join(cell.text.split()) for cell in row.cells]
                lines.append(" | ".join(cell for cell in cells if cell))
    except (PackageNotFoundError, KeyError, ValueError, AttributeError, TypeError,
            zipfile.BadZipFile, OSError) as error:
        raise InputError(
            f"{name} is a damaged DOCX file that cannot be read ({type(error).__name__}); "
            "open it in a word processor and save it again"
        ) from None
    except Exception as error:  # noqa: BLE001 - lxml raises its own XMLSyntaxError family
        if type(error).__module__.startswith("lxml"):
            raise InputError(
                f"{name} contains malformed XML and cannot be read; "
                "open it in a word processor and save it again"
            ) from None
        raise
    text = "\n".join(line for line in lines if line)
    if not text.strip():
        raise InputError(f"{name} contains no text; check that it is the right document")
    return text
