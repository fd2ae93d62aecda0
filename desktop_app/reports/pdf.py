"""Build the PDF audit report: document template, page furniture, outline and metadata."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate

from desktop_app import __version__
from desktop_app.core.audit import AuditSnapshot
from desktop_app.errors import InputError
from desktop_app.reports import appendix, detail, findings, front, manager, plan_section
from desktop_app.reports.context import Heading, ReportContext
from desktop_app.reports.digest import report_digest
from desktop_app.reports.fonts import markup, plain_font_for
from desktop_app.reports.styles import (
    DRAFT_RED,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    MUTED,
    PAGE_SIZE,
    RULE,
    SIGNED_GREEN,
    WATERMARK,
)
from desktop_app.reports.summary import is_draft

#: The date printed in deterministic builds when none is given.
FIXED_DATE = "2000-01-01 00:00 UTC"
_ISO_DAY = re.compile(r"^\d{4}-\d\d-\d\d")
#: Reports with more audits or items than this get a table of contents.
TOC_MIN_ITEMS = 25


class NumberedCanvas(Canvas):
    """Keeps every page until save so the footer can say "Page x of y"."""

    def __init__(self, *args: Any, page_font: str = "Helvetica", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []
        self._page_font = page_font

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._pages.append(dict(self.__dict__))
        # reportlab's own page reset, which the stubs leave out.
        self._startPage()  # type: ignore[attr-defined]

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._draw_page_number(total)
            super().showPage()
        super().save()

    def _draw_page_number(self, total: int) -> None:
        self.setFont(self._page_font, 8)
        self.setFillColor(MUTED)
        self.drawRightString(PAGE_SIZE[0] - MARGIN_X, 10 * mm,
                             f"Page {self.getPageNumber()} of {total}")


class ReportTemplate(BaseDocTemplate):
    """One frame per page; headings feed the outline and the table of contents."""

    def __init__(self, out: BinaryIO, context: ReportContext, *, invariant: bool) -> None:
        super().__init__(
            out, pagesize=PAGE_SIZE, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM,
            title=f"Privacy policy audit report — {context.subject}",
            author=", ".join(_reviewers(context.snapshots)) or "Policy Auditor",
            subject=_state_words(context, "{} — ") + "Audit of "
                    + "; ".join(s.checklist.name for s in context.snapshots),
            creator=f"Policy Auditor {__version__}",
            keywords=["privacy policy", "audit", _state_words(context, "{}") or "signed off"],
            invariant=invariant,
        )
        self.context = context
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate("body", [frame], onPage=self._furniture)])

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - reportlab's name
        if isinstance(flowable, Heading) and flowable.outline_key:
            plain = flowable.getPlainText()
            self.canv.bookmarkPage(flowable.outline_key)
            self.canv.addOutlineEntry(plain, flowable.outline_key, level=flowable.outline_level,
                                      closed=flowable.outline_level > 0)
            self.notify("TOCEntry", (flowable.outline_level, markup(plain), self.page,
                                     flowable.outline_key))

    def _furniture(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        context = self.context
        width, height = PAGE_SIZE
        canvas.saveState()
        if context.draft or context.integrity_failure:
            canvas.setFont(context.fonts.bold, 110 if context.draft else 80)
            canvas.setFillColor(WATERMARK)
            canvas.translate(width / 2, height / 2)
            canvas.rotate(45)
            canvas.drawCentredString(0, -35, "UNVERIFIED" if context.integrity_failure
                                     else "DRAFT")
            canvas.rotate(-45)
            canvas.translate(-width / 2, -height / 2)
        top = height - 12 * mm
        subject = f"Privacy policy audit — {context.subject}"
        canvas.setFont(plain_font_for(subject), 8)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN_X, top, subject[:90])
        canvas.setFont(context.fonts.bold, 8.5)
        if context.integrity_failure:
            canvas.setFillColor(DRAFT_RED)
            canvas.drawRightString(width - MARGIN_X, top, "INTEGRITY CHECK FAILED")
            self._failure_line(canvas, top + 4.5 * mm)
        elif context.draft:
            canvas.setFillColor(DRAFT_RED)
            canvas.drawRightString(width - MARGIN_X, top, "DRAFT — NOT SIGNED OFF")
        elif context.unconfirmed:
            canvas.setFillColor(DRAFT_RED)
            canvas.drawRightString(width - MARGIN_X, top, "SIGNED OFF — UNCONFIRMED ITEMS")
        elif any(s.override_reason for s in context.snapshots):
            canvas.setFillColor(DRAFT_RED)
            canvas.drawRightString(width - MARGIN_X, top, "SIGNED OFF WITH AN OVERRIDE")
        elif context.not_decided:
            canvas.setFillColor(DRAFT_RED)
            canvas.drawRightString(width - MARGIN_X, top, "SIGNED OFF — ITEMS ACCEPTED IN BULK")
        else:
            canvas.setFillColor(SIGNED_GREEN)
            canvas.drawRightString(width - MARGIN_X, top, "SIGNED OFF")
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN_X, top - 3 * mm, width - MARGIN_X, top - 3 * mm)
        canvas.line(MARGIN_X, 14 * mm, width - MARGIN_X, 14 * mm)
        canvas.setFont(context.fonts.regular, 8)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN_X, 10 * mm,
                          f"Generated {context.generated_at} · report digest "
                          f"{context.digest[:16]}…")
        canvas.restoreState()


    def _failure_line(self, canvas: Canvas, y: float) -> None:
        """What the integrity check found, cut to the width of the page."""
        words = f"INTEGRITY CHECK FAILED: {self.context.integrity_failure}"
        font = plain_font_for(words)
        canvas.setFont(font, 7)
        canvas.setFillColor(DRAFT_RED)
        room = PAGE_SIZE[0] - 2 * MARGIN_X
        if stringWidth(words, font, 7) > room:
            while words and stringWidth(words + "…", font, 7) > room:
                words = words[:-1]
            words += "…"
        canvas.drawString(MARGIN_X, y, words)


def _state_words(context: ReportContext, template: str) -> str:
    """The report's state for its metadata ("" when signed off and verified)."""
    if context.integrity_failure:
        return template.format("INTEGRITY CHECK FAILED")
    return template.format("DRAFT") if context.draft else ""


def _reviewers(snapshots: Sequence[AuditSnapshot]) -> list[str]:
    names: dict[str, None] = {}
    for snapshot in snapshots:
        for name in snapshot.reviewers:
            names.setdefault(name, None)
    return list(names)


def _story(context: ReportContext, with_toc: bool, today: dt.date) -> list[Flowable]:
    story: list[Flowable] = []
    story += front.cover(context)
    if with_toc:
        story += front.contents(context)
    story += front.executive_summary(context)
    story += findings.findings_section(context)
    story += detail.item_details(context)
    story += findings.defects_section(context)
    if len(context.snapshots) > 1:
        story += findings.topic_comparison(context)
    story.append(PageBreak())
    story += plan_section.plan_section(context, "6" if len(context.snapshots) > 1 else "5", today)
    story += appendix.appendices(context)
    return story


def build_report(audits: Sequence[AuditSnapshot], out: str | Path | BinaryIO, *,
                 deterministic: bool = False, generated_at: str | None = None,
                 trail_check: str = "", integrity_failure: str = "",
                 summary: bool = False) -> None:
    """Write the audit report for `audits` (one or more) as a PDF to a path or binary stream.

    `summary` writes the manager summary (verdict, scores, top risks, remediation plan)
    instead of the full workpaper.

    `deterministic` makes the bytes repeatable: reportlab's invariant mode plus a fixed date
    (unless `generated_at` is given). `trail_check` is the outcome of verifying the trail's hash
    chain when the report was made, printed with the digest ("" when it was not checked).
    `integrity_failure` says what that check found wrong: page one and every page header then
    say INTEGRITY CHECK FAILED, and the report never claims to be final.
    """
    if not audits:
        raise InputError("No audit to report on: give at least one audit id.")
    if generated_at is None:
        generated_at = FIXED_DATE if deterministic else \
            datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    context = ReportContext.create(audits, generated_at=generated_at,
                                   digest=report_digest(audits), draft=is_draft(audits),
                                   trail_check=trail_check,
                                   integrity_failure=integrity_failure)
    items = sum(len(snapshot.reviews) for snapshot in audits)
    with_toc = not summary and (len(audits) > 1 or items > TOC_MIN_ITEMS)
    buffer = BytesIO()
    template = ReportTemplate(buffer, context, invariant=deterministic)
    # Overdue is judged on the report's date, so a deterministic build stays repeatable.
    today = dt.date.fromisoformat(generated_at[:10]) if _ISO_DAY.match(generated_at) \
        else dt.date.today()
    story = (manager.summary_story(context, today) if summary
             else _story(context, with_toc, today))
    canvasmaker = functools.partial(NumberedCanvas, page_font=context.fonts.regular)
    if with_toc:
        template.multiBuild(story, canvasmaker=canvasmaker)
    else:
        template.build(story, canvasmaker=canvasmaker)
    data = buffer.getvalue()
    if isinstance(out, str | Path):
        out = Path(out)
        try:
            out.write_bytes(data)
        except OSError as error:
            raise InputError(f"Cannot write the report to {out}: {error.strerror}. "
                             "Choose a folder you can write to.") from error
    else:
        out.write(data)
