"""Complete JSON export of one audit: enough to rebuild it elsewhere."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any, TextIO

from desktop_app.core.audit import AuditSnapshot, ItemReview
from desktop_app.core.checklist import Checklist
from desktop_app.core.checklist_loader import checklist_to_dict

FORMAT = "policy-auditor-audit"
FORMAT_VERSION = 1
#: Checklist fields about where it came from, exported beside its content.
PROVENANCE = ("content_hash", "origin", "path")


def _checklist_dict(checklist: Checklist) -> dict[str, Any]:
    return {**checklist_to_dict(checklist), **{key: getattr(checklist, key) for key in PROVENANCE}}


def _review_dict(review: ItemReview) -> dict[str, Any]:
    return {
        "item_id": review.item_id,
        "status": review.status.value if review.status is not None else None,
        "reviewed": review.reviewed,
        "suggested_status": review.suggested_status.value,
        "effective_status": review.effective_status.value,
        "confidence": review.confidence,
        "reason": review.reason,
        "reviewer": review.reviewer,
        "reviewed_at": review.reviewed_at,
        "note": review.note,
        "needs_rereview": review.needs_rereview,
        "evidence": [asdict(evidence) for evidence in review.evidence],
        "decision": review.decision.value if review.decision and review.reviewed else None,
        "decided_by_person": review.decided_by_person,
        "closest": [asdict(passage) for passage in review.closest],
    }


def audit_to_dict(snapshot: AuditSnapshot) -> dict[str, Any]:
    """The whole audit as JSON-ready data, with the format header first."""
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "audit": {
            "id": snapshot.audit_id,
            "state": snapshot.state,
            "created_at": snapshot.created_at,
            "signed_off_by": snapshot.signed_off_by,
            "signed_off_at": snapshot.signed_off_at,
            "reviewers": list(snapshot.reviewers),
            "checklist_hash": snapshot.checklist_hash,
            "as_at": snapshot.as_at,
            "engine_version": snapshot.engine_version,
            "upgraded_from_version": snapshot.upgraded_from_version,
            "preparers": list(snapshot.preparers),
            "override_reason": snapshot.override_reason,
        },
        "policy": asdict(snapshot.policy),
        "text": snapshot.text,
        "clauses": [asdict(clause) for clause in snapshot.clauses],
        "defects": [asdict(defect) for defect in snapshot.defects],
        "checklist": _checklist_dict(snapshot.checklist),
        "reviews": [_review_dict(review) for review in snapshot.reviews],
        "findings": [{"id": f.id, "item_id": f.item_id, **f.fields(),
                      "closing_evidence": f.closing_evidence, "carried_from": f.carried_from}
                     for f in snapshot.stored_findings],
        "trail": [asdict(event) for event in snapshot.trail],
        "signatures": [asdict(signature) for signature in snapshot.signatures],
    }


def export_json(snapshot: AuditSnapshot, out: Path | TextIO, *,
                integrity_problems: Sequence[str] = ()) -> None:
    """Write the audit as indented UTF-8 JSON to a path or an open text stream.

    `integrity_problems`, what a failed integrity check found, are added as `integrity`.
    """
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8", newline="\n") as stream:
            export_json(snapshot, stream, integrity_problems=integrity_problems)
        return
    data = audit_to_dict(snapshot)
    if integrity_problems:
        data["integrity"] = {"ok": False, "problems": list(integrity_problems)}
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")
