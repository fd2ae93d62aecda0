"""A digest of the audit data a report was built from, so a reader can match it to the database."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

from desktop_app.core.audit import AuditSnapshot
from desktop_app.reports.summary import trail_head

DIGEST_DESCRIPTION = (
    "SHA-256 of the canonical JSON (keys sorted, no spaces, UTF-8) of a list with one object per "
    "audit, in report order: audit id, state, signed-off by/at, policy sha256, checklist id, "
    "version and content hash, every review (item id, status, suggested status, reviewer, "
    "reviewed at, note, needs re-review, evidence id/ref/start/end/quote/source/note) and the "
    "hash of the newest audit-trail event."
)


def digest_payload(snapshot: AuditSnapshot) -> dict[str, Any]:
    """The canonical content of one audit that the digest covers."""
    return {
        "audit_id": snapshot.audit_id,
        "state": snapshot.state,
        "signed_off_by": snapshot.signed_off_by,
        "signed_off_at": snapshot.signed_off_at,
        "policy_sha256": snapshot.policy.sha256,
        "checklist": [snapshot.checklist.id, snapshot.checklist.version, snapshot.checklist_hash],
        "reviews": [
            {
                "item_id": review.item_id,
                "status": review.status.value if review.status is not None else None,
                "suggested_status": review.suggested_status.value,
                "reviewer": review.reviewer,
                "reviewed_at": review.reviewed_at,
                "note": review.note,
                "needs_rereview": review.needs_rereview,
                "evidence": [
                    [e.id, e.ref, e.start, e.end, e.quote, e.source, e.note]
                    for e in review.evidence
                ],
            }
            for review in sorted(snapshot.reviews, key=lambda r: r.item_id)
        ],
        "trail_head": trail_head(snapshot),
    }


def canonical_json(snapshots: Sequence[AuditSnapshot]) -> bytes:
    payload = [digest_payload(snapshot) for snapshot in snapshots]
    return json.dumps(payload, sort_keys=True, ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")


def report_digest(snapshots: Sequence[AuditSnapshot]) -> str:
    """Hex SHA-256 of `canonical_json(snapshots)`."""
    return hashlib.sha256(canonical_json(snapshots)).hexdigest()
