"""Section 3 of the report: the full record of every checklist item, one card per item."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer, Table

from desktop_app.core.audit import AuditSnapshot, ItemReview
from desktop_app.core.checklist import TOPICS, ChecklistItem
from desktop_app.reports.context import (
    ReportContext,
    ReportParagraph,
    audit_label,
    bold,
    chunks,
    display_time,
    heading,
    level_label,
    para,
    rich,
    status_markup,
    text,
)
from desktop_app.reports.styles import FRAME_WIDTH, detail_table_style
from desktop_app.reports.summary import paired_items, shown_evidence

LABEL_WIDTH = 27 * mm


def item_details(context: ReportContext) -> list[Flowable]:
    """One heading per audit, then a detail card per item in checklist order."""
    story: list[Flowable] = [
        heading(context, "3. Item by item", 0, "details"),
        ReportParagraph("Each requirement with its status, the evidence quoted from the policy "
                        "(with the clause it comes from) and the reviewer's notes. Evidence is "
                        "what a reviewer attached, else only the engine's best passage, marked "
                        "as suggested. Items on a shaded background carry the engine's "
                        "suggestion only: nobody has confirmed them yet.", context.styles.body),
    ]
    many = context.many_policies
    for index, snapshot in enumerate(context.snapshots):
        if index:
            story.append(PageBreak())
        story.append(heading(context, audit_label(snapshot, with_policy=many), 1,
                             f"details-{snapshot.audit_id}"))
        for item, review in paired_items(snapshot):
            story += [item_card(context, snapshot, item, review), Spacer(1, 3 * mm)]
    story.append(PageBreak())
    return story


def item_card(context: ReportContext, snapshot: AuditSnapshot, item: ChecklistItem,
              review: ItemReview) -> Table:
    """A table: title bar, requirement, status, evidence rows, note rows, flags."""
    styles = context.styles
    status = review.effective_status
    rows: list[list[Flowable | str]] = [[rich([
        f"{status.symbol} ", bold(f"{item.title}"), "  ",
        f'<font size="7.5">{text(item.id)}</font>'], styles.cell), ""]]

    def add(label: str, value: Flowable) -> None:
        # Labels are short and fixed: plain strings styled by the table, no Paragraph to wrap.
        rows.append([label, value])

    for part, piece in enumerate(chunks(item.requirement)):
        add("Requirement" if part == 0 else "", para(piece, styles.cell))
    add("Citation", para(f"{item.citation} · level {level_label(item.level)} · topic "
                         f"{TOPICS.get(item.topic, item.topic)}", styles.cell))
    if review.reviewed:
        who = f" by {review.reviewer}" if review.reviewer else ""
        if not review.decided_by_person:
            who = f" — {review.decision_label}{who}"
        when = f" on {display_time(review.reviewed_at)}" if review.reviewed_at else ""
        add("Status", rich([status_markup(status, reviewed=True), text(who + when)],
                           styles.cell))
        if review.suggested_status is not status:
            add("Engine", para(f"suggested {review.suggested_status.symbol} "
                               f"{review.suggested_status.label}; the reviewer decided "
                               "otherwise.", styles.cell_small))
    else:
        add("Status", rich([status_markup(status, reviewed=False),
                            text(f" (engine confidence {review.confidence:.0%})")], styles.cell))
        if review.reason:
            add("Why", para(review.reason, styles.cell_small))
    if review.needs_rereview:
        add("Re-review", rich(["<b>⚠ Needs re-review</b>: ",
                               text("the policy text this item relied on changed since the "
                                    "review.")], styles.cell))
    shown = shown_evidence(review)
    if not shown:
        add("Evidence", para("No clause of the policy was found for this item.",
                             styles.cell_small))
    for number, (evidence, suggested) in enumerate(shown, start=1):
        source = "suggested by the engine, not confirmed" if suggested else "added by reviewer"
        pieces = chunks(evidence.quote)
        for part, piece in enumerate(pieces):
            head = [bold(f"Clause {evidence.ref}"), text(f" ({source}): ")] if part == 0 else []
            tail = [text(f" — {evidence.note}")] if evidence.note and part == len(pieces) - 1 \
                else []
            add(f"Evidence {number}" if part == 0 else "",
                rich([*head, "“", text(piece), "”" if part == len(pieces) - 1 else "…", *tail],
                     styles.quote))
    if review.note:
        for part, piece in enumerate(chunks(review.note)):
            add("Reviewer note" if part == 0 else "", para(piece, styles.cell))
    for link in snapshot.linked_for(item.id):
        # Another audit's decision, for reference: it does not change this item's status.
        add("Same as", para(link.describe(), styles.cell_small))
    table = Table(rows, colWidths=[LABEL_WIDTH, FRAME_WIDTH - LABEL_WIDTH], splitByRow=1,
                  repeatRows=1, splitInRow=1)
    table.setStyle(detail_table_style(unreviewed=not review.reviewed))
    return table
