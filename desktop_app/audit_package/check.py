"""Checking an audit package on its own: no database, only the file and the keys inside it."""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass, field
from typing import Any

from desktop_app.audit_package import (
    CHECKLIST,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    MANIFEST_SIGNATURE,
    MEMBERS,
    POLICY,
    REVIEWS,
    SIGNATURES,
    TRAIL,
)
from desktop_app.core import signing
from desktop_app.core.checklist_loader import checklist_from_dict, content_hash
from desktop_app.errors import ChecklistError
from desktop_app.store import trail

_STATUS_ACTIONS = {"status", "accept-suggestion", "carry-forward", "restore"}


@dataclass
class PackageCheck:
    """What `check` found: problems (none: the package holds), and what was checked."""

    problems: list[str] = field(default_factory=list)
    audit_id: int | None = None
    summary: str = ""
    events: int = 0
    quotes: int = 0
    signers: list[str] = field(default_factory=list)
    packager: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems


def check(data: bytes) -> PackageCheck:
    """Every check a package allows; each problem names the member and what differs."""
    result = PackageCheck()
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = {name: archive.read(name) for name in archive.namelist()}
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        result.problems.append(f"not a readable package (zip) file: {error}")
        return result
    try:
        manifest = json.loads(members[MANIFEST])
    except (KeyError, ValueError):
        manifest = None
    if not isinstance(manifest, dict):
        result.problems.append(f"{MANIFEST} is missing or not JSON; this is not an audit package")
        return result
    if manifest.get("format") != FORMAT or manifest.get("format_version") != FORMAT_VERSION:
        result.problems.append(f"{MANIFEST}: not a {FORMAT} version {FORMAT_VERSION} package")
        return result
    result.audit_id = manifest.get("audit_id")
    policy, checklist = manifest.get("policy", {}), manifest.get("checklist", {})
    result.summary = (f"audit {result.audit_id}: {policy.get('name')} v{policy.get('version')} "
                      f"against {checklist.get('id')} {checklist.get('version')}")
    _check_manifest_signature(members, result)
    _check_files(members, manifest, result)
    loaded = _load(members, result)
    if loaded is None:
        return result
    text, reviews, events, signatures = loaded
    if signing.sha256_hex(text) != policy.get("text_sha256"):
        result.problems.append(f"{POLICY}: its sha256 is not the policy text hash in the "
                               "manifest; the policy text was changed")
    _check_checklist(members.get(CHECKLIST, b""), checklist.get("content_hash"), result)
    _check_trail(events, result)
    _check_statuses(events, reviews, result.audit_id, result)
    _check_signatures(signatures, events, reviews, text, manifest, result)
    _check_quotes(text, reviews, result)
    return result


def _check_manifest_signature(members: dict[str, bytes], result: PackageCheck) -> None:
    try:
        stored = json.loads(members[MANIFEST_SIGNATURE])
        sig = signing.Signature(**stored)
        expected = json.loads(sig.payload).get("manifest_sha256")
    except (KeyError, ValueError, TypeError, AttributeError):
        result.problems.append(f"{MANIFEST_SIGNATURE} is missing or damaged")
        return
    result.packager = f"{sig.signer} ({sig.fingerprint})"
    result.problems += [f"{MANIFEST_SIGNATURE}: {problem}"
                        for problem in signing.signature_problems(sig)]
    if expected != signing.sha256_hex(members[MANIFEST]):
        result.problems.append(f"{MANIFEST}: changed after {sig.signer} signed it")


def _check_files(members: dict[str, bytes], manifest: dict[str, Any],
                 result: PackageCheck) -> None:
    listed = manifest.get("files", {})
    for name in MEMBERS:
        if name not in members:
            result.problems.append(f"{name}: missing from the package")
        elif listed.get(name) != signing.sha256_hex(members[name]):
            result.problems.append(f"{name}: its sha256 differs from the manifest; it was changed")
    extra = sorted(set(members) - set(MEMBERS) - {MANIFEST, MANIFEST_SIGNATURE})
    if extra:
        result.problems.append(f"unexpected members not in the manifest: {', '.join(extra)}")


def _load(members: dict[str, bytes],
          result: PackageCheck) -> tuple[str, list[dict], list[dict], list[dict]] | None:
    try:
        text = members[POLICY].decode("utf-8")
        reviews, events, signatures = (json.loads(members[name])
                                       for name in (REVIEWS, TRAIL, SIGNATURES))
        if not all(isinstance(v, list) for v in (reviews, events, signatures)):
            raise ValueError("not a list")
    except (KeyError, ValueError) as error:
        result.problems.append(f"the package contents cannot be read ({error})")
        return None
    return text, reviews, events, signatures


def _check_checklist(body: bytes, expected: str | None, result: PackageCheck) -> None:
    if signing.sha256_hex(body) == expected:
        return
    try:
        recomputed = content_hash(checklist_from_dict(json.loads(body)))
    except (ValueError, ChecklistError):
        recomputed = ""
    if recomputed != expected:
        result.problems.append(f"{CHECKLIST}: its content hash is not the one the audit was "
                               "assessed against; the checklist was changed")


def _check_trail(events: list[dict[str, Any]], result: PackageCheck) -> None:
    previous, expected_seq = "", 1
    for event in events:
        seq = event.get("seq")
        where = f"{TRAIL}: trail event {seq}"
        if seq != expected_seq:
            result.problems.append(f"{where}: expected event {expected_seq} here")
        if event.get("prev_hash") != previous:
            result.problems.append(f"{where}: does not link to the event before it")
        if not event.get("redacted"):
            try:
                digests_ok = trail.field_digests(event) == event["digests"]
                hash_ok = trail.row_hash(event) == event["hash"]
            except (KeyError, TypeError):
                digests_ok = hash_ok = False
            if not (digests_ok and hash_ok):
                result.problems.append(f"{where}: its content no longer matches its hash; the "
                                       "event was changed")
        previous, expected_seq = event.get("hash", ""), (seq or 0) + 1
    result.events = len(events)


def _after(event: dict[str, Any]) -> dict[str, Any]:
    try:
        value = json.loads(event.get("after") or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _check_statuses(events: list[dict[str, Any]], reviews: list[dict[str, Any]],
                    audit_id: int | None, result: PackageCheck) -> None:
    recorded: dict[str, tuple[int, Any]] = {}
    for event in events:
        if event.get("audit_id") == audit_id and event.get("action") in _STATUS_ACTIONS:
            after = _after(event)
            if "status" in after:
                recorded[event.get("item_id", "")] = (event["seq"], after["status"])
    for review in reviews:
        seq, status = recorded.get(review.get("item_id"), (None, None))
        if review.get("status") != status:
            where = f"trail event {seq}" if seq else "the trail (nothing recorded)"
            result.problems.append(f"{REVIEWS}: item {review.get('item_id')} has status "
                                   f"{review.get('status')!r} but {where} says {status!r}")


def _check_signatures(signatures: list[dict[str, Any]], events: list[dict[str, Any]],
                      reviews: list[dict[str, Any]], text: str, manifest: dict[str, Any],
                      result: PackageCheck) -> None:
    if not signatures:
        result.problems.append(f"{SIGNATURES}: the package holds no signed sign-off")
        return
    by_seq = {event.get("seq"): event for event in events}
    for record in signatures:
        try:
            sig = signing.Signature(*(record[name] for name in (
                "signer", "fingerprint", "public_key", "payload", "digest", "signature")))
            body = json.loads(sig.payload)
            head = body["trail_head"]
        except (KeyError, TypeError, ValueError):
            result.problems.append(f"{SIGNATURES}: a signature cannot be read")
            continue
        name = f"{SIGNATURES}: signature {record.get('id')} by {sig.signer}"
        result.signers.append(f"{sig.signer} ({sig.fingerprint})")
        result.problems += [f"{name}: {problem}" for problem in signing.signature_problems(sig)]
        signed_event = by_seq.get(head.get("seq"), {})
        if signed_event.get("hash") != head.get("hash"):
            result.problems.append(f"{name}: trail event {head.get('seq')} does not have the "
                                   "hash that was signed")
        sign_off = by_seq.get(record.get("trail_seq"), {})
        if sign_off.get("action") != "sign-off" or _after(sign_off).get("digest") != sig.digest:
            result.problems.append(f"{name}: trail event {record.get('trail_seq')} is not the "
                                   "sign-off that records this signature")
    latest = json.loads(signatures[-1].get("payload", "{}"))
    name = f"{SIGNATURES}: the last signature"
    if latest.get("policy", {}).get("text_sha256") != signing.sha256_hex(text):
        result.problems.append(f"{name} was made over another policy text than {POLICY}")
    if latest.get("checklist", {}).get("content_hash") != manifest.get("checklist", {}).get(
            "content_hash"):
        result.problems.append(f"{name} was made over another checklist")
    signed_items = {item["item_id"]: item for item in latest.get("items", [])}
    for review in reviews:
        record = {key: review.get(key) for key in signing.item_record_keys()}
        if signed_items.get(review.get("item_id")) != record:
            result.problems.append(f"{REVIEWS}: item {review.get('item_id')} differs from what "
                                   f"{latest.get('signer')} signed")


def _check_quotes(text: str, reviews: list[dict[str, Any]], result: PackageCheck) -> None:
    for review in reviews:
        for evidence in review.get("evidence", []):
            start, end = evidence.get("start"), evidence.get("end")
            if not (isinstance(start, int) and isinstance(end, int)
                    and text[start:end] == evidence.get("quote")):
                result.problems.append(f"{REVIEWS}: item {review.get('item_id')}: the evidence "
                                       f"quote at {start}..{end} is not in {POLICY} there")
            result.quotes += 1
