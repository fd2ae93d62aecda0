"""Text from the text layer of a PDF (via pypdf), without running headers and page numbers."""

from __future__ import annotations

import io
import logging
import warnings
from typing import TYPE_CHECKING

from desktop_app.core.clean import PAGE_NUMBER_LINE
from desktop_app.errors import InputError

if TYPE_CHECKING:
    from pypdf import PageObject, PdfReader

# A line at the top or bottom of at least this share of pages is a running header or footer.
_RUNNING_SHARE = 0.6
_MIN_PAGES_FOR_RUNNING = 3
# Budgets: text extraction costs 4 to 8 s per MB of page content on a busy 2-core machine, and
# a long real policy has a few hundred KB of it. A stream drawn by several pages counts for each.
MAX_PDF_PAGES = 1_000
MAX_PDF_CONTENT_BYTES = 2 * 1024 * 1024


def pdf_to_text(data: bytes, name: str, max_chars: int = 10_000_000) -> str:
    """The text layer of every page, pages separated by a blank line."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise InputError(
            f"{name} is not a valid PDF file (no PDF header); export the policy to PDF again"
        )
    # pypdf logs and warns about recoverable damage; the outcome is judged by the text we get.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise InputError(
                    f"{name} is password-protected; remove the password and import it again"
                )
            pages = _page_texts(reader, name, max_chars)
    except InputError:
        raise
    except (DependencyError, FileNotDecryptedError):
        raise InputError(
            f"{name} is encrypted and cannot be opened here; save an unprotected copy and import it"
        ) from None
    except Exception as error:  # noqa: BLE001 - a damaged file can fail anywhere inside the parser
        raise InputError(
            f"{name} is a damaged PDF that cannot be read ({type(error).__name__}); "
            "export the policy to PDF again or save it as text"
        ) from None
    text = _join_pages(_without_running_lines(pages))
    if not text.strip():
        raise InputError(
            f"{name} has no text layer (it is probably a scan); "
            "run OCR on it or import the policy as text, HTML or DOCX"
        )
    return text


def _content_size(page: PageObject) -> int:
    contents = page.get("/Contents")
    if contents is None:
        return 0
    contents = contents.get_object()
    streams = contents if isinstance(contents, list) else [contents]
    return sum(len(stream.get_object().get_data()) for stream in streams)


def _page_texts(reader: PdfReader, name: str, max_chars: int) -> list[str]:
    """The text of every page, refusing files over the page or content budget first."""
    count = len(reader.pages)
    if count > MAX_PDF_PAGES:
        raise InputError(f"{name} has {count:,} pages, more than the {MAX_PDF_PAGES:,} accepted; "
                         "import the pages that hold the policy")
    total = 0
    for page in reader.pages:
        total += _content_size(page)
        if total > MAX_PDF_CONTENT_BYTES:
            raise InputError(
                f"{name} has more than the {MAX_PDF_CONTENT_BYTES // (1024 * 1024)} MB of page "
                "content accepted; import the pages that hold the policy, or save it as text")
    texts, length = [], 0
    for page in reader.pages:
        texts.append(page.extract_text() or "")
        length += len(texts[-1])
        if length > max_chars:
            raise InputError(f"{name} holds more than the {max_chars:,} characters of text "
                             "accepted; import the privacy policy alone")
    return texts


def _join_pages(pages: list[str]) -> str:
    """Pages separated by a blank line, unless a sentence runs on from one page to the next."""
    text = ""
    for page in (page.strip() for page in pages):
        if not page:
            continue
        runs_on = text and text[-1] not in ".:;!?" and page[0].islower()
        text += ("\n" if runs_on else "\n\n" if text else "") + page
    return text


def _without_running_lines(pages: list[str]) -> list[str]:
    """Pages without page numbers and without a first or last line repeated on most pages."""
    split = [page.strip().split("\n") for page in pages]
    counts: dict[str, int] = {}
    for lines in split:
        for line in {lines[0].strip(), lines[-1].strip()}:
            counts[line] = counts.get(line, 0) + 1
    enough = len(split) >= _MIN_PAGES_FOR_RUNNING
    running = {line for line, count in counts.items()
               if enough and line and count >= _RUNNING_SHARE * len(split)}
    kept = []
    for lines in split:
        last = len(lines) - 1
        kept.append("\n".join(
            line for index, line in enumerate(lines)
            if index not in (0, last)
            or (line.strip() not in running and not PAGE_NUMBER_LINE.match(line.strip()))
        ))
    return kept
