"""The item detail lists an item's closest passages apart from its evidence, labelled as not
evidence, muted, and reachable by keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette

from desktop_app.core.audit import ClosestPassage, ItemReview
from desktop_app.core.status import Status
from desktop_app.gui.models.checklist_model import ChecklistRow
from desktop_app.gui.panels.item_detail import CLOSEST_TITLE, ItemDetail
from tests.gui.helpers import tab_to


def _item_with_closest_passages(window) -> ItemReview:
    return next(r for r in window.snapshot.reviews if r.closest and not r.evidence)


def test_closest_passages_are_listed_apart_from_evidence(window, qtbot) -> None:
    review = _item_with_closest_passages(window)
    window.checklist.select_item(review.item_id)
    detail = window.detail
    assert not detail.closest_box.isHidden()
    assert detail.closest_title.text() == f"<b>{CLOSEST_TITLE}</b>"
    assert detail.closest.accessibleName() == "Closest passages (not evidence)"
    shown = [detail.closest.item(i).text() for i in range(detail.closest.count())]
    assert len(shown) == len(review.closest) > 0
    for text, passage in zip(shown, review.closest, strict=True):
        ref = passage.ref.rsplit(" > ", 1)[-1]
        assert text.startswith(ref) and " ".join(passage.quote.split())[:40] in text
    # The evidence list holds only its placeholder: no passage is offered as evidence.
    assert detail.evidence.count() == 1
    assert detail.evidence.item(0).text().startswith("No evidence yet")
    assert detail.current_evidence() is None
    # Muted, unlike the evidence entries.
    muted = detail.palette().color(QPalette.ColorRole.PlaceholderText)
    assert all(detail.closest.item(i).foreground().color() == muted
               for i in range(detail.closest.count()))
    assert muted != detail.evidence.palette().color(QPalette.ColorRole.Text)
    assert detail.closest.font().italic() and not detail.evidence.font().italic()

    with_evidence = next(r for r in window.snapshot.reviews if r.evidence and not r.closest)
    window.checklist.select_item(with_evidence.item_id)
    assert detail.closest_box.isHidden() and detail.closest.count() == 0


def test_closest_passages_are_reached_by_tab_and_shown_with_enter(window, qtbot) -> None:
    review = _item_with_closest_passages(window)
    detail = window.detail
    tab_to(qtbot, window, review.item_id, detail.evidence, detail.closest)
    qtbot.keyClick(detail.closest, Qt.Key.Key_Down)
    with qtbot.waitSignal(detail.closest_activated) as activated:
        qtbot.keyClick(detail.closest, Qt.Key.Key_Return)
    passage = activated.args[0]
    assert isinstance(passage, ClosestPassage) and passage in review.closest
    assert window.viewer.selected_span() == (passage.start, passage.end)
    # Showing a passage in the policy attaches nothing.
    assert window.workspace.audit(window.snapshot.audit_id).review(review.item_id).evidence == ()


def test_closest_passage_text_is_shown_as_plain_text(window, qtbot) -> None:
    row = window.checklist.current_row()
    forged = ClosestPassage("<i>4.1</i>", 0, 5, "<b>We keep</b> &amp; delete")
    review = ItemReview(row.item.id, Status.MISSING, 0.5, "none", closest=(forged,))
    detail = ItemDetail()
    qtbot.addWidget(detail)
    detail.show_row(ChecklistRow(row.item, review), "We keep it.")
    entry = detail.closest.item(0)
    assert entry.text() == "<i>4.1</i>  “<b>We keep</b> &amp; delete”"
    assert "&lt;i&gt;4.1&lt;/i&gt;" in entry.toolTip() and "not evidence" in entry.toolTip()
    assert not detail.closest_box.isHidden()
