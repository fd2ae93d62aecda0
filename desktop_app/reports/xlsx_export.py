"""Excel workbook of one or more audits: a summary sheet, a sheet per audit, and the plan."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from desktop_app.core.audit import AuditSnapshot
from desktop_app.core.finding import SAMPLE_WORDING_LABEL, Finding, Risk
from desktop_app.core.plan import plan_of
from desktop_app.core.status import Status
from desktop_app.reports.item_rows import item_rows, xml_safe
from desktop_app.reports.summary import (
    STATUS_ORDER,
    checklist_score,
    law_basis,
    status_counts,
    verdict_sentence,
)

#: What the sheets put in a cell.
CellValue = str | int | float | dt.date | None

#: Light fills that keep black text readable; the status word is in the cell too.
STATUS_FILLS = {Status.SATISFIED: "D1F2E0", Status.PARTIAL: "FFEFC2",
                Status.MISSING: "F9D4CF", Status.NOT_APPLICABLE: "E4E7EB"}
RISK_FILLS = {Risk.HIGH: "F9D4CF", Risk.MEDIUM: "FFEFC2", Risk.LOW: "E4E7EB"}
LINE_HEIGHT = 12.5
HEADER_FILL = PatternFill("solid", fgColor="0B4F6C")
HEADER_FONT = Font(bold=True, color="FFFFFF")
FAILED = "INTEGRITY CHECK FAILED"
FAILED_COLOUR = "B00020"
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")

AUDIT_COLUMNS = (("Item", 30), ("Title", 30), ("Level", 13), ("Status", 15), ("Reviewed", 10),
                 ("Decided by", 20), ("Evidence", 60), ("Note", 40), ("Risk", 9),
                 ("Recommendation", 50), ("Response", 30), ("Owner", 18), ("Due", 12),
                 ("Finding state", 14))
PLAN_COLUMNS = (("Audit", 8), ("Policy", 24), ("Checklist", 10), ("Item", 30), ("Title", 30),
                ("Level", 13), ("Status", 12), ("Risk", 9), ("Recommendation", 50),
                ("Response", 30), ("Owner", 18), ("Due", 12), ("State", 14), ("Overdue", 9),
                (SAMPLE_WORDING_LABEL, 60))


def export_xlsx(snapshots: Sequence[AuditSnapshot], out: Path | BinaryIO, *,
                today: dt.date | None = None, integrity_failure: str = "") -> None:
    """Write the workbook to a path or a binary stream.

    With `integrity_failure` (the database failed its check and the export was asked for
    anyway), the summary says so above its table, every sheet's tab is red and every printed
    page's header says INTEGRITY CHECK FAILED.
    """
    today = today or dt.date.today()
    book = Workbook()
    summary = book.active
    assert isinstance(summary, Worksheet)  # a new workbook holds one worksheet
    _summary_sheet(summary, snapshots, integrity_failure)
    names: set[str] = {"Summary", "Plan"}
    for snapshot in snapshots:
        sheet = book.create_sheet(_sheet_name(snapshot, names))
        _audit_sheet(sheet, snapshot)
    _plan_sheet(book.create_sheet("Plan"), snapshots, today)
    if integrity_failure:
        for sheet in book.worksheets:
            _mark_unverified(sheet)
    book.save(out)


def _mark_unverified(sheet: Worksheet) -> None:
    sheet.sheet_properties.tabColor = FAILED_COLOUR
    header = sheet.oddHeader
    assert header is not None  # openpyxl makes one with every sheet
    header.center.text = f"{FAILED} — do not rely on this workbook"
    header.center.color = FAILED_COLOUR


def _sheet_name(snapshot: AuditSnapshot, taken: set[str]) -> str:
    base = _SHEET_FORBIDDEN.sub("-", f"{snapshot.audit_id} {snapshot.checklist.id} "
                                     f"{snapshot.policy.name}")[:31].strip("' ")
    name, number = base, 2
    while name in taken:
        name = f"{base[:27]} ({number})"
        number += 1
    taken.add(name)
    return name


def _put(sheet: Worksheet, row: int, column: int, value: CellValue) -> None:
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = xml_safe(value)
        # Text that starts with "=" would otherwise be stored as a formula and run.
        cell.data_type = "s"
    else:
        cell.value = value
    cell.alignment = Alignment(wrap_text=True, vertical="top")


def _table(sheet: Worksheet, columns: Sequence[tuple[str, int]], rows: list[list[CellValue]],
           first_row: int = 1) -> None:
    """A header row, the rows, an autofilter over them and the header frozen."""
    for column, (title, width) in enumerate(columns, start=1):
        _put(sheet, first_row, column, title)
        cell = sheet.cell(row=first_row, column=column)
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        sheet.column_dimensions[get_column_letter(column)].width = width
    for offset, values in enumerate(rows, start=1):
        for column, value in enumerate(values, start=1):
            _put(sheet, first_row + offset, column, value)
    # Row heights are not worked out on opening by every program, so they are set here.
    header: list[CellValue] = [title for title, _ in columns]
    for offset, cells in enumerate([header, *rows]):
        lines = max(_lines(str(value), width) for value, (_, width) in
                    zip(cells, columns, strict=True))
        sheet.row_dimensions[first_row + offset].height = min(409, LINE_HEIGHT * lines + 3)
    last = get_column_letter(len(columns))
    sheet.auto_filter.ref = f"A{first_row}:{last}{first_row + max(len(rows), 1)}"
    sheet.freeze_panes = f"A{first_row + 1}"
    # Printed (or converted to PDF): landscape, as wide as the page, header on every page.
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = f"{first_row}:{first_row}"


def _lines(value: str, width: int) -> int:
    """About how many lines `value` wraps to in a column `width` characters wide."""
    per_line = max(1, int(width * 1.15))
    return sum(max(1, math.ceil(len(line) / per_line)) for line in value.split("\n"))


def _fill(sheet: Worksheet, row: int, column: int, colour: str) -> None:
    sheet.cell(row=row, column=column).fill = PatternFill("solid", fgColor=colour)


def _summary_sheet(sheet: Worksheet, snapshots: Sequence[AuditSnapshot],
                   integrity_failure: str) -> None:
    sheet.title = "Summary"
    _put(sheet, 1, 1, "Privacy policy audit — summary")
    sheet.cell(row=1, column=1).font = Font(bold=True, size=14, color="0B4F6C")
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=9)
    sheet.row_dimensions[1].height = 22
    _put(sheet, 2, 1, verdict_sentence(snapshots))
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=9)
    sheet.row_dimensions[2].height = 48
    if integrity_failure:
        # The row between the verdict and the table: the verdict is not to be relied on.
        warning = f"{FAILED}: {integrity_failure}"
        _put(sheet, 3, 1, warning)
        sheet.cell(row=3, column=1).font = Font(bold=True, color="FFFFFF")
        _fill(sheet, 3, 1, FAILED_COLOUR)
        sheet.merge_cells(start_row=3, start_column=1, end_row=3, end_column=9)
        sheet.row_dimensions[3].height = min(409, LINE_HEIGHT * _lines(warning, 150) + 6)
    columns = [("Audit", 8), ("Policy", 28), ("Version", 9), ("Checklist and law", 44),
               ("Score", 14),
               *((status.label, 11) for status in STATUS_ORDER), ("Not yet reviewed", 11),
               ("Open findings", 10), ("Sign-off", 26)]
    rows: list[list[CellValue]] = []
    for snapshot in snapshots:
        counts = status_counts(snapshot)
        score = checklist_score(snapshot)
        sign_off = (f"signed off by {snapshot.signed_off_by}" if snapshot.signed_off
                    else "open (draft)")
        rows.append([snapshot.audit_id, snapshot.policy.name, snapshot.policy.version,
                     f"{snapshot.checklist.name} {law_basis(snapshot)}",
                     score.text() + (" (provisional)" if score.provisional else ""),
                     *(counts.total(status) for status in STATUS_ORDER),
                     counts.unreviewed_items,
                     sum(f.state.is_open for f in plan_of(snapshot)), sign_off])
    _table(sheet, columns, rows, first_row=4)


def _audit_sheet(sheet: Worksheet, snapshot: AuditSnapshot) -> None:
    rows: list[list[CellValue]] = []
    statuses = []
    for row in item_rows(snapshot):
        finding = row.finding
        rows.append([row.item_id, row.title, row.level, row.status.label,
                     "yes" if row.reviewed else "no", row.decided_by, row.evidence, row.note,
                     *(_finding_cells(finding) if finding else [""] * 6)])
        statuses.append((row.status, finding))
    _table(sheet, AUDIT_COLUMNS, rows)
    for index, (status, finding) in enumerate(statuses, start=2):
        _fill(sheet, index, 4, STATUS_FILLS[status])
        if finding is not None:
            _fill(sheet, index, 9, RISK_FILLS[finding.risk])


def _finding_cells(finding: Finding) -> list[CellValue]:
    return [finding.risk.label, finding.recommendation, finding.response, finding.owner,
            finding.due, finding.state.label]


def _plan_sheet(sheet: Worksheet, snapshots: Sequence[AuditSnapshot], today: dt.date) -> None:
    rows: list[list[CellValue]] = []
    marks = []
    for snapshot in snapshots:
        for finding in plan_of(snapshot):
            rows.append([snapshot.audit_id, snapshot.policy.name, snapshot.checklist.id,
                         finding.item_id, finding.title, finding.level.value,
                         finding.status_label, finding.risk.label, finding.recommendation,
                         finding.response, finding.owner, finding.due, finding.state.label,
                         "yes" if finding.overdue(today) else "", finding.sample_wording])
            marks.append(finding)
    _table(sheet, PLAN_COLUMNS, rows)
    for index, finding in enumerate(marks, start=2):
        if finding.status is not None:
            _fill(sheet, index, 7, STATUS_FILLS[finding.status])
        _fill(sheet, index, 8, RISK_FILLS[finding.risk])
