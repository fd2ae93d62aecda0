"""The front of the report: cover with the verdict, contents, executive summary."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table
from reportlab.platypus.tableofcontents import TableOfContents

from desktop_app.core.audit import AuditSnapshot
from desktop_app.core.status import Level, Status
from desktop_app.reports.charts import status_bar_charts
from desktop_app.reports.context import (
    Heading,
    ReportContext,
    ReportParagraph,
    audit_label,
    bold,
    checklist_short_name,
    display_time,
    heading,
    para,
    rich,
    status_markup,
    text,
)
from desktop_app.reports.fitting import FitToPage
from desktop_app.reports.styles import (
    FRAME_WIDTH,
    STATUS_COLOURS,
    banner_table_style,
    grid_table_style,
    key_value_table_style,
)
from desktop_app.reports.summary import (
    STATUS_ORDER,
    checklist_score,
    findings,
    law_basis,
    level_counts,
    status_counts,
    top_findings,
)

TOP_FINDINGS = 10
_PROVISIONAL = '<font size="7"><i>provisional</i></font>'


def sign_off_text(snapshot: AuditSnapshot) -> str:
    if snapshot.signed_off:
        return f"Signed off by {snapshot.signed_off_by} on {display_time(snapshot.signed_off_at)}"
    return "Open — not signed off (DRAFT)"


def cover(context: ReportContext) -> list[Flowable]:
    """Page one: the verdict first, then what was audited, by whom, and its sign-off state."""
    styles = context.styles
    story: list[Flowable] = [
        Heading(text("Privacy policy audit report"), styles.title, 0, "cover"),
        para(context.subject, styles.subtitle),
    ]
    table = status_banner(context)
    story += [table, Spacer(1, 3 * mm), ReportParagraph("<b>Verdict</b>", styles.h2)]
    story += _verdict(context)
    story += [Spacer(1, 3 * mm), ReportParagraph("<b>What was audited</b>", styles.h2),
              facts_table(context), PageBreak()]
    return story


def status_banner(context: ReportContext) -> Table:
    """The INTEGRITY CHECK FAILED, DRAFT, unconfirmed or FINAL box that opens the report."""
    styles = context.styles
    unconfirmed = context.unconfirmed
    overrides = [s for s in context.snapshots if s.override_reason]
    if context.integrity_failure:
        banner = rich(["INTEGRITY CHECK FAILED — the database does not match its audit trail, "
                       "so this report may not show what was recorded. Do not rely on it. ",
                       text(context.integrity_failure)], styles.draft_banner)
    elif context.draft:
        banner = ReportParagraph("DRAFT — not every audit in this report is signed off. "
                                 "Statuses may still change; do not treat this report as final.",
                                 styles.draft_banner)
    elif overrides:
        reasons = "; ".join(f"{audit_label(s, with_policy=context.many_policies)}: "
                            f"“{s.override_reason}”" for s in overrides)
        blocked = sum(len(s.blockers()) for s in context.snapshots)
        banner = rich([text(f"SIGNED OFF WITH AN OVERRIDE — {blocked} item"
                            f"{'s' if blocked != 1 else ''} without a person's decision or "
                            "needing re-review were signed off. Reason given: "),
                       text(reasons)], styles.draft_banner)
    elif unconfirmed:
        # Signed off, yet some statuses are only suggestions: say so in the warning colours.
        banner = ReportParagraph(
            f"SIGNED OFF WITH UNCONFIRMED ITEMS — {unconfirmed} item"
            f"{'s were' if unconfirmed != 1 else ' was'} signed off without a reviewer "
            "confirming them; their status is the engine's suggestion and is marked as such.",
            styles.draft_banner)
    elif context.not_decided:
        banner = ReportParagraph(
            f"SIGNED OFF WITH ITEMS ACCEPTED IN BULK — {context.not_decided} item"
            f"{'s are' if context.not_decided != 1 else ' is'} the engine's suggestion accepted "
            "in bulk, not decided by a person.", styles.draft_banner)
    else:
        banner = ReportParagraph("FINAL — every audit in this report is signed off and a person "
                                 "decided every item.", styles.signed_banner)
    table = Table([[banner]], colWidths=[FRAME_WIDTH], splitInRow=1)
    table.setStyle(banner_table_style(bool(context.integrity_failure) or context.draft
                                      or context.not_decided > 0 or bool(overrides)))
    return table


def facts_table(context: ReportContext, *, with_appendix: bool = True) -> Table:
    styles = context.styles
    rows: list[list[Flowable]] = []

    def add(label: str, values: list[str]) -> None:
        # One row per value, so that a long portfolio splits across pages between rows.
        for index, value_markup in enumerate(values):
            rows.append([ReportParagraph(f"<b>{label}</b>" if index == 0 else "", styles.cell),
                         ReportParagraph(value_markup, styles.cell)])

    organisations = sorted({s.policy.organisation for s in context.snapshots
                            if s.policy.organisation})
    add("Organisation", [text(", ".join(organisations) or "not stated in the policy")])
    policies = context.policies
    add("Policy" if len(policies) == 1 else "Policies",
        [_policy_markup(snapshot) for snapshot in policies])
    add("Checklists", [text(_checklist_line(s)) for s in _distinct_checklists(context)])
    reviewers = sorted({name for s in context.snapshots for name in s.reviewers})
    add("Reviewers", [text(", ".join(reviewers) or "none yet")])
    preparers = sorted({name for s in context.snapshots for name in s.preparers})
    add("Prepared by", [text(", ".join(preparers) or "nobody has decided an item yet")])
    approvers = sorted({s.signed_off_by for s in context.snapshots if s.signed_off})
    add("Approved by", [text(", ".join(approvers) or "not approved yet")])
    add("Sign-off", _sign_off_lines(context))
    add("Override", [text(f"{audit_label(s, with_policy=context.many_policies)}: "
                          f"{s.override_reason}")
                     for s in context.snapshots if s.override_reason])
    add("Signature", [_signature_markup(s, many_policies=context.many_policies)
                      for s in context.snapshots if s.signed_off and s.signatures])
    add("Integrity check", [text(context.trail_check or "not run")])
    add("Report date", [text(context.generated_at)])
    add("Report digest", [f'<font size="7">{context.digest}</font>'
                           + (" (see appendix D)" if with_appendix else "")])
    table = Table(rows, colWidths=[30 * mm, FRAME_WIDTH - 30 * mm], splitInRow=1)
    table.setStyle(key_value_table_style())
    return table


def _signature_markup(snapshot: AuditSnapshot, *, many_policies: bool) -> str:
    """The latest signature: signer, key fingerprint and the digest of what was signed."""
    signature = snapshot.signatures[-1]
    return (text(f"{audit_label(snapshot, with_policy=many_policies)}: signed by "
                 f"{signature.signer} with key {signature.fingerprint} (Ed25519)")
            + f'<br/><font size="7">signed digest {signature.digest}</font>')


def _policy_markup(snapshot: AuditSnapshot) -> str:
    policy = snapshot.policy
    details = []
    if policy.title and policy.title.lower() not in (policy.name.lower(), "privacy policy"):
        details.append(policy.title)
    if policy.file_name != policy.name:
        details.append(f"file {policy.file_name}")
    if policy.effective_date:
        details.append(f"effective {policy.effective_date}")
    return (bold(f"{policy.name} — version {policy.version}")
            + (text(" · " + " · ".join(details)) if details else "")
            + f'<br/><font size="7">sha256 {policy.sha256}</font>')


def _checklist_line(snapshot: AuditSnapshot) -> str:
    return f"{snapshot.checklist.name} — checklist {law_basis(snapshot)}"


def _distinct_checklists(context: ReportContext) -> list[AuditSnapshot]:
    seen: dict[tuple[str, str, str, str], AuditSnapshot] = {}
    for snapshot in context.snapshots:
        key = (snapshot.checklist.id, snapshot.checklist.version,
               snapshot.upgraded_from_version, snapshot.as_at)
        seen.setdefault(key, snapshot)
    return list(seen.values())


def _sign_off_lines(context: ReportContext) -> list[str]:
    snapshots = context.snapshots
    if len(snapshots) > 1 and not any(s.signed_off for s in snapshots):
        return [text(f"None of the {len(snapshots)} audits is signed off (DRAFT).")]
    return [text(f"{audit_label(s, with_policy=context.many_policies)}: {sign_off_text(s)}")
            for s in snapshots]


def scores_table(context: ReportContext) -> Table:
    """Per audit: score, missing and partial must-level items, review progress, sign-off."""
    styles = context.styles
    many_policies = context.many_policies
    header: list[Flowable] = [
        ReportParagraph(label, styles.cell_head_small) for label in
        ("Audit", "Score", "Missing must", "Partial must", "Reviewed", "Sign-off")]
    rows = [header]
    for snapshot in context.snapshots:
        score = checklist_score(snapshot)
        counts = status_counts(snapshot)
        missing = level_counts(snapshot, Status.MISSING)
        partial = level_counts(snapshot, Status.PARTIAL)
        rows.append([
            para(audit_label(snapshot, with_policy=many_policies), styles.cell),
            rich([bold(score.text()), " " + _PROVISIONAL if score.provisional else ""],
                 styles.cell),
            para(str(missing[Level.MUST]), styles.cell),
            para(str(partial[Level.MUST]), styles.cell),
            para(f"{counts.reviewed_items} of {counts.items}", styles.cell),
            para("signed off" if snapshot.signed_off else "open (draft)", styles.cell),
        ])
    widths = [0.0, 26 * mm, 17 * mm, 17 * mm, 19 * mm, 22 * mm]
    widths[0] = FRAME_WIDTH - sum(widths)
    table = Table(rows, colWidths=widths, repeatRows=1, splitInRow=1)
    table.setStyle(grid_table_style())
    return table


def _verdict(context: ReportContext) -> list[Flowable]:
    styles = context.styles
    story: list[Flowable] = [ReportParagraph(_verdict_sentence(context), styles.verdict),
                             scores_table(context), score_explanation(context)]
    return story


def score_explanation(context: ReportContext) -> Flowable:
    return ReportParagraph(
        "Score: requirement levels weighted must 3, should 2, good practice 1; satisfied counts "
        "fully, partial half, missing nothing; not-applicable items are left out. A provisional "
        "score still includes suggestions nobody has reviewed or items that need re-review.",
        context.styles.small)


def _verdict_sentence(context: ReportContext) -> str:
    all_findings = [f for s in context.snapshots for f in findings(s)]
    musts = [f for f in all_findings if f.item.level is Level.MUST]
    missing = sum(1 for f in musts if f.status is Status.MISSING)
    partial = len(musts) - missing
    unreviewed = sum(status_counts(s).unreviewed_items for s in context.snapshots)
    total = sum(status_counts(s).items for s in context.snapshots)
    bulk = context.not_decided - unreviewed
    if not musts:
        opening = "No mandatory requirement was found missing or only partly met."
    else:
        opening = (f"<b>{missing} mandatory requirement{'s' if missing != 1 else ''} "
                   f"missing</b> and <b>{partial} only partly met</b>; "
                   f"{len(all_findings)} finding{'s' if len(all_findings) != 1 else ''} in all.")
    if unreviewed and context.draft:
        opening += (f" {unreviewed} of {total} items are engine suggestions not yet reviewed, "
                    "so the result is provisional.")
    elif unreviewed:
        opening += (f" {unreviewed} of {total} items were signed off without being confirmed: "
                    "their status is the engine's suggestion.")
    if bulk:
        opening += (f" {bulk} of {total} items are suggestions accepted in bulk, not decided by "
                    "a person.")
    elif not unreviewed:
        opening += f" A person decided all {total} items."
    flagged = sum(1 for s in context.snapshots for r in s.reviews if r.needs_rereview)
    if flagged:
        plural = flagged != 1
        opening += (f" <b>{flagged} item{'s' if plural else ''} need{'' if plural else 's'} "
                    "re-review</b> because the policy text changed.")
    return opening


def contents(context: ReportContext) -> list[Flowable]:
    toc = TableOfContents()
    toc.levelStyles = [context.styles.toc1, context.styles.toc2]
    toc.dotsMinLevel = 0
    return [ReportParagraph("<b>Contents</b>", context.styles.h1), toc, PageBreak()]


def executive_summary(context: ReportContext) -> list[Flowable]:
    """Scores, counts by status, a chart and the top findings."""
    styles = context.styles
    many_policies = context.many_policies
    story: list[Flowable] = [heading(context, "1. Executive summary", 0, "summary")]
    rows: list[list[Flowable]] = [[
        para("Audit", styles.cell_head), para("Score", styles.cell_head),
        *(rich([f"{s.symbol}<br/>", text(s.label)], styles.cell_head_small)
          for s in STATUS_ORDER),
        rich(["Not yet<br/>reviewed"], styles.cell_head_small)]]
    chart_rows = []
    for snapshot in context.snapshots:
        counts = status_counts(snapshot)
        score = checklist_score(snapshot)
        label = audit_label(snapshot, with_policy=many_policies)
        rows.append([para(label, styles.cell),
                     rich([bold(score.text()), " " + _PROVISIONAL if score.provisional
                           else ""], styles.cell),
                     *(para(str(counts.total(status)), styles.cell) for status in STATUS_ORDER),
                     para(f"{counts.unreviewed_items} of {counts.items}", styles.cell)])
        chart_rows.append((label if many_policies else checklist_short_name(snapshot), counts))
    widths = [0.0, 26 * mm] + [18.5 * mm] * len(STATUS_ORDER) + [19 * mm]
    widths[0] = FRAME_WIDTH - sum(widths)
    table = Table(rows, colWidths=widths, repeatRows=1, splitInRow=1)
    style = grid_table_style()
    for column, status in enumerate(STATUS_ORDER, start=2):
        style.add("LINEABOVE", (column, 0), (column, 0), 2.5, STATUS_COLOURS[status])
    table.setStyle(style)
    charts = status_bar_charts(chart_rows, FRAME_WIDTH)
    story += [
        ReportParagraph("Score per checklist and items by status. The counts include engine "
                        "suggestions nobody has reviewed yet; the last column says how many "
                        "there are.", styles.body),
        table, Spacer(1, 4 * mm),
        KeepTogether([ReportParagraph("<b>Items by status</b>", styles.h3), charts[0]]),
        *charts[1:],
        Spacer(1, 3 * mm),
    ]
    story += _top_findings(context)
    story.append(PageBreak())
    return story


def _top_findings(context: ReportContext) -> list[Flowable]:
    styles = context.styles
    top = top_findings(context.snapshots, TOP_FINDINGS)
    story: list[Flowable] = [heading(context, "Top findings", 1, "top-findings")]
    if not top:
        story.append(ReportParagraph("No requirement is missing or only partly met.", styles.body))
        return story
    story.append(ReportParagraph("The most serious gaps: mandatory (must) requirements first, "
                                 "missing before partial.", styles.body))
    items = [rich([f"{number}. ", status_markup(finding.status,
                                                reviewed=finding.review.reviewed),
                   "<br/>", text(finding.plain_words())], styles.body)
             for number, finding in enumerate(top, start=1)]

    def rest(left_out: int) -> Flowable:
        more = f"and {left_out} more of these; " if left_out else ""
        return ReportParagraph(f"<i>{more}every finding is in section 2, Findings.</i>",
                               styles.body)

    story.append(FitToPage(items, rest))
    return story
