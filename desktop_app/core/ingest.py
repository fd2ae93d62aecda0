"""Public entry points: read a policy file, extract its text, and build a PolicyDocument."""

from __future__ import annotations

import hashlib
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core.checklist import Checklist
from desktop_app.core.checklist_loader import ChecklistRegistry
from desktop_app.core.clean import find_boilerplate
from desktop_app.core.document import PolicyDocument
from desktop_app.core.encoding import decode_bytes
from desktop_app.core.metadata import read_metadata
from desktop_app.core.reflow import prepare_text
from desktop_app.core.segment import segment
from desktop_app.errors import InputError

MAX_FILE_BYTES = 20 * 1024 * 1024
# Budgets for one policy: a long real policy has 150,000 characters in 1,000 paragraphs. Up to
# these limits a policy is read, cleaned, segmented, linted and assessed within 30 seconds.
MAX_TEXT_CHARS = 500_000
MAX_PARAGRAPHS = 10_000
SOURCE_FORMATS = ("txt", "md", "html", "pdf", "docx")
_HTML_STARTS = (b"<!doctype html", b"<html")
_SUFFIX_FORMATS = {
    ".txt": "txt", ".text": "txt", "": "txt",
    ".md": "md", ".markdown": "md",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}


@dataclass(frozen=True)
class ExtractedText:
    """The policy text as every offset sees it, plus where it came from."""

    text: str
    source_format: str
    sha256: str
    encoding: str


def _read_bytes(path: Path) -> bytes:
    name = path.name or str(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"{path} is a folder, not a policy file; choose a file inside it")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(
                f"{path} is not a regular file (a device or pipe); choose the policy file"
            )
        if info.st_size > MAX_FILE_BYTES:
            raise InputError(
                f"{name} is {info.st_size / (1024 * 1024):.1f} MB; policies larger than "
                f"{MAX_FILE_BYTES // (1024 * 1024)} MB are not accepted. "
                "Import the policy text alone"
            )
        # Read no more than the limit, even if the file grows while we read it.
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise InputError(
            f"{path} does not exist (or was deleted while importing); check the path"
        ) from None
    except PermissionError:
        raise InputError(
            f"{path} cannot be read (permission denied); check the file's permissions"
        ) from None
    except IsADirectoryError:
        raise InputError(
            f"{path} is a folder, not a policy file; choose a file inside it"
        ) from None
    except OSError as error:
        raise InputError(
            f"{path} cannot be read ({error.strerror or error}); check the file"
        ) from None
    if len(data) > MAX_FILE_BYTES:
        raise InputError(
            f"{name} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; "
            "import the policy text alone"
        )
    if not data.strip():
        raise InputError(f"{name} is empty; choose the file that holds the policy text")
    return data


def _sniff_format(path: Path, data: bytes) -> str:
    suffix = path.suffix.lower()
    head = data.lstrip()[:512].lower()
    if suffix in _SUFFIX_FORMATS:
        # A saved web page is often named .txt: read its markup as HTML.
        if _SUFFIX_FORMATS[suffix] == "txt" and head.startswith(_HTML_STARTS):
            return "html"
        return _SUFFIX_FORMATS[suffix]
    if head.startswith(b"%pdf"):
        return "pdf"
    if head.startswith(b"pk\x03\x04"):
        return "docx"
    if head.startswith(_HTML_STARTS):
        return "html"
    return "txt"


def _raw_text(data: bytes, source_format: str, name: str) -> tuple[str, str]:
    # Each format's parser is imported only for that format: a plain-text policy (the common
    # case, and every batch `assess`) then starts without lxml, markdown-it and pypdf.
    if source_format == "pdf":
        from desktop_app.core.extract_pdf import pdf_to_text

        return pdf_to_text(data, name, MAX_TEXT_CHARS), "pdf"
    if source_format == "docx":
        from desktop_app.core.extract_docx import docx_to_text

        return docx_to_text(data, name, MAX_TEXT_CHARS), "docx"
    decoded, encoding = decode_bytes(data, name)
    if source_format == "html":
        from desktop_app.core.extract_markup import html_to_text

        return html_to_text(decoded, name), encoding
    if source_format == "md":
        from desktop_app.core.extract_markup import markdown_to_text

        return markdown_to_text(decoded, name), encoding
    return decoded, encoding


def text_from_bytes(data: bytes, source_format: str, name: str = "the file") -> tuple[str, str]:
    """Extracted (normalised, re-flowed) text and the encoding used, from raw file bytes."""
    raw, encoding = _raw_text(data, source_format, name)
    # Re-flowing only removes white space: raw text far over the limit is refused before it.
    if len(raw) > 2 * MAX_TEXT_CHARS:
        raise InputError(
            f"{name} holds {len(raw):,} characters of text, more than the "
            f"{MAX_TEXT_CHARS:,} accepted; import the privacy policy alone"
        )
    text = prepare_text(raw)
    if not text.strip():
        raise InputError(f"{name} contains no readable text; choose the file that holds the policy")
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(
            f"{name} holds {len(text):,} characters of text, more than the "
            f"{MAX_TEXT_CHARS:,} accepted; import the privacy policy alone"
        )
    paragraphs = sum(1 for line in text.split("\n") if line.strip())
    if paragraphs > MAX_PARAGRAPHS:
        raise InputError(
            f"{name} holds {paragraphs:,} paragraphs and list items, more than the "
            f"{MAX_PARAGRAPHS:,} accepted; import the privacy policy alone"
        )
    return text, encoding


def extract_text(path: Path) -> ExtractedText:
    """Read `path` (txt, md, html, pdf or docx) and return its extracted text."""
    path = Path(path)
    data = _read_bytes(path)
    source_format = _sniff_format(path, data)
    text, encoding = text_from_bytes(data, source_format, path.name)
    return ExtractedText(text, source_format, hashlib.sha256(data).hexdigest(), encoding)


def analyse_text(text: str, source_format: str = "txt",
                 checklists: Sequence[Checklist] | None = None) -> PolicyDocument:
    """Clean, segment and read metadata from already-extracted text (offsets index `text`).

    Detection offers the given checklists; by default the shipped and user ones.
    """
    removed = find_boilerplate(text)
    clauses = segment(text, removed)
    if checklists is None:
        checklists = ChecklistRegistry.default().all()
    metadata = read_metadata(text, removed, checklists)
    return PolicyDocument(
        text=text,
        source_format=source_format,
        title=metadata.title,
        organisation=metadata.organisation,
        effective_date=metadata.effective_date,
        jurisdictions=list(metadata.jurisdictions),
        clauses=clauses,
        removed=removed,
    )


def load_document(path: Path, checklists: Sequence[Checklist] | None = None) -> PolicyDocument:
    """Extract, clean, segment and read metadata: the full import pipeline for one file."""
    extracted = extract_text(path)
    return analyse_text(extracted.text, extracted.source_format, checklists)
