"""Word and Excel exports, read back with python-docx and openpyxl."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from io import BytesIO

import pytest
from docx import Document
from openpyxl import load_workbook

from desktop_app.core.audit import AuditSnapshot
from desktop_app.core.finding import FindingState, Risk, StoredFinding
from desktop_app.core.plan import plan_of
from desktop_app.reports.docx_export import export_docx
from desktop_app.reports.item_rows import insertion_clause
from desktop_app.reports.pdf import build_report
from desktop_app.reports.xlsx_export import STATUS_FILLS, export_xlsx
from tests.reports.conftest import page_texts
from tests.reports.helpers import make_checklist, make_snapshot

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WORDING = "We keep your data for [period], then delete it."
TODAY = dt.date(2026, 12, 1)


@pytest.fixture
def audit() -> AuditSnapshot:
    """An audit whose first finding has an owner, a due date passed, a formula-like note and
    sample wording on its item."""
    snapshot = make_snapshot()
    first = next(f for f in plan_of(snapshot) if snapshot.review(f.item_id).evidence)
    items = tuple(replace(item, sample_wording=WORDING) if item.id == first.item_id else item
                  for item in snapshot.checklist.items)
    reviews = tuple(replace(r, note="=HYPERLINK(\"http://x\")") if r.item_id == first.item_id
                    else r for r in snapshot.reviews)
    stored = StoredFinding(1, snapshot.audit_id, first.item_id, risk=Risk.LOW, owner="Dana",
                           due="2026-11-01", response="Agreed", state=FindingState.IN_PROGRESS)
    return replace(snapshot, checklist=replace(snapshot.checklist, items=items),
                   reviews=reviews, stored_findings=(stored,))


def _docx(audits: list[AuditSnapshot], full: bool = False) -> Document:
    out = BytesIO()
    export_docx(audits, out, full=full, today=TODAY)
    return Document(BytesIO(out.getvalue()))


def _table_text(document: Document) -> str:
    return "\n".join(cell.text for table in document.tables for row in table.rows
                     for cell in row.cells)


def test_docx_summary_has_headings_tables_and_the_plan(audit: AuditSnapshot) -> None:
    document = _docx([audit])
    headings = [(p.style.name, p.text) for p in document.paragraphs
                if p.style.name.startswith(("Heading", "Title"))]
    assert ("Title", "Privacy policy audit — summary") in headings
    assert {"Verdict", "Top risks", "Remediation plan", "Suggested wording"} <= {
        text for style, text in headings if style == "Heading 1"}
    cells = _table_text(document)
    for finding in plan_of(audit):
        assert finding.item_id in cells
    assert "Dana" in cells and "2026-11-01 (overdue)" in cells and "In progress" in cells
    assert document.tables[0].style.name == "Table Grid"


def test_docx_sample_wording_is_a_tracked_insertion(audit: AuditSnapshot) -> None:
    document = _docx([audit], full=True)
    insertions = document.element.body.findall(f".//{W}ins")
    inserted = "".join(node.text or "" for ins in insertions for node in ins.iter(f"{W}t"))
    assert WORDING in inserted and all(ins.get(f"{W}author") for ins in insertions)
    texts = ["".join(node.text or "" for node in p._p.iter(f"{W}t"))
             for p in document.paragraphs]
    at = [i for i, text in enumerate(texts) if text == WORDING]
    clause = insertion_clause(audit, next(f for f in plan_of(audit) if f.sample_wording))
    # In the policy text, the insertion follows the clause where the item's evidence is.
    assert clause and texts[at[-1] - 1].startswith(f"{clause} ")


def test_docx_workpaper_lists_every_item_with_its_status(audit: AuditSnapshot) -> None:
    document = _docx([audit], full=True)
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 3"]
    for review in audit.reviews:
        assert any(f"({review.item_id})" in text and text.startswith(
            review.effective_status.symbol) for text in headings)
    statuses = {table.rows[0].cells[1].text for table in document.tables
                if table.rows[0].cells[0].text == "Status"}
    assert {r.effective_status.label for r in audit.reviews} <= {
        s.split(" (")[0] for s in statuses}
    assert len(_docx([audit]).paragraphs) < len(document.paragraphs)


def test_xlsx_sheets_rows_filters_and_colours(audit: AuditSnapshot) -> None:
    other = make_snapshot(2, checklist=make_checklist("gdpr"), policy_id=2,
                          policy_name="Other: [policy]*")
    out = BytesIO()
    export_xlsx([audit, other], out, today=TODAY)
    book = load_workbook(BytesIO(out.getvalue()))
    assert book.sheetnames[0] == "Summary" and book.sheetnames[-1] == "Plan"
    assert len(book.sheetnames) == 4 and all(len(n) <= 31 for n in book.sheetnames)
    sheet = book[book.sheetnames[1]]
    header = [cell.value for cell in sheet[1]]
    assert header[:6] == ["Item", "Title", "Level", "Status", "Reviewed", "Decided by"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    for review in audit.reviews:
        assert rows[review.item_id][3] == review.effective_status.label
    for row in sheet.iter_rows(min_row=2):
        status = next(s for s in STATUS_FILLS if s.label == row[3].value)
        assert row[3].fill.fgColor.rgb.endswith(STATUS_FILLS[status])
    first = next(f for f in plan_of(audit) if f.sample_wording)
    assert rows[first.item_id][7] == "=HYPERLINK(\"http://x\")"
    assert sheet.cell(row=list(rows).index(first.item_id) + 2, column=8).data_type == "s"
    assert rows[first.item_id][8:] == ("Low", first.recommendation, "Agreed", "Dana",
                                       "2026-11-01", "In progress")

    plan = book["Plan"]
    plan_rows = list(plan.iter_rows(min_row=2, values_only=True))
    assert len(plan_rows) == len(plan_of(audit)) + len(plan_of(other))
    mine = next(row for row in plan_rows if row[3] == first.item_id and row[0] == 1)
    assert mine[13] == "yes" and mine[14] == WORDING
    assert plan.freeze_panes == "A2" and plan.auto_filter.ref

    summary = book["Summary"]
    assert "score" in summary["A2"].value
    audits = [row[0] for row in summary.iter_rows(min_row=5, values_only=True)]
    assert audits == [1, 2]


def test_a_promoted_defect_appears_in_every_plan(audit: AuditSnapshot) -> None:
    promoted = StoredFinding(2, audit.audit_id, "defect-1", owner="Editor")
    audit = replace(audit, stored_findings=(*audit.stored_findings, promoted))
    out = BytesIO()
    export_xlsx([audit], out, today=TODAY)
    plan = load_workbook(BytesIO(out.getvalue()))["Plan"]
    [row] = [r for r in plan.iter_rows(min_row=2, values_only=True) if r[3] == "defect-1"]
    assert row[6] == "Drafting defect" and row[10] == "Editor"
    assert "defect-1" in _table_text(_docx([audit]))
    pdf = BytesIO()
    build_report([audit], pdf, summary=True)
    assert "defect-1" in "".join(page_texts(pdf.getvalue())).replace("\n", "")


def test_word_and_excel_name_the_checklist_versions_and_the_law_date(
        audit: AuditSnapshot) -> None:
    upgraded = replace(audit, as_at="2027-02-01", upgraded_from_version="2026.2")
    expected = f"v{audit.checklist.version} (upgraded from v2026.2), law as at 2027-02-01"
    headings = [p.text for p in _docx([upgraded], full=True).paragraphs
                if p.style.name.startswith("Heading")]
    assert any(text.endswith(expected) for text in headings)
    out = BytesIO()
    export_xlsx([upgraded], out, today=TODAY)
    summary = load_workbook(BytesIO(out.getvalue()))["Summary"]
    assert summary.cell(row=4, column=4).value == "Checklist and law"
    assert summary.cell(row=5, column=4).value.endswith(expected)
