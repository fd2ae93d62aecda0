"""Dialogs built directly: the import choice and the version diff."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop_app.gui.dialogs.diff_dialog import DiffDialog, change_html
from desktop_app.gui.dialogs.import_dialog import ImportDialog
from desktop_app.services import ClauseChange, PolicyDiff


def test_import_dialog_preselects_detected_checklists(store, qtbot) -> None:
    checklists = store.checklists()
    dialog = ImportDialog("p.txt", "Policy", checklists, {"gdpr": "mentions the GDPR"})
    qtbot.addWidget(dialog)
    assert dialog.choice().checklist_ids == ("gdpr",)
    for row in range(dialog.list.count()):
        dialog.list.item(row).setCheckState(Qt.CheckState.Unchecked)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()


def test_import_dialog_sets_the_as_at_date(store, qtbot) -> None:
    from PySide6.QtCore import QDate

    dialog = ImportDialog("p.txt", "Policy", store.checklists(), {"ccpa": "mentions the CCPA"})
    qtbot.addWidget(dialog)
    assert dialog.choice().as_at == QDate.currentDate().toString("yyyy-MM-dd")
    dialog.as_at.setDate(QDate(2027, 2, 1))
    assert dialog.choice().as_at == "2027-02-01"


def test_diff_dialog_lists_only_real_changes(qtbot) -> None:
    diff = PolicyDiff(1, 1, 2, (ClauseChange("unchanged", "1", "a", "a"),
                                ClauseChange("changed", "2", "old <b>", "new"),
                                ClauseChange("added", "3", "", "fresh")))
    dialog = DiffDialog("Policy v2", diff)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 2
    assert "old &lt;b&gt;" in change_html(diff.changes[1])
