"""A summary list fills the room left on its page and counts what it leaves out."""

from __future__ import annotations

from io import BytesIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from desktop_app.reports.fitting import FitToPage
from tests.reports.conftest import page_texts

BODY = getSampleStyleSheet()["BodyText"]


def _pdf(space_above: float, count: int) -> list[str]:
    items = [Paragraph(f"Finding number {n} " + "with a reason " * 12, BODY)
             for n in range(1, count + 1)]
    story = [Spacer(1, space_above),
             FitToPage(items, lambda left: Paragraph(f"and {left} more", BODY)),
             Paragraph("Next section", BODY)]
    out = BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build(story)
    return [" ".join(text.split()) for text in page_texts(out.getvalue())]


def test_a_list_with_room_is_shown_whole() -> None:
    [page] = _pdf(10, 5)
    assert all(f"Finding number {n} " in page for n in range(1, 6))
    assert "more" not in page


def test_what_does_not_fit_is_counted_not_carried_over() -> None:
    pages = _pdf(520, 10)
    first = pages[0]
    shown = [n for n in range(1, 11) if f"Finding number {n} " in first]
    assert shown == list(range(1, len(shown) + 1)) and 3 <= len(shown) < 10
    assert f"and {10 - len(shown)} more" in first
    # Nothing of the list spills onto the next page.
    assert "Finding number" not in " ".join(pages[1:]) and "Next section" in " ".join(pages)


def test_too_little_room_moves_the_list_to_the_next_page() -> None:
    pages = _pdf(620, 4)
    assert "Finding number" not in pages[0]
    assert all(f"Finding number {n} " in pages[1] for n in range(1, 5))
