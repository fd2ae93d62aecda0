"""The main window's library commands: rename a policy, archive, unarchive and delete audits.

`LibraryCommands` is mixed into MainWindow; it works on the audits selected in the library,
else on the open audit.
"""

from __future__ import annotations

from desktop_app.core.audit import AuditSummary
from desktop_app.errors import AuditorError
from desktop_app.gui.dialogs.prompts import ConfirmDelete, PolicyName


class LibraryCommands:
    """Rename, archive and delete, each stored at once and recorded in the trail."""

    def _target_audits(self) -> list[AuditSummary]:
        chosen = self.library.selected_summaries()
        if chosen:
            return chosen
        if self.snapshot is None:
            return []
        return [s for s in self.workspace.audits() if s.audit_id == self.snapshot.audit_id]

    def rename_policy(self) -> None:
        targets = self._target_audits()
        if not targets:
            self.statusBar().showMessage("Rename Policy: choose an audit of the policy in the "
                                         "library first.", 5000)
            return
        name = PolicyName.ask(self, targets[0].policy_name)
        if name is None:
            return
        try:
            self.workspace.rename_policy(targets[0].policy_id, name, self.settings.reviewer)
        except AuditorError as error:
            self.show_error(error.user_text())
            return
        self.reload_from_store()
        self._update_title()
        self.statusBar().showMessage(f"Policy renamed to {name}.", 4000)

    def toggle_archived(self) -> None:
        """Archive the chosen audits, or bring them back when they all are archived."""
        targets = self._target_audits()
        if not targets:
            self.statusBar().showMessage("Archive: choose audits in the library first.", 5000)
            return
        archive = not all(s.archived for s in targets)
        try:
            for summary in targets:
                self.workspace.set_archived(summary.audit_id, archive, self.settings.reviewer)
        except AuditorError as error:
            self.show_error(error.user_text())
        self.refresh_library()
        hint = " (View › Show Archived Audits lists them)" if archive and \
            not self.show_archived else ""
        self.statusBar().showMessage(f"{len(targets)} audit(s) "
                                     f"{'archived' if archive else 'brought back'}{hint}.", 6000)

    def delete_audits(self) -> None:
        targets = self._target_audits()
        if not targets:
            self.statusBar().showMessage("Delete Audit: choose audits in the library first.",
                                         5000)
            return
        locked = [s for s in targets if s.state == "signed-off"]
        if locked:
            self.statusBar().showMessage(
                f"Delete Audit: audit {locked[0].audit_id} is signed off and cannot be deleted; "
                "archive it instead.", 6000)
            return
        labels = [f"{s.policy_name} v{s.policy_version} ({s.checklist_id})" for s in targets]
        if not ConfirmDelete.ask(self, labels):
            return
        deleted = 0
        try:
            for summary in targets:
                self.workspace.delete_audit(summary.audit_id, self.settings.reviewer)
                stack = self._stacks.pop(summary.audit_id, None)
                if stack is not None:
                    self.undo_group.removeStack(stack)
                    stack.deleteLater()
                deleted += 1
        except AuditorError as error:
            self.show_error(error.user_text())
        self.reload_from_store()
        if self.snapshot is None:
            self.open_latest_audit()
        self._update_title()
        self.statusBar().showMessage(f"{deleted} audit(s) deleted; the trail records it.", 6000)

    def set_show_archived(self, shown: bool) -> None:
        self.show_archived = shown
        self.refresh_library()
