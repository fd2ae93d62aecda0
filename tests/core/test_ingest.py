"""Extraction from every supported format, encoding detection, and one clear error per bad input."""

from __future__ import annotations

import functools
import hashlib
import io
import os
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core import ingest
from desktop_app.core.extract_docx import MAX_DOCX_UNCOMPRESSED
from desktop_app.core.ingest import extract_text, load_document, text_from_bytes
from desktop_app.errors import InputError

POLICY = (
    "Privacy Policy\n\n"
    "1. Collection\n"
    "We collect your name and email address when you register.\n"
    "2. Use\n"
    "We use your data to provide the service you asked for.\n"
)


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _pdf(path: Path, lines: list[str]) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4)
    y = 800
    for line in lines:
        pdf.drawString(72, y, line)
        y -= 16
    if not lines:
        pdf.rect(100, 100, 200, 200, fill=1)
    pdf.save()
    return path


def _docx(path: Path, paragraphs: list[tuple[str, str | None]]) -> Path:
    from docx import Document

    document = Document()
    for text, style in paragraphs:
        document.add_paragraph(text, style=style)
    document.save(str(path))
    return path


# --- formats -----------------------------------------------------------------------------------


def test_txt_keeps_text_and_reports_hash_and_encoding(tmp_path: Path) -> None:
    data = POLICY.encode("utf-8")
    extracted = extract_text(_write(tmp_path, "p.txt", data))
    assert extracted.source_format == "txt"
    assert extracted.encoding == "utf-8"
    assert extracted.sha256 == hashlib.sha256(data).hexdigest()
    assert "We collect your name and email address when you register." in extracted.text


def test_markdown_headings_and_lists_become_lines(tmp_path: Path) -> None:
    source = "# Privacy Policy\n\nWe *collect* data\nwrapped here.\n\n- first item\n- second item\n"
    text = extract_text(_write(tmp_path, "p.md", source.encode())).text
    lines = text.splitlines()
    assert lines[0] == "Privacy Policy"
    assert "We collect data wrapped here." in lines
    assert "• first item" in lines and "• second item" in lines


def test_html_drops_page_chrome_and_keeps_structure(tmp_path: Path) -> None:
    html = (
        "<html><head><title>T</title><style>p {color: red}</style>"
        "<script>var tracking = 1;</script></head><body>"
        "<header>Site header</header><nav>Home | Products</nav>"
        "<h1>Privacy Policy</h1><p>We collect <b>your</b> name.</p>"
        "<ul><li>Account data</li><li>Usage data</li></ul>"
        "<noscript>Enable JavaScript</noscript><footer>Copyright 2024</footer></body></html>"
    )
    extracted = extract_text(_write(tmp_path, "p.html", html.encode()))
    assert extracted.source_format == "html"
    lines = extracted.text.splitlines()
    assert lines == [
        "Privacy Policy", "We collect your name.", "• Account data", "• Usage data"]


def test_html_hidden_elements_and_pop_ups_are_dropped(tmp_path: Path) -> None:
    html = (
        '<body><div id="onetrust-banner-sdk">We use cookies <button>Accept</button></div>'
        '<div role="navigation">Home Shop</div><p hidden>Hidden text</p>'
        '<main><h2>Cookies</h2><section id="cookies"><p>We use cookies to remember you.</p>'
        "</section><table><tr><th>Data</th><th>Purpose</th></tr>"
        "<tr><td>Email</td><td>Newsletters</td></tr></table>"
        "</main></body>"
    )
    text = extract_text(_write(tmp_path, "p.htm", html.encode())).text
    assert text.splitlines() == [
        "Cookies", "We use cookies to remember you.", "Data | Purpose", "Email | Newsletters"]


def test_html_table_rows_are_clauses_of_their_section(tmp_path: Path) -> None:
    html = ("<h1>Privacy Policy</h1><h2>California residents</h2>"
            "<table><tr><th>Right</th><th>How</th></tr><tr><td>Erasure</td>"
            "<td>Write to us</td></tr></table><h2>Contact us</h2>"
            "<p>Write to privacy@example.com with any question.</p>")
    clauses = load_document(_write(tmp_path, "p.html", html.encode())).clauses
    rows = {c.text: c.heading for c in clauses if " | " in c.text}
    assert rows == {"Right | How": "California residents",
                    "Erasure | Write to us": "California residents"}
    assert [c.heading for c in clauses if "privacy@" in c.text] == ["Contact us"]


@pytest.mark.parametrize("markup", [b"https://example.com/privacy", b"policy.html",
                                    b"<?xml version='1.0'?><html><p>We collect data.</p></html>"])
def test_odd_html_content_never_warns(tmp_path: Path, markup: bytes) -> None:
    # pytest turns warnings into errors, so a warning from the parser would fail here.
    assert extract_text(_write(tmp_path, "p.html", markup)).text


def test_saved_web_page_named_txt_is_read_as_html(tmp_path: Path) -> None:
    page = b"<!DOCTYPE html><html><body><nav>Home</nav><p>We collect data.</p></body></html>"
    extracted = extract_text(_write(tmp_path, "page.txt", page))
    assert (extracted.source_format, extracted.text) == ("html", "We collect data.")


def test_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    pdf = _pdf(tmp_path / "policy.pdf", ["We collect your name."]).read_bytes()
    assert extract_text(_write(tmp_path, "policy.bin", pdf)).source_format == "pdf"
    assert extract_text(_write(tmp_path, "policy", b"We collect data.")).source_format == "txt"


def test_pdf_running_headers_and_page_numbers_are_dropped(tmp_path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "pages.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for page in range(1, 4):
        pdf.drawString(72, 800, "Acme Privacy Policy")
        pdf.drawString(72, 760, f"{page}. Section {page}")
        pdf.drawString(72, 740, f"We explain topic number {page} in plain words here.")
        pdf.drawString(72, 40, f"Page {page} of 3")
        pdf.showPage()
    pdf.save()
    text = extract_text(path).text
    assert "Page 2 of 3" not in text and text.count("Acme Privacy Policy") == 0
    assert "\n\n2. Section 2" in text
    assert "We explain topic number 2 in plain words here." in text
    assert [clause.ref for clause in load_document(path).clauses] == [
        "1 › paragraph 1", "2 › paragraph 1", "3 › paragraph 1"]


def test_pdf_sentence_running_over_a_page_break_stays_whole(tmp_path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "runs-on.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.drawString(72, 800, "Privacy Policy")
    pdf.drawString(72, 780, "We keep your personal data for as long as we need it to")
    pdf.showPage()
    pdf.drawString(72, 800, "provide the service, and then we delete it.")
    pdf.save()
    clauses = load_document(path).clauses
    assert [clause.text for clause in clauses] == [
        "We keep your personal data for as long as we need it to provide the service, "
        "and then we delete it."]


def test_pdf_text_layer_is_extracted(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "p.pdf", ["Privacy Policy", "1. Collection", "We collect your name."])
    extracted = extract_text(path)
    assert extracted.source_format == "pdf"
    assert "We collect your name." in extracted.text
    document = load_document(path)
    assert any("We collect your name." in clause.text for clause in document.clauses)


def test_docx_automatic_numbering_is_rendered(tmp_path: Path) -> None:
    path = _docx(tmp_path / "numbered.docx", [
        ("Privacy Policy", "Title"),
        ("Collection", "List Number"),
        ("We collect your name when you register.", None),
        ("Use", "List Number"),
        ("We use your name to greet you.", None),
    ])
    assert extract_text(path).text.splitlines()[1:4:2] == ["1. Collection", "2. Use"]
    clauses = load_document(path).clauses
    refs = [(clause.ref, clause.heading) for clause in clauses]
    assert refs == [("1 › paragraph 1", "Collection"), ("2 › paragraph 1", "Use")]


def test_docx_paragraphs_and_bullets(tmp_path: Path) -> None:
    path = _docx(tmp_path / "p.docx", [
        ("Privacy Policy", "Title"),
        ("We collect your name.", None),
        ("Account data", "List Bullet"),
    ])
    extracted = extract_text(path)
    assert extracted.source_format == "docx"
    lines = extracted.text.splitlines()
    assert lines == ["Privacy Policy", "We collect your name.", "• Account data"]


# --- encodings ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("Café policy: we collect data.".encode("utf-8-sig"), "utf-8-sig"),
        ("Café policy: we collect data.".encode("utf-16"), "utf-16"),
        ("Café policy: we collect data.".encode("utf-16-le"), "utf-16-le"),
        ("Café policy: we collect data.".encode("utf-16-be"), "utf-16-be"),
        ("Café policy: we collect data — “quoted”.".encode("cp1252"), "cp1252"),
    ],
)
def test_encodings_are_detected(tmp_path: Path, data: bytes, encoding: str) -> None:
    extracted = extract_text(_write(tmp_path, "p.txt", data))
    assert extracted.encoding == encoding
    assert extracted.text.startswith("Café policy: we collect data")
    assert "\ufeff" not in extracted.text


def test_line_endings_and_odd_spaces_are_normalised(tmp_path: Path) -> None:
    data = "Privacy\u00a0Policy\r\nWe collect\u200b data.\rWe keep it.\t\n".encode()
    text = extract_text(_write(tmp_path, "p.txt", data)).text
    assert text == "Privacy Policy\nWe collect data.\nWe keep it."


def test_symbol_font_bullets_become_bullets(tmp_path: Path) -> None:
    data = "We collect:\n\uf0b7 your name\n\uf0a7 your email\x7f\n".encode()
    text = extract_text(_write(tmp_path, "p.txt", data)).text
    assert text == "We collect:\n• your name\n• your email"


# --- bad input: one clear InputError each ------------------------------------------------------


def _error(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        extract_text(path)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_missing_file(tmp_path: Path) -> None:
    assert "does not exist" in _error(tmp_path / "nope.txt")


def test_folder_instead_of_file(tmp_path: Path) -> None:
    assert "folder" in _error(tmp_path)


def test_empty_file(tmp_path: Path) -> None:
    assert "empty" in _error(_write(tmp_path, "empty.txt", b""))
    assert "empty" in _error(_write(tmp_path, "blank.txt", b"  \n\n "))


def test_binary_file(tmp_path: Path) -> None:
    data = bytes(range(256)) * 40
    assert "binary" in _error(_write(tmp_path, "blob.txt", data))


def test_file_over_the_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest, "MAX_FILE_BYTES", 1000)
    message = _error(_write(tmp_path, "big.txt", b"We collect data. " * 100))
    assert "not accepted" in message


def test_text_over_the_character_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest, "MAX_TEXT_CHARS", 100)
    assert "characters" in _error(_write(tmp_path, "long.txt", b"We collect data. " * 20))


def test_html_with_only_scripts_has_no_text(tmp_path: Path) -> None:
    html = b"<html><script>alert(1)</script><style>p{}</style></html>"
    assert "no readable text" in _error(_write(tmp_path, "p.html", html))


def test_malformed_pdf(tmp_path: Path) -> None:
    assert "PDF" in _error(_write(tmp_path, "bad.pdf", b"this is not a pdf at all"))
    truncated = _pdf(tmp_path / "ok.pdf", ["Privacy Policy"]).read_bytes()[:300]
    message = _error(_write(tmp_path, "cut.pdf", truncated))
    assert "PDF" in message or "text layer" in message


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    assert "no text layer" in _error(_pdf(tmp_path / "scan.pdf", []))


def test_malformed_docx(tmp_path: Path) -> None:
    assert "DOCX" in _error(_write(tmp_path, "bad.docx", b"PK\x03\x04 not really a zip"))
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("readme.txt", "hello")
    assert "word/document.xml" in _error(_write(tmp_path, "other.docx", archive.getvalue()))
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as zipped:
        zipped.writestr("[Content_Types].xml", "<Types")
        zipped.writestr("word/document.xml", "<w:document")
    assert "save it again" in _error(_write(tmp_path, "broken.docx", broken.getvalue()))


def test_docx_zip_bomb_is_refused_before_parsing(tmp_path: Path) -> None:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("word/document.xml", b"\0" * (MAX_DOCX_UNCOMPRESSED // 8))
    assert "zip bomb" in _error(_write(tmp_path, "bomb.docx", archive.getvalue()))


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, "locked.txt", b"We collect data.")

    def deny(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", deny)
    assert "permission" in _error(path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_pipe_instead_of_file(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    assert "not a regular file" in _error(pipe)


def test_file_deleted_while_importing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, "gone.txt", b"We collect data.")
    real_stat = Path.stat

    def stat_then_delete(self: Path, **kwargs: object):  # noqa: ANN202 - mirrors Path.stat
        result = real_stat(self, **kwargs)
        if self == path:
            os.unlink(path)    # another program removes the file between our checks and the read
        return result

    monkeypatch.setattr(Path, "stat", stat_then_delete)
    assert "deleted" in _error(path)


@settings(max_examples=60, deadline=None)
@given(prefix=st.sampled_from([b"", b"%PDF-1.4\n", b"PK\x03\x04", b"<html>", b"\xff\xfe"]),
       body=st.binary(max_size=400),
       source_format=st.sampled_from(["txt", "md", "html", "pdf", "docx"]))
def test_any_bytes_give_text_or_one_input_error(prefix: bytes, body: bytes,
                                                source_format: str) -> None:
    try:
        text, _ = text_from_bytes(prefix + body, source_format, "fuzz")
    except InputError as error:
        assert "\n" not in str(error)
    else:
        assert text.strip()


@functools.cache
def _valid_file(source_format: str) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        if source_format == "pdf":
            path = _pdf(Path(folder) / "p.pdf", ["Privacy Policy", "We collect your name."])
        else:
            path = _docx(Path(folder) / "p.docx", [("We collect your name.", None)])
        return path.read_bytes()


@settings(max_examples=60, deadline=None)
@given(source_format=st.sampled_from(["pdf", "docx"]),
       damage=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)),
                       min_size=1, max_size=8),
       cut=st.floats(0.3, 1))
def test_damaged_pdf_and_docx_give_text_or_one_input_error(
        source_format: str, damage: list[tuple[float, int]], cut: float) -> None:
    valid = _valid_file(source_format)
    data = bytearray(valid[: max(8, int(len(valid) * cut))])
    for where, value in damage:
        data[int(where * len(data))] = value
    try:
        text_from_bytes(bytes(data), source_format, "damaged")
    except InputError as error:
        assert "\n" not in str(error)
