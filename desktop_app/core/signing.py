"""Signed sign-off: the payload a sign-off signs, its digest, and Ed25519 signatures over it.

The payload is canonical JSON of what the audit's meaning rests on: the policy text's hash, the
checklist's content hash, every item's status, decision, note and evidence, and the trail head
at the moment of signing. Anyone holding the public key can check the signature without the
database; `fingerprint` is what a signer gives out so that others know the key is theirs.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from desktop_app.core.audit import ItemReview
from desktop_app.core.canonical import canonical

PAYLOAD_FORMAT = "policy-auditor-signoff"
PAYLOAD_VERSION = 1


def sha256_hex(data: str | bytes) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def public_key_hex(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return public.public_bytes(Encoding.Raw, PublicFormat.Raw).hex()


def fingerprint(public_hex: str) -> str:
    """sha256 of the raw public key, first 32 hex digits in groups of four: easy to compare."""
    digest = sha256_hex(bytes.fromhex(public_hex))[:32]
    return ":".join(digest[i:i + 4] for i in range(0, 32, 4))


@dataclass(frozen=True)
class SignedContent:
    """What one sign-off covers besides the items (see `payload`)."""

    audit_id: int
    policy_name: str
    policy_version: int
    policy_file_sha256: str
    policy_text: str
    checklist_id: str
    checklist_version: str
    checklist_hash: str
    trail_seq: int
    trail_hash: str


def item_record(review: ItemReview) -> dict[str, Any]:
    """One item as signed: its decision, note and evidence, not the engine's working."""
    return {
        "item_id": review.item_id,
        "status": review.status.value if review.status is not None else None,
        "decision": review.decision.value if review.decision and review.status else None,
        "reviewer": review.reviewer,
        "note": review.note,
        "needs_rereview": review.needs_rereview,
        "evidence": [{"ref": e.ref, "start": e.start, "end": e.end, "quote": e.quote,
                      "source": e.source, "note": e.note} for e in review.evidence],
    }


def item_record_keys() -> tuple[str, ...]:
    return ("item_id", "status", "decision", "reviewer", "note", "needs_rereview", "evidence")


def payload(content: SignedContent, reviews: Sequence[ItemReview], *, signer: str,
            key_fingerprint: str, signed_at: str, override: str) -> dict[str, Any]:
    return {
        "format": PAYLOAD_FORMAT,
        "version": PAYLOAD_VERSION,
        "audit_id": content.audit_id,
        "signer": signer,
        "fingerprint": key_fingerprint,
        "signed_at": signed_at,
        "override": override,
        "policy": {"name": content.policy_name, "version": content.policy_version,
                   "file_sha256": content.policy_file_sha256,
                   "text_sha256": sha256_hex(content.policy_text)},
        "checklist": {"id": content.checklist_id, "version": content.checklist_version,
                      "content_hash": content.checklist_hash},
        "items": [item_record(review) for review in reviews],
        "trail_head": {"seq": content.trail_seq, "hash": content.trail_hash},
    }


@dataclass(frozen=True)
class Signature:
    """A signature as stored: the payload text, its digest and the Ed25519 signature."""

    signer: str
    fingerprint: str
    public_key: str
    payload: str
    digest: str
    signature: str


def sign(key: Ed25519PrivateKey, signer: str, body: dict[str, Any]) -> Signature:
    text = canonical(body)
    digest = sha256_hex(text)
    public = public_key_hex(key)
    return Signature(signer=signer, fingerprint=fingerprint(public), public_key=public,
                     payload=text, digest=digest,
                     signature=key.sign(bytes.fromhex(digest)).hex())


def signature_problems(sig: Signature) -> list[str]:
    """What is wrong with a signature on its own: key, fingerprint, digest, signature bytes."""
    try:
        public = Ed25519PublicKey.from_public_bytes(bytes.fromhex(sig.public_key))
    except ValueError:
        return ["its public key is not an Ed25519 key"]
    problems = []
    if fingerprint(sig.public_key) != sig.fingerprint:
        problems.append("its fingerprint does not belong to its public key")
    if sha256_hex(sig.payload) != sig.digest:
        problems.append("the signed content no longer matches its digest")
    try:
        public.verify(bytes.fromhex(sig.signature), bytes.fromhex(sig.digest))
    except (InvalidSignature, ValueError):
        problems.append("the signature does not verify with the signer's public key")
    return problems


def changed_items(signed: dict[str, Any], current: dict[str, Any]) -> list[str]:
    """Names of what differs between two payloads: items by id and field, else the part."""
    found = []
    before = {item["item_id"]: item for item in signed.get("items", [])}
    after = {item["item_id"]: item for item in current.get("items", [])}
    for item_id in sorted(set(before) | set(after)):
        old, new = before.get(item_id), after.get(item_id)
        if old is None or new is None:
            found.append(f"item {item_id} {'added' if old is None else 'removed'}")
            continue
        fields = [name for name in sorted(set(old) | set(new)) if old.get(name) != new.get(name)]
        if fields:
            found.append(f"item {item_id}: {', '.join(fields)}")
    for part in ("policy", "checklist", "trail_head", "override", "audit_id"):
        if signed.get(part) != current.get(part):
            found.append(part.replace("_", " "))
    return found
