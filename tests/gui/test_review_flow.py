"""The whole review flow through the window, checking the store after every step."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from desktop_app import paths
from desktop_app.core.status import Status
from desktop_app.gui.dialogs.import_dialog import ImportChoice, ImportDialog
from desktop_app.gui.dialogs.prompts import NotApplicableNote, ReopenReason, SavePath
from desktop_app.gui.dialogs.signoff_dialog import SignOffChoice, SignOffDialog
from desktop_app.gui.mainwindow import MainWindow
from desktop_app.services import Workspace
from tests.gui.helpers import wait_opened


def _review(store: Workspace, audit_id: int, item_id: str):
    return store.audit(audit_id).review(item_id)


def test_import_review_undo_note_signoff_export(make_window, tmp_path: Path, qtbot, alerts,
                                                monkeypatch, policies_dir: Path) -> None:
    db = tmp_path / "flow.sqlite"
    window: MainWindow = make_window(db)
    assert window.central.currentWidget() is window.welcome

    asked = {}

    def fake_ask(cls, parent, file_name, default_name, checklists, detected):
        asked["detected"] = dict(detected)
        return ImportChoice("Sony HK", tuple(detected) or ("pdpo",))

    monkeypatch.setattr(ImportDialog, "ask", classmethod(fake_ask))
    with qtbot.waitSignal(window.importer.imported, timeout=30_000):
        window.import_files([policies_dir / "sony-hk.txt"])
    wait_opened(qtbot, window)
    assert "pdpo" in asked["detected"]
    snapshot = window.snapshot
    assert snapshot is not None and snapshot.policy.name == "Sony HK"
    audit_id = snapshot.audit_id
    store = Workspace(db)
    try:
        item_id = window.checklist.current_item_id()
        assert item_id and not _review(store, audit_id, item_id).reviewed

        window.commands["accept"].trigger()
        suggested = _review(store, audit_id, item_id).suggested_status
        assert _review(store, audit_id, item_id).status == suggested

        window.commands["missing"].trigger()
        assert _review(store, audit_id, item_id).status == Status.MISSING
        assert window.checklist.current_row().review.status == Status.MISSING

        before = len(_review(store, audit_id, item_id).evidence)
        clause = window.snapshot.clauses[2]
        window.viewer.jump_to(clause.start, clause.end)
        window.commands["attach_evidence"].trigger()
        evidence = _review(store, audit_id, item_id).evidence
        assert len(evidence) == before + 1
        assert any(e.start == clause.start for e in evidence)

        window.commands["undo"].trigger()
        assert len(_review(store, audit_id, item_id).evidence) == before
        window.commands["undo"].trigger()
        assert _review(store, audit_id, item_id).status == suggested
        window.commands["redo"].trigger()
        assert _review(store, audit_id, item_id).status == Status.MISSING
        window.commands["redo"].trigger()
        assert len(_review(store, audit_id, item_id).evidence) == before + 1

        window.detail.note.setPlainText("Checked with legal")
        qtbot.waitUntil(lambda: _review(store, audit_id, item_id).note == "Checked with legal",
                        timeout=5_000)
        window.commands["undo"].trigger()
        assert _review(store, audit_id, item_id).note == ""
        window.commands["redo"].trigger()
        assert _review(store, audit_id, item_id).note == "Checked with legal"

        assert window.audit_label.text().startswith("Prepared")
        for review in store.audit(audit_id).reviews:
            if review.item_id != item_id:
                note = "not offered" if review.effective_status is Status.NOT_APPLICABLE else None
                store.review_item(audit_id, review.item_id, "tester",
                                  status=review.effective_status, note=note)
        monkeypatch.setattr(SignOffDialog, "ask",
                            classmethod(lambda cls, *a: SignOffChoice()))
        window.commands["sign_off"].trigger()
        assert not store.audit(audit_id).signed_off
        assert "four eyes: tester decided items" in alerts.pop()
        window.settings.reviewer = "approver"
        window.commands["sign_off"].trigger()
        assert store.audit(audit_id).signed_off_by == "approver"
        assert window.audit_label.text().startswith("Approved")
        assert window.audit_lock.isVisibleTo(window)
        assert not window.commands["satisfied"].isEnabled()
        window.commands["satisfied"].trigger()
        assert _review(store, audit_id, item_id).status == Status.MISSING

        out = tmp_path / "report.pdf"
        monkeypatch.setattr(SavePath, "ask", classmethod(lambda cls, *a: out))
        window.commands["export_pdf"].trigger()
        qtbot.waitUntil(lambda: not window.runner.running, timeout=60_000)
        assert out.read_bytes().startswith(b"%PDF")
        for kind, name in (("csv", "items.csv"), ("json", "audit.json")):
            target = tmp_path / name
            monkeypatch.setattr(SavePath, "ask", classmethod(lambda cls, *a, t=target: t))
            window.commands[f"export_{kind}"].trigger()
            qtbot.waitUntil(lambda t=target: t.exists() and t.stat().st_size > 0,
                            timeout=30_000)
        assert item_id in (tmp_path / "items.csv").read_text(encoding="utf-8")

        monkeypatch.setattr(ReopenReason, "ask", classmethod(lambda cls, *a: "late evidence"))
        window.commands["reopen"].trigger()
        assert not store.audit(audit_id).signed_off
        assert window.commands["satisfied"].isEnabled()
        assert window.audit_label.text().startswith("Reopened")
    finally:
        store.close()


def test_status_shortcut_applies_to_every_selected_row_and_undoes_as_one(window, store,
                                                                        monkeypatch) -> None:
    asked = []
    monkeypatch.setattr(NotApplicableNote, "ask",
                        classmethod(lambda cls, parent, count: asked.append(count) or "no kids"))
    audit_id = window.snapshot.audit_id
    table = window.checklist.table
    table.selectRow(0)
    table.selectionModel().select(
        window.checklist.proxy.index(1, 0),
        table.selectionModel().SelectionFlag.Select | table.selectionModel().SelectionFlag.Rows)
    ids = [row.item.id for row in window.checklist.selected_rows()]
    assert len(ids) == 2
    window.commands["not_applicable"].trigger()
    assert asked == [2]
    assert all(_review(store, audit_id, i).status == Status.NOT_APPLICABLE for i in ids)
    assert all(_review(store, audit_id, i).note == "no kids" for i in ids)
    shown = {r.item.id: r.review.status for r in window.checklist.model.rows()}
    assert all(shown[i] == Status.NOT_APPLICABLE for i in ids)
    window.commands["undo"].trigger()
    assert all(not _review(store, audit_id, i).reviewed for i in ids)
    assert all(_review(store, audit_id, i).note == "" for i in ids)
    shown = {r.item.id: r.review.status for r in window.checklist.model.rows()}
    assert all(shown[i] is None for i in ids)


def test_next_unreviewed_skips_reviewed_items(window) -> None:
    window.checklist.select_item(window.snapshot.checklist.items[0].id)
    first = window.checklist.current_item_id()
    window.commands["satisfied"].trigger()
    window.commands["previous"].trigger()
    window.commands["next"].trigger()
    assert window.checklist.current_item_id() != first
    assert not window.checklist.current_row().review.reviewed


def test_evidence_click_selects_its_span_in_the_viewer(window) -> None:
    row = next(r for r in window.checklist.model.rows() if r.review.evidence)
    window.checklist.select_item(row.item.id)
    record = row.review.evidence[0]
    window.detail.evidence_activated.emit(record)
    assert window.viewer.selected_span() is not None
    start, end = window.viewer.selected_span()
    assert record.start <= start < end <= record.end


def test_reimport_new_version_flags_changed_items(window, tmp_path: Path, qtbot,
                                                 monkeypatch) -> None:
    row = next(r for r in window.checklist.model.rows() if r.review.evidence)
    window.checklist.select_item(row.item.id)
    window.commands["accept"].trigger()
    evidence = row.review.evidence[0]
    text = window.snapshot.text
    changed = tmp_path / "northwind-v2.md"
    original = paths.EXAMPLE_POLICY.read_text(encoding="utf-8")
    quote = text[evidence.start:evidence.end]
    assert quote in original
    changed.write_text(original.replace(quote, "We keep nothing and say nothing more.", 1),
                       encoding="utf-8")
    monkeypatch.setattr(ImportDialog, "ask",
                        classmethod(lambda cls, p, f, name, c, detected:
                                    ImportChoice(name, tuple(detected))))
    monkeypatch.setattr("desktop_app.gui.dialogs.prompts.OpenPolicies.ask",
                        classmethod(lambda cls, *a: [changed]))
    with qtbot.waitSignal(window.importer.imported, timeout=30_000) as blocker:
        window.commands["import_version"].trigger()
    wait_opened(qtbot, window)
    result = blocker.args[0]
    assert result.version == 2 and result.flagged >= 1
    assert window.snapshot.policy.version == 2
    assert window.snapshot.policy.name == "Northwind"
    visible = [window.checklist.model.row_at(window.checklist.proxy.mapToSource(
        window.checklist.proxy.index(r, 0))) for r in range(window.checklist.proxy.rowCount())]
    assert visible and all(r.review.needs_rereview for r in visible)

    shown = {}
    monkeypatch.setattr("desktop_app.gui.dialogs.diff_dialog.DiffDialog.ask",
                        classmethod(lambda cls, parent, title, diff: shown.update(diff=diff)))
    window.commands["changes"].trigger()
    kinds = {change.kind for change in shown["diff"].changes}
    assert shown["diff"].to_version == 2 and kinds & {"changed", "added", "removed"}


def test_note_edits_merge_into_one_undo_step(window, store, qtbot) -> None:
    audit_id = window.snapshot.audit_id
    item_id = window.checklist.current_item_id()
    for text in ("First", "First draft", "First draft, checked"):
        window.detail.note.setPlainText(text)
        window.detail.flush_note()
    assert _review(store, audit_id, item_id).note == "First draft, checked"
    window.commands["undo"].trigger()
    assert _review(store, audit_id, item_id).note == ""


def test_undo_restores_the_reviewer_and_the_same_evidence_row(window, store) -> None:
    audit_id = window.snapshot.audit_id
    item_id = window.checklist.current_item_id()
    store.set_status(audit_id, item_id, Status.PARTIAL, "someone else")
    window.reload_from_store()
    before = _review(store, audit_id, item_id)
    window.commands["missing"].trigger()
    assert _review(store, audit_id, item_id).reviewer == "tester"
    window.commands["undo"].trigger()
    assert _review(store, audit_id, item_id) == before
    assert window.checklist.current_row().review == before

    with_evidence = next(r for r in window.checklist.model.rows() if r.review.evidence)
    window.checklist.select_item(with_evidence.item.id)
    window.detail.evidence.setCurrentRow(0)
    record = window.detail.current_evidence()
    window.commands["remove_evidence"].trigger()
    assert record not in _review(store, audit_id, with_evidence.item.id).evidence
    window.commands["undo"].trigger()
    assert record in _review(store, audit_id, with_evidence.item.id).evidence  # id, source, note
    window.commands["redo"].trigger()
    assert record not in _review(store, audit_id, with_evidence.item.id).evidence
    assert store.verify().ok


def test_ctrl_z_in_the_note_undoes_typing_and_never_the_saved_note(window, store, qtbot) -> None:
    audit_id = window.snapshot.audit_id
    item_id = window.checklist.current_item_id()
    store.set_note(audit_id, item_id, "Saved earlier", "someone else")
    window.reload_from_store()
    note = window.detail.note
    note.setFocus()
    note.moveCursor(QTextCursor.MoveOperation.End)
    for key, modifiers in ((Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier),
                           (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
                            | Qt.KeyboardModifier.ShiftModifier),
                           (Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)):
        override = QKeyEvent(QEvent.Type.ShortcutOverride, key, modifiers)
        QApplication.sendEvent(note, override)
        assert override.isAccepted()  # the field's own undo and redo, not the window's

    qtbot.keyClicks(note, ", checked")
    window.detail.flush_note()
    assert _review(store, audit_id, item_id).note == "Saved earlier, checked"
    qtbot.keyClick(note, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(note, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert note.toPlainText() == "Saved earlier"
    window.detail.flush_note()
    assert _review(store, audit_id, item_id).note == "Saved earlier"
    qtbot.keyClick(note, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert note.toPlainText() == "Saved earlier, checked"
    window.detail.flush_note()
    assert _review(store, audit_id, item_id).note == "Saved earlier, checked"

    qtbot.keyClicks(note, " twice")
    window.commands["undo"].trigger()  # the window's undo: the unsaved typing is a step too
    assert _review(store, audit_id, item_id).note == "Saved earlier"
    assert note.toPlainText() == "Saved earlier"
    window.commands["redo"].trigger()
    assert _review(store, audit_id, item_id).note == "Saved earlier, checked twice"
    assert note.toPlainText() == "Saved earlier, checked twice"


def test_a_review_key_refreshes_only_the_changed_rows(window, store, monkeypatch) -> None:
    audit_id = window.snapshot.audit_id
    item_id = window.checklist.current_item_id()
    reloads = []
    monkeypatch.setattr(window.workspace, "audit", lambda *a: reloads.append(a))
    changed = []
    model = window.checklist.model
    model.dataChanged.connect(lambda top, bottom, *_: changed.extend(range(top.row(),
                                                                           bottom.row() + 1)))
    events = len(window.snapshot.trail)
    window.commands["missing"].trigger()
    window.commands["undo"].trigger()
    window.commands["redo"].trigger()
    assert reloads == []  # no whole-audit reload
    assert set(changed) == {model.row_for(item_id)}
    assert window.checklist.current_row().review == _review(store, audit_id, item_id)
    assert [e.action for e in window.snapshot.trail[events:]] == ["status", "restore", "restore"]
    assert window.history.tree.topLevelItem(0).text(2) == "restore"
