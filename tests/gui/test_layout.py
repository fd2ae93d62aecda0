"""First-run layout: the window fills the screen, names and item text are not clipped."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from desktop_app.gui.app import open_window
from desktop_app.gui.mainwindow import BOTTOM_DOCKS, is_compact
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
    window.resize(window.width() - 20, window.height() - 20)
    saved = (window.width(), window.height())
    assert saved != (screen.width(), screen.height())
    window.close()

    again = open_window(db_path, Settings(Path(settings.file_name)))
    qtbot.addWidget(again)
    # Window frames may shift the restored height by a few pixels on some platforms.
    assert not again.windowState() & Qt.WindowState.WindowMaximized
    assert again.width() == saved[0] and abs(again.height() - saved[1]) <= 10
    again.close()


def test_library_shows_whole_policy_names(qtbot, db_path, settings) -> None:
    window = open_window(db_path, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    # Laid out as on a 1366x768 laptop screen.
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: window.width() == 1366)
    window._size_docks(1366, 768)
    header = window.library.table.horizontalHeader()
    metrics = window.library.table.fontMetrics()
    names = [s.policy_name for s in window.library.model.summaries()]
    assert names
    widest = max(metrics.horizontalAdvance(name) for name in names)
    assert header.sectionSize(LibCol.POLICY) > widest
    window.close()


def test_suggestion_stays_above_the_requirement_and_evidence_has_room(window, qtbot) -> None:
    window.show()
    qtbot.waitExposed(window)
    suggestion = window.detail.suggestion
    assert suggestion.isVisible() and "confidence" in suggestion.text()
    assert suggestion.geometry().bottom() < window.detail.splitter.geometry().top()
    info, evidence, note = window.detail.splitter.sizes()
    assert evidence >= info > 0
    assert evidence > note > 0


def test_laptop_screen_gets_the_compact_layout(qtbot, db_path, settings) -> None:
    window = open_window(db_path, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert is_compact(window.width(), window.height())   # the offscreen screen is 800x600
    for name in BOTTOM_DOCKS:
        assert window.dockWidgetArea(window.docks[name]) == Qt.DockWidgetArea.LeftDockWidgetArea
        assert window.docks["library"] in window.tabifiedDockWidgets(window.docks[name])
    # Nothing may force the window wider than a 1366-pixel laptop screen.
    assert window.minimumSizeHint().width() <= 1366
    assert window.docks["detail"].minimumSizeHint().width() < 400
    window.close()


def test_only_the_current_items_evidence_is_tinted_unless_asked(window, qtbot) -> None:
    current = window.checklist.current_item_id()
    own = {(r.start, r.end) for r in window.snapshot.review(current).evidence}
    tinted = {(h.start, h.end) for h in window.viewer._highlights}
    assert tinted == own
    window.commands["tint_all_evidence"].setChecked(True)
    every = {(r.start, r.end) for review in window.snapshot.reviews for r in review.evidence}
    assert {(h.start, h.end) for h in window.viewer._highlights} == every
    assert len(every) > len(own)
    window.commands["tint_all_evidence"].setChecked(False)


def test_evidence_rows_name_the_clause_once_then_quote() -> None:
    # The ref is shown whole, as the reader finds it in the policy.
    label = evidence_label("Service provision › paragraph 2", "We use it.")
    assert label == "Service provision › paragraph 2  “We use it.”"
    assert evidence_label("3.1(b)", "We use it.") == "3.1(b)  “We use it.”"
    # A heading path stored by an earlier version keeps its last part.
    label = evidence_label("How we use data > Service provision #2", "We use it.")
    assert label == "Service provision #2  “We use it.”"
    assert evidence_label("", "Loose text") == "—  “Loose text”"
