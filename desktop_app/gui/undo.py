"""Undoable review actions: thin QUndoCommands that call the Workspace and report the change.

Each command captures old and new values when built; `redo()` and `undo()` only call the
matching Workspace method, so the store is always the truth. A failing call marks the command
obsolete (Qt then drops it from the stack) and hands the message to `ReviewContext.failed`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtGui import QUndoCommand

from desktop_app.core.audit import EvidenceRecord
from desktop_app.core.status import Status
from desktop_app.errors import AuditorError
from desktop_app.services import Workspace

NOTE_COMMAND_ID = 1001


@dataclass
class ReviewContext:
    """What every command needs: the GUI thread's Workspace, who acts, whom to tell."""

    workspace: Workspace
    actor: Callable[[], str]
    changed: Callable[[int, Sequence[str]], None]
    failed: Callable[[str], None]


class ReviewCommand(QUndoCommand):
    """Base: runs a store call, reports success or failure."""

    def __init__(self, ctx: ReviewContext, audit_id: int, text: str) -> None:
        super().__init__(text)
        self.ctx = ctx
        self.audit_id = audit_id
        self.error = ""

    def _run(self, action: Callable[[], Sequence[str]]) -> None:
        try:
            items = action()
        except AuditorError as error:
            self.error = error.user_text()
            self.setObsolete(True)
            self.ctx.failed(self.error)
            return
        self.ctx.changed(self.audit_id, items)


class SetStatusCommand(ReviewCommand):
    def __init__(self, ctx: ReviewContext, audit_id: int, item_id: str,
                 old: Status | None, new: Status | None) -> None:
        label = new.label if new is not None else "Not reviewed"
        super().__init__(ctx, audit_id, f"Set {item_id} to {label}")
        self.item_id, self.old, self.new = item_id, old, new

    def _set(self, status: Status | None) -> Sequence[str]:
        self.ctx.workspace.set_status(self.audit_id, self.item_id, status, self.ctx.actor())
        return (self.item_id,)

    def redo(self) -> None:
        self._run(lambda: self._set(self.new))

    def undo(self) -> None:
        self._run(lambda: self._set(self.old))


class AcceptSuggestionsCommand(ReviewCommand):
    """Confirm the suggestion of not-yet-reviewed items; undo returns them to 'not reviewed'."""

    def __init__(self, ctx: ReviewContext, audit_id: int, item_ids: Sequence[str]) -> None:
        text = (f"Accept suggestion for {item_ids[0]}" if len(item_ids) == 1
                else f"Accept {len(item_ids)} suggestions")
        super().__init__(ctx, audit_id, text)
        self.item_ids = tuple(item_ids)
        self.changed_ids: tuple[str, ...] = ()

    def _accept(self) -> Sequence[str]:
        self.changed_ids = tuple(self.ctx.workspace.accept_suggestions(
            self.audit_id, self.ctx.actor(), item_ids=self.item_ids))
        return self.changed_ids

    def _revert(self) -> Sequence[str]:
        for item_id in self.changed_ids:
            self.ctx.workspace.set_status(self.audit_id, item_id, None, self.ctx.actor())
        return self.changed_ids

    def redo(self) -> None:
        self._run(self._accept)

    def undo(self) -> None:
        self._run(self._revert)


class AddEvidenceCommand(ReviewCommand):
    def __init__(self, ctx: ReviewContext, audit_id: int, item_id: str, start: int, end: int,
                 note: str = "") -> None:
        super().__init__(ctx, audit_id, f"Attach evidence to {item_id}")
        self.item_id, self.start, self.end, self.note = item_id, start, end, note
        self.evidence_id: int | None = None

    def _add(self) -> Sequence[str]:
        self.evidence_id = self.ctx.workspace.add_evidence(
            self.audit_id, self.item_id, self.ctx.actor(), start=self.start, end=self.end,
            note=self.note)
        return (self.item_id,)

    def _remove(self) -> Sequence[str]:
        if self.evidence_id is not None:
            self.ctx.workspace.remove_evidence(self.audit_id, self.evidence_id, self.ctx.actor())
        return (self.item_id,)

    def redo(self) -> None:
        self._run(self._add)

    def undo(self) -> None:
        self._run(self._remove)


class RemoveEvidenceCommand(ReviewCommand):
    def __init__(self, ctx: ReviewContext, audit_id: int, item_id: str,
                 record: EvidenceRecord) -> None:
        super().__init__(ctx, audit_id, f"Remove evidence {record.ref or ''} from {item_id}")
        self.item_id = item_id
        self.record = record
        self.evidence_id = record.id

    def _remove(self) -> Sequence[str]:
        self.ctx.workspace.remove_evidence(self.audit_id, self.evidence_id, self.ctx.actor())
        return (self.item_id,)

    def _restore(self) -> Sequence[str]:
        self.evidence_id = self.ctx.workspace.add_evidence(
            self.audit_id, self.item_id, self.ctx.actor(), start=self.record.start,
            end=self.record.end, note=self.record.note)
        return (self.item_id,)

    def redo(self) -> None:
        self._run(self._remove)

    def undo(self) -> None:
        self._run(self._restore)


class SetNoteCommand(ReviewCommand):
    """A note edit; consecutive saves of the same item's note merge into one undo step."""

    def __init__(self, ctx: ReviewContext, audit_id: int, item_id: str, old: str,
                 new: str) -> None:
        super().__init__(ctx, audit_id, f"Edit note on {item_id}")
        self.item_id, self.old, self.new = item_id, old, new

    def _set(self, note: str) -> Sequence[str]:
        self.ctx.workspace.set_note(self.audit_id, self.item_id, note, self.ctx.actor())
        return (self.item_id,)

    def redo(self) -> None:
        self._run(lambda: self._set(self.new))

    def undo(self) -> None:
        self._run(lambda: self._set(self.old))

    def id(self) -> int:
        return NOTE_COMMAND_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetNoteCommand) or other.error or \
                (other.audit_id, other.item_id) != (self.audit_id, self.item_id):
            return False
        self.new = other.new
        if self.new == self.old:
            self.setObsolete(True)
        return True


class SetFindingCommand(ReviewCommand):
    """Change one field of a finding; undo puts back the fields as they were stored."""

    def __init__(self, ctx: ReviewContext, audit_id: int, item_id: str, field: str,
                 value: str) -> None:
        super().__init__(ctx, audit_id, f"Set {field} of the finding on {item_id}")
        self.item_id, self.field, self.value = item_id, field, value
        self.before = ctx.workspace.stored_finding_fields(audit_id, item_id)

    def redo(self) -> None:
        self._run(lambda: self._set(lambda: self.ctx.workspace.set_finding(
            self.audit_id, self.item_id, self.ctx.actor(), **{self.field: self.value})))

    def undo(self) -> None:
        self._run(lambda: self._set(lambda: self.ctx.workspace.set_finding(
            self.audit_id, self.item_id, self.ctx.actor(), restore=self.before)))

    def _set(self, action: Callable[[], object]) -> Sequence[str]:
        action()
        return (self.item_id,)
