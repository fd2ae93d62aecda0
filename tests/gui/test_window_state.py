"""State: layout and selection restored, second windows stay in step, actions reachable."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction

from desktop_app.core.status import Status
from desktop_app.gui.settings import Settings


def test_reopening_restores_audit_item_and_layout(make_window, db_path, settings) -> None:
    window = make_window(db_path)
    audits = window.library.model.summaries()
    window.open_audit(audits[-1].audit_id)
    item = window.snapshot.checklist.items[3].id
    window.checklist.select_item(item)
    window.docks["defects"].hide()
    window.close()

    again = make_window(db_path, Settings(Path(settings.file_name)))
    assert again.snapshot.audit_id == audits[-1].audit_id
    assert again.checklist.current_item_id() == item
    assert again.docks["defects"].isHidden()


def test_second_window_sees_changes_after_refresh(make_window, db_path) -> None:
    first = make_window(db_path)
    second = make_window(db_path)
    second.open_audit(first.snapshot.audit_id)
    item = first.checklist.current_item_id()
    second.checklist.select_item(item)
    first.actions["partial"].trigger()
    second.reload_from_store()
    assert second.checklist.current_row().review.status == Status.PARTIAL


def test_every_action_has_a_shortcut_and_a_menu(window) -> None:
    in_menus: set[QAction] = set()
    for menu_action in window.menuBar().actions():
        in_menus.update(menu_action.menu().actions())
    for name, action in window.actions.items():
        assert action.shortcuts(), f"{name} has no shortcut"
        assert action in in_menus, f"{name} is in no menu"


def test_welcome_opens_the_example(make_window, tmp_path, qtbot) -> None:
    window = make_window(tmp_path / "empty.sqlite")
    assert window.central.currentWidget() is window.welcome
    with qtbot.waitSignal(window.importer.imported, timeout=30_000):
        window.welcome.example_button.click()
    assert window.snapshot is not None
    assert window.central.currentWidget() is window.viewer
    assert window.settings.welcome_done


def test_find_moves_to_matches(window) -> None:
    word = window.snapshot.clauses[1].text.split()[0]
    window.actions["find"].trigger()
    assert window.viewer.find(word)
    assert window.viewer.editor.textCursor().selectedText().lower() == word.lower()
