"""The manager summary: the verdict in one sentence, scores and top risks, then the plan."""

from __future__ import annotations

import datetime as dt

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from desktop_app.reports.context import (
    Heading,
    ReportContext,
    ReportParagraph,
    heading,
    para,
    text,
)
from desktop_app.reports.front import (
    facts_table,
    score_explanation,
    scores_table,
    status_banner,
)
from desktop_app.reports.plan_section import plan_section, top_risks
from desktop_app.reports.summary import verdict_sentence

ABOUT = ("This summary gives the result and the plan. The workpaper report (report --full) "
         "holds the evidence for every item, the drafting defects, the audit trail and the "
         "method and its limits. The checklists summarise the law as of their review date; this "
         "is not legal advice.")


def summary_story(context: ReportContext, today: dt.date) -> list[Flowable]:
    styles = context.styles
    story: list[Flowable] = [
        Heading(text("Privacy policy audit — summary"), styles.title, 0, "cover"),
        para(context.subject, styles.subtitle),
        status_banner(context), Spacer(1, 3 * mm),
        ReportParagraph("<b>Verdict</b>", styles.h2),
        para(verdict_sentence(context.snapshots), styles.verdict),
        scores_table(context), score_explanation(context),
        ReportParagraph("<b>Top risks</b>", styles.h2),
        *top_risks(context),
        PageBreak(),
    ]
    story += plan_section(context, "1", today)
    # What was audited closes the summary, so that page 1 holds the result alone.
    story += [Spacer(1, 4 * mm), heading(context, "2. What was audited", 0, "audited"),
              facts_table(context, with_appendix=False), Spacer(1, 2 * mm),
              para(ABOUT, styles.small)]
    return story

