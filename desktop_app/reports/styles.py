"""Every paragraph style, table style, colour and page measure the reports use, defined once."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import TableStyle

from desktop_app.core.finding import Risk
from desktop_app.core.status import Status
from desktop_app.reports.fonts import report_fonts

PAGE_SIZE = A4
MARGIN_X = 18 * mm
MARGIN_TOP = 22 * mm
MARGIN_BOTTOM = 20 * mm
FRAME_WIDTH = PAGE_SIZE[0] - 2 * MARGIN_X

INK = colors.HexColor("#1F2933")
MUTED = colors.HexColor("#52606D")
RULE = colors.HexColor("#9AA5B1")
HEADER_FILL = colors.HexColor("#E4E7EB")
ZEBRA_FILL = colors.HexColor("#F5F7FA")
ACCENT = colors.HexColor("#0B4F6C")
DRAFT_RED = colors.HexColor("#B42318")
DRAFT_FILL = colors.HexColor("#FDECEA")
SIGNED_GREEN = colors.HexColor("#05603A")
WATERMARK = colors.Color(0.85, 0.2, 0.15, alpha=0.08)
UNREVIEWED_FILL = colors.HexColor("#FFF7E0")

#: Okabe-Ito palette (safe for the common colour-vision deficiencies); every use of a status
#: colour is paired with Status.symbol and Status.label, so colour never carries meaning alone.
STATUS_COLOURS: dict[Status, colors.Color] = {
    Status.SATISFIED: colors.HexColor("#009E73"),
    Status.PARTIAL: colors.HexColor("#E69F00"),
    Status.MISSING: colors.HexColor("#D55E00"),
    Status.NOT_APPLICABLE: colors.HexColor("#8C8C8C"),
}
STATUS_TEXT_COLOURS: dict[Status, colors.Color] = {
    Status.SATISFIED: colors.HexColor("#006B4E"),
    Status.PARTIAL: colors.HexColor("#8A5A00"),
    Status.MISSING: colors.HexColor("#A33F00"),
    Status.NOT_APPLICABLE: colors.HexColor("#555555"),
}
#: Risk ratings in text, dark enough to read on white.
RISK_TEXT_COLOURS: dict[Risk, colors.Color] = {
    Risk.HIGH: colors.HexColor("#B42318"),
    Risk.MEDIUM: colors.HexColor("#8A5A00"),
    Risk.LOW: colors.HexColor("#3E4C59"),
}


@dataclass(frozen=True)
class Styles:
    """The named paragraph styles of a report."""

    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_small: ParagraphStyle
    cell_head: ParagraphStyle
    cell_head_small: ParagraphStyle
    quote: ParagraphStyle
    draft_banner: ParagraphStyle
    signed_banner: ParagraphStyle
    verdict: ParagraphStyle
    toc1: ParagraphStyle
    toc2: ParagraphStyle
    mono: ParagraphStyle


@functools.cache
def report_styles() -> Styles:
    """Build the stylesheet once (fonts must be registered first, which this ensures)."""
    fonts = report_fonts()
    base = ParagraphStyle("base", fontName=fonts.regular, fontSize=9.5, leading=12.5,
                          textColor=INK, alignment=TA_LEFT)

    def derive(name: str, **changes: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **changes)

    return Styles(
        title=derive("title", fontName=fonts.bold, fontSize=22, leading=27, textColor=ACCENT,
                     spaceAfter=4),
        subtitle=derive("subtitle", fontSize=13, leading=17, textColor=MUTED, spaceAfter=10),
        h1=derive("h1", fontName=fonts.bold, fontSize=15, leading=19, textColor=ACCENT,
                  spaceBefore=6, spaceAfter=8),
        h2=derive("h2", fontName=fonts.bold, fontSize=12, leading=15, textColor=ACCENT,
                  spaceBefore=10, spaceAfter=5),
        h3=derive("h3", fontName=fonts.bold, fontSize=10, leading=13, spaceBefore=6,
                  spaceAfter=3),
        body=derive("body", spaceAfter=5),
        small=derive("small", fontSize=8, leading=10, textColor=MUTED, spaceAfter=3),
        cell=derive("cell", fontSize=8.5, leading=10.5),
        cell_small=derive("cell_small", fontSize=7.5, leading=9.2, textColor=MUTED),
        cell_head=derive("cell_head", fontName=fonts.bold, fontSize=8.5, leading=10.5),
        cell_head_small=derive("cell_head_small", fontName=fonts.bold, fontSize=7.5,
                               leading=9.5),
        quote=derive("quote", fontSize=8.5, leading=10.8, leftIndent=4, textColor=INK),
        draft_banner=derive("draft_banner", fontName=fonts.bold, fontSize=11, leading=14,
                            textColor=DRAFT_RED, alignment=TA_CENTER),
        signed_banner=derive("signed_banner", fontName=fonts.bold, fontSize=11, leading=14,
                             textColor=SIGNED_GREEN, alignment=TA_CENTER),
        verdict=derive("verdict", fontSize=10.5, leading=14, spaceAfter=6),
        toc1=derive("toc1", fontName=fonts.bold, fontSize=10, leading=14, leftIndent=0),
        toc2=derive("toc2", fontSize=9, leading=12, leftIndent=14),
        mono=derive("mono", fontSize=7.5, leading=9.5, textColor=MUTED),
    )


def grid_table_style(*, header_rows: int = 1, zebra: bool = True) -> TableStyle:
    """A data table: shaded header, light grid, optional zebra rows."""
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_FILL))
    if zebra:
        commands.append(("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [colors.white, ZEBRA_FILL]))
    return TableStyle(commands)


def detail_table_style(*, unreviewed: bool) -> TableStyle:
    """An item's detail card: a title bar, then label/value rows."""
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 1), (0, -1), report_fonts().bold, 7.5, 9.2),
        ("TEXTCOLOR", (0, 1), (0, -1), MUTED),
        ("BOX", (0, 0), (-1, -1), 0.6, RULE),
        ("LINEBELOW", (0, 0), (-1, -2), 0.25, HEADER_FILL),
        ("SPAN", (0, 0), (-1, 0)),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    if unreviewed:
        commands.append(("BACKGROUND", (0, 1), (-1, -1), UNREVIEWED_FILL))
    return TableStyle(commands)


def banner_table_style(draft: bool) -> TableStyle:
    """The DRAFT (or signed-off) box on the cover."""
    edge = DRAFT_RED if draft else SIGNED_GREEN
    fill = DRAFT_FILL if draft else colors.HexColor("#E7F6EC")
    return TableStyle([
        ("BOX", (0, 0), (-1, -1), 1.2, edge),
        ("BACKGROUND", (0, 0), (-1, -1), fill),
        ("TOPPADDING", (0, 0), (-1, -1), 6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ])


def key_value_table_style() -> TableStyle:
    """Cover facts: label column shaded, no zebra."""
    return TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("BACKGROUND", (0, 0), (0, -1), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ])
