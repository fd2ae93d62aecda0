"""First-run layout: the window fills the screen, names and item text are not clipped."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from desktop_app.gui.app import open_window
from desktop_app.gui.models.library_model import LibCol
from desktop_app.gui.panels.item_detail import evidence_label
from desktop_app.gui.settings import Settings


def test_first_run_fills_the_screen_and_a_saved_size_wins(qtbot, db_path, settings) -> None:
    window = open_window(db_path, settings)
    qtbot.addWidget(window)
    screen = window.screen().availableGeometry()
    assert window.size() == screen.size()
    assert window.windowState() & Qt.WindowState.WindowMaximized
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(500, 400)
    window.close()

    again = open_window(db_path, Settings(Path(settings.file_name)))
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (500, 400)
    again.close()


def test_library_shows_whole_policy_names(qtbot, db_path, settings) -> None:
    window = open_window(db_path, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    header = window.library.table.horizontalHeader()
    metrics = window.library.table.fontMetrics()
    names = [s.policy_name for s in window.library.model.summaries()]
    assert names
    widest = max(metrics.horizontalAdvance(name) for name in names)
    assert header.sectionSize(LibCol.POLICY) > widest
    window.close()


def test_item_requirement_gets_the_most_room(window, qtbot) -> None:
    window.show()
    qtbot.waitExposed(window)
    info, evidence, note = window.detail.splitter.sizes()
    assert info > evidence > 0
    assert info > note > 0


def test_evidence_rows_name_the_clause_once_then_quote() -> None:
    label = evidence_label("How we use data > Service provision #2", "We use it.")
    assert label == "Service provision #2  “We use it.”"
    assert evidence_label("", "Loose text") == "—  “Loose text”"
