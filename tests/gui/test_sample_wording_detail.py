"""The item detail offers an item's sample wording, collapsed, while the item falls short: as
plain text, labelled a starting point for counsel, by keyboard, and without taking the
evidence's room."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_app.core.audit import ItemReview
from desktop_app.core.finding import SAMPLE_WORDING_LABEL
from desktop_app.core.status import Status
from desktop_app.gui.models.checklist_model import ChecklistRow
from desktop_app.gui.panels.item_detail import ItemDetail
from tests.gui.helpers import tab_to


def _falling_short(window) -> ItemReview:
    items = {item.id: item for item in window.snapshot.checklist.items}
    return next(r for r in window.snapshot.reviews
                if r.effective_status is Status.MISSING and items[r.item_id].sample_wording)


def _row(window, **review) -> ChecklistRow:
    item = next(i for i in window.snapshot.checklist.items if i.sample_wording)
    return ChecklistRow(item, ItemReview(item.id, **review))


def test_sample_wording_is_offered_collapsed_for_an_item_that_falls_short(window) -> None:
    review = _falling_short(window)
    window.checklist.select_item(review.item_id)
    detail = window.detail
    assert not detail.sample_box.isHidden()
    assert not detail.sample_toggle.isChecked() and detail.sample_text.isHidden()
    shown = f"{detail.sample_toggle.text()} {detail.sample_caveat.text()}"
    assert shown == SAMPLE_WORDING_LABEL
    assert "not legal advice" in detail.sample_toggle.accessibleName()
    assert detail.sample_text.toPlainText() == window.snapshot.checklist.item(
        review.item_id).sample_wording
    detail.sample_toggle.setChecked(True)
    assert not detail.sample_text.isHidden()

    met = next(r for r in window.snapshot.reviews if r.effective_status is Status.SATISFIED)
    window.checklist.select_item(met.item_id)
    assert detail.sample_box.isHidden()


def test_the_decided_status_rules_over_the_suggestion(window, qtbot) -> None:
    detail = ItemDetail()
    qtbot.addWidget(detail)
    detail.show_row(_row(window, suggested_status=Status.MISSING, confidence=0.9, reason="r",
                         status=Status.SATISFIED), "")
    assert detail.sample_box.isHidden()
    detail.show_row(_row(window, suggested_status=Status.SATISFIED, confidence=0.9, reason="r",
                         status=Status.PARTIAL), "")
    assert not detail.sample_box.isHidden()
    detail.show_row(_row(window, suggested_status=Status.NOT_APPLICABLE, confidence=0.9,
                         reason="r"), "")
    assert detail.sample_box.isHidden()


def test_an_item_without_sample_wording_shows_no_section(window, qtbot) -> None:
    detail = ItemDetail()
    qtbot.addWidget(detail)
    row = _row(window, suggested_status=Status.MISSING, confidence=0.9, reason="r")
    detail.show_row(ChecklistRow(replace(row.item, sample_wording=""), row.review), "")
    assert detail.sample_box.isHidden()


def test_sample_wording_is_shown_as_plain_text(window, qtbot) -> None:
    detail = ItemDetail()
    qtbot.addWidget(detail)
    row = _row(window, suggested_status=Status.PARTIAL, confidence=0.5, reason="r")
    forged = "<b>We</b> keep &amp; <a href='x'>delete</a>"
    detail.show_row(ChecklistRow(replace(row.item, sample_wording=forged), row.review), "")
    assert detail.sample_text.toPlainText() == forged
    assert detail.sample_caveat.textFormat() == Qt.TextFormat.PlainText


def test_sample_wording_is_opened_and_reached_by_keyboard(window, qtbot) -> None:
    review = _falling_short(window)
    detail = window.detail
    tab_to(qtbot, window, review.item_id, detail.info, detail.sample_toggle, presses=4)
    qtbot.keyClick(detail.sample_toggle, Qt.Key.Key_Space)
    assert detail.sample_toggle.isChecked() and detail.sample_text.isVisible()
    qtbot.keyClick(detail.sample_toggle, Qt.Key.Key_Tab)
    assert detail.sample_text.hasFocus()
    # Read-only: keys select and copy, they never change the wording.
    qtbot.keyClick(detail.sample_text, Qt.Key.Key_X)
    assert detail.sample_text.toPlainText() == window.snapshot.checklist.item(
        review.item_id).sample_wording
    qtbot.keyClick(detail.sample_text, Qt.Key.Key_Tab)
    assert detail.evidence.hasFocus()
    qtbot.keyClick(detail.sample_toggle, Qt.Key.Key_Space)
    assert not detail.sample_text.isVisible()


def test_the_section_takes_no_room_from_the_evidence_on_a_laptop_screen(window, qtbot) -> None:
    detail = ItemDetail()
    qtbot.addWidget(detail)
    detail.resize(560, 390)   # the item panel of a 1366x768 screen
    detail.show()
    qtbot.waitExposed(detail)
    review = _falling_short(window)
    item = window.snapshot.checklist.item(review.item_id)
    text = window.snapshot.text
    detail.show_row(ChecklistRow(replace(item, sample_wording=""), review), text)
    QApplication.processEvents()
    panes = detail.splitter.sizes()
    evidence_height = detail.evidence.height()

    detail.show_row(ChecklistRow(item, review), text)
    for expanded in (False, True):
        detail.sample_toggle.setChecked(expanded)
        QApplication.processEvents()
        assert detail.sample_box.isVisible() and detail.sample_text.isVisible() == expanded
        assert detail.splitter.sizes()[1:] == panes[1:]
        assert detail.evidence.height() == evidence_height
