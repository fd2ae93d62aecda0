"""Word export: the manager summary, or with `full` the workpaper, with real headings, tables
and styles; sample wording goes in as tracked insertions at the clause where it belongs."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from lxml import etree

from desktop_app import __version__
from desktop_app.core.audit import AuditSnapshot
from desktop_app.core.finding import SAMPLE_WORDING_LABEL, Finding
from desktop_app.core.plan import plan_of
from desktop_app.core.status import Level, Status
from desktop_app.reports.item_rows import insertion_clause, item_rows, xml_safe
from desktop_app.reports.summary import (
    checklist_score,
    is_draft,
    law_basis,
    level_counts,
    status_counts,
    verdict_sentence,
)
from desktop_app.reports.xlsx_export import RISK_FILLS, STATUS_FILLS

AUTHOR = "Policy Auditor"
TOP_RISKS = 5
ACCENT = RGBColor(0x0B, 0x4F, 0x6C)
DRAFT_RED = RGBColor(0xB4, 0x23, 0x18)
TABLE_STYLE = "Table Grid"


def export_docx(snapshots: Sequence[AuditSnapshot], out: Path | BinaryIO, *,
                full: bool = False, today: dt.date | None = None,
                integrity_failure: str = "") -> None:
    """Write the manager summary (or, with `full`, the workpaper) as a .docx file or stream.

    `integrity_failure` (what the integrity check found wrong) replaces the status line.
    """
    today = today or dt.date.today()
    document = Document()
    _page_setup(document)
    subject = _subject(snapshots)
    kind = "workpaper" if full else "summary"
    document.core_properties.title = f"Privacy policy audit {kind} — {subject}"
    document.core_properties.author = AUTHOR
    document.core_properties.comments = f"Written by Policy Auditor {__version__}"
    ids = itertools.count(1)

    document.add_heading(f"Privacy policy audit — {kind}", level=0)
    document.add_paragraph(subject, style="Subtitle")
    _status_line(document, snapshots, integrity_failure)
    document.add_heading("Verdict", level=1)
    document.add_paragraph(xml_safe(verdict_sentence(snapshots)))
    _scores_table(document, snapshots)
    document.add_heading("Top risks", level=1)
    _top_risks(document, snapshots)
    document.add_heading("Remediation plan", level=1)
    for snapshot in snapshots:
        document.add_heading(_audit_label(snapshot), level=2)
        _plan_table(document, plan_of(snapshot), today)
    _suggested_wording(document, snapshots, ids)
    if full:
        _item_by_item(document, snapshots)
        _defects(document, snapshots)
        _policy_text(document, snapshots, ids, today)
    document.save(str(out) if isinstance(out, Path) else out)


def _page_setup(document: DocumentType) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.0))
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10)


def _subject(snapshots: Sequence[AuditSnapshot]) -> str:
    versions = {s.policy.version_id: s.policy for s in snapshots}
    if len(versions) == 1:
        policy = next(iter(versions.values()))
        return f"{policy.name} (version {policy.version})"
    return f"Portfolio of {len(versions)} policies"


def _audit_label(snapshot: AuditSnapshot) -> str:
    return (f"{snapshot.policy.name} v{snapshot.policy.version} — {snapshot.checklist.name} "
            f"{law_basis(snapshot)}")


def _status_line(document: DocumentType, snapshots: Sequence[AuditSnapshot],
                 integrity_failure: str) -> None:
    unconfirmed = sum(1 for s in snapshots for r in s.reviews if not r.reviewed)
    if integrity_failure:
        words = xml_safe(f"INTEGRITY CHECK FAILED — do not rely on this document: "
                         f"{integrity_failure}")
    elif is_draft(snapshots):
        words = "DRAFT — not every audit here is signed off; statuses may still change."
    elif unconfirmed:
        words = (f"SIGNED OFF WITH {unconfirmed} UNCONFIRMED ITEM(S) — their status is the "
                 "engine's suggestion.")
    else:
        words = "FINAL — every audit here is signed off and every item was reviewed."
    run = document.add_paragraph().add_run(words)
    run.bold = True
    run.font.color.rgb = DRAFT_RED if integrity_failure or is_draft(snapshots) or unconfirmed \
        else ACCENT


def _shade(cell: _Cell, colour: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    properties.append(shading)


def _table(document: DocumentType, header: Sequence[str], widths: Sequence[float]) -> Table:
    table: Table = document.add_table(rows=1, cols=len(header))
    table.style = TABLE_STYLE
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    # Fixed widths: LibreOffice and Word both lay out from the grid columns then.
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    for cell, title, width in zip(table.rows[0].cells, header, widths, strict=True):
        cell.width = Cm(width)
        cell.paragraphs[0].add_run(title).bold = True
        _shade(cell, "E4E7EB")
    _repeat_header(table)
    return table


def _repeat_header(table: Table) -> None:
    properties = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _row(table: Table, values: Sequence[str], widths: Sequence[float]) -> list[_Cell]:
    cells = table.add_row().cells  # type: ignore[no-untyped-call]  # unannotated in python-docx
    for cell, value, width in zip(cells, values, widths, strict=True):
        cell.width = Cm(width)
        cell.paragraphs[0].add_run(xml_safe(value))
    return list(cells)


def _scores_table(document: DocumentType, snapshots: Sequence[AuditSnapshot]) -> None:
    widths = (5.8, 2.8, 2.0, 2.0, 2.4, 2.0)
    table = _table(document, ("Audit", "Score", "Missing must", "Partial must", "Reviewed",
                              "Signed off"), widths)
    for snapshot in snapshots:
        score = checklist_score(snapshot)
        counts = status_counts(snapshot)
        _row(table, (_audit_label(snapshot),
                     score.text() + (" (provisional)" if score.provisional else ""),
                     str(level_counts(snapshot, Status.MISSING)[Level.MUST]),
                     str(level_counts(snapshot, Status.PARTIAL)[Level.MUST]),
                     f"{counts.reviewed_items} of {counts.items}",
                     "yes" if snapshot.signed_off else "no"), widths)


def _top_risks(document: DocumentType, snapshots: Sequence[AuditSnapshot]) -> None:
    found = [(s, f) for s in snapshots for f in plan_of(s) if f.state.is_open]
    found.sort(key=lambda pair: (pair[1].risk.rank, -pair[1].level.weight))
    if not found:
        document.add_paragraph("No open finding.")
    for snapshot, finding in found[:TOP_RISKS]:
        paragraph = document.add_paragraph(style="List Number")
        paragraph.add_run(f"{finding.risk.label}: ").bold = True
        paragraph.add_run(xml_safe(f"{finding.title} ({finding.citation}"
                                   + (f", {snapshot.policy.name}" if len(snapshots) > 1 else "")
                                   + f") — {finding.status_label.lower()}. "
                                   + finding.recommendation))


def _plan_table(document: DocumentType, plan: list[Finding], today: dt.date) -> None:
    if not plan:
        document.add_paragraph("No findings.")
        return
    widths = (1.8, 3.4, 5.2, 2.4, 2.1, 2.1)
    table = _table(document, ("Risk", "Requirement", "Recommendation and response", "Owner",
                              "Due", "State"), widths)
    for finding in plan:
        recommendation = finding.recommendation
        if finding.response:
            recommendation += f"\nResponse: {finding.response}"
        if finding.closing_evidence:
            recommendation += f"\nClosed with: {finding.closing_evidence}"
        elif finding.closing_offer:
            recommendation += f"\nCan be closed: {finding.closing_offer}"
        due = finding.due + (" (overdue)" if finding.overdue(today) else "")
        cells = _row(table, (finding.risk.label,
                             f"{finding.title}\n{finding.item_id} · {finding.citation} · "
                             f"{finding.status_label.lower()}",
                             recommendation, finding.owner or "—", due or "—",
                             finding.state.label), widths)
        _shade(cells[0], RISK_FILLS[finding.risk])


def _open_wording(snapshot: AuditSnapshot) -> Iterator[Finding]:
    return (f for f in plan_of(snapshot) if f.state.is_open and f.sample_wording)


def _suggested_wording(document: DocumentType, snapshots: Sequence[AuditSnapshot],
                       ids: Iterator[int]) -> None:
    if not any(True for s in snapshots for _ in _open_wording(s)):
        return
    document.add_heading("Suggested wording", level=1)
    note = document.add_paragraph()
    note.add_run(f"{SAMPLE_WORDING_LABEL}. ").bold = True
    note.add_run("Each text is shown as a tracked insertion after the clause where it belongs; "
                 "adapt the [bracketed] parts, then accept or reject it.")
    for snapshot in snapshots:
        for finding in _open_wording(snapshot):
            clause = insertion_clause(snapshot, finding)
            where = f"insert after clause {clause}" if clause else "insert as a new section"
            document.add_heading(f"{finding.title} ({finding.item_id}) — {where}", level=3)
            _tracked_paragraph(document, finding.sample_wording, ids)


def _tracked_paragraph(document: DocumentType, text: str, ids: Iterator[int],
                       stamp: str = "") -> Paragraph:
    """A paragraph Word shows as inserted by Policy Auditor (track changes): accept or reject."""
    paragraph = document.add_paragraph()
    stamp = stamp or dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    mark = OxmlElement("w:ins")
    for key, value in (("w:id", str(next(ids))), ("w:author", AUTHOR), ("w:date", stamp)):
        mark.set(qn(key), value)
    paragraph._p.get_or_add_pPr().append(_run_properties_with(mark))
    insertion = OxmlElement("w:ins")
    for key, value in (("w:id", str(next(ids))), ("w:author", AUTHOR), ("w:date", stamp)):
        insertion.set(qn(key), value)
    run = OxmlElement("w:r")
    words = OxmlElement("w:t")
    words.set(qn("xml:space"), "preserve")
    words.text = xml_safe(text)
    run.append(words)
    insertion.append(run)
    paragraph._p.append(insertion)
    return paragraph


def _run_properties_with(mark: etree._Element) -> etree._Element:
    """The paragraph mark's run properties, holding the insertion mark of the paragraph itself."""
    properties = OxmlElement("w:rPr")
    properties.append(mark)
    return properties


def _item_by_item(document: DocumentType, snapshots: Sequence[AuditSnapshot]) -> None:
    document.add_page_break()  # type: ignore[no-untyped-call]  # unannotated in python-docx
    document.add_heading("Item by item", level=1)
    document.add_paragraph("Evidence is what a reviewer attached, else only the engine's best "
                           "passage, marked as suggested.")
    widths = (3.2, 13.8)
    for snapshot in snapshots:
        document.add_heading(_audit_label(snapshot), level=2)
        for row in item_rows(snapshot):
            item = snapshot.checklist.item(row.item_id)
            document.add_heading(f"{row.status.symbol} {row.title} ({row.item_id})", level=3)
            table = _table(document, ("Status", row.status.label
                                      + ("" if row.reviewed else " (suggested, not reviewed)")),
                           widths)
            _shade(table.rows[0].cells[1], STATUS_FILLS[row.status])
            values = [("Requirement", item.requirement),
                      ("Citation", f"{row.citation} · level {row.level}"),
                      ("Decided by", row.decided_by),
                      ("Evidence", row.evidence or "No clause of the policy was found."),
                      ("Note", row.note)]
            if row.needs_rereview:
                values.append(("Re-review", "The policy text this item relied on changed."))
            if row.finding is not None:
                finding = row.finding
                values.append(("Finding", f"{finding.risk.label} risk · {finding.state.label}"
                                          f" · owner {finding.owner or '—'} · due "
                                          f"{finding.due or '—'}"))
            for label, value in values:
                if value:
                    _row(table, (label, value), widths)


def _defects(document: DocumentType, snapshots: Sequence[AuditSnapshot]) -> None:
    document.add_heading("Drafting defects in the policy", level=1)
    seen: set[int] = set()
    for snapshot in snapshots:
        if snapshot.policy.version_id in seen:
            continue
        seen.add(snapshot.policy.version_id)
        if len(snapshots) > 1:
            document.add_heading(f"{snapshot.policy.name} v{snapshot.policy.version}", level=2)
        if not snapshot.defects:
            document.add_paragraph("No drafting defect was found.")
            continue
        widths = (3.0, 7.0, 7.0)
        table = _table(document, ("Kind", "Text", "Problem"), widths)
        for defect in snapshot.defects:
            _row(table, (defect.kind.replace("-", " "), defect.text[:300], defect.message),
                 widths)


def _policy_text(document: DocumentType, snapshots: Sequence[AuditSnapshot],
                 ids: Iterator[int], today: dt.date) -> None:
    """Each policy clause by clause, with the sample wording of its open findings inserted as
    tracked changes after the clause where each belongs."""
    by_policy: dict[int, list[AuditSnapshot]] = {}
    for snapshot in snapshots:
        by_policy.setdefault(snapshot.policy.version_id, []).append(snapshot)
    for group in by_policy.values():
        first = group[0]
        document.add_page_break()  # type: ignore[no-untyped-call]  # unannotated in python-docx
        document.add_heading(f"Policy text with suggested insertions — {first.policy.name} "
                             f"v{first.policy.version}", level=1)
        document.add_paragraph(f"{SAMPLE_WORDING_LABEL}: shown as tracked insertions.")
        pending: dict[str, list[str]] = {}
        for snapshot in group:
            for finding in _open_wording(snapshot):
                pending.setdefault(insertion_clause(snapshot, finding), []).append(
                    finding.sample_wording)
        for clause in first.clauses:
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{clause.ref} ").bold = True
            paragraph.add_run(xml_safe(" ".join(clause.text.split())))
            for wording in pending.pop(clause.ref, []):
                _tracked_paragraph(document, wording, ids)
        for wordings in pending.values():
            for wording in wordings:
                _tracked_paragraph(document, wording, ids)


