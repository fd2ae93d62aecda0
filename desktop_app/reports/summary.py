"""Scores, status counts, findings and topic comparisons computed from audits (pure functions)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from desktop_app.core.audit import AuditSnapshot, EvidenceRecord, ItemReview
from desktop_app.core.checklist import TOPICS, ChecklistItem
from desktop_app.core.status import Level, Status

#: Order in which statuses are listed everywhere (worst last is not assumed: this is display order).
STATUS_ORDER: tuple[Status, ...] = (
    Status.SATISFIED, Status.PARTIAL, Status.MISSING, Status.NOT_APPLICABLE,
)
#: How much of an item's weight a status earns; not-applicable items are left out of the score.
STATUS_CREDIT: dict[Status, float] = {
    Status.SATISFIED: 1.0, Status.PARTIAL: 0.5, Status.MISSING: 0.0,
}
LEVEL_ORDER: tuple[Level, ...] = (Level.MUST, Level.SHOULD, Level.GOOD_PRACTICE)


@dataclass(frozen=True)
class Score:
    """A weighted score in percent; `value` is None when no item applies.

    `unreviewed` counts applicable items whose status is still the engine's suggestion and
    `flagged` those whose review needs redoing because the policy changed; while either is above
    zero the score is provisional.
    """

    value: float | None
    applicable: int
    unreviewed: int
    flagged: int = 0

    @property
    def provisional(self) -> bool:
        return self.unreviewed > 0 or self.flagged > 0

    def text(self) -> str:
        if self.value is None:
            return "n/a"
        return f"{self.value:.0f}%"


@dataclass(frozen=True)
class StatusCounts:
    """Items per effective status, split into reviewed and suggested-not-yet-reviewed."""

    reviewed: dict[Status, int]
    suggested: dict[Status, int]

    def total(self, status: Status) -> int:
        return self.reviewed[status] + self.suggested[status]

    @property
    def reviewed_items(self) -> int:
        return sum(self.reviewed.values())

    @property
    def unreviewed_items(self) -> int:
        return sum(self.suggested.values())

    @property
    def items(self) -> int:
        return self.reviewed_items + self.unreviewed_items


@dataclass(frozen=True)
class Finding:
    """A requirement the policy misses or only partly meets."""

    snapshot: AuditSnapshot
    item: ChecklistItem
    review: ItemReview

    @property
    def status(self) -> Status:
        return self.review.effective_status

    def plain_words(self) -> str:
        """One sentence a manager can read without knowing the checklist."""
        verb = "does not address" if self.status is Status.MISSING else "only partly addresses"
        level = self.item.level.value.replace("-", " ")
        sentence = f"The policy {verb} “{self.item.title}” ({level}, " \
                   f"{self.snapshot.checklist.name} {self.item.citation})."
        if not self.review.reviewed:
            sentence += " This is the engine's suggestion and has not yet been reviewed."
        return sentence


def paired_items(snapshot: AuditSnapshot) -> list[tuple[ChecklistItem, ItemReview]]:
    """Checklist items in checklist order with their review; items without a review are skipped."""
    reviews = {review.item_id: review for review in snapshot.reviews}
    return [(item, reviews[item.id]) for item in snapshot.checklist.items if item.id in reviews]


def score_of(pairs: Iterable[tuple[ChecklistItem, ItemReview]]) -> Score:
    """Weighted score: sum(weight x credit) / sum(weight) over applicable items."""
    earned = 0.0
    possible = 0.0
    applicable = 0
    unreviewed = 0
    flagged = 0
    for item, review in pairs:
        status = review.effective_status
        if status is Status.NOT_APPLICABLE:
            continue
        applicable += 1
        unreviewed += 0 if review.reviewed else 1
        flagged += 1 if review.needs_rereview else 0
        earned += item.level.weight * STATUS_CREDIT[status]
        possible += item.level.weight
    value = None if possible == 0 else 100.0 * earned / possible
    return Score(value, applicable, unreviewed, flagged)


def checklist_score(snapshot: AuditSnapshot) -> Score:
    return score_of(paired_items(snapshot))


def status_counts(snapshot: AuditSnapshot) -> StatusCounts:
    reviewed = dict.fromkeys(STATUS_ORDER, 0)
    suggested = dict.fromkeys(STATUS_ORDER, 0)
    for _item, review in paired_items(snapshot):
        bucket = reviewed if review.reviewed else suggested
        bucket[review.effective_status] += 1
    return StatusCounts(reviewed, suggested)


def findings(snapshot: AuditSnapshot) -> list[Finding]:
    """Missing and partial items: `must` before `should` before good practice, missing first."""
    found = [Finding(snapshot, item, review) for item, review in paired_items(snapshot)
             if review.effective_status in (Status.MISSING, Status.PARTIAL)]
    order = {item.id: index for index, item in enumerate(snapshot.checklist.items)}
    return sorted(found, key=lambda f: (-f.item.level.weight, f.status is not Status.MISSING,
                                        order[f.item.id]))


def top_findings(snapshots: Sequence[AuditSnapshot], limit: int = 10) -> list[Finding]:
    """The most serious findings across all audits, in the order of `findings`."""
    everything = [finding for snapshot in snapshots for finding in findings(snapshot)]
    position = {id(snapshot): index for index, snapshot in enumerate(snapshots)}
    everything.sort(key=lambda f: (-f.item.level.weight, f.status is not Status.MISSING,
                                   position[id(f.snapshot)]))
    return everything[:limit]


def is_draft(snapshots: Sequence[AuditSnapshot]) -> bool:
    """A report is final only when every audit in it is signed off."""
    return not snapshots or not all(snapshot.signed_off for snapshot in snapshots)


def topics_in(snapshots: Sequence[AuditSnapshot]) -> list[str]:
    """Topics used by any included checklist, in the shared TOPICS order."""
    used = {item.topic for snapshot in snapshots for item in snapshot.checklist.items}
    return [topic for topic in TOPICS if topic in used]


def topic_scores(snapshot: AuditSnapshot) -> dict[str, Score]:
    """Score per topic for one audit (topics the checklist does not cover are absent)."""
    by_topic: dict[str, list[tuple[ChecklistItem, ItemReview]]] = {}
    for item, review in paired_items(snapshot):
        by_topic.setdefault(item.topic, []).append((item, review))
    return {topic: score_of(pairs) for topic, pairs in by_topic.items()}


def level_counts(snapshot: AuditSnapshot, status: Status) -> dict[Level, int]:
    """How many items of each level have `status` as their effective status."""
    counts = dict.fromkeys(LEVEL_ORDER, 0)
    for item, review in paired_items(snapshot):
        if review.effective_status is status:
            counts[item.level] += 1
    return counts


def trail_head(snapshot: AuditSnapshot) -> str:
    """The hash of the newest trail event of the audit ("" when the trail is empty)."""
    if not snapshot.trail:
        return ""
    return max(snapshot.trail, key=lambda event: event.seq).hash


def verdict_sentence(snapshots: Sequence[AuditSnapshot]) -> str:
    """The whole result in one plain sentence, for the first line of the manager summary."""
    all_findings = [f for s in snapshots for f in findings(s)]
    musts = [f for f in all_findings if f.item.level is Level.MUST]
    missing = sum(1 for f in musts if f.status is Status.MISSING)
    scores = [checklist_score(s).text() for s in snapshots]
    policies = len({s.policy.version_id for s in snapshots})
    subject = snapshots[0].policy.name if policies == 1 else f"the {policies} policies"
    verb = ("meets", "falls") if policies == 1 else ("meet", "fall")
    if not musts:
        judgement = f"{verb[0]} every mandatory requirement"
    else:
        judgement = (f"{verb[1]} short: {missing} mandatory "
                     f"requirement{'s are' if missing != 1 else ' is'} missing and "
                     f"{len(musts) - missing} only partly met")
    unreviewed = sum(1 for s in snapshots for r in s.reviews if not r.reviewed)
    caveat = (f", provisionally, since {unreviewed} item{'s are' if unreviewed != 1 else ' is'} "
              "not yet reviewed" if unreviewed else "")
    return (f"Against {', '.join(s.checklist.id.upper() for s in snapshots)}, {subject} "
            f"{judgement} (score {', '.join(scores)}){caveat}.")


def shown_evidence(review: ItemReview) -> tuple[tuple[EvidenceRecord, bool], ...]:
    """The evidence a workpaper shows, each with whether it is only the engine's suggestion:
    what a person attached, else the engine's top passage."""
    manual = tuple((e, False) for e in review.evidence if e.source == "manual")
    if manual:
        return manual
    return tuple((e, True) for e in review.evidence if e.source != "manual")[:1]


def law_basis(snapshot: AuditSnapshot) -> str:
    """The checklist version an audit applies (and any it was upgraded from), and its date."""
    upgraded = (f" (upgraded from v{snapshot.upgraded_from_version})"
                if snapshot.upgraded_from_version else "")
    as_at = f", law as at {snapshot.as_at}" if snapshot.as_at else ""
    return f"v{snapshot.checklist.version}{upgraded}{as_at}"
