"""Audit packages: written from a signed-off audit, checked with no database, tampering named."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import sqlite3
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop_app.paths import EXAMPLE_POLICY
from desktop_app.services import Workspace
from tests.cli.helpers import run
from tests.store.helpers import decide_all


@pytest.fixture
def audit(db: Path, tmp_path: Path) -> int:
    policy = tmp_path / "northwind.md"
    shutil.copyfile(EXAMPLE_POLICY, policy)
    with Workspace(db) as workspace:
        audit_id = workspace.import_policy(policy, ["gdpr"], actor="alice").audit_ids[0]
        decide_all(workspace, audit_id, "alice")
        workspace.sign_off(audit_id, "bob")
    return audit_id


@pytest.fixture
def package(capsys: pytest.CaptureFixture[str], db: Path, audit: int, tmp_path: Path) -> Path:
    out = tmp_path / "audit.pap"
    code, stdout, err = run(capsys, "package", str(audit), "--out", str(out), "--db", str(db),
                            "--reviewer", "bob")
    assert code == 0 and f"Wrote {out}" in stdout, err
    # The database stays behind: what follows is checked from the file alone.
    db.rename(db.with_suffix(".moved"))
    return out


def _tamper(path: Path, member: str, change: Callable[[bytes], bytes], *,
            fix_manifest: bool) -> None:
    """Change one member; a careful forger also puts its new sha256 in the manifest."""
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members[member] = change(members[member])
    if fix_manifest:
        manifest = json.loads(members["manifest.json"])
        manifest["files"][member] = hashlib.sha256(members[member]).hexdigest()
        if member == "policy.txt":
            manifest["policy"]["text_sha256"] = manifest["files"][member]
        members["manifest.json"] = json.dumps(manifest).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    path.write_bytes(buffer.getvalue())


def _verify(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[int, list[str]]:
    code, out, err = run(capsys, "package", "verify", str(path), "--json")
    assert err == ""
    report = json.loads(out)
    assert report["ok"] is (code == 0)
    return code, report["problems"]


def _edit_json(change: Callable[[object], None]) -> Callable[[bytes], bytes]:
    def edit(data: bytes) -> bytes:
        value = json.loads(data)
        change(value)
        return json.dumps(value).encode()
    return edit


def test_an_untouched_package_verifies_without_the_database(
        capsys: pytest.CaptureFixture[str], package: Path) -> None:
    code, out, _ = run(capsys, "package", "verify", str(package))
    assert code == 0 and "OK (audit 1" in out and "signed by bob" in out
    assert "evidence quotes at their offsets" in out
    with zipfile.ZipFile(package) as archive:
        assert set(archive.namelist()) == {
            "manifest.json", "manifest.sig.json", "policy.txt", "checklist.json",
            "reviews.json", "trail.json", "signatures.json", "report.pdf"}
        assert archive.read("report.pdf").startswith(b"%PDF")


@pytest.mark.parametrize("fix_manifest", [False, True])
def test_a_changed_policy_text_is_named(capsys: pytest.CaptureFixture[str], package: Path,
                                        fix_manifest: bool) -> None:
    with zipfile.ZipFile(package) as archive:
        reviews = json.loads(archive.read("reviews.json"))
    quote = next(e["quote"] for r in reviews for e in r["evidence"]).encode()
    # Same length, so every other quote stays at its offsets.
    _tamper(package, "policy.txt", lambda data: data.replace(quote, quote.upper(), 1),
            fix_manifest=fix_manifest)
    code, problems = _verify(capsys, package)
    assert code == 1
    if fix_manifest:
        assert "manifest.json: changed after bob signed it" in problems
        assert any(p.startswith("signatures.json: the last signature was made over another "
                                "policy text") for p in problems), problems
        assert any("the evidence quote at" in p and "is not in policy.txt there" in p
                   for p in problems), problems
    else:
        assert "policy.txt: its sha256 differs from the manifest; it was changed" in problems
        assert any(p.startswith("policy.txt: its sha256 is not the policy text hash")
                   for p in problems)


def test_a_changed_status_is_named(capsys: pytest.CaptureFixture[str], package: Path) -> None:
    changed = {}

    def flip(reviews: object) -> None:
        item = next(r for r in reviews if r["status"] == "satisfied")
        item["status"], changed["item"] = "missing", item["item_id"]
    _tamper(package, "reviews.json", _edit_json(flip), fix_manifest=True)
    code, problems = _verify(capsys, package)
    item = changed["item"]
    assert code == 1
    assert any(p.startswith(f"reviews.json: item {item} has status 'missing' but trail event")
               for p in problems), problems
    assert f"reviews.json: item {item} differs from what bob signed" in problems


def test_a_changed_trail_event_is_named(capsys: pytest.CaptureFixture[str],
                                        package: Path) -> None:
    changed = {}

    def reattribute(events: object) -> None:
        event = next(e for e in events if e.get("action") == "status")
        event["actor"], changed["seq"] = "mallory", event["seq"]
    _tamper(package, "trail.json", _edit_json(reattribute), fix_manifest=True)
    code, problems = _verify(capsys, package)
    assert code == 1
    assert (f"trail.json: trail event {changed['seq']}: its content no longer matches its "
            "hash; the event was changed") in problems


def test_a_changed_signature_is_named(capsys: pytest.CaptureFixture[str],
                                      package: Path) -> None:
    def forge(signatures: object) -> None:
        signatures[0]["signature"] = "00" + signatures[0]["signature"][2:]
    _tamper(package, "signatures.json", _edit_json(forge), fix_manifest=True)
    code, problems = _verify(capsys, package)
    assert code == 1
    assert ("signatures.json: signature 1 by bob: the signature does not verify with the "
            "signer's public key") in problems


@pytest.mark.parametrize("fix_manifest", [False, True])
def test_a_changed_report_is_named(capsys: pytest.CaptureFixture[str], package: Path,
                                   fix_manifest: bool) -> None:
    _tamper(package, "report.pdf", lambda data: data + b"%% a page added by someone\n",
            fix_manifest=fix_manifest)
    code, problems = _verify(capsys, package)
    assert code == 1
    if fix_manifest:
        assert problems == ["manifest.json: changed after bob signed it"]
    else:
        assert problems == ["report.pdf: its sha256 differs from the manifest; it was changed"]


def test_only_a_signed_off_audit_of_a_sound_database_is_packaged(
        capsys: pytest.CaptureFixture[str], db: Path, audit: int, tmp_path: Path) -> None:
    out = tmp_path / "audit.pap"
    assert run(capsys, "reopen", str(audit), "--reason", "x", "--reviewer", "bob",
               "--db", str(db))[0] == 0
    code, _, err = run(capsys, "package", str(audit), "--out", str(out), "--db", str(db))
    assert code == 1 and "no signed sign-off to package" in err and not out.exists()
    conn = sqlite3.connect(str(db))
    conn.execute("UPDATE assessments SET note = 'edited' WHERE id = 1")
    conn.commit()
    conn.close()
    code, _, err = run(capsys, "package", str(audit), "--out", str(out), "--db", str(db))
    assert code == 1 and err.count("\n") == 1 and not out.exists()


def test_a_file_that_is_not_a_package_is_one_line(capsys: pytest.CaptureFixture[str],
                                                  tmp_path: Path) -> None:
    junk = tmp_path / "junk.pap"
    junk.write_bytes(b"not a zip")
    code, out, _ = run(capsys, "package", "verify", str(junk))
    assert code == 1 and "not a readable package" in out
    code, _, err = run(capsys, "package", "verify", str(tmp_path / "missing.pap"))
    assert code == 1 and "cannot read the package" in err
