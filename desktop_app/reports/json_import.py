"""Read an audit back from its JSON export (the inverse of `json_export.audit_to_dict`)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from desktop_app.core.audit import (
    AuditSnapshot,
    ClosestPassage,
    EvidenceRecord,
    ItemReview,
    PolicyVersionInfo,
    SignatureRecord,
    TrailEvent,
)
from desktop_app.core.checklist import Checklist
from desktop_app.core.checklist_loader import checklist_from_dict
from desktop_app.core.document import Clause, Defect
from desktop_app.core.finding import FindingState, Risk, StoredFinding
from desktop_app.core.status import Decision, Status
from desktop_app.errors import ChecklistError, InputError
from desktop_app.reports.json_export import FORMAT, FORMAT_VERSION, PROVENANCE


def _checklist(data: dict[str, Any]) -> Checklist:
    """The exported checklist: content validated like a checklist file, then its provenance."""
    content = {key: value for key, value in data.items() if key not in PROVENANCE}
    return replace(checklist_from_dict(content), **{key: data[key] for key in PROVENANCE})


def _review(data: dict[str, Any]) -> ItemReview:
    return ItemReview(
        item_id=data["item_id"],
        suggested_status=Status(data["suggested_status"]),
        confidence=data["confidence"],
        reason=data["reason"],
        status=None if data["status"] is None else Status(data["status"]),
        reviewer=data["reviewer"],
        reviewed_at=data["reviewed_at"],
        note=data["note"],
        needs_rereview=data["needs_rereview"],
        evidence=tuple(EvidenceRecord(**evidence) for evidence in data["evidence"]),
        decision=Decision(data["decision"]) if data.get("decision") else None,
        # Exports made before closest passages were stored lack them.
        closest=tuple(ClosestPassage(**passage) for passage in data.get("closest", [])),
    )


def _finding(audit_id: int, data: dict[str, Any]) -> StoredFinding:
    return StoredFinding(
        id=data["id"], audit_id=audit_id, item_id=data["item_id"],
        risk=None if data["risk"] is None else Risk(data["risk"]),
        recommendation=data["recommendation"], response=data["response"], owner=data["owner"],
        due=data["due"], state=FindingState(data["state"]),
        closing_evidence=data["closing_evidence"], carried_from=data["carried_from"])


def audit_from_dict(data: dict[str, Any]) -> AuditSnapshot:
    """Rebuild the audit; a file of another format or a newer version is refused."""
    if data.get("format") != FORMAT:
        raise InputError(f"This is not a {FORMAT} export (format is {data.get('format')!r}).")
    if data.get("format_version") != FORMAT_VERSION:
        raise InputError(f"Export format version {data.get('format_version')!r} is not "
                         f"supported; this version reads {FORMAT_VERSION}. Update the app.")
    try:
        audit = data["audit"]
        return AuditSnapshot(
            audit_id=audit["id"],
            policy=PolicyVersionInfo(**data["policy"]),
            checklist=_checklist(data["checklist"]),
            checklist_hash=audit["checklist_hash"],
            state=audit["state"],
            created_at=audit["created_at"],
            signed_off_by=audit["signed_off_by"],
            signed_off_at=audit["signed_off_at"],
            reviews=tuple(_review(review) for review in data["reviews"]),
            clauses=tuple(Clause(**clause) for clause in data["clauses"]),
            defects=tuple(Defect(**defect) for defect in data["defects"]),
            text=data["text"],
            trail=tuple(TrailEvent(**event) for event in data["trail"]),
            reviewers=tuple(audit["reviewers"]),
            # Exports made before these were recorded lack them.
            as_at=audit.get("as_at", ""),
            engine_version=audit.get("engine_version", "1"),
            upgraded_from_version=audit.get("upgraded_from_version", ""),
            override_reason=audit.get("override_reason", ""),
            stored_findings=tuple(_finding(audit["id"], finding)
                                  for finding in data.get("findings", [])),
            signatures=tuple(SignatureRecord(**item) for item in data.get("signatures", [])),
        )
    except (KeyError, TypeError, ValueError, ChecklistError) as error:
        raise InputError(f"The audit export is incomplete or damaged ({error!r}); export it "
                         "again from the app.") from error
