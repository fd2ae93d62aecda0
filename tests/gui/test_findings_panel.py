"""The Findings panel: the plan of the open audit, inline edits that are stored and undoable,
keyboard editing, sorting, the portfolio; and the File menu's summary, Word and Excel exports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from desktop_app.gui.dialogs.prompts import SavePath
from desktop_app.gui.mainwindow import MainWindow
from desktop_app.gui.models.findings_model import COLUMNS
from desktop_app.services import Workspace
from tests.gui.helpers import open_and_wait


def _column(key: str) -> int:
    return next(i for i, column in enumerate(COLUMNS) if column.key == key)


def _finding(store: Workspace, audit_id: int, item_id: str):
    return next(f for f in store.plan(audit_id) if f.item_id == item_id)


def test_panel_shows_the_open_audits_plan(window: MainWindow, store: Workspace) -> None:
    audit_id = window.snapshot.audit_id
    plan = store.plan(audit_id)
    model = window.findings.model
    assert plan and model.rowCount() == len(plan)
    assert {model.finding(row).item_id for row in range(model.rowCount())} == {
        f.item_id for f in plan}
    assert "open" in window.docks["findings"].windowTitle()


def test_a_hidden_panel_claims_no_count_for_the_audit_now_open(window: MainWindow,
                                                                store: Workspace, qtbot) -> None:
    window.show()
    qtbot.waitExposed(window)
    findings, defects = window.docks["findings"], window.docks["defects"]
    findings.raise_()
    qtbot.waitUntil(lambda: "open)" in findings.windowTitle())
    defects.raise_()
    other = next(s.audit_id for s in store.audits() if s.audit_id != window.snapshot.audit_id)
    open_and_wait(qtbot, window, other)
    assert findings.windowTitle() == "Findings"
    findings.raise_()
    expected = sum(f.state.is_open for f in store.plan(other))
    qtbot.waitUntil(lambda: findings.windowTitle() == f"Findings ({expected} open)")


def _edit_first(window: MainWindow, key: str, value: str) -> str:
    """Edit a field of the first finding in the panel; returns the finding's item id."""
    proxy = window.findings.proxy
    index = proxy.index(0, _column(key))
    item_id = window.findings.model.finding(proxy.mapToSource(index).row()).item_id
    proxy.setData(index, value, Qt.ItemDataRole.EditRole)
    return item_id


def test_inline_edit_is_stored_traced_and_undoable(window: MainWindow,
                                                   store: Workspace) -> None:
    audit_id = window.snapshot.audit_id
    proxy = window.findings.proxy
    item_id = _edit_first(window, "owner", "Legal team")
    assert _finding(store, audit_id, item_id).owner == "Legal team"
    state = proxy.index(0, _column("state"))
    proxy.setData(state, "in-progress", Qt.ItemDataRole.EditRole)
    assert _finding(store, audit_id, item_id).state.value == "in-progress"
    events = [e for e in store.history(audit_id) if e.action == "finding"]
    assert [json.loads(e.after)["state"] for e in events] == ["open", "in-progress"]
    assert all(e.actor == "tester" for e in events)

    window.undo_group.undo()
    window.undo_group.undo()
    finding = _finding(store, audit_id, item_id)
    assert finding.owner == "" and finding.state.value == "open"
    window.undo_group.redo()
    assert _finding(store, audit_id, item_id).owner == "Legal team"
    assert window.findings.model.rowCount() == len(store.plan(audit_id))


def test_undo_leaves_a_finding_changed_since_elsewhere(window: MainWindow, store: Workspace,
                                                      alerts: list[str]) -> None:
    audit_id = window.snapshot.audit_id
    item_id = _edit_first(window, "owner", "Legal team")
    store.set_finding(audit_id, item_id, "dave", owner="Privacy office")  # another window
    window.undo_group.undo()
    assert len(alerts) == 1 and f"the finding on {item_id} was changed after this step" in \
        alerts.pop()
    assert _finding(store, audit_id, item_id).owner == "Privacy office"


def test_a_refused_edit_leaves_the_store_and_says_why(window: MainWindow, store: Workspace,
                                                      alerts: list[str]) -> None:
    audit_id = window.snapshot.audit_id
    item_id = _edit_first(window, "due", "next week")
    assert alerts and "YYYY-MM-DD" in alerts[-1]
    assert _finding(store, audit_id, item_id).due == ""
    alerts.clear()


def test_keyboard_edit(window: MainWindow, store: Workspace, qtbot) -> None:
    audit_id = window.snapshot.audit_id
    window.docks["findings"].show()
    window.docks["findings"].raise_()
    table = window.findings.table
    table.setFocus()
    index = window.findings.proxy.index(0, _column("owner"))
    table.setCurrentIndex(index)
    item_id = window.findings.model.finding(
        window.findings.proxy.mapToSource(index).row()).item_id
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = table.focusWidget()
    assert editor is not table
    qtbot.keyClicks(editor, "Data Office")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _finding(store, audit_id, item_id).owner == "Data Office")


def test_sorting_by_risk_and_due(window: MainWindow) -> None:
    proxy, model = window.findings.proxy, window.findings.model
    window.findings.table.sortByColumn(_column("risk"), Qt.SortOrder.AscendingOrder)
    ranks = [model.finding(proxy.mapToSource(proxy.index(r, 0)).row()).risk.rank
             for r in range(proxy.rowCount())]
    assert ranks == sorted(ranks)
    window.findings.table.sortByColumn(_column("risk"), Qt.SortOrder.DescendingOrder)
    first = model.finding(proxy.mapToSource(proxy.index(0, 0)).row())
    assert first.risk.rank == max(ranks)


def test_portfolio_lists_open_findings_of_every_policy(window: MainWindow, store: Workspace,
                                                       qtbot) -> None:
    expected = len(store.portfolio())
    window.findings.scope.setCurrentIndex(1)
    qtbot.waitUntil(lambda: window.findings.model.rowCount() == expected, timeout=20_000)
    assert not window.findings.table.isColumnHidden(_column("policy"))
    policies = {window.findings.model.data(window.findings.model.index(r, _column("policy")))
                for r in range(expected)}
    assert policies == {"Northwind v1"}
    audits = {window.findings.model.finding(r).audit_id for r in range(expected)}
    assert len(audits) == 2  # both checklists of the policy


@pytest.mark.parametrize("action, suffix", [("export_pdf_summary", ".pdf"),
                                            ("export_docx", ".docx"),
                                            ("export_docx_full", ".docx"),
                                            ("export_xlsx", ".xlsx")])
def test_file_menu_exports(window: MainWindow, tmp_path: Path, qtbot, monkeypatch,
                           action: str, suffix: str) -> None:
    target = tmp_path / f"out{suffix}"
    monkeypatch.setattr(SavePath, "ask", classmethod(lambda cls, *a: target))
    assert window.commands[action] in window.menuBar().actions()[0].menu().actions()
    window.commands[action].trigger()
    qtbot.waitUntil(lambda: target.exists() and target.stat().st_size > 0, timeout=60_000)
    qtbot.waitUntil(lambda: not window.runner.running, timeout=60_000)
    item_id = window.snapshot.reviews[0].item_id
    if suffix == ".xlsx":
        book = load_workbook(target)
        assert item_id in [row[0] for row in book[book.sheetnames[1]].iter_rows(values_only=True)]
    elif suffix == ".docx":
        document = Document(str(target))
        assert any(p.style.name == "Heading 1" for p in document.paragraphs)


def test_a_defect_is_made_a_finding_and_undone(window: MainWindow, store: Workspace,
                                               qtbot) -> None:
    audit_id = window.snapshot.audit_id
    assert window.snapshot.defects, "the example policy has drafting defects"
    tree = window.defects.tree
    promote = window.defects.promote
    # Reachable by keyboard from the defects list, and from its context menu.
    assert promote in tree.actions() and promote.shortcut().toString() == "Ctrl+Shift+F"
    assert promote.shortcutContext() == Qt.ShortcutContext.WidgetWithChildrenShortcut
    tree.setCurrentItem(tree.topLevelItem(0))
    promote.trigger()
    qtbot.waitUntil(lambda: any(f.item_id == "defect-1" for f in store.plan(audit_id)))
    assert any(window.findings.model.finding(r).item_id == "defect-1"
               for r in range(window.findings.model.rowCount()))
    assert not window.docks["findings"].isHidden()
    window.undo_group.undo()
    assert store.stored_finding_fields(audit_id, "defect-1") is None
    assert not any(f.item_id == "defect-1" for f in store.plan(audit_id))
