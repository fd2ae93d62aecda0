"""Undoable review actions: thin QUndoCommands that call the Workspace and report the change.

A review command's first `redo()` runs its action, which returns the prior state of every item
it changed; `undo()` writes exactly that state back, and a later `redo()` writes back the state
the undo replaced. So undo restores status, reviewer, times, flags, evidence ids and notes as
they were, and the store stays the truth. A failing call marks the command obsolete (Qt then
drops it from the stack) and hands the message to `ReviewContext.failed`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtGui import QUndoCommand

from desktop_app.core.audit import EvidenceRecord
from desktop_app.core.status import Status
from desktop_app.errors import AuditorError, WorkflowError
from desktop_app.services import Workspace
from desktop_app.store.item_state import ItemState, ReviewChange

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


class StateCommand(ReviewCommand):
    """A review action undone and redone by restoring the exact item states around it."""

    def __init__(self, ctx: ReviewContext, audit_id: int, text: str) -> None:
        super().__init__(ctx, audit_id, text)
        self.before: tuple[ItemState, ...] = ()
        self.after: tuple[ItemState, ...] = ()
        self.done = False

    def act(self) -> ReviewChange:
        """The action itself, run by the first redo."""
        raise NotImplementedError

    def _first(self) -> Sequence[str]:
        change = self.act()
        self.done = True
        self.before, self.after = change.before, change.after
        if not change.items:
            self.setObsolete(True)
        return change.items

    def _restore(self, states: tuple[ItemState, ...],
                 expected: tuple[ItemState, ...]) -> ReviewChange:
        if not states:
            return ReviewChange(self.audit_id)
        # The items must be as the other side of this step left them: a change made since
        # (another window, another reviewer) is never overwritten.
        return self.ctx.workspace.restore_item_states(states, self.ctx.actor(), expected)

    def _undo(self) -> Sequence[str]:
        return self._restore(self.before, self.after).items

    def _redo(self) -> Sequence[str]:
        return self._restore(self.after, self.before).items

    def redo(self) -> None:
        self._run(self._redo if self.done else self._first)

    def undo(self) -> None:
        self._run(self._undo)


class SetStatusCommand(StateCommand):
    def __init__(self, ctx: ReviewContext, audit_id: int, item_id: str,
                 status: Status | None) -> None:
        label = status.label if status is not None else "Not reviewed"
        super().__init__(ctx, audit_id, f"Set {item_id} to {label}")
        self.item_id, self.status = item_id, status

    def act(self) -> ReviewChange:
        return self.ctx.workspace.set_status(self.audit_id, self.item_id, self.status,
                                             self.ctx.actor())


class AcceptSuggestionsCommand(StateCommand):
    """Confirm the suggestion of not-yet-reviewed items."""

    def __init__(self, ctx: ReviewContext, audit_id: int, item_ids: Sequence[str]) -> None:
        text = (f"Accept suggestion for {item_ids[0]}" if len(item_ids) == 1
                else f"Accept {len(item_ids)} suggestions")
        super().__init__(ctx, audit_id, text)
        self.item_ids = tuple(item_ids)

    def act(self) -> ReviewChange:
        return self.ctx.workspace.accept_suggestions(self.audit_id, self.ctx.actor(),
                                                     item_ids=self.item_ids)


class AddEvidenceCommand(StateCommand):
    def __init__(self, ctx: ReviewContext, audit_id: int, item_id: str, start: int, end: int,
                 note: str = "") -> None:
        super().__init__(ctx, audit_id, f"Attach evidence to {item_id}")
        self.item_id, self.start, self.end, self.note = item_id, start, end, note

    def act(self) -> ReviewChange:
        return self.ctx.workspace.add_evidence(self.audit_id, self.item_id, self.ctx.actor(),
                                               start=self.start, end=self.end, note=self.note)


class RemoveEvidenceCommand(StateCommand):
    def __init__(self, ctx: ReviewContext, audit_id: int, item_id: str,
                 record: EvidenceRecord) -> None:
        super().__init__(ctx, audit_id, f"Remove evidence {record.ref or ''} from {item_id}")
        self.item_id, self.evidence_id = item_id, record.id

    def act(self) -> ReviewChange:
        return self.ctx.workspace.remove_evidence(self.audit_id, self.evidence_id,
                                                  self.ctx.actor())


class SetNoteCommand(StateCommand):
    """A saved note; consecutive saves of the same item's note merge into one undo step."""

    def __init__(self, ctx: ReviewContext, audit_id: int, item_id: str, note: str) -> None:
        super().__init__(ctx, audit_id, f"Edit note on {item_id}")
        self.item_id, self.note = item_id, note

    def act(self) -> ReviewChange:
        return self.ctx.workspace.set_note(self.audit_id, self.item_id, self.note,
                                           self.ctx.actor())

    def id(self) -> int:
        return NOTE_COMMAND_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        # Undo then puts back the state before the first save of the run.
        if not (isinstance(other, SetNoteCommand) and not other.error
                and (other.audit_id, other.item_id) == (self.audit_id, self.item_id)):
            return False
        self.after = other.after
        return True


class SetFindingCommand(ReviewCommand):
    """Change one field of a finding; undo puts back the fields as they were stored, or clears
    them when nothing was stored before."""

    def __init__(self, ctx: ReviewContext, audit_id: int, item_id: str, field: str,
                 value: str) -> None:
        super().__init__(ctx, audit_id, f"Set {field} of the finding on {item_id}")
        self.item_id, self.field, self.value = item_id, field, value
        self.before = ctx.workspace.stored_finding_fields(audit_id, item_id)
        self.after: dict[str, str | None] | None = None
        self.done = False

    def redo(self) -> None:
        self._run(lambda: self._set(self.before, lambda: self.ctx.workspace.set_finding(
            self.audit_id, self.item_id, self.ctx.actor(), **{self.field: self.value})))

    def undo(self) -> None:
        self._run(lambda: self._set(self.after, self._put_back))

    def _put_back(self) -> None:
        if self.before is None:
            self.ctx.workspace.clear_finding(self.audit_id, self.item_id, self.ctx.actor())
        else:
            self.ctx.workspace.set_finding(self.audit_id, self.item_id, self.ctx.actor(),
                                           restore=self.before)

    def _set(self, expected: dict[str, str | None] | None,
             action: Callable[[], object]) -> Sequence[str]:
        # After the first run, the finding must be as the other side of this step left it: a
        # change made since (another window, another reviewer) is not overwritten.
        if self.done and self.ctx.workspace.stored_finding_fields(
                self.audit_id, self.item_id) != expected:
            raise WorkflowError(f"the finding on {self.item_id} was changed after this step; "
                                "undoing or redoing it would overwrite that change, so it was "
                                "left as it is")
        action()
        self.done = True
        self.after = self.ctx.workspace.stored_finding_fields(self.audit_id, self.item_id)
        return (self.item_id,)
