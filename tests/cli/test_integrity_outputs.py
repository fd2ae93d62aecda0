"""Every report and export runs the full integrity check first, through one service path."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest
from docx import Document

from desktop_app.core.status import Status
from desktop_app.errors import IntegrityCheckFailed
from desktop_app.store.verify import ACTORS_NOT_PROVEN
from tests.cli.helpers import run
from tests.reports.conftest import page_texts
from tests.store.helpers import import_doc, make_document, open_workspace

ITEM = "test-law.retention"


@pytest.fixture
def signed_db(tmp_path: Path) -> Path:
    """One audit, every item decided and signed off: a report of it would say FINAL."""
    path = tmp_path / "audits.sqlite"
    with open_workspace(path) as ws:
        audit_id = import_doc(ws, make_document()).audit_ids[0]
        assert audit_id == 1
        for review in ws.audit(1).reviews:
            ws.set_status(1, review.item_id, review.suggested_status, "alice")
        ws.set_status(1, ITEM, Status.PARTIAL, "alice")
        ws.sign_off(1, "bob")
    return path


def _edit_status(path: Path) -> None:
    conn = sqlite3.connect(str(path))
    conn.execute("UPDATE assessments SET status = 'satisfied' WHERE item_id = ?", [ITEM])
    conn.commit()
    conn.close()


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_a_verified_report_says_so_and_that_actors_are_not_proven(
        capsys: pytest.CaptureFixture[str], signed_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    code, stdout, _ = run(capsys, "report", "1", "--db", str(signed_db), "--out", str(out))
    assert code == 0 and stdout.endswith("final.\n")
    first = _flat(page_texts(out.read_bytes())[0])
    assert "FINAL" in first and "Integrity check passed: hash chain intact" in first
    assert _flat(ACTORS_NOT_PROVEN) in first


@pytest.mark.parametrize("argv", [
    ["report", "1"], ["report", "1", "--summary"], ["export", "1", "--format", "csv"],
    ["export", "1", "--format", "json"], ["export", "1", "--format", "docx"],
    ["export", "1", "--format", "xlsx"],
])
def test_an_edited_status_stops_every_output(capsys: pytest.CaptureFixture[str],
                                             signed_db: Path, tmp_path: Path,
                                             argv: list[str]) -> None:
    _edit_status(signed_db)
    out = tmp_path / "out.file"
    code, stdout, err = run(capsys, *argv, "--db", str(signed_db), "--out", str(out))
    assert (code, stdout) == (1, "")
    assert err.count("\n") == 1
    assert err.startswith("policy-auditor: error: the integrity check failed, so nothing was "
                          f"written: audit 1 item {ITEM} (assessments row")
    assert "field 'status' changed outside Policy Auditor" in err and "--allow-unverified" in err
    assert not out.exists()


def test_allowed_unverified_pdf_says_so_on_page_one_and_every_header(
        capsys: pytest.CaptureFixture[str], signed_db: Path, tmp_path: Path) -> None:
    _edit_status(signed_db)
    out = tmp_path / "report.pdf"
    code, stdout, err = run(capsys, "report", "1", "--db", str(signed_db), "--out", str(out),
                            "--allow-unverified")
    assert code == 0 and "marked INTEGRITY CHECK FAILED" in stdout
    assert "warning: the integrity check failed" in err
    pages = [_flat(page) for page in page_texts(out.read_bytes())]
    assert len(pages) > 2
    assert "FINAL" not in pages[0]
    assert "field 'status' changed outside Policy Auditor" in pages[0]
    for page in pages:
        assert page.count("INTEGRITY CHECK FAILED") >= 2, page[:300]  # header label and line
        assert re.search(rf"INTEGRITY CHECK FAILED: \d+ problem\(s\): audit 1 item {ITEM}", page)


def _export_tampered(capsys: pytest.CaptureFixture[str], db: Path, kind: str,
                     out: Path) -> tuple[int, str]:
    """Change a status behind the app's back, then export with --allow-unverified."""
    _edit_status(db)
    code, _, err = run(capsys, "export", "1", "--format", kind, "--db", str(db),
                       "--out", str(out), "--allow-unverified")
    return code, err


def test_allowed_unverified_docx_says_so_instead_of_final(capsys: pytest.CaptureFixture[str],
                                                         signed_db: Path,
                                                         tmp_path: Path) -> None:
    out = tmp_path / "summary.docx"
    code, err = _export_tampered(capsys, signed_db, "docx", out)
    assert code == 0 and "marked INTEGRITY CHECK FAILED" in err
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "INTEGRITY CHECK FAILED" in text and "FINAL" not in text


def test_allowed_unverified_xlsx_says_so_on_every_sheet(capsys: pytest.CaptureFixture[str],
                                                        signed_db: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "clean.xlsx"
    assert run(capsys, "export", "1", "--format", "xlsx", "--db", str(signed_db),
               "--out", str(out))[0] == 0
    clean = load_workbook(out)
    assert all(sheet.oddHeader.center.text is None for sheet in clean.worksheets)
    assert clean["Summary"].cell(row=3, column=1).value is None

    code, err = _export_tampered(capsys, signed_db, "xlsx", out)
    assert code == 0 and "marked INTEGRITY CHECK FAILED" in err
    book = load_workbook(out)
    banner = book["Summary"].cell(row=3, column=1).value
    assert re.match(r"INTEGRITY CHECK FAILED: \d+ problem\(s\): audit 1 item", banner)
    assert "field 'status' changed outside Policy Auditor" in banner
    assert len(book.worksheets) == 3
    for sheet in book.worksheets:
        assert "INTEGRITY CHECK FAILED" in sheet.oddHeader.center.text
        assert sheet.sheet_properties.tabColor.rgb.endswith("B00020")
    # The table stays where it was: the banner uses the spare row above it.
    assert book["Summary"].cell(row=4, column=1).value == "Audit"


def test_allowed_unverified_csv_warns_that_it_cannot_say_so(capsys: pytest.CaptureFixture[str],
                                                           signed_db: Path,
                                                           tmp_path: Path) -> None:
    out = tmp_path / "audit.csv"
    code, err = _export_tampered(capsys, signed_db, "csv", out)
    assert code == 0 and out.exists() and "CSV has no place to say so" in err


def test_the_service_refuses_before_writing(signed_db: Path, tmp_path: Path) -> None:
    _edit_status(signed_db)
    out = tmp_path / "x.pdf"
    with open_workspace(signed_db) as ws:
        with pytest.raises(IntegrityCheckFailed) as failure:
            ws.export("pdf", [1], out)
        assert any("'status'" in problem for problem in failure.value.problems)
        assert not out.exists()
        result = ws.export("csv", [1], tmp_path / "a.csv", allow_unverified=True)
        assert not result.verification.ok and not result.marked
        result = ws.export("json", [1], tmp_path / "a.json", allow_unverified=True)
    assert result.marked
    data = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    assert data["integrity"]["ok"] is False
    assert data["integrity"]["problems"] == list(result.verification.problems)
