"""Status charts drawn with reportlab graphics; every colour is paired with a symbol and label."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop_app.core.status import Status
from desktop_app.reports.fonts import plain_font_for, report_fonts
from desktop_app.reports.styles import INK, MUTED, RULE, STATUS_COLOURS
from desktop_app.reports.summary import STATUS_ORDER, StatusCounts

ROW_HEIGHT = 16.0
ROW_GAP = 7.0
LABEL_WIDTH = 175.0
LEGEND_HEIGHT = 22.0
AXIS_HEIGHT = 14.0
FONT_SIZE = 7.5
#: Bars per drawing; more would not fit a page.
ROWS_PER_CHART = 20


def _box(x: float, y: float, width: float, height: float, **style: Any) -> Rect:
    """A Rect. Through here because types-reportlab types Rect's style keywords wrongly."""
    return Rect(x, y, width, height, **style)


def _fit(text: str, font: str, size: float, width: float) -> str:
    """Shorten `text` with an ellipsis so it fits `width` points."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def status_bar_charts(rows: Sequence[tuple[str, StatusCounts]], width: float) -> list[Drawing]:
    """One chart, or several on a common scale when there are too many audits for one page."""
    scale = max((counts.items for _label, counts in rows), default=1) or 1
    return [status_bar_chart(rows[start:start + ROWS_PER_CHART], width, scale)
            for start in range(0, max(len(rows), 1), ROWS_PER_CHART)]


def status_bar_chart(rows: Sequence[tuple[str, StatusCounts]], width: float,
                     scale: int) -> Drawing:
    """A stacked horizontal bar per audit: items by status, labelled with symbol and count."""
    fonts = report_fonts()
    bar_width = width - LABEL_WIDTH - 10
    height = LEGEND_HEIGHT + AXIS_HEIGHT + len(rows) * (ROW_HEIGHT + ROW_GAP)
    drawing = Drawing(width, height)
    top = height - LEGEND_HEIGHT
    _legend(drawing, fonts.regular, top + 6)
    for index, (label, counts) in enumerate(rows):
        y = top - (index + 1) * (ROW_HEIGHT + ROW_GAP) + ROW_GAP / 2
        font = plain_font_for(label)
        drawing.add(String(0, y + ROW_HEIGHT / 2 - 3, _fit(label, font, FONT_SIZE, LABEL_WIDTH - 6),
                           fontName=font, fontSize=FONT_SIZE, fillColor=INK))
        x = LABEL_WIDTH
        for status in STATUS_ORDER:
            count = counts.total(status)
            if not count:
                continue
            segment = bar_width * count / scale
            solid = bar_width * counts.reviewed[status] / scale
            drawing.add(_box(x, y, solid, ROW_HEIGHT, fillColor=STATUS_COLOURS[status],
                             strokeColor=None, strokeWidth=0))
            if segment > solid:
                # Suggestions nobody reviewed: pale fill and a dashed outline, not colour alone.
                drawing.add(_box(x + solid, y, segment - solid, ROW_HEIGHT,
                                 fillColor=_pale(STATUS_COLOURS[status]),
                                 strokeColor=STATUS_COLOURS[status], strokeWidth=0.8,
                                 strokeDashArray=[2, 1.5]))
            text = f"{status.symbol} {count}"
            if stringWidth(text, fonts.bold, FONT_SIZE) + 4 <= segment:
                drawing.add(String(x + segment / 2, y + ROW_HEIGHT / 2 - 3, text,
                                   fontName=fonts.bold, fontSize=FONT_SIZE,
                                   fillColor=INK, textAnchor="middle"))
            x += segment
    _axis(drawing, fonts.regular, bar_width, scale)
    return drawing


def _pale(colour: Color) -> Color:
    return Color(*(0.35 * channel + 0.65 for channel in colour.rgb()))


def _legend(drawing: Drawing, font: str, y: float) -> None:
    x = 0.0
    for status in STATUS_ORDER:
        drawing.add(_box(x, y, 10, 10, fillColor=STATUS_COLOURS[status], strokeColor=None))
        text = f"{status.symbol} {status.label}"
        drawing.add(String(x + 14, y + 2, text, fontName=font, fontSize=FONT_SIZE + 0.5,
                           fillColor=INK))
        x += 14 + stringWidth(text, font, FONT_SIZE + 0.5) + 14
    drawing.add(_box(x, y, 10, 10, fillColor=_pale(STATUS_COLOURS[Status.SATISFIED]),
                     strokeColor=STATUS_COLOURS[Status.SATISFIED], strokeWidth=0.8,
                     strokeDashArray=[2, 1.5]))
    drawing.add(String(x + 14, y + 2, "dashed, pale: not yet reviewed", fontName=font,
                       fontSize=FONT_SIZE + 0.5, fillColor=INK))


def _axis(drawing: Drawing, font: str, bar_width: float, scale: int) -> None:
    y = AXIS_HEIGHT - 4
    drawing.add(Line(LABEL_WIDTH, y, LABEL_WIDTH + bar_width, y, strokeColor=RULE,
                     strokeWidth=0.5))
    step = max(1, _nice_step(scale))
    for tick in range(0, scale + 1, step):
        x = LABEL_WIDTH + bar_width * tick / scale
        drawing.add(Line(x, y, x, y - 3, strokeColor=RULE, strokeWidth=0.5))
        drawing.add(String(x, 0, str(tick), fontName=font, fontSize=6.5, fillColor=MUTED,
                           textAnchor="middle"))
    drawing.add(String(LABEL_WIDTH - 6, 0, "items", fontName=font, fontSize=6.5,
                       fillColor=MUTED, textAnchor="end"))


def _nice_step(scale: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if scale / step <= 10:
            return step
    return scale // 10
