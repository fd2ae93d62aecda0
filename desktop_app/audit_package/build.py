"""Writing an audit package from what the store holds about one signed-off audit."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop_app.audit_package import (
    CHECKLIST,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    MANIFEST_SIGNATURE,
    POLICY,
    REPORT,
    REVIEWS,
    SIGNATURES,
    TRAIL,
)
from desktop_app.core import signing
from desktop_app.core.audit import AuditSnapshot

#: Trail columns a package keeps for the audit's own events.
TRAIL_COLUMNS = ("seq", "at", "actor", "action", "audit_id", "item_id", "before", "after",
                 "prev_hash", "seals", "digests", "hash")


@dataclass(frozen=True)
class PackageSource:
    """Everything a package is made of, read from one snapshot of the database."""

    snapshot: AuditSnapshot
    checklist_body: str                 # the stored checklist snapshot (canonical JSON)
    trail_rows: Sequence[dict[str, Any]]  # events 1..the audit's last, every column
    report_pdf: bytes


def trail_entry(row: dict[str, Any], audit_id: int) -> dict[str, Any]:
    """The audit's own events in full; others as a bare link, so their content stays private."""
    if row["audit_id"] == audit_id:
        return {name: row.get(name, "") for name in TRAIL_COLUMNS}
    return {"seq": row["seq"], "prev_hash": row["prev_hash"], "hash": row["hash"],
            "redacted": True}


def _json(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()


def build(source: PackageSource, packager: str, key: Ed25519PrivateKey, *,
          created_at: str) -> bytes:
    snapshot = source.snapshot
    members = {
        POLICY: snapshot.text.encode("utf-8"),
        CHECKLIST: source.checklist_body.encode("utf-8"),
        REVIEWS: _json([{**signing.item_record(review),
                         "suggested_status": review.suggested_status.value,
                         "confidence": review.confidence} for review in snapshot.reviews]),
        TRAIL: _json([trail_entry(row, snapshot.audit_id) for row in source.trail_rows]),
        SIGNATURES: _json([asdict(record) for record in snapshot.signatures]),
        REPORT: source.report_pdf,
    }
    manifest = {
        "format": FORMAT, "format_version": FORMAT_VERSION, "created_at": created_at,
        "created_by": packager, "audit_id": snapshot.audit_id, "state": snapshot.state,
        "policy": {**asdict(snapshot.policy), "text_sha256": signing.sha256_hex(snapshot.text)},
        "checklist": {"id": snapshot.checklist.id, "version": snapshot.checklist.version,
                      "content_hash": snapshot.checklist_hash},
        "files": {name: signing.sha256_hex(data) for name, data in members.items()},
    }
    manifest_bytes = _json(manifest)
    signed = signing.sign(key, packager, {"manifest_sha256": signing.sha256_hex(manifest_bytes)})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, manifest_bytes)
        archive.writestr(MANIFEST_SIGNATURE, _json(asdict(signed)))
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()
