"""Filters and multi-selection behave as a reviewer expects when driven through the widgets."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop_app.core.status import Status
from desktop_app.gui.mainwindow import MainWindow


def _visible_statuses(window: MainWindow) -> list[Status]:
    proxy = window.checklist.proxy
    rows = [window.checklist.model.row_at(proxy.mapToSource(proxy.index(r, 0)))
            for r in range(proxy.rowCount())]
    return [row.review.effective_status for row in rows if row is not None]


def test_status_filter_chosen_in_the_combo_box_keeps_only_that_status(window: MainWindow,
                                                                       qtbot) -> None:
    combo = window.checklist.state_filter
    total = window.checklist.proxy.rowCount()
    all_statuses = set(_visible_statuses(window))
    assert len(all_statuses) > 1
    for status in all_statuses:
        combo.setCurrentIndex(combo.findData(status.value))
        shown = _visible_statuses(window)
        assert shown and set(shown) == {status}
        assert len(shown) < total
    combo.setCurrentIndex(0)
    assert window.checklist.proxy.rowCount() == total


def _click_row(qtbot, window: MainWindow, row: int, modifier=Qt.KeyboardModifier.NoModifier):
    table = window.library.table
    rect = table.visualRect(window.library.proxy.index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def test_ctrl_click_builds_a_selection_that_compare_uses(window: MainWindow, qtbot) -> None:
    window.show()
    qtbot.waitExposed(window)
    assert window.library.proxy.rowCount() == 2
    _click_row(qtbot, window, 0)
    opened = window.snapshot.audit_id
    _click_row(qtbot, window, 1, Qt.KeyboardModifier.ControlModifier)
    selected = {s.audit_id for s in window.library.selected_summaries()}
    assert len(selected) == 2
    assert window.snapshot.audit_id == opened     # Ctrl+click selects, it does not open
    window.compare_selected()
    qtbot.waitUntil(lambda: window.compare.table.columnCount() == 2, timeout=10_000)
    assert window.docks["compare"].isVisible()


def test_a_shortcut_that_cannot_run_says_why(make_window, tmp_path, qtbot) -> None:
    window: MainWindow = make_window(tmp_path / "empty.sqlite")
    assert not window.commands["satisfied"].isEnabled()
    qtbot.keyClick(window.library.table, Qt.Key.Key_1)
    message = window.statusBar().currentMessage()
    assert "Satisfied: open an audit first" in message


def test_plain_letters_typed_in_a_text_field_stay_text(make_window, tmp_path, qtbot) -> None:
    window: MainWindow = make_window(tmp_path / "empty.sqlite")
    window.library.filter.setFocus()
    qtbot.keyClick(window.library.filter, Qt.Key.Key_1)
    assert window.statusBar().currentMessage() == ""
    assert window.library.filter.text() == "1"


def test_ctrl_e_in_the_find_bar_is_left_to_the_attach_evidence_shortcut(window) -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    edit = window.viewer.find_bar.edit
    override = QKeyEvent(QEvent.Type.ShortcutOverride, Qt.Key.Key_E,
                         Qt.KeyboardModifier.ControlModifier)
    QApplication.sendEvent(edit, override)
    assert not override.isAccepted()
    plain = QKeyEvent(QEvent.Type.ShortcutOverride, Qt.Key.Key_Home, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(edit, plain)
    assert plain.isAccepted()     # the line edit keeps its own editing keys
