"""The item detail shows, read-only, the decision on the same requirement in another audit."""

from __future__ import annotations

from pathlib import Path

from desktop_app import paths
from desktop_app.core.status import Status
from desktop_app.services import Workspace
from tests.gui.helpers import open_and_wait


def test_item_detail_shows_the_linked_gdpr_decision(make_window, tmp_path: Path,
                                                    monkeypatch, qtbot) -> None:
    monkeypatch.setenv(paths.DATA_ENV, str(tmp_path / "data"))
    db = tmp_path / "audits.sqlite"
    with Workspace(db) as workspace:
        result = workspace.import_policy(paths.EXAMPLE_POLICY, ["gdpr", "ukgdpr"],
                                         name="Northwind", actor="setup")
        audits = {workspace.audit(audit_id).checklist.id: audit_id
                  for audit_id in result.audit_ids}
        workspace.review_item(audits["gdpr"], "gdpr.purposes", "alice",
                              status=Status.SATISFIED, note="Section 3.1 lists them.")
    window = make_window(db)
    open_and_wait(qtbot, window, audits["ukgdpr"])
    window.checklist.select_item("ukgdpr.purposes")
    shown = window.detail.info.toPlainText()
    assert "read-only, from another audit" in shown
    assert "(gdpr.purposes, audit" in shown and "✓ Satisfied, decided by alice" in shown
    assert "Section 3.1 lists them." in shown
    # The UK item itself stays undecided: the link is for reference only.
    assert window.checklist.current_row().review.status is None
    assert window.detail.note.toPlainText() == ""
