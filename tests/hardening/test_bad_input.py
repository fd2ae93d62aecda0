"""The bad-input corpus, end to end through the CLI against a database that holds reviewed work.

Every case must give one clear line on stderr (no traceback), exit 1, and leave the stored
review and the audit trail intact.
"""

from __future__ import annotations

import io
import json
import sqlite3
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop_app.cli import main

POLICY = (
    "1. Who we are\n\nAcme Ltd is the controller of your personal data. Write to "
    "privacy@acme.example.\n\n2. Your rights\n\nYou may ask for access to your data, ask us to "
    "correct it, or ask us to erase it.\n\n3. Retention\n\nWe keep your data for six years.\n"
)


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def reviewed_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A database with one imported policy and one reviewed item."""
    db = tmp_path / "work.sqlite"
    policy = tmp_path / "acme.txt"
    policy.write_text(POLICY, encoding="utf-8")
    assert cli(capsys, "--db", str(db), "import", str(policy), "--checklist", "gdpr")[0] == 0
    code, _, err = cli(capsys, "--db", str(db), "review", "1", "gdpr.retention",
                       "--status", "satisfied", "--evidence", "We keep your data for six years.",
                       "--reviewer", "alice")
    assert code == 0, err
    return db


def assert_work_intact(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "--db", str(db), "show", "1", "--json")
    assert code == 0
    items = {item["item_id"]: item for item in json.loads(out)["items"]}
    assert items["gdpr.retention"]["status"] == "satisfied"
    code, out, err = cli(capsys, "--db", str(db), "verify")
    assert code == 0, out + err


def docx_bytes(document_xml: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document_xml)
    return buffer.getvalue()


def textless_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.rect(100, 100, 200, 200, fill=1)
    page.save()
    return buffer.getvalue()


def huge(path: Path) -> None:
    with path.open("wb") as handle:
        handle.truncate(25 * 1024 * 1024)


BAD_FILES: dict[str, tuple[str, Callable[[Path], None], str]] = {
    "empty": ("empty.txt", lambda p: p.write_bytes(b"  \n"), "empty"),
    "binary": ("photo.txt", lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40),
               "binary"),
    "huge": ("huge.txt", huge, "MB"),
    "malformed-pdf": ("broken.pdf", lambda p: p.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog"),
                      "PDF"),
    "pdf-without-text": ("scan.pdf", lambda p: p.write_bytes(textless_pdf()), "text"),
    "malformed-docx": ("broken.docx", lambda p: p.write_bytes(b"PK\x03\x04 this is not a zip"),
                       "DOCX"),
    "docx-zip-bomb": ("bomb.docx",
                      lambda p: p.write_bytes(docx_bytes(b"<w:document>" + b" " * 300_000_000)),
                      "DOCX"),
    "missing": ("never-written.txt", lambda p: None, "does not exist"),
    "folder": ("a-folder.txt", lambda p: p.mkdir(), "folder"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_file_gives_one_clear_line_and_keeps_the_work(
        case: str, reviewed_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    name, make, expected = BAD_FILES[case]
    path = tmp_path / name
    make(path)
    code, out, err = cli(capsys, "--db", str(reviewed_db), "import", str(path), "--checklist", "gdpr")
    assert code == 1
    assert out == ""
    assert err.startswith("policy-auditor: error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    assert expected.lower() in err.lower(), err
    assert name in err
    assert_work_intact(reviewed_db, capsys)


def test_file_deleted_while_importing(reviewed_db: Path, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "vanishing.txt"
    path.write_text(POLICY, encoding="utf-8")
    original = Path.open

    def open_after_deletion(self: Path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self == path and path.exists():
            self.unlink()
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", open_after_deletion)
    code, _, err = cli(capsys, "--db", str(reviewed_db), "import", str(path), "--checklist", "gdpr")
    assert code == 1 and "deleted while importing" in err and err.count("\n") == 1
    monkeypatch.undo()
    assert_work_intact(reviewed_db, capsys)


@pytest.mark.parametrize(
    ("name", "payload"),
    [
        ("cp1252.txt", POLICY.replace("Acme Ltd", "Café “Acme” Ltd – Zürich").encode("cp1252")),
        ("utf16-bom.txt", POLICY.replace("Acme Ltd", "Café “Acme” Ltd – Zürich").encode("utf-16")),
        ("utf16le.txt", POLICY.replace("Acme Ltd", "Café “Acme” Ltd – Zürich").encode("utf-16-le")),
        ("utf8-bom.txt", b"\xef\xbb\xbf" + POLICY.replace("Acme Ltd", "Café “Acme” Ltd – Zürich")
         .encode("utf-8")),
    ],
)
def test_awkward_encodings_import_with_the_right_text(
        name: str, payload: bytes, reviewed_db: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / name
    path.write_bytes(payload)
    code, out, err = cli(capsys, "text", str(path))
    assert code == 0, err
    assert "Café “Acme” Ltd – Zürich" in out and "\ufeff" not in out
    code, _, err = cli(capsys, "--db", str(reviewed_db), "import", str(path), "--checklist", "gdpr")
    assert code == 0, err
    assert_work_intact(reviewed_db, capsys)


def test_html_scripts_and_styles_never_reach_the_text(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "policy.html"
    page.write_text(
        "<html><head><style>body { color: red }</style><script>var tracker = 1;</script></head>"
        "<body><nav>Home | Shop | Login</nav><h1>Privacy policy</h1>"
        "<p>We keep your data for six years.</p><noscript>Enable JavaScript</noscript>"
        "<script>alert('x')</script></body></html>", encoding="utf-8")
    code, out, _ = cli(capsys, "text", str(page))
    assert code == 0
    assert "We keep your data for six years." in out
    for leaked in ("color: red", "tracker", "alert", "Enable JavaScript"):
        assert leaked not in out


def test_broken_user_checklist_does_not_stop_imports(
        reviewed_db: Path, tmp_path: Path, isolated_data_dir: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    user = isolated_data_dir / "checklists"
    user.mkdir(parents=True)
    (user / "broken.yaml").write_text("id: broken\nitems: [\n", encoding="utf-8")
    code, out, err = cli(capsys, "checklists")
    assert code == 0 and "gdpr" in out
    assert "broken.yaml" in err and "invalid YAML" in err and "Traceback" not in err
    policy = tmp_path / "second.txt"
    policy.write_text(POLICY.replace("six", "seven"), encoding="utf-8")
    assert cli(capsys, "--db", str(reviewed_db), "import", str(policy), "--checklist", "gdpr")[0] == 0
    assert_work_intact(reviewed_db, capsys)


def test_damaged_database_is_reported_and_left_alone(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "damaged.sqlite"
    db.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    before = db.read_bytes()
    code, _, err = cli(capsys, "--db", str(db), "audits")
    assert code == 1 and "Traceback" not in err and err.count("\n") == 1
    assert str(db) in err
    assert db.read_bytes() == before


def test_database_from_a_newer_version_is_refused(reviewed_db: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    connection = sqlite3.connect(reviewed_db)
    connection.execute("PRAGMA user_version = 999")
    connection.commit()
    connection.close()
    code, _, err = cli(capsys, "--db", str(reviewed_db), "audits")
    assert code == 1 and "newer" in err.lower() and err.count("\n") == 1
