"""Errors the user can act on; each message says what is wrong and what to do."""

from __future__ import annotations


class AuditorError(Exception):
    """Base for every error shown to the user as a one-line message, never as a traceback."""

    def user_text(self) -> str:
        return str(self)


class InputError(AuditorError):
    """A policy file that cannot be read, decoded or parsed."""


class ChecklistError(AuditorError):
    """A checklist file that is missing, malformed or fails validation."""


class StoreError(AuditorError):
    """The audit database cannot be opened, read or written."""


class WorkflowError(AuditorError):
    """A review action that is not allowed in the current state (e.g. editing a signed-off audit)."""


class NotFoundError(AuditorError):
    """An audit, policy, item or evidence id that does not exist."""


class IntegrityCheckFailed(AuditorError):
    """The database does not verify, so an output was not written.

    Attributes:
        problems: what the check found, one line each.
    """

    def __init__(self, problems: tuple[str, ...],
                 advice: str = "run `policy-auditor verify` to see every problem") -> None:
        self.problems = problems
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(f"the integrity check failed, so nothing was written: {problems[0]}"
                         f"{more}; {advice}")
