"""Findings, drafting defects and the comparison by topic."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Spacer, Table

from desktop_app.core.audit import AuditSnapshot
from desktop_app.core.checklist import TOPICS
from desktop_app.core.document import DEFECT_KINDS, Defect
from desktop_app.core.locate import describe_position
from desktop_app.core.status import Status
from desktop_app.reports.context import (
    ReportContext,
    ReportParagraph,
    audit_label,
    bold,
    brief,
    heading,
    level_label,
    para,
    rich,
    status_markup,
    text,
)
from desktop_app.reports.styles import FRAME_WIDTH, STATUS_TEXT_COLOURS, grid_table_style
from desktop_app.reports.summary import Finding, Score, findings, topic_scores, topics_in

#: Notes in the findings table are shortened; section 3 prints them in full.
NOTE_LIMIT = 400
EVIDENCE_REFS = 6
#: Audits side by side in one comparison table; more go into further tables.
COMPARISON_COLUMNS = 8


def findings_section(context: ReportContext) -> list[Flowable]:
    """Every missing or partial item, one table per audit."""
    styles = context.styles
    story: list[Flowable] = [
        heading(context, "2. Findings", 0, "findings"),
        ReportParagraph("Requirements the policy misses or only partly meets. The full record "
                        "of every item follows in section 3.", styles.body),
    ]
    for snapshot in context.snapshots:
        label = audit_label(snapshot, with_policy=context.many_policies)
        story.append(heading(context, label, 1, f"findings-{snapshot.audit_id}"))
        found = findings(snapshot)
        if not found:
            story.append(ReportParagraph("No findings.", styles.body))
            continue
        story.append(_findings_table(context, found))
    story.append(PageBreak())
    return story


def _findings_table(context: ReportContext, found: list[Finding]) -> Table:
    styles = context.styles
    rows: list[list[Flowable]] = [[para(label, styles.cell_head) for label in
                                   ("Item", "Level", "Status",
                                    "What the law requires, and the evidence")]]
    for finding in found:
        rows.append([
            rich([bold(finding.item.title), "<br/>",
                  f'<font size="7">{text(finding.item.id)} · {text(finding.item.citation)}'
                  "</font>"], styles.cell),
            para(level_label(finding.item.level), styles.cell),
            rich([status_markup(finding.status, reviewed=finding.review.reviewed)], styles.cell),
            rich([text(finding.item.requirement), "<br/>", _evidence_line(finding),
                  "<br/>" + bold("Reviewer note: ") + text(brief(finding.review.note, NOTE_LIMIT))
                  if finding.review.note else ""], styles.cell),
        ])
    table = Table(rows, colWidths=[46 * mm, 18 * mm, 34 * mm, FRAME_WIDTH - 98 * mm],
                  repeatRows=1, splitInRow=1)
    table.setStyle(grid_table_style())
    return table


def defects_section(context: ReportContext) -> list[Flowable]:
    """Drafting defects found in each policy (placeholders, broken references ...)."""
    styles = context.styles
    story: list[Flowable] = [CondPageBreak(60 * mm),
                             heading(context, "4. Drafting defects in the policy", 0, "defects")]
    for snapshot in context.policies:
        if context.many_policies:
            story.append(heading(context, f"{snapshot.policy.name} v{snapshot.policy.version}",
                                 1, f"defects-{snapshot.policy.version_id}"))
        if not snapshot.defects:
            story.append(ReportParagraph("No drafting defect was found.", styles.body))
            continue
        rows: list[list[Flowable]] = [[para(label, styles.cell_head) for label in
                                       ("Kind", "Where", "Text", "Problem")]]
        ordered = sorted(snapshot.defects, key=lambda d: (d.start, DEFECT_KINDS.index(d.kind)
                                                          if d.kind in DEFECT_KINDS else 99))
        for defect in ordered:
            rows.append([para(defect.kind.replace("-", " "), styles.cell),
                         para(_where(snapshot, defect), styles.cell_small),
                         para(brief(defect.text, 300), styles.cell),
                         para(defect.message, styles.cell)])
        table = Table(rows, colWidths=[24 * mm, 30 * mm, 56 * mm, FRAME_WIDTH - 110 * mm],
                      repeatRows=1, splitInRow=1)
        table.setStyle(grid_table_style())
        story.append(table)
    return story


def topic_comparison(context: ReportContext) -> list[Flowable]:
    """Scores by shared topic, one column per audit, so regimes and policies line up."""
    styles = context.styles
    snapshots = context.snapshots
    story: list[Flowable] = [
        PageBreak(),
        heading(context, "5. Comparison by topic", 0, "comparison"),
        ReportParagraph("Weighted score per topic (same rule as the checklist score); a dash "
                        "means the checklist has no item on that topic, n/a that every item on "
                        "it is not applicable. Columns are numbered as in the key below.",
                        styles.body),
    ]
    numbered = list(enumerate(snapshots, start=1))
    for start in range(0, len(numbered), COMPARISON_COLUMNS):
        story += [_comparison_table(context, numbered[start:start + COMPARISON_COLUMNS]),
                  Spacer(1, 3 * mm)]
    key = [rich([f"[{n}] ", text(audit_label(s, with_policy=True))], styles.small)
           for n, s in enumerate(snapshots, start=1)]
    story += [*key,
              ReportParagraph("* provisional (includes suggestions not yet reviewed or items "
                              "that need re-review).",
                              styles.small)]
    return story


def _comparison_table(context: ReportContext,
                      numbered: list[tuple[int, AuditSnapshot]]) -> Table:
    """Topic rows against up to COMPARISON_COLUMNS audits (all audits' topics, so tables align)."""
    styles = context.styles
    rows: list[list[Flowable]] = [[
        para("Topic", styles.cell_head),
        *(rich([f"[{n}] ", text(snapshot.checklist.id.upper())], styles.cell_head_small)
          for n, snapshot in numbered)]]
    scores = [topic_scores(snapshot) for _n, snapshot in numbered]
    for topic in topics_in(context.snapshots):
        rows.append([para(TOPICS[topic], styles.cell),
                     *(rich([_score_markup(per_audit.get(topic))], styles.cell)
                       for per_audit in scores)])
    topic_width = 50 * mm
    value_width = (FRAME_WIDTH - topic_width) / max(len(numbered), 4)
    table = Table(rows, colWidths=[topic_width] + [value_width] * len(numbered), repeatRows=1,
                  hAlign="LEFT", splitInRow=1)
    table.setStyle(grid_table_style())
    return table


def _evidence_line(finding: Finding) -> str:
    """Where the evidence is, by clause; the quotes themselves are in section 3."""
    refs = list(dict.fromkeys(evidence.ref for evidence in finding.review.evidence))
    if not refs:
        return '<font size="7.5"><i>No clause of the policy was found for this item.</i></font>'
    shown = ", ".join(refs[:EVIDENCE_REFS]) + (" …" if len(refs) > EVIDENCE_REFS else "")
    return f'<font size="7.5">{bold("Evidence: ")}{text(shown)}</font>'


def _score_markup(score: Score | None) -> str:
    """A topic score with the symbol of the status it amounts to, so colour is not needed."""
    if score is None:
        return "–"
    if score.value is None:
        return "n/a"
    status = (Status.SATISFIED if score.value >= 100 else
              Status.MISSING if score.value <= 0 else Status.PARTIAL)
    colour = STATUS_TEXT_COLOURS[status].hexval()[2:]
    return (f'<font color="#{colour}">{status.symbol}</font> {score.text()}'
            + ("*" if score.provisional else ""))


def _where(snapshot: AuditSnapshot, defect: Defect) -> str:
    """The clause a defect sits in, or the line and the clause after it when outside every one."""
    return describe_position(snapshot.text, snapshot.clauses, defect.start)
