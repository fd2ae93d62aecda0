"""Report appendices: audit trail, methodology and limits, checklist sources, data digest."""

from __future__ import annotations

import json
import re
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer, Table

from desktop_app.core.audit import AuditSnapshot, TrailEvent
from desktop_app.reports.context import (
    ReportContext,
    ReportParagraph,
    audit_label,
    bold,
    brief,
    chunks,
    display_time,
    heading,
    para,
    rich,
    text,
)
from desktop_app.reports.digest import DIGEST_DESCRIPTION
from desktop_app.reports.styles import FRAME_WIDTH, grid_table_style, key_value_table_style
from desktop_app.reports.summary import trail_head

#: Before/after values longer than this are shortened in the trail table (the JSON export
#: holds them in full).
TRAIL_VALUE_LIMIT = 160
CHANGE_LIMIT = 600
HASH = re.compile(r"[0-9a-f]{40,64}")

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
    "items, or items flagged for re-review because the policy text they relied on changed, is "
    "provisional. The checklists summarise the law as of their review date and are "
    "not legal advice. The report describes the policy text only, not the organisation's "
    "practice.",
)


def appendices(context: ReportContext) -> list[Flowable]:
    story: list[Flowable] = [PageBreak(), heading(context, "Appendix A. Audit trail", 0,
                                                  "trail")]
    many = context.many_policies
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
    change = brief(describe_change(event.before, event.after), CHANGE_LIMIT)
    return [para(str(event.seq), styles.cell_small),
            para(display_time(event.at), styles.cell_small),
            para(event.actor, styles.cell_small),
            rich([bold(event.action), "<br/>", text(event.item_id)], styles.cell_small),
            para(change, styles.cell_small),
            para(event.hash[:10] + "…", styles.cell_small)]


def _trail(context: ReportContext, snapshot: AuditSnapshot) -> list[Flowable]:
    styles = context.styles
    head = trail_head(snapshot)
    story: list[Flowable] = [rich([text(f"{len(snapshot.trail)} events. Trail head hash: "),
                                   f'<font size="7">{head or "none"}</font>'], styles.body)]
    if not snapshot.trail:
        return story
    rows: list[list[Flowable]] = [[para(label, styles.cell_head) for label in
                                   ("#", "When", "Who", "Action / item", "Change", "Hash")]]
    rows += [_trail_row(context, event) for event in sorted(snapshot.trail, key=lambda e: e.seq)]
    widths = [10 * mm, 30 * mm, 20 * mm, 42 * mm, 0.0, 22 * mm]
    widths[4] = FRAME_WIDTH - sum(widths)
    table = Table(rows, colWidths=widths, repeatRows=1, splitInRow=1)
    table.setStyle(grid_table_style())
    story.append(table)
    return story


def _sources(context: ReportContext) -> list[Flowable]:
    story: list[Flowable] = []
    seen: set[tuple[str, str]] = set()
    for snapshot in context.snapshots:
        key = (snapshot.checklist.id, snapshot.checklist.version)
        if key not in seen:
            seen.add(key)
            story += [_source_table(context, snapshot), Spacer(1, 3 * mm)]
    return story


def _source_table(context: ReportContext, snapshot: AuditSnapshot) -> Table:
    """Checklist facts; each source and deadline gets its own row so long lists split."""
    styles = context.styles
    checklist = snapshot.checklist
    rows: list[tuple[str, list[str]]] = [
        ("Checklist", [text(f"{checklist.name} — version {checklist.version}, last reviewed "
                            f"{checklist.last_reviewed} ({checklist.origin})")]),
        ("Law", [text(f"{checklist.law}, {checklist.law_version}; regulator "
                      f"{checklist.regulator}; {checklist.jurisdiction}")]),
        ("Content hash", [f'<font size="7">{snapshot.checklist_hash or checklist.content_hash}'
                          "</font>"]),
        ("Sources", [text(source.url + (f" — {source.note}" if source.note else ""))
                     for source in checklist.sources]),
        ("Deadlines", [text(f"{d.subject}: {d.period} ({d.citation})"
                            + (f" — {d.note}" if d.note else "")) for d in checklist.deadlines]),
    ]
    if checklist.child_age is not None:
        age = checklist.child_age.age
        rows.append(("Children", [text((f"Age {age}. " if age is not None else "No fixed age. ")
                                       + checklist.child_age.summary)]))
    if checklist.notes:
        rows.append(("Notes", [text(piece) for piece in chunks(checklist.notes)]))
    cells = [[ReportParagraph(f"<b>{label}</b>" if index == 0 else "", styles.cell),
              ReportParagraph(value, styles.cell)]
             for label, values in rows for index, value in enumerate(values)]
    table = Table(cells, colWidths=[30 * mm, FRAME_WIDTH - 30 * mm], splitInRow=1)
    table.setStyle(key_value_table_style())
    return table


def _digest(context: ReportContext) -> list[Flowable]:
    styles = context.styles
    rows = [[para(label, styles.cell_head) for label in ("Audit", "Policy sha256",
                                                         "Trail head hash")]]
    for snapshot in context.snapshots:
        rows.append([para(f"#{snapshot.audit_id} {snapshot.checklist.id}", styles.cell_small),
                     para(snapshot.policy.sha256, styles.mono),
                     para(trail_head(snapshot) or "none", styles.mono)])
    table = Table(rows, colWidths=[30 * mm, (FRAME_WIDTH - 30 * mm) / 2,
                                   (FRAME_WIDTH - 30 * mm) / 2], repeatRows=1, splitInRow=1)
    table.setStyle(grid_table_style())
    return [
        rich([bold("Report digest: "), f'<font size="8">{context.digest}</font>'], styles.body),
        para(DIGEST_DESCRIPTION, styles.small),
        rich([bold("Audit trail check when the report was made: "),
              text(context.trail_check or "not run")], styles.body),
        para("To check the report against the database, export the audits as JSON or verify "
             "the database (which checks the trail's hash chain) and compare the trail head "
             "hashes below.", styles.small),
        table,
    ]


def _as_dict(value: str) -> dict[str, Any] | None:
    if not value.startswith("{"):
        return None
    try:
        parsed = json.loads(value)
    except ValueError:
        return None
    return parsed if isinstance(parsed, dict) else None


def _show(value: Any) -> str:
    if value is None or value == "":
        return "none"
    shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    if HASH.fullmatch(shown):
        return shown[:12] + "…"
    return brief(shown, TRAIL_VALUE_LIMIT, lines=3)


def describe_change(before: str, after: str) -> str:
    """A trail event's change in words: the fields that differ, "field: old → new"."""
    old, new = _as_dict(before), _as_dict(after)
    if old is None or new is None:
        if old is None and new is not None and not before:
            return "; ".join(f"{key}: {_show(value)}" for key, value in new.items())
        return " → ".join(brief(value, TRAIL_VALUE_LIMIT, lines=3)
                          for value in (before, after) if value)
    parts = []
    for key in dict.fromkeys([*old, *new]):
        if old.get(key) == new.get(key):
            continue
        if key in old:
            parts.append(f"{key}: {_show(old.get(key))} → {_show(new.get(key))}")
        else:
            parts.append(f"{key}: {_show(new[key])}")
    return "; ".join(parts)
