"""Building the remediation plan of an audit and the portfolio of open findings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from desktop_app.core.audit import AuditSnapshot, ItemReview
from desktop_app.core.document import Defect
from desktop_app.core.finding import (
    FINDING_STATUSES,
    Finding,
    FindingState,
    Risk,
    StoredFinding,
    default_recommendation,
    default_risk,
    defect_number,
)
from desktop_app.core.status import Level, Status


def decided_by(review: ItemReview) -> str:
    """Who decided an item's status, and how when it was not a person's own decision; ""
    while the status is only the engine's suggestion."""
    if review.status is None:
        return ""
    if review.decided_by_person:
        return review.reviewer
    return f"{review.reviewer} ({review.decision_label})"


def closing_evidence_for(review: ItemReview) -> str:
    """The clause a person's 'satisfied' decision rests on: their own evidence, else the top one."""
    manual = [e for e in review.evidence if e.source == "manual"]
    chosen = (manual or list(review.evidence))[:1]
    if not chosen:
        return "(no clause attached)"
    evidence = chosen[0]
    quote = " ".join(evidence.quote.split())
    quote = quote if len(quote) <= 160 else quote[:157] + "..."
    return f"§{evidence.ref}: “{quote}”" if evidence.ref else f"“{quote}”"


def plan_of(snapshot: AuditSnapshot) -> list[Finding]:
    """Every finding of the audit: items that are partial or missing and items with a stored
    finding, most serious open ones first."""
    stored = {finding.item_id: finding for finding in snapshot.stored_findings}
    findings = []
    for position, review in enumerate(snapshot.reviews):
        row = stored.get(review.item_id)
        status = review.effective_status
        if row is None and status not in FINDING_STATUSES:
            continue
        findings.append((position, _finding(snapshot, review, row)))
    for row in snapshot.stored_findings:
        number = defect_number(row.item_id)
        if number is not None and 0 < number <= len(snapshot.defects):
            findings.append((len(snapshot.reviews) + number,
                             _defect_finding(snapshot, snapshot.defects[number - 1], row)))
    findings.sort(key=lambda pair: (not pair[1].state.is_open, pair[1].risk.rank,
                                    pair[1].due or "9999", pair[0]))
    return [finding for _, finding in findings]


def _finding(snapshot: AuditSnapshot, review: ItemReview,
             row: StoredFinding | None) -> Finding:
    item = snapshot.checklist.item(review.item_id)
    status = review.effective_status
    state = row.state if row else FindingState.OPEN
    risk = row.risk if row and row.risk is not None else None
    recommendation = row.recommendation if row and row.recommendation is not None else None
    offer = ""
    if state.is_open and status == Status.SATISFIED and review.decided_by_person:
        offer = closing_evidence_for(review)
    return Finding(
        audit_id=snapshot.audit_id, item_id=review.item_id, title=item.title,
        citation=item.citation, level=item.level, status=status,
        decided_by=decided_by(review),
        risk=risk or default_risk(item.level, status),
        recommendation=(default_recommendation(item.requirement, item.guidance)
                        if recommendation is None else recommendation),
        response=row.response if row else "", owner=row.owner if row else "",
        due=row.due if row else "", state=state,
        risk_is_default=risk is None, recommendation_is_default=recommendation is None,
        closing_evidence=row.closing_evidence if row else "", closing_offer=offer,
        carried=bool(row and row.carried_from is not None),
        sample_wording=item.sample_wording,
    )


def _defect_finding(snapshot: AuditSnapshot, defect: Defect, row: StoredFinding) -> Finding:
    """A drafting defect a reviewer promoted to a finding."""
    clause = next((c for c in snapshot.clauses if c.start <= defect.start < c.end), None)
    where = f"clause {clause.ref}" if clause else f"characters {defect.start}–{defect.end}"
    quote = " ".join(defect.text.split())
    quote = quote if len(quote) <= 80 else quote[:77] + "..."
    return Finding(
        audit_id=snapshot.audit_id, item_id=row.item_id,
        title=f"{defect.kind.replace('-', ' ').capitalize()}: “{quote}”", citation=where,
        level=Level.GOOD_PRACTICE, status=None, decided_by="",
        risk=row.risk or Risk.LOW,
        recommendation=(f"Correct the drafting: {defect.message}"
                        if row.recommendation is None else row.recommendation),
        response=row.response, owner=row.owner, due=row.due, state=row.state,
        risk_is_default=row.risk is None,
        recommendation_is_default=row.recommendation is None,
        closing_evidence=row.closing_evidence, carried=row.carried_from is not None)


@dataclass(frozen=True)
class PortfolioLine:
    policy_name: str
    policy_version: int
    checklist_id: str
    finding: Finding
    overdue: bool


def portfolio(snapshots: Iterable[AuditSnapshot], today: dt.date) -> list[PortfolioLine]:
    """Open findings of the given audits: overdue first, then by due date, then by owner."""
    lines = [PortfolioLine(s.policy.name, s.policy.version, s.checklist.id, finding,
                           finding.overdue(today))
             for s in snapshots for finding in plan_of(s) if finding.state.is_open]
    lines.sort(key=lambda line: (not line.overdue, line.finding.due or "9999",
                                 line.finding.owner.lower() or "\uffff", line.finding.risk.rank,
                                 line.policy_name, line.finding.item_id))
    return lines


def risk_counts(findings: Sequence[Finding]) -> dict[Risk, int]:
    """Open findings per risk rating."""
    counts = {risk: 0 for risk in Risk}
    for finding in findings:
        if finding.state.is_open:
            counts[finding.risk] += 1
    return counts
