"""Signatures of sign-offs: made inside the sign-off's transaction, checked by `verify`.

A signature covers the trail head just before its sign-off event, so rewriting any earlier
event (even with every later hash recomputed) no longer matches what was signed; and it covers
the audit's items, so a signed-off audit whose content changed no longer matches its last
signature.
"""

from __future__ import annotations

import json
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlite_utils import Database

from desktop_app.core import signing
from desktop_app.core.audit import SignatureRecord
from desktop_app.store import repo
from desktop_app.store.database import insert

_COLUMNS = ("id", "audit_id", "trail_seq", "signer", "fingerprint", "public_key", "payload",
            "digest", "signature", "signed_at")


def content(db: Database, audit_id: int, trail_seq: int, trail_hash: str) -> signing.SignedContent:
    audit = repo.audit_row(db, audit_id)
    version = repo.version(db, audit["policy_version_id"])
    name = db.execute("SELECT name FROM policies WHERE id = ?",
                      [version["policy_id"]]).fetchone()[0]
    checklist_id, checklist_version, checklist_hash = db.execute(
        "SELECT checklist_id, version, content_hash FROM checklist_snapshots WHERE id = ?",
        [audit["checklist_snapshot_id"]]).fetchone()
    return signing.SignedContent(
        audit_id=audit_id, policy_name=name, policy_version=version["version"],
        policy_file_sha256=version["sha256"], policy_text=version["text"],
        checklist_id=checklist_id, checklist_version=checklist_version,
        checklist_hash=checklist_hash, trail_seq=trail_seq, trail_hash=trail_hash)


def current_payload(db: Database, audit_id: int, trail_seq: int, trail_hash: str, *,
                    signer: str, key_fingerprint: str, signed_at: str,
                    override: str) -> dict[str, Any]:
    return signing.payload(content(db, audit_id, trail_seq, trail_hash),
                           repo.reviews(db, audit_id), signer=signer,
                           key_fingerprint=key_fingerprint, signed_at=signed_at,
                           override=override)


def sign(db: Database, audit_id: int, signer: str, key: Ed25519PrivateKey, *, signed_at: str,
         override: str) -> signing.Signature:
    """Sign the audit as it stands and store the signature; call just before the sign-off event.

    The signed trail head is the last event before the sign-off, whose number the row keeps.
    """
    head_seq, head_hash = db.execute("SELECT seq, hash FROM trail_head WHERE id = 1").fetchone()
    key_fingerprint = signing.fingerprint(signing.public_key_hex(key))
    body = current_payload(db, audit_id, head_seq, head_hash, signer=signer,
                           key_fingerprint=key_fingerprint, signed_at=signed_at,
                           override=override)
    signature = signing.sign(key, signer, body)
    insert(db, "signatures", {
        "audit_id": audit_id, "trail_seq": head_seq + 1, "signer": signer,
        "fingerprint": signature.fingerprint, "public_key": signature.public_key,
        "payload": signature.payload, "digest": signature.digest,
        "signature": signature.signature, "signed_at": signed_at,
    })
    return signature


def records(db: Database, audit_id: int | None = None) -> tuple[SignatureRecord, ...]:
    sql = f"SELECT {', '.join(_COLUMNS)} FROM signatures"
    rows = (db.query(sql + " ORDER BY id") if audit_id is None
            else db.query(sql + " WHERE audit_id = ? ORDER BY id", [audit_id]))
    return tuple(SignatureRecord(**row) for row in rows)


def _stored(record: SignatureRecord) -> signing.Signature:
    return signing.Signature(record.signer, record.fingerprint, record.public_key,
                             record.payload, record.digest, record.signature)


def problems(db: Database) -> list[str]:
    """Every signature checked, against itself, the trail and (for the latest) the audit."""
    found: list[str] = []
    hashes = dict(db.execute("SELECT seq, hash FROM trail").fetchall())
    sign_offs = {row["seq"]: row for row in db.query(
        "SELECT seq, audit_id, after FROM trail WHERE action = 'sign-off'")}
    latest: dict[int, SignatureRecord] = {}
    signed_events = set()
    for record in records(db):
        name = f"signature {record.id} of audit {record.audit_id} by {record.signer}"
        found += [f"{name}: {problem}" for problem in signing.signature_problems(_stored(record))]
        try:
            body = json.loads(record.payload)
            head = body["trail_head"]
        except (ValueError, KeyError, TypeError):
            found.append(f"{name}: the signed content cannot be read")
            continue
        if hashes.get(head.get("seq")) != head.get("hash"):
            found.append(f"{name}: trail event {head.get('seq')} no longer has the hash that was "
                         "signed; the trail was rewritten after the sign-off")
        event = sign_offs.get(record.trail_seq)
        if event is None or event["audit_id"] != record.audit_id or \
                _after(event["after"]).get("digest") != record.digest:
            found.append(f"{name}: trail event {record.trail_seq} is not the sign-off that "
                         "records this signature's digest")
        signed_events.add(record.trail_seq)
        latest[record.audit_id] = record
    for seq, event in sorted(sign_offs.items()):
        if "digest" in _after(event["after"]) and seq not in signed_events:
            found.append(f"audit {event['audit_id']}: the sign-off at trail event {seq} has no "
                         "signature; it was deleted outside Policy Auditor")
    for audit_id, state in db.execute("SELECT id, state FROM audits ORDER BY id").fetchall():
        last = latest.get(audit_id)
        if state != "signed-off" or last is None:
            continue
        signed = json.loads(last.payload)
        current = current_payload(
            db, audit_id, signed["trail_head"]["seq"], signed["trail_head"]["hash"],
            signer=signed.get("signer", ""), key_fingerprint=signed.get("fingerprint", ""),
            signed_at=signed.get("signed_at", ""), override=signed.get("override", ""))
        if current != signed:
            what = "; ".join(signing.changed_items(signed, current)[:10])
            found.append(f"audit {audit_id}: its content differs from what {last.signer} "
                         f"signed (signature {last.id}): {what}")
    return found


def _after(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text) if text else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
