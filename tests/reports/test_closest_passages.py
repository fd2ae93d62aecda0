"""Reports and exports never present an item's closest passages as evidence: the PDF, Word,
Excel and CSV leave them out, and the JSON export keeps them under their own key."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from io import BytesIO

from docx import Document
from openpyxl import load_workbook

from desktop_app.core.audit import AuditSnapshot, ClosestPassage
from desktop_app.reports.csv_export import export_csv
from desktop_app.reports.docx_export import export_docx
from desktop_app.reports.json_export import export_json
from desktop_app.reports.json_import import audit_from_dict
from desktop_app.reports.pdf import build_report
from desktop_app.reports.xlsx_export import export_xlsx
from tests.reports.conftest import page_texts

MARK = "Nearestpassage"


def _with_closest(snapshot: AuditSnapshot) -> tuple[AuditSnapshot, str]:
    """The first item without evidence gets a closest passage whose quote holds MARK."""
    target = next(r for r in snapshot.reviews if not r.evidence)
    passage = ClosestPassage("9.9", 0, 10, f"{MARK} about something else")
    reviews = tuple(replace(r, closest=(passage,)) if r is target else r
                    for r in snapshot.reviews)
    return replace(snapshot, reviews=reviews), target.item_id


def test_reports_leave_closest_passages_out(snapshot: AuditSnapshot) -> None:
    audit, _ = _with_closest(snapshot)
    for summary in (False, True):
        pdf = BytesIO()
        build_report([audit], pdf, summary=summary)
        assert MARK not in "".join(page_texts(pdf.getvalue()))
    for full in (False, True):
        out = BytesIO()
        export_docx([audit], out, full=full)
        document = Document(BytesIO(out.getvalue()))
        text = "\n".join([p.text for p in document.paragraphs] +
                         [cell.text for table in document.tables for row in table.rows
                          for cell in row.cells])
        assert MARK not in text
    out = BytesIO()
    export_xlsx([audit], out)
    book = load_workbook(BytesIO(out.getvalue()))
    assert not any(MARK in str(cell.value) for sheet in book for row in sheet.iter_rows()
                   for cell in row)
    csv_text = io.StringIO()
    export_csv(audit, csv_text)
    assert MARK not in csv_text.getvalue()


def test_json_export_keeps_closest_passages_under_their_own_key(snapshot: AuditSnapshot) -> None:
    audit, item_id = _with_closest(snapshot)
    out = io.StringIO()
    export_json(audit, out)
    data = json.loads(out.getvalue())
    (review,) = [r for r in data["reviews"] if r["item_id"] == item_id]
    assert review["closest"] == [{"ref": "9.9", "start": 0, "end": 10,
                                  "quote": f"{MARK} about something else"}]
    assert review["evidence"] == []
    assert audit_from_dict(data).review(item_id) == audit.review(item_id)
    # An export made before closest passages were stored reads back with none.
    for old in data["reviews"]:
        del old["closest"]
    assert audit_from_dict(data).review(item_id).closest == ()
