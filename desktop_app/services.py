"""The service facade the GUI and the CLI both call: one open audit database plus checklists.

Every mutating call is one transaction, stored at once and recorded in the audit trail.
Calls take and return ids and dataclasses, never widgets or raw rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from desktop_app.core.audit import AuditSnapshot, AuditSummary, TrailEvent
from desktop_app.core.checklist import Checklist
from desktop_app.core.document import PolicyDocument
from desktop_app.core.status import Status

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class ImportResult:
    policy_id: int
    version_id: int
    version: int
    audit_ids: tuple[int, ...]
    unchanged: bool = False          # the same file (sha256) was already the latest version
    carried_forward: int = 0         # reviews carried from the previous version
    flagged: int = 0                 # reviews flagged for re-review


@dataclass(frozen=True)
class PolicySummary:
    policy_id: int
    name: str
    latest_version: int
    latest_version_id: int
    organisation: str
    imported_at: str
    audit_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class ClauseChange:
    kind: str  # "added" | "removed" | "changed" | "unchanged"
    ref: str
    old_text: str = ""
    new_text: str = ""


@dataclass(frozen=True)
class PolicyDiff:
    policy_id: int
    from_version: int
    to_version: int
    changes: tuple[ClauseChange, ...] = ()


@dataclass(frozen=True)
class VerifyReport:
    ok: bool
    events_checked: int
    problems: tuple[str, ...] = field(default_factory=tuple)


class Workspace:
    """An open audit database and the checklists (shipped and user) it can use."""

    def __init__(self, db_path: Path | None = None) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    @property
    def db_path(self) -> Path:
        raise NotImplementedError

    def checklists(self) -> list[Checklist]:
        raise NotImplementedError

    def import_policy(self, path: Path, checklist_ids: Sequence[str] | None = None, *,
                      name: str | None = None, actor: str = "",
                      progress: Progress | None = None) -> ImportResult:
        """Ingest, lint and assess a policy file; with no checklist ids, use the detected ones."""
        raise NotImplementedError

    def policies(self) -> list[PolicySummary]:
        raise NotImplementedError

    def audits(self, policy_id: int | None = None) -> list[AuditSummary]:
        raise NotImplementedError

    def audit(self, audit_id: int) -> AuditSnapshot:
        raise NotImplementedError

    def document(self, version_id: int) -> PolicyDocument:
        raise NotImplementedError

    def accept_suggestions(self, audit_id: int, actor: str, *, min_confidence: float = 0.0,
                           item_ids: Sequence[str] | None = None) -> list[str]:
        """Confirm suggested statuses (not yet reviewed items only); returns the item ids changed."""
        raise NotImplementedError

    def set_status(self, audit_id: int, item_id: str, status: Status | None, actor: str) -> None:
        """Set the reviewed status; None returns the item to 'not reviewed' (used by undo)."""
        raise NotImplementedError

    def set_note(self, audit_id: int, item_id: str, note: str, actor: str) -> None:
        raise NotImplementedError

    def add_evidence(self, audit_id: int, item_id: str, actor: str, *, start: int | None = None,
                     end: int | None = None, quote: str | None = None, note: str = "") -> int:
        """Attach a span (start/end) or an exact quote of the policy text; returns the evidence id."""
        raise NotImplementedError

    def remove_evidence(self, audit_id: int, evidence_id: int, actor: str) -> None:
        raise NotImplementedError

    def sign_off(self, audit_id: int, actor: str) -> None:
        raise NotImplementedError

    def reopen(self, audit_id: int, actor: str, reason: str) -> None:
        raise NotImplementedError

    def history(self, audit_id: int) -> list[TrailEvent]:
        raise NotImplementedError

    def diff(self, policy_id: int, from_version: int | None = None,
             to_version: int | None = None) -> PolicyDiff:
        raise NotImplementedError

    def verify(self) -> VerifyReport:
        raise NotImplementedError
