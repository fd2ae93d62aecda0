"""The main window's review commands; each change is one undoable command stored at once.

`ReviewCommands` is mixed into MainWindow and works on its panels, workspace and settings.
"""

from __future__ import annotations

import contextlib
from collections.abc import Collection, Iterator, Sequence

from PySide6.QtCore import Slot

from desktop_app import keys
from desktop_app.core.audit import AuditSnapshot, ClosestPassage, EvidenceRecord
from desktop_app.core.document import Defect
from desktop_app.core.status import Status
from desktop_app.errors import AuditorError
from desktop_app.gui.dialogs.prompts import ConfirmFourEyesOff, NotApplicableNote, ReopenReason
from desktop_app.gui.dialogs.signoff_dialog import SignOffDialog
from desktop_app.gui.dialogs.upgrade_dialog import UpgradeDialog
from desktop_app.gui.undo import (
    AcceptSuggestionsCommand,
    AddEvidenceCommand,
    RemoveEvidenceCommand,
    SetNoteCommand,
    SetStatusCommand,
)
from desktop_app.services import Workspace
from desktop_app.store.refresh import AuditRefresh, describe


class ReviewCommands:
    """Status, suggestion, evidence and note changes, navigation, sign-off and reopen."""

    def editable_audit(self) -> AuditSnapshot | None:
        if self.snapshot is None or self.snapshot.signed_off:
            return None
        return self.snapshot

    def _push(self, command) -> None:
        self._stack_for(command.audit_id).push(command)

    def set_status(self, status: Status | None) -> None:
        snapshot = self.editable_audit()
        if snapshot is None:
            return
        rows = self.checklist.selected_rows()
        changes = [row.item.id for row in rows
                   if row.review.status != status or (status is None and row.review.reviewed)]
        if not changes:
            return
        if status is Status.NOT_APPLICABLE:
            self._set_not_applicable(snapshot, changes)
            return
        if len(changes) == 1:
            self._push(SetStatusCommand(self.ctx, snapshot.audit_id, changes[0], status))
            return
        stack = self._stack_for(snapshot.audit_id)
        with self.batched_changes():
            stack.beginMacro(f"Set {len(changes)} items to "
                             f"{status.label if status else 'Not reviewed'}")
            for item_id in changes:
                self._push(SetStatusCommand(self.ctx, snapshot.audit_id, item_id, status))
            stack.endMacro()

    def _set_not_applicable(self, snapshot: AuditSnapshot, changes: list[str]) -> None:
        """Not applicable needs a note: ask for one for the items that have none."""
        without_note = [item_id for item_id in changes
                        if not snapshot.review(item_id).note.strip()]
        note = NotApplicableNote.ask(self, len(without_note)) if without_note else ""
        if note is None:
            return
        stack = self._stack_for(snapshot.audit_id)
        with self.batched_changes():
            stack.beginMacro(f"Set {len(changes)} item(s) to {Status.NOT_APPLICABLE.label}")
            for item_id in changes:
                if item_id in without_note:
                    self._push(SetNoteCommand(self.ctx, snapshot.audit_id, item_id, note))
                self._push(SetStatusCommand(self.ctx, snapshot.audit_id, item_id,
                                            Status.NOT_APPLICABLE))
            stack.endMacro()

    def accept_suggestion(self) -> None:
        snapshot = self.editable_audit()
        if snapshot is None:
            return
        ids = [row.item.id for row in self.checklist.selected_rows() if not row.review.reviewed]
        if ids:
            self._push(AcceptSuggestionsCommand(self.ctx, snapshot.audit_id, ids))
        elif len(self.checklist.selected_rows()) == 1:
            self.statusBar().showMessage("Already reviewed — set a status with 1–4 to change it.",
                                         4000)

    def attach_evidence(self) -> None:
        snapshot = self.editable_audit()
        span = self.viewer.selected_span()
        item_id = self.checklist.current_item_id()
        if snapshot is None or not item_id:
            return
        if span is None:
            self.statusBar().showMessage("Select the policy text that shows this item, "
                                         "then press Ctrl+E.", 5000)
            return
        self._push(AddEvidenceCommand(self.ctx, snapshot.audit_id, item_id, *span))

    def remove_evidence(self) -> None:
        snapshot = self.editable_audit()
        record = self.detail.current_evidence()
        item_id = self.checklist.current_item_id()
        if snapshot is None or record is None or not item_id:
            return
        self._push(RemoveEvidenceCommand(self.ctx, snapshot.audit_id, item_id, record))

    @Slot(str, str)
    def _on_note_edited(self, item_id: str, text: str) -> None:
        snapshot = self.editable_audit()
        if snapshot is None:
            return
        if snapshot.review(item_id).note != text:
            self._push(SetNoteCommand(self.ctx, snapshot.audit_id, item_id, text))

    def step_unreviewed(self, forward: bool) -> None:
        if not self.checklist.step_unreviewed(forward):
            self.statusBar().showMessage("Every item is reviewed.", 3000)

    def show_next_evidence(self) -> None:
        """Cycle through the current item's evidence in the policy text."""
        row = self.checklist.current_row()
        if row is None or not row.review.evidence:
            return
        records = sorted(row.review.evidence, key=lambda r: r.start)
        position = self.viewer.selected_span()
        after = [r for r in records if position is None or r.start > position[0]]
        record = (after or records)[0]
        self._on_evidence_activated(record)

    @Slot(object)
    def _on_evidence_activated(self, record: EvidenceRecord) -> None:
        self.viewer.jump_to(record.start, record.end)

    @Slot(object)
    def _on_closest_activated(self, passage: ClosestPassage) -> None:
        self.viewer.jump_to(passage.start, passage.end)

    @Slot(object)
    def _on_defect_activated(self, defect: Defect) -> None:
        self.viewer.jump_to(defect.start, max(defect.end, defect.start + 1))

    @contextlib.contextmanager
    def batched_changes(self) -> Iterator[None]:
        """Refresh once after a bulk edit or a macro's undo, not once per item."""
        self._batch_depth += 1
        try:
            yield
        finally:
            self._batch_depth -= 1
            if not self._batch_depth:
                pending, self._batch_pending = self._batch_pending, {}
                for audit_id, items in pending.items():
                    self._refresh_after_change(audit_id, items)

    def undo(self) -> None:
        # Typing not saved yet becomes its own step first, so undo takes back the latest edit.
        self.detail.flush_note()
        with self.batched_changes():
            self.undo_group.undo()

    def redo(self) -> None:
        self.detail.flush_note()
        with self.batched_changes():
            self.undo_group.redo()

    def _on_store_changed(self, audit_id: int, items: Sequence[str]) -> None:
        if self._batch_depth:
            self._batch_pending.setdefault(audit_id, set()).update(items)
        else:
            self._refresh_after_change(audit_id, items)

    def _refresh_after_change(self, audit_id: int, items: Collection[str]) -> None:
        """Re-read only the items a review action changed, and the trail since."""
        try:
            if self.snapshot is not None and self.snapshot.audit_id == audit_id:
                shown = len(self.snapshot.trail)
                snapshot = self.workspace.refreshed(self.snapshot, list(items))
                self._apply_snapshot(snapshot, set(items))
                if snapshot.trail and self.workspace.trail_head() == snapshot.trail[-1].seq \
                        and {e.item_id for e in snapshot.trail[shown:]} <= {"", *items}:
                    self._seen_head = snapshot.trail[-1].seq  # nobody else wrote meanwhile
                # Only this policy's rows changed: refresh them, not the whole library.
                self.library.model.update_summaries(
                    self.workspace.audits(self.snapshot.policy.policy_id))
            else:
                self.refresh_library()
        except AuditorError as error:
            self.show_error(error.user_text())

    # Sign-off
    def toggle_four_eyes(self) -> None:
        """Switch the workspace's four-eyes rule; turning it off asks first."""
        try:
            on = not self.workspace.four_eyes
            if on or ConfirmFourEyesOff.ask(self):
                self.workspace.set_four_eyes(on, self.settings.reviewer)
        except AuditorError as error:
            self.show_error(error.user_text())
        self.sync_four_eyes()
        state = "on: nobody who decided an item may sign off" if self.commands[
            "four_eyes"].isChecked() else "off"
        self.statusBar().showMessage(f"Four-eyes rule {state}.", 6000)

    def sync_four_eyes(self) -> None:
        """Show the stored rule (another window or the command line may have changed it)."""
        try:
            on = self.workspace.four_eyes
        except AuditorError:
            return
        self.commands["four_eyes"].setChecked(on)

    def sign_off(self) -> None:
        snapshot = self.editable_audit()
        if snapshot is None:
            return
        self.detail.flush_note()
        snapshot = self.snapshot
        try:
            fingerprint, _path = keys.describe(self.settings.reviewer)
        except AuditorError as error:
            self.show_error(error.user_text())
            return
        choice = SignOffDialog.ask(self, snapshot, self._audit_label(snapshot),
                                   self.settings.reviewer, self.workspace.four_eyes, fingerprint)
        if choice is None:
            return
        if choice.jump_to:
            self.checklist.select_item(choice.jump_to)
            self.checklist.table.setFocus()
            return
        try:
            self.workspace.sign_off(snapshot.audit_id, self.settings.reviewer,
                                    override=choice.override)
        except AuditorError as error:
            self.show_error(error.user_text())
            return
        # Review steps before a sign-off are not undoable afterwards: the record is closed.
        self._stack_for(snapshot.audit_id).clear()
        self._after_state_change(snapshot.audit_id)
        self.statusBar().showMessage("Audit signed off.", 4000)

    def reopen(self) -> None:
        snapshot = self.snapshot
        if snapshot is None or not snapshot.signed_off:
            return
        reason = ReopenReason.ask(self, self._audit_label(snapshot))
        if reason is None:
            return
        try:
            self.workspace.reopen(snapshot.audit_id, self.settings.reviewer, reason)
        except AuditorError as error:
            self.show_error(error.user_text())
            return
        self._after_state_change(snapshot.audit_id)
        self.statusBar().showMessage("Audit reopened.", 4000)

    def upgrade_audit(self) -> None:
        """Move the open audit to the current checklist version (or another as-at date)."""
        snapshot = self.editable_audit()
        if snapshot is None:
            return
        current = {c.id: c.version for c in self.workspace.checklists()}.get(snapshot.checklist.id)
        if current is None:
            self.show_error(f"the checklist '{snapshot.checklist.id}' is no longer installed; "
                            "there is no current version to upgrade to")
            return
        as_at = UpgradeDialog.ask(self, self._audit_label(snapshot), snapshot.checklist.version,
                                  current, snapshot.as_at)
        if as_at is not None:
            self._refresh_audit(snapshot, "Upgrading", lambda ws, actor: ws.upgrade(
                snapshot.audit_id, actor, as_at=as_at))

    def reassess_audit(self) -> None:
        """Re-run the current engine on the open audit, keeping every decision."""
        snapshot = self.editable_audit()
        if snapshot is not None:
            self._refresh_audit(snapshot, "Reassessing", lambda ws, actor: ws.reassess(
                snapshot.audit_id, actor))

    def _refresh_audit(self, snapshot: AuditSnapshot, verb: str, call) -> None:
        self.detail.flush_note()
        db_path, actor = self.workspace.db_path, self.settings.reviewer

        def payload(progress, cancelled) -> AuditRefresh:
            with Workspace(db_path) as workspace:
                return call(workspace, actor)

        def done(result: AuditRefresh) -> None:
            # Earlier steps may name items the refresh removed: they are no longer undoable.
            self._stack_for(snapshot.audit_id).clear()
            self._after_state_change(snapshot.audit_id)
            self.statusBar().showMessage(" ".join(describe(result)[:2]), 8000)

        self.runner.run(f"{verb} {self._audit_label(snapshot)}", payload, on_result=done,
                        on_error=self.show_error)

    def _after_state_change(self, audit_id: int) -> None:
        self._apply_snapshot(self.workspace.audit(audit_id))
        self._update_title()
        self.refresh_library()

    @staticmethod
    def _audit_label(snapshot: AuditSnapshot) -> str:
        return f"{snapshot.policy.name} v{snapshot.policy.version} ({snapshot.checklist.id})"
