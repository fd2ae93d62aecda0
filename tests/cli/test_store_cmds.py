"""The store commands end to end: import, review, sign off, reopen, history, diff and verify."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop_app.core.engine_version import ENGINE_VERSION
from desktop_app.paths import EXAMPLE_POLICY
from desktop_app.services import Workspace
from tests.cli.helpers import run_in as run
from tests.cli.helpers import run_json


@pytest.fixture
def policy(tmp_path: Path) -> Path:
    target = tmp_path / "northwind.md"
    shutil.copyfile(EXAMPLE_POLICY, target)
    return target


def _import(capsys: pytest.CaptureFixture[str], db: Path, policy: Path) -> int:
    data = run_json(capsys, db, "import", str(policy), "--checklist", "gdpr", "--reviewer", "alice")
    assert data["version"] == 1 and not data["unchanged"]
    [audit] = data["audits"]
    assert audit["checklist_id"] == "gdpr" and audit["reviewed"] == 0 and audit["total"] > 0
    return int(audit["audit_id"])


def decide_all(capsys: pytest.CaptureFixture[str], db: Path, audit: int, reviewer: str) -> None:
    """A person decides each item not yet decided by a person, agreeing with what it shows."""
    for item in run_json(capsys, db, "show", str(audit))["items"]:
        if item["decided_by_person"]:
            continue
        argv = ["review", str(audit), item["item_id"], "--status", item["effective_status"],
                "--reviewer", reviewer]
        if item["effective_status"] == "not-applicable" and not item["note"]:
            argv += ["--note", "the organisation does not do this"]
        run_json(capsys, db, *argv)


def test_review_flow(capsys: pytest.CaptureFixture[str], db: Path, policy: Path) -> None:
    audit = _import(capsys, db, policy)
    listed = run_json(capsys, db, "audits")["audits"]
    assert [a["audit_id"] for a in listed] == [audit]

    shown = run_json(capsys, db, "show", str(audit))
    items = shown["items"]
    assert shown["state"] == "open" and shown["checklist"]["id"] == "gdpr"
    assert len(shown["checklist"]["content_hash"]) == 64

    accepted = run_json(capsys, db, "accept", str(audit), "--min-confidence", "0.7",
                        "--reviewer", "bob")["accepted"]
    assert accepted == [i["item_id"] for i in items if i["confidence"] >= 0.7
                        and i["suggested_status"] != "not-applicable"]

    with_evidence = next(i for i in items if i["evidence"])
    quote = " ".join(with_evidence["evidence"][0]["quote"].split()[:6])
    reviewed = run_json(capsys, db, "review", str(audit), with_evidence["item_id"],
                        "--status", "partial", "--note", "only in part",
                        "--evidence", quote, "--reviewer", "carol")
    assert (reviewed["status"], reviewed["note"]) == ("partial", "only in part")
    assert isinstance(reviewed["evidence_id"], int)

    run_json(capsys, db, "accept", str(audit), "--reviewer", "bob")
    code, out, err = run(capsys, db, "signoff", str(audit), "--reviewer", "dora")
    assert code == 1 and "lack a person's decision" in err and accepted[-1] in err
    assert with_evidence["item_id"] not in err
    decide_all(capsys, db, audit, "erin")
    signed = run_json(capsys, db, "signoff", str(audit), "--reviewer", "dora")
    assert signed["state"] == "signed-off" and signed["not_decided"] == []
    assert signed["preparers"] == ["erin", "carol"] or set(signed["preparers"]) == {
        "erin", "carol"}
    code, out, err = run(capsys, db, "review", str(audit), with_evidence["item_id"],
                         "--status", "missing")
    assert code == 1 and out == "" and err.count("\n") == 1
    assert f"audit {audit} is signed off; reopen it first" in err

    run_json(capsys, db, "reopen", str(audit), "--reviewer", "dora", "--reason", "wrong item")
    events = run_json(capsys, db, "history", str(audit))["events"]
    actions = [e["action"] for e in events]
    assert actions[0] == "audit-created" and actions[-2:] == ["sign-off", "reopen"]
    assert {"status", "note", "evidence-added", "accept-suggestion"} <= set(actions)
    assert events[-1]["after"]["reason"] == "wrong item" and events[-1]["actor"] == "dora"
    status_event = next(e for e in events if e["action"] == "status")
    assert status_event["actor"] == "carol" and status_event["after"]["status"] == "partial"

    report = run_json(capsys, db, "verify")
    assert report["ok"] and report["events_checked"] >= len(events)
    code, out, _ = run(capsys, db, "history", str(audit))
    assert code == 0 and "reopen" in out and "wrong item" in out


def test_text_output(capsys: pytest.CaptureFixture[str], db: Path, policy: Path) -> None:
    code, out, _ = run(capsys, db, "import", str(policy), "--checklist", "gdpr")
    assert code == 0 and "policy 1 version 1" in out
    code, out, _ = run(capsys, db, "show", "1")
    assert code == 0 and "Audit 1:" in out and "gdpr." in out
    code, out, _ = run(capsys, db, "verify")
    assert code == 0 and "OK" in out


def test_edited_trail_row_fails_verify(capsys: pytest.CaptureFixture[str], db: Path,
                                       policy: Path) -> None:
    audit = _import(capsys, db, policy)
    run_json(capsys, db, "accept", str(audit), "--reviewer", "bob")
    conn = sqlite3.connect(str(db), isolation_level=None)
    conn.execute("DROP TRIGGER trail_no_update")  # what someone with the sqlite3 shell can do
    seq = conn.execute("SELECT min(seq) FROM trail "
                       "WHERE action = 'accept-suggestion'").fetchone()[0]
    conn.execute("UPDATE trail SET actor = 'mallory' WHERE seq = ?", [seq])
    conn.close()
    code, out, _ = run(capsys, db, "verify")
    assert code == 1
    assert f"trail event {seq}: hash mismatch: field 'actor' was changed" in out
    report = json.loads(run(capsys, db, "verify", "--json")[1])
    assert not report["ok"] and any(f"trail event {seq}" in p for p in report["problems"])


def test_reimport_changed_file_and_diff(capsys: pytest.CaptureFixture[str], db: Path,
                                        policy: Path) -> None:
    audit = _import(capsys, db, policy)
    run_json(capsys, db, "accept", str(audit), "--reviewer", "bob")
    text = policy.read_text(encoding="utf-8")
    paragraphs = [p for p in text.split("\n\n") if len(p) > 80 and not p.startswith("#")]
    policy.write_text(text.replace(paragraphs[2], paragraphs[2] + " This sentence is new."),
                      encoding="utf-8")
    again = run_json(capsys, db, "import", str(policy), "--reviewer", "alice")
    assert again["version"] == 2 and again["carried_forward"] > 0
    [new_audit] = [a for a in again["audits"] if a["checklist_id"] == "gdpr"]
    assert new_audit["audit_id"] != audit and new_audit["policy_version"] == 2
    diff = run_json(capsys, db, "diff", str(again["policy_id"]))
    assert (diff["from_version"], diff["to_version"]) == (1, 2)
    changed = [c for c in diff["changes"] if c["kind"] != "unchanged"]
    assert changed and all("This sentence is new." in c["new_text"] for c in changed)
    code, out, _ = run(capsys, db, "diff", str(again["policy_id"]), "--from", "1", "--to", "2")
    assert code == 0 and "This sentence is new." in out
    by_policy = run_json(capsys, db, "audits", "--policy", str(again["policy_id"]))["audits"]
    assert {a["policy_version"] for a in by_policy} == {1, 2}
    assert run_json(capsys, db, "audits", "--policy", "99")["audits"] == []
    unchanged = run_json(capsys, db, "import", str(policy))
    assert unchanged["unchanged"] and unchanged["version"] == 2


def test_reviewer_defaults_to_the_environment(capsys: pytest.CaptureFixture[str], db: Path,
                                             policy: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICY_AUDITOR_REVIEWER", "env-reviewer")
    audit = _import(capsys, db, policy)
    run_json(capsys, db, "accept", str(audit))
    events = run_json(capsys, db, "history", str(audit))["events"]
    assert events[-1]["actor"] == "env-reviewer"


def test_no_detected_checklist_asks_for_one(capsys: pytest.CaptureFixture[str], db: Path,
                                            tmp_path: Path) -> None:
    plain = tmp_path / "memo.txt"
    plain.write_text("1. Lunch is at noon.\n\n2. Bring a sandwich.\n", encoding="utf-8")
    code, _, err = run(capsys, db, "import", str(plain))
    assert code == 1 and "--checklist" in err and err.count("\n") == 1


@pytest.mark.parametrize("argv, message", [
    (("show", "42"), "no audit with id 42"),
    (("review", "1", "x.y", "--status", "maybe"), "unknown status 'maybe'"),
    (("review", "1", "x.y"), "nothing to change"),
    (("diff", "9"), "no policy with id 9"),
    (("history", "5"), "no audit with id 5"),
])
def test_user_errors_are_one_line(capsys: pytest.CaptureFixture[str], db: Path,
                                  argv: tuple[str, ...], message: str) -> None:
    Workspace(db).close()
    code, out, err = run(capsys, db, *argv)
    assert code == 1 and out == "" and err.count("\n") == 1 and message in err


def test_damaged_database_is_one_line(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    db.write_bytes(b"definitely not sqlite " * 100)
    code, _, err = run(capsys, db, "audits")
    assert code == 1 and err.count("\n") == 1 and str(db) in err and "damaged" in err


def test_json_shapes_are_stable(capsys: pytest.CaptureFixture[str], db: Path,
                                policy: Path) -> None:
    audit = _import(capsys, db, policy)
    summary_keys = {"audit_id", "policy_id", "policy_name", "policy_version", "checklist_id",
                    "checklist_version", "state", "total", "reviewed", "needs_rereview",
                    "counts", "as_at", "engine_version", "current_checklist_version",
                    "checklist_outdated", "archived"}
    assert set(run_json(capsys, db, "audits")["audits"][0]) == summary_keys
    shown = run_json(capsys, db, "show", str(audit))
    assert set(shown) == {"audit_id", "state", "created_at", "signed_off_by", "signed_off_at",
                          "policy", "checklist", "reviewers", "items", "defects", "as_at",
                          "engine_version", "preparers", "override_reason"}
    assert set(shown["items"][0]) == {
        "item_id", "title", "level", "suggested_status", "confidence", "reason", "status",
        "effective_status", "reviewer", "reviewed_at", "note", "needs_rereview", "evidence",
        "decision", "decided_by_person", "closest"}
    event = run_json(capsys, db, "history", str(audit))["events"][0]
    assert set(event) == {"seq", "at", "actor", "action", "audit_id", "item_id", "before",
                          "after", "hash"}
    assert set(run_json(capsys, db, "verify")) == {"db", "ok", "events_checked", "problems",
                                                     "notes"}
    assert set(run_json(capsys, db, "accept", str(audit))) == {"audit_id", "accepted"}
    assert set(run_json(capsys, db, "signoff", str(audit), "--override", "test",
                        "--reviewer", "dora")) == {
        "audit_id", "state", "signed_off_by", "unreviewed", "needs_rereview", "not_decided",
        "preparers", "override", "four_eyes", "fingerprint", "digest"}
    diff = run_json(capsys, db, "diff", "1")
    assert set(diff) == {"policy_id", "from_version", "to_version", "counts", "changes"}
    assert set(diff["changes"][0]) == {"kind", "ref", "old_ref", "old_text", "new_text"}


def test_import_applies_the_law_as_at_a_date(capsys: pytest.CaptureFixture[str], db: Path,
                                             policy: Path) -> None:
    data = run_json(capsys, db, "import", str(policy), "--checklist", "ccpa", "--as-at",
                    "2026-12-01", "--reviewer", "alice")
    [audit] = data["audits"]
    assert audit["as_at"] == "2026-12-01" and audit["engine_version"] == ENGINE_VERSION
    shown = run_json(capsys, db, "show", str(audit["audit_id"]))
    assert shown["as_at"] == "2026-12-01"
    assert {i["item_id"]: i["level"] for i in shown["items"]}["ccpa.admt"] == "good-practice"
    later = run_json(capsys, db, "import", str(policy), "--checklist", "ccpa", "--as-at",
                     "2027-02-01", "--name", "later")["audits"][0]
    shown = run_json(capsys, db, "show", str(later["audit_id"]))
    assert {i["item_id"]: i["level"] for i in shown["items"]}["ccpa.admt"] == "must"
    code, out, _ = run(capsys, db, "show", str(later["audit_id"]))
    assert code == 0 and "Law as at: 2027-02-01" in out
    code, _, err = run(capsys, db, "import", str(policy), "--as-at", "next year")
    assert code == 1 and "YYYY-MM-DD" in err and err.count("\n") == 1
