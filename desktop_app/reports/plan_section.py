"""The remediation plan in the PDF: top risks and the plan table, per audit."""

from __future__ import annotations

import datetime as dt

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table

from desktop_app.core.finding import Finding, Risk
from desktop_app.core.plan import plan_of
from desktop_app.reports.context import (
    ReportContext,
    ReportParagraph,
    audit_label,
    bold,
    heading,
    para,
    rich,
    text,
)
from desktop_app.reports.styles import FRAME_WIDTH, RISK_TEXT_COLOURS, grid_table_style

TOP_RISKS = 5


def risk_markup(risk: Risk) -> str:
    colour = RISK_TEXT_COLOURS[risk].hexval()[2:]
    return f'<font color="#{colour}"><b>{risk.label}</b></font>'


def top_risks(context: ReportContext, limit: int = TOP_RISKS) -> list[Flowable]:
    """The most serious open findings across the report, one line each."""
    styles = context.styles
    found = [(snapshot, finding) for snapshot in context.snapshots
             for finding in plan_of(snapshot) if finding.state.is_open]
    found.sort(key=lambda pair: (pair[1].risk.rank, -pair[1].level.weight))
    story: list[Flowable] = []
    if not found:
        return [ReportParagraph("No open finding.", styles.body)]
    for number, (snapshot, finding) in enumerate(found[:limit], start=1):
        where = (f" — {audit_label(snapshot, with_policy=True)}" if context.many_policies
                 else "")
        story.append(rich([f"{number}. ", risk_markup(finding.risk), " ",
                           bold(finding.title), text(f" ({finding.citation}){where}: "
                                                     f"{finding.status_label.lower()}. "
                                                     f"{finding.recommendation}")],
                          styles.body))
    if len(found) > limit:
        story.append(para(f"{len(found) - limit} more open finding(s) are in the plan.",
                          styles.small))
    return story


def plan_section(context: ReportContext, number: str, today: dt.date) -> list[Flowable]:
    """One table per audit: risk, item, status, recommendation and response, owner, due, state."""
    styles = context.styles
    story: list[Flowable] = [
        heading(context, f"{number}. Remediation plan", 0, "plan"),
        ReportParagraph("What must change, who changes it and by when. Risk defaults from the "
                        "requirement's level and status and may have been set by a reviewer. "
                        "Open findings come first, most serious first.", styles.body),
    ]
    for snapshot in context.snapshots:
        story.append(heading(context, audit_label(snapshot, with_policy=context.many_policies),
                             1, f"plan-{snapshot.audit_id}"))
        plan = plan_of(snapshot)
        if not plan:
            story.append(ReportParagraph("No findings.", styles.body))
            continue
        story.append(_plan_table(context, plan, today))
    return story


def _plan_table(context: ReportContext, plan: list[Finding], today: dt.date) -> Table:
    styles = context.styles
    rows: list[list[Flowable]] = [[para(label, styles.cell_head) for label in
                                   ("Risk", "Requirement", "Recommendation and response",
                                    "Owner", "Due", "State")]]
    for finding in plan:
        due = finding.due or "—"
        overdue = finding.overdue(today)
        response = (["<br/>", bold("Response: "), text(finding.response)]
                    if finding.response else [])
        closing = (["<br/>", bold("Closed with: "), text(finding.closing_evidence)]
                   if finding.closing_evidence else
                   ["<br/>", bold("Can be closed: "), text(finding.closing_offer)]
                   if finding.closing_offer else [])
        rows.append([
            rich([risk_markup(finding.risk)], styles.cell),
            rich([bold(finding.title), "<br/>",
                  f'<font size="7">{text(finding.item_id)} · {text(finding.citation)} · '
                  f"{text(finding.status_label.lower())}</font>"], styles.cell),
            rich([text(finding.recommendation), *response, *closing], styles.cell),
            para(finding.owner or "—", styles.cell),
            rich([bold(due + " overdue") if overdue else text(due)], styles.cell),
            para(finding.state.label, styles.cell),
        ])
    widths = [17 * mm, 38 * mm, 0.0, 25 * mm, 21 * mm, 18 * mm]
    widths[2] = FRAME_WIDTH - sum(widths)
    table = Table(rows, colWidths=widths, repeatRows=1, splitInRow=1)
    table.setStyle(grid_table_style())
    return table
