"""The per-item and per-finding rows the Word and Excel exports share (plain data, no format)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop_app.core.audit import AuditSnapshot
from desktop_app.core.finding import Finding
from desktop_app.core.plan import decided_by, plan_of
from desktop_app.core.status import Status
from desktop_app.reports.summary import paired_items, shown_evidence

#: Characters XML 1.0 cannot hold; Word and Excel files are XML, so they are dropped.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(value: str) -> str:
    return _NOT_XML.sub("", value)


@dataclass(frozen=True)
class ItemRow:
    item_id: str
    title: str
    level: str
    citation: str
    status: Status
    reviewed: bool
    decided_by: str
    evidence: str
    note: str
    needs_rereview: bool
    finding: Finding | None


def evidence_text(snapshot: AuditSnapshot, item_id: str) -> str:
    """The evidence a workpaper shows for an item, one passage a line, suggested ones marked."""
    lines = []
    for evidence, suggested in shown_evidence(snapshot.review(item_id)):
        mark = " (suggested by the engine)" if suggested else ""
        lines.append(f"§{evidence.ref}{mark}: {' '.join(evidence.quote.split())}")
    return "\n".join(lines)


def item_rows(snapshot: AuditSnapshot) -> list[ItemRow]:
    """Every item of the audit in checklist order, with its decision, evidence and finding."""
    findings = {finding.item_id: finding for finding in plan_of(snapshot)}
    rows = []
    for item, review in paired_items(snapshot):
        rows.append(ItemRow(
            item_id=item.id, title=item.title, level=item.level.value, citation=item.citation,
            status=review.effective_status, reviewed=review.reviewed,
            decided_by=decided_by(review) or "not decided (suggestion)",
            evidence=evidence_text(snapshot, item.id), note=review.note,
            needs_rereview=review.needs_rereview, finding=findings.get(item.id)))
    return rows


def insertion_clause(snapshot: AuditSnapshot, finding: Finding) -> str:
    """The clause after which a finding's sample wording belongs: where the item's evidence is,
    else where evidence of another item on the same topic is; "" for the end of the policy."""
    refs = [evidence.ref for evidence, _ in shown_evidence(snapshot.review(finding.item_id))
            if evidence.ref]
    if refs:
        return refs[0]
    topic = snapshot.checklist.item(finding.item_id).topic
    for item, review in paired_items(snapshot):
        if item.topic == topic and item.id != finding.item_id:
            refs = [e.ref for e, _ in shown_evidence(review) if e.ref]
            if refs:
                return refs[0]
    return ""
