"""Report appendices: audit trail, methodology and limits, checklist sources, data digest."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer, Table

from desktop_app.core.audit import AuditSnapshot, TrailEvent
from desktop_app.reports.context import (
    ReportContext,
    ReportParagraph,
    audit_label,
    bold,
    para,
    rich,
    text,
)
from desktop_app.reports.digest import DIGEST_DESCRIPTION
from desktop_app.reports.sections import heading
from desktop_app.reports.styles import FRAME_WIDTH, grid_table_style, key_value_table_style
from desktop_app.reports.summary import trail_head

#: Before/after values longer than this are shortened in the trail table (the JSON export
#: holds them in full).
TRAIL_VALUE_LIMIT = 160

METHOD = (
    "How this audit was made. The policy was imported, cleaned of text that is not policy "
    "(navigation, banners) and split into numbered clauses. For every checklist item the "
    "engine looked for the item's cues in the clauses and suggested a status with the best "
    "evidence. A reviewer then confirmed or corrected each suggestion; every change was stored "
    "at once in a hash-chained audit trail.",
    "Scores. Each applicable item is weighted by its level (must 3, should 2, good practice 1) "
    "and earns its full weight when satisfied, half when partial and nothing when missing; "
    "not-applicable items are left out. The score is earned weight over possible weight.",
    "Limits. Suggestions come from matching words, not from legal judgement: an item marked "
    "“suggested, not yet reviewed” may be wrong in either direction. A score that includes such "
    "items is provisional. The checklists summarise the law as of their review date and are "
    "not legal advice. The report describes the policy text only, not the organisation's "
    "practice.",
)


def appendices(context: ReportContext) -> list[Flowable]:
    story: list[Flowable] = [PageBreak(), heading(context, "Appendix A. Audit trail", 0,
                                                  "trail")]
    many = len(context.policies) > 1
    for snapshot in context.snapshots:
        story.append(heading(context, audit_label(snapshot, with_policy=many), 1,
                             f"trail-{snapshot.audit_id}"))
        story += _trail(context, snapshot)
    story += [Spacer(1, 4 * mm),
              heading(context, "Appendix B. Methodology and limits", 0, "method")]
    story += [ReportParagraph(text(paragraph), context.styles.body) for paragraph in METHOD]
    story += [Spacer(1, 4 * mm), heading(context, "Appendix C. Checklist sources", 0, "sources")]
    story += _sources(context)
    story += [Spacer(1, 4 * mm), heading(context, "Appendix D. Data digest", 0, "digest")]
    story += _digest(context)
    return story


def _trail_row(context: ReportContext, event: TrailEvent) -> list[Flowable]:
    styles = context.styles
    change = " → ".join(value for value in (_shorten(event.before), _shorten(event.after))
                        if value)
    return [para(str(event.seq), styles.cell_small),
            para(event.at, styles.cell_small),
            para(event.actor, styles.cell_small),
            rich([bold(event.action), "<br/>", text(event.item_id)], styles.cell_small),
            para(change, styles.cell_small),
            para(event.hash[:12] + "…", styles.cell_small)]


def _trail(context: ReportContext, snapshot: AuditSnapshot) -> list[Flowable]:
    styles = context.styles
    head = trail_head(snapshot)
    story: list[Flowable] = [rich([text(f"{len(snapshot.trail)} events. Trail head hash: "),
                                   f'<font size="7">{head or "none"}</font>'], styles.body)]
    if not snapshot.trail:
        return story
    rows = [[para(label, styles.cell_head) for label in
             ("#", "When", "Who", "Action / item", "Change", "Hash")]]
    rows += [_trail_row(context, event) for event in sorted(snapshot.trail, key=lambda e: e.seq)]
    widths = [10 * mm, 30 * mm, 20 * mm, 42 * mm, 0.0, 22 * mm]
    widths[4] = FRAME_WIDTH - sum(widths)
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(grid_table_style())
    story.append(table)
    return story


def _sources(context: ReportContext) -> list[Flowable]:
    styles = context.styles
    story: list[Flowable] = []
    seen: set[tuple[str, str]] = set()
    for snapshot in context.snapshots:
        checklist = snapshot.checklist
        if (checklist.id, checklist.version) in seen:
            continue
        seen.add((checklist.id, checklist.version))
        rows: list[list[Flowable]] = []

        def add(label: str, value: Flowable) -> None:
            rows.append([ReportParagraph(f"<b>{label}</b>", styles.cell), value])  # noqa: B023

        add("Checklist", para(f"{checklist.name} — version {checklist.version}, last reviewed "
                              f"{checklist.last_reviewed} ({checklist.origin})", styles.cell))
        add("Law", para(f"{checklist.law}, {checklist.law_version}; regulator "
                        f"{checklist.regulator}; {checklist.jurisdiction}", styles.cell))
        add("Content hash", para(snapshot.checklist_hash or checklist.content_hash,
                                 styles.cell_small))
        if checklist.sources:
            add("Sources", rich(["<br/>".join(
                text(source.url + (f" — {source.note}" if source.note else ""))
                for source in checklist.sources)], styles.cell))
        if checklist.deadlines:
            add("Deadlines", rich(["<br/>".join(
                text(f"{d.subject}: {d.period} ({d.citation})" + (f" — {d.note}" if d.note
                                                                   else ""))
                for d in checklist.deadlines)], styles.cell))
        if checklist.child_age is not None:
            age = checklist.child_age.age
            add("Children", para((f"Age {age}. " if age is not None else "No fixed age. ")
                                 + checklist.child_age.summary, styles.cell))
        if checklist.notes:
            add("Notes", para(checklist.notes, styles.cell))
        table = Table(rows, colWidths=[30 * mm, FRAME_WIDTH - 30 * mm])
        table.setStyle(key_value_table_style())
        story += [table, Spacer(1, 3 * mm)]
    return story


def _digest(context: ReportContext) -> list[Flowable]:
    styles = context.styles
    rows = [[para(label, styles.cell_head) for label in ("Audit", "Policy sha256",
                                                         "Trail head hash")]]
    for snapshot in context.snapshots:
        rows.append([para(f"#{snapshot.audit_id} {snapshot.checklist.id}", styles.cell_small),
                     para(snapshot.policy.sha256, styles.mono),
                     para(trail_head(snapshot) or "none", styles.mono)])
    table = Table(rows, colWidths=[30 * mm, (FRAME_WIDTH - 30 * mm) / 2,
                                   (FRAME_WIDTH - 30 * mm) / 2], repeatRows=1)
    table.setStyle(grid_table_style())
    return [
        rich([bold("Report digest: "), f'<font size="8">{context.digest}</font>'], styles.body),
        para(DIGEST_DESCRIPTION, styles.small),
        para("To check the report against the database, export the audits as JSON or run "
             "“policy-auditor verify” (which checks the trail's hash chain) and compare the "
             "trail head hashes below.", styles.small),
        table,
    ]


def _shorten(value: str) -> str:
    if len(value) <= TRAIL_VALUE_LIMIT:
        return value
    return value[: TRAIL_VALUE_LIMIT - 1] + "…"
