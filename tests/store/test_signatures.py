"""Signed sign-off: one Ed25519 signature per sign-off, checked by verify against the trail."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from desktop_app import keys
from desktop_app.core.canonical import canonical
from desktop_app.core.status import Status
from desktop_app.services import Workspace
from desktop_app.store import coverage
from tests.store.helpers import decide_all, rechain, shell


@pytest.fixture
def signed(workspace: Workspace, audit_id: int) -> int:
    decide_all(workspace, audit_id, "alice")
    workspace.sign_off(audit_id, "bob")
    return audit_id


def test_sign_off_is_signed_with_the_approvers_key(workspace: Workspace, signed: int) -> None:
    [signature] = workspace.audit(signed).signatures
    fingerprint, path = keys.describe("bob")
    assert (signature.signer, signature.fingerprint) == ("bob", fingerprint)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700
    body = json.loads(signature.payload)
    assert body["trail_head"]["seq"] == signature.trail_seq - 1
    assert {item["item_id"] for item in body["items"]} == {
        r.item_id for r in workspace.audit(signed).reviews}
    sign_off = workspace.history(signed)[-1]
    assert sign_off.seq == signature.trail_seq
    assert json.loads(sign_off.after)["digest"] == signature.digest
    assert workspace.verify().ok


def test_reopen_and_sign_again_adds_a_signature_and_keeps_the_first(
        workspace: Workspace, signed: int) -> None:
    [first] = workspace.audit(signed).signatures
    workspace.reopen(signed, "bob", "late evidence")
    item = workspace.audit(signed).reviews[0].item_id
    workspace.set_status(signed, item, Status.PARTIAL, "carol")
    workspace.sign_off(signed, "dora")
    again = workspace.audit(signed).signatures
    assert again[0] == first and len(again) == 2
    assert again[1].signer == "dora" and again[1].digest != first.digest
    assert workspace.verify().ok


def _rewrite_from(db_path: Path, seq: int, change_event: dict[str, str]) -> None:
    """What someone holding the file can do: rewrite one event and re-chain every later one."""
    conn = shell(db_path)
    rechain(conn, lambda row: row.update(change_event) if row["seq"] == seq else None, seq)
    conn.close()


def test_a_trail_rechained_after_a_signed_sign_off_fails_verify(
        workspace: Workspace, signed: int, db_path: Path) -> None:
    [signature] = workspace.audit(signed).signatures
    review = next(r for r in workspace.audit(signed).reviews
                  if r.status is Status.SATISFIED and not r.note)
    [event] = [e for e in workspace.history(signed)
               if e.action == "status" and e.item_id == review.item_id]
    workspace.close()

    # The status becomes 'missing', and the event that set it says so: its recorded status,
    # its seal of the assessments row, its hash and every later hash are all made to agree.
    conn = sqlite3.connect(str(db_path), isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute("UPDATE assessments SET status = 'missing' WHERE audit_id = ? AND item_id = ?",
                 [signed, review.item_id])
    row = dict(conn.execute("SELECT * FROM assessments WHERE audit_id = ? AND item_id = ?",
                            [signed, review.item_id]).fetchone())
    (old_after, old_seals), = conn.execute("SELECT after, seals FROM trail WHERE seq = ?",
                                           [event.seq]).fetchall()
    conn.close()
    after = {**json.loads(old_after), "status": "missing"}
    seals = json.loads(old_seals)
    seals["assessments"][str(row["id"])]["fields"] = coverage.field_digests(row)
    _rewrite_from(db_path, event.seq, {"after": canonical(after),
                                       "seals": canonical(seals)})

    with Workspace(db_path) as reopened:
        problems = reopened.verify().problems
    assert problems
    # The chain, the seals and the statuses agree with each other; only the signature objects.
    assert all(p.startswith(f"signature {signature.id} of audit {signed}")
               or p.startswith(f"audit {signed}: its content differs") for p in problems), problems
    assert any(f"trail event {signature.trail_seq - 1} no longer has the hash that was signed"
               in p for p in problems)
    assert any(f"item {review.item_id}: status" in p for p in problems)


def _problems_after(db_path: Path, *statements: str) -> tuple[str, ...]:
    """What verify finds once the statements were run on the file as in the sqlite3 shell."""
    with contextlib.closing(shell(db_path)) as conn:
        for statement in statements:
            conn.execute(statement)
    with Workspace(db_path) as reopened:
        return reopened.verify().problems


def test_a_deleted_signature_fails_verify(workspace: Workspace, signed: int,
                                          db_path: Path) -> None:
    workspace.close()
    problems = _problems_after(db_path, "DROP TRIGGER signatures_no_delete",
                               "DELETE FROM signatures")
    assert any("has no signature; it was deleted" in p for p in problems), problems


def test_a_forged_signature_fails_verify(workspace: Workspace, signed: int,
                                         db_path: Path) -> None:
    workspace.close()
    problems = _problems_after(db_path, "DROP TRIGGER signatures_no_update",
                               "UPDATE signatures SET signature = substr(signature, 3) || '00'")
    assert any("the signature does not verify with the signer's public key" in p
               for p in problems), problems
