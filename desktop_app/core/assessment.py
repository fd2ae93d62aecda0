"""What the suggestion engine proposes for one checklist item."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop_app.core.status import Status


@dataclass(frozen=True)
class EvidenceHit:
    """A clause (or span of one) proposed as evidence, best first."""

    ref: str
    start: int
    end: int
    text: str
    score: float


@dataclass(frozen=True)
class Suggestion:
    """A suggested status with the evidence the engine stands behind.

    `closest` holds, for an item suggested missing or not applicable, the passages nearest to
    it, for the reviewer to check: they are not evidence. `basis` names the kind of finding the
    status rests on; confidence is calibrated per basis.
    """

    item_id: str
    status: Status
    confidence: float
    reason: str
    evidence: tuple[EvidenceHit, ...] = ()
    closest: tuple[EvidenceHit, ...] = ()
    basis: str = ""


@dataclass(frozen=True)
class ChecklistAssessment:
    checklist_id: str
    checklist_version: str
    suggestions: tuple[Suggestion, ...] = field(default_factory=tuple)

    def for_item(self, item_id: str) -> Suggestion:
        for suggestion in self.suggestions:
            if suggestion.item_id == item_id:
                return suggestion
        raise KeyError(item_id)
