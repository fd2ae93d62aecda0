"""A stored audit as read back from the database: what reports, exports and the GUI display."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop_app.core.checklist import Checklist
from desktop_app.core.document import Clause, Defect
from desktop_app.core.finding import StoredFinding
from desktop_app.core.status import Decision, Status


@dataclass(frozen=True)
class EvidenceRecord:
    """Evidence attached to an item. source is "auto" (from the engine) or "manual"."""

    id: int
    ref: str
    start: int
    end: int
    quote: str
    source: str
    note: str = ""


@dataclass(frozen=True)
class ClosestPassage:
    """A passage the engine found nearest to an item it suggested missing or not applicable.

    It is shown for the reviewer to check and is never evidence: accepting the suggestion
    does not attach it.
    """

    ref: str
    start: int
    end: int
    quote: str


@dataclass(frozen=True)
class ItemReview:
    """The state of one checklist item in an audit.

    `status` is None until a reviewer confirms or corrects the suggestion; `decision` says
    whether a person decided it or it was a suggestion accepted in bulk. `closest` holds the
    passages nearest to an item suggested missing or not applicable: not evidence.
    """

    item_id: str
    suggested_status: Status
    confidence: float
    reason: str
    status: Status | None = None
    reviewer: str = ""
    reviewed_at: str = ""
    note: str = ""
    needs_rereview: bool = False
    evidence: tuple[EvidenceRecord, ...] = ()
    decision: Decision | None = None
    closest: tuple[ClosestPassage, ...] = ()

    @property
    def decided_by_person(self) -> bool:
        return self.status is not None and self.decision is Decision.PERSON

    @property
    def decision_label(self) -> str:
        """How the status came about, in words."""
        if self.status is None:
            return "not decided"
        if self.decision is None:
            return "not recorded whether a person decided it"
        return self.decision.label

    @property
    def blocks_sign_off(self) -> bool:
        """Sign-off waits for a person's decision on every item and for every re-review."""
        return not self.decided_by_person or self.needs_rereview

    @property
    def effective_status(self) -> Status:
        return self.status if self.status is not None else self.suggested_status

    @property
    def reviewed(self) -> bool:
        return self.status is not None


@dataclass(frozen=True)
class TrailEvent:
    """One row of the hash-chained audit trail."""

    seq: int
    at: str
    actor: str
    action: str
    audit_id: int | None
    item_id: str
    before: str
    after: str
    hash: str


@dataclass(frozen=True)
class SignatureRecord:
    """One signed sign-off: who signed, with which key, and the digest of what was signed."""

    id: int
    audit_id: int
    trail_seq: int
    signer: str
    fingerprint: str
    public_key: str
    payload: str
    digest: str
    signature: str
    signed_at: str


@dataclass(frozen=True)
class LinkedDecision:
    """The same requirement in another checklist's audit of the same policy version (a
    `same_as` link either way), shown beside an item for reference only."""

    item_id: str                # the item of this audit it is shown on
    audit_id: int               # the other audit
    checklist_name: str
    linked_item_id: str
    review: ItemReview

    def describe(self) -> str:
        """"Same requirement in UK GDPR (ukgdpr.purposes, audit 4): ✓ Satisfied, decided by …"."""
        review = self.review
        head = (f"Same requirement in {self.checklist_name} ({self.linked_item_id}, "
                f"audit {self.audit_id}): ")
        if review.status is None:
            return head + (f"not decided yet (suggested: {review.suggested_status.symbol} "
                           f"{review.suggested_status.label})")
        who = (f"decided by {review.reviewer}" if review.decided_by_person
               else f"{review.decision_label}" + (f" ({review.reviewer})" if review.reviewer
                                                   else ""))
        when = f" on {review.reviewed_at[:10]}" if review.reviewed_at else ""
        note = f"; note: {review.note}" if review.note else ""
        return f"{head}{review.status.symbol} {review.status.label}, {who}{when}{note}"


@dataclass(frozen=True)
class PolicyVersionInfo:
    policy_id: int
    version_id: int
    name: str
    version: int
    file_name: str
    source_format: str
    sha256: str
    imported_at: str
    title: str = ""
    organisation: str = ""
    effective_date: str = ""


@dataclass(frozen=True)
class AuditSnapshot:
    """Everything about one audit at one moment (policy version x checklist version)."""

    audit_id: int
    policy: PolicyVersionInfo
    checklist: Checklist
    checklist_hash: str
    state: str  # "open" or "signed-off"
    created_at: str
    signed_off_by: str = ""
    signed_off_at: str = ""
    reviews: tuple[ItemReview, ...] = ()
    clauses: tuple[Clause, ...] = ()
    defects: tuple[Defect, ...] = ()
    text: str = ""
    trail: tuple[TrailEvent, ...] = ()
    reviewers: tuple[str, ...] = ()
    stored_findings: tuple[StoredFinding, ...] = ()
    as_at: str = ""                    # the date the law was applied as at (ISO)
    engine_version: str = "1"          # the engine that made the suggestions
    upgraded_from_version: str = ""    # the checklist version before the last upgrade
    override_reason: str = ""
    signatures: tuple[SignatureRecord, ...] = ()
    linked: tuple[LinkedDecision, ...] = ()   # decisions on the same requirements elsewhere

    @property
    def signed_off(self) -> bool:
        return self.state == "signed-off"

    @property
    def preparers(self) -> tuple[str, ...]:
        """Everyone whose decision an item's status is, in item order."""
        return tuple(dict.fromkeys(r.reviewer for r in self.reviews if r.status and r.reviewer))

    @property
    def stage(self) -> str:
        """Prepared (never signed off), Approved (signed off) or Reopened."""
        if self.signed_off:
            return "Approved"
        return "Reopened" if any(e.action == "reopen" for e in self.trail) else "Prepared"

    def blockers(self) -> tuple[ItemReview, ...]:
        """Items that keep the audit from being signed off without an override."""
        return tuple(review for review in self.reviews if review.blocks_sign_off)

    def linked_for(self, item_id: str) -> tuple[LinkedDecision, ...]:
        return tuple(link for link in self.linked if link.item_id == item_id)

    def review(self, item_id: str) -> ItemReview:
        for review in self.reviews:
            if review.item_id == item_id:
                return review
        raise KeyError(item_id)


@dataclass(frozen=True)
class AuditSummary:
    """A line in the library: enough to show progress without loading the whole audit."""

    audit_id: int
    policy_id: int
    policy_name: str
    policy_version: int
    checklist_id: str
    checklist_version: str
    state: str
    total: int
    reviewed: int
    needs_rereview: int
    counts: dict[str, int] = field(default_factory=dict)
    as_at: str = ""
    engine_version: str = "1"
    current_checklist_version: str = ""  # the version of the checklist file now; "" if gone
    archived: bool = False               # left out of the library unless everything is shown

    @property
    def checklist_outdated(self) -> bool:
        """The checklist has a newer version than the one this audit was made against."""
        return bool(self.current_checklist_version) and (
            self.current_checklist_version != self.checklist_version)
