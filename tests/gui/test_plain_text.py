"""User text in the window is shown as text, and many defects do not slow the viewer down."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.core.document import Defect
from desktop_app.gui.panels.policy_viewer import MAX_UNDERLINES, underline_spans
from desktop_app.gui.plain_text import confirm, plain_label, plain_tooltip


def test_labels_and_tooltips_do_not_render_markup(qtbot) -> None:
    label = plain_label(None, "<b>Mallory</b> signed off")
    qtbot.addWidget(label)
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert label.text() == "<b>Mallory</b> signed off"
    assert "&lt;b&gt;Mallory&lt;/b&gt;" in plain_tooltip("<b>Mallory</b>")


def test_status_bar_shows_names_literally(db_path, make_window) -> None:
    window = make_window(db_path)
    assert window.audit_label.textFormat() == Qt.TextFormat.PlainText
    assert window.task_label.textFormat() == Qt.TextFormat.PlainText


def test_touching_defects_are_underlined_as_one_span() -> None:
    defects = [Defect("placeholder", 15 * i, 15 * i + 14, "[COMPANY NAME]", "m")
               for i in range(3900)]
    assert underline_spans(defects) == [(0, 3899 * 15 + 14)]
    apart = [Defect("typo", 10 * i, 10 * i + 2, "xx", "m") for i in range(2000)]
    assert len(underline_spans(apart)) == MAX_UNDERLINES


@pytest.mark.parametrize(("button", "chosen"), [(QMessageBox.StandardButton.Yes, True),
                                                (QMessageBox.StandardButton.No, False)])
def test_a_confirmation_defaults_to_no_and_shows_its_text_literally(
        qtbot, button: QMessageBox.StandardButton, chosen: bool) -> None:
    seen = {}

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen["default"] = box.defaultButton() is box.button(QMessageBox.StandardButton.No)
        seen["format"] = box.textFormat()
        box.button(button).click()

    QTimer.singleShot(0, answer)
    assert confirm(None, "<b>Delete</b> audit 1?") is chosen
    assert seen == {"default": True, "format": Qt.TextFormat.PlainText}
