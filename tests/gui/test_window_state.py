"""State: layout and selection restored, second windows stay in step, actions reachable."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtGui import QAction

from desktop_app.core.status import Status
from desktop_app.gui.settings import Settings
from tests.gui.helpers import open_and_wait, wait_opened


def test_reopening_restores_audit_item_and_layout(make_window, db_path, settings,
                                                  qtbot) -> None:
    window = make_window(db_path)
    audits = window.library.model.summaries()
    open_and_wait(qtbot, window, audits[-1].audit_id)
    item = window.snapshot.checklist.items[3].id
    window.checklist.select_item(item)
    window.docks["defects"].hide()
    window.close()

    again = make_window(db_path, Settings(Path(settings.file_name)))
    assert again.snapshot.audit_id == audits[-1].audit_id
    assert again.checklist.current_item_id() == item
    assert again.docks["defects"].isHidden()


@pytest.fixture
def two_windows(make_window, db_path, qtbot):
    """Two windows on one database, on the same item; the first has just set it partial."""
    first = make_window(db_path)
    second = make_window(db_path)
    open_and_wait(qtbot, second, first.snapshot.audit_id)
    item = first.checklist.current_item_id()
    second.checklist.select_item(item)
    first.commands["partial"].trigger()
    second.reload_from_store()
    return first, second, item


def test_second_window_sees_changes_after_refresh(two_windows) -> None:
    _, second, _ = two_windows
    assert second.checklist.current_row().review.status == Status.PARTIAL


def test_undo_leaves_a_change_made_since_in_another_window(two_windows,
                                                          alerts: list[str]) -> None:
    first, second, item = two_windows
    second.commands["missing"].trigger()
    first.commands["undo"].trigger()
    assert len(alerts) == 1 and f"{item} was changed after this step" in alerts.pop()
    first.reload_from_store()
    assert first.checklist.current_row().review.status == Status.MISSING
    # The step that can no longer be undone leaves the stack.
    assert not first.undo_group.canUndo()


def test_every_action_has_a_shortcut_and_a_menu(window) -> None:
    in_menus: set[QAction] = set()
    for menu_action in window.menuBar().actions():
        in_menus.update(menu_action.menu().actions())
    for name, action in window.commands.items():
        assert action.shortcuts(), f"{name} has no shortcut"
        assert action in in_menus, f"{name} is in no menu"


def test_no_two_commands_share_a_key(window) -> None:
    owners: dict[str, set[str]] = {}
    for action in window.findChildren(QAction):
        for key in action.shortcuts():
            owners.setdefault(key.toString(), set()).add(action.objectName() or action.text())
    # Qt fires neither action of an ambiguous key.
    assert {key: names for key, names in owners.items() if len(names) > 1} == {}


def test_four_eyes_switch_is_stored_and_asks_before_going_off(window, store, monkeypatch) -> None:
    from desktop_app.gui.dialogs.prompts import ConfirmFourEyesOff

    action = window.commands["four_eyes"]
    # On by default: going off asks, and No keeps it on.
    assert action.isCheckable() and action.isChecked() and store.four_eyes
    monkeypatch.setattr(ConfirmFourEyesOff, "ask", classmethod(lambda cls, parent: False))
    action.trigger()
    assert store.four_eyes and action.isChecked()
    monkeypatch.setattr(ConfirmFourEyesOff, "ask", classmethod(lambda cls, parent: True))
    action.trigger()
    assert not store.four_eyes and not action.isChecked()
    with contextlib.closing(sqlite3.connect(store.db_path)) as db:
        assert db.execute("SELECT actor, action, after FROM trail ORDER BY seq DESC "
                          "LIMIT 1").fetchone() == ("tester", "setting", '{"four_eyes":"off"}')
    action.trigger()
    assert store.four_eyes and action.isChecked()
    # Changed elsewhere (another window, the command line): the menu shows the stored rule.
    store.set_four_eyes(False, "carol")
    window.menuBar().actions()[2].menu().aboutToShow.emit()
    assert not action.isChecked()


def test_welcome_opens_the_example(make_window, tmp_path, qtbot) -> None:
    window = make_window(tmp_path / "empty.sqlite")
    assert window.central.currentWidget() is window.welcome
    with qtbot.waitSignal(window.importer.imported, timeout=30_000):
        window.welcome.example_button.click()
    wait_opened(qtbot, window)
    assert window.snapshot is not None
    assert window.central.currentWidget() is window.viewer
    assert window.settings.welcome_done


def test_find_moves_to_matches(window) -> None:
    word = window.snapshot.clauses[1].text.split()[0]
    window.commands["find"].trigger()
    assert window.viewer.find(word)
    assert window.viewer.editor.textCursor().selectedText().lower() == word.lower()


def test_dropping_a_file_imports_it(window, qtbot, monkeypatch, policies_dir) -> None:
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    from desktop_app.gui.dialogs.import_dialog import ImportChoice, ImportDialog

    monkeypatch.setattr(ImportDialog, "ask", classmethod(
        lambda cls, p, f, name, c, detected: ImportChoice("Dropped", tuple(detected))))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(policies_dir / "sony-sg.txt"))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.importer.imported, timeout=30_000):
        window.dropEvent(event)
    wait_opened(qtbot, window)
    assert window.snapshot.policy.name == "Dropped"
    assert window.snapshot.checklist.id == "pdpa"


def test_signed_off_audit_refuses_review_keys(window, store, monkeypatch) -> None:
    from desktop_app.gui.dialogs.signoff_dialog import SignOffChoice, SignOffDialog

    monkeypatch.setattr(SignOffDialog, "ask",
                        classmethod(lambda cls, *a: SignOffChoice(override="pilot audit")))
    window.commands["sign_off"].trigger()
    item = window.checklist.current_item_id()
    window.commands["partial"].trigger()
    window.commands["accept"].trigger()
    review = store.audit(window.snapshot.audit_id).review(item)
    assert review.status is None
    assert window.detail.note.isReadOnly()


def test_second_window_follows_database_changes_by_itself(make_window, db_path, store,
                                                          qtbot) -> None:
    window = make_window(db_path)
    audit_id = window.snapshot.audit_id
    item = window.checklist.current_item_id()
    store.set_status(audit_id, item, Status.MISSING, "someone else")
    qtbot.waitUntil(lambda: window.checklist.current_row().review.status == Status.MISSING,
                    timeout=5_000)


def test_compare_shows_every_audit_of_the_policy_by_topic(window, qtbot) -> None:
    window.commands["compare"].trigger()
    qtbot.waitUntil(lambda: window.compare.table.columnCount() == 2, timeout=10_000)
    table = window.compare.table
    assert table.rowCount() > 5
    cells = [table.item(r, c).text() for r in range(table.rowCount()) for c in range(2)]
    assert any(any(symbol in cell for symbol in "✓◐✗–") for cell in cells)


def test_only_the_latest_compare_request_is_shown(window, qtbot) -> None:
    shown: list[str] = []
    ids = [s.audit_id for s in window.library.model.summaries()]
    window.exporter.load_for_compare(ids, lambda snaps: shown.append("older"))
    window.exporter.load_for_compare(ids[:1], lambda snaps: shown.append("latest"))
    qtbot.waitUntil(lambda: not window.runner.running, timeout=10_000)
    qtbot.wait(50)
    assert shown == ["latest"]


def test_unreadable_file_gives_a_message_not_a_crash(window, tmp_path, qtbot, alerts) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_text("", encoding="utf-8")
    window.import_files([bad])
    qtbot.waitUntil(lambda: bool(alerts), timeout=10_000)
    assert "empty.txt" in alerts[0]
    alerts.clear()
    assert not window.importer.busy


def test_new_window_has_its_own_connection_and_follows_changes(window, qtbot) -> None:
    other = window.new_window()
    qtbot.addWidget(other)
    assert other.workspace is not window.workspace
    open_and_wait(qtbot, other, window.snapshot.audit_id)
    other.checklist.select_item(window.checklist.current_item_id())
    window.commands["satisfied"].trigger()
    qtbot.waitUntil(lambda: other.checklist.current_row().review.status == Status.SATISFIED,
                    timeout=5_000)


def test_shortcut_reference_lists_every_command(window) -> None:
    from desktop_app.gui.dialogs.shortcuts import shortcut_rows

    rows = dict(shortcut_rows(window.commands))
    assert len(rows) == len(window.commands)
    assert rows["Attach Selection as Evidence"] == "Ctrl+E"
    assert rows["Accept Suggestion"].startswith("A")


def test_history_shows_each_review_action_newest_first(window) -> None:
    item = window.checklist.current_item_id()
    window.commands["missing"].trigger()
    top = window.history.tree.topLevelItem(0)
    assert top.text(1) == "tester"
    assert top.text(3) == item
    assert top.text(4).endswith("→ ✗ Missing")


def test_picking_a_defect_shows_it_in_the_text(window) -> None:
    defects = window.snapshot.defects
    assert window.defects.tree.topLevelItemCount() == len(defects) > 0
    entry = window.defects.tree.topLevelItem(0)
    window.defects.tree.itemClicked.emit(entry, 0)
    start, end = window.viewer.selected_span()
    assert defects[0].start <= start < end <= max(defects[0].end, defects[0].start + 1)
