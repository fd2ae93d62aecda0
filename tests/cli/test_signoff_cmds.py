"""Review gates from the command line: a person's decision per item, overrides, four eyes."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop_app.paths import EXAMPLE_POLICY
from desktop_app.services import Workspace
from tests.cli.helpers import run_in as run
from tests.reports.conftest import page_texts
from tests.store.helpers import decide_all


@pytest.fixture
def audit(db: Path, tmp_path: Path) -> int:
    policy = tmp_path / "northwind.md"
    shutil.copyfile(EXAMPLE_POLICY, policy)
    with Workspace(db) as workspace:
        return workspace.import_policy(policy, ["gdpr"], actor="alice").audit_ids[0]


def _leave_two_undecided(db: Path, audit: int) -> list[str]:
    with Workspace(db) as workspace:
        decide_all(workspace, audit, "alice")
        items = [r.item_id for r in workspace.audit(audit).reviews]
        workspace.set_status(audit, items[3], None, "alice")
        workspace.accept_suggestions(audit, "alice", item_ids=[items[3]])
        workspace.set_status(audit, items[5], None, "alice")
    return [items[3], items[5]]


def test_sign_off_is_refused_naming_undecided_items_unless_overridden(
        capsys: pytest.CaptureFixture[str], db: Path, audit: int, tmp_path: Path) -> None:
    undecided = _leave_two_undecided(db, audit)
    code, out, err = run(capsys, db, "signoff", str(audit), "--reviewer", "bob")
    assert code == 1 and out == "" and err.count("\n") == 1
    assert "2 item(s) lack a person's decision" in err
    assert all(item in err for item in undecided)

    reason = "Client deadline; items 4 and 6 checked on paper by the DPO"
    code, out, _ = run(capsys, db, "signoff", str(audit), "--reviewer", "bob",
                       "--override", reason)
    assert code == 0 and f"Override: {reason}" in out
    report = tmp_path / "report.pdf"
    code, out, err = run(capsys, db, "report", str(audit), "--out", str(report))
    assert code == 0, err
    first_page = " ".join(page_texts(report.read_bytes())[0].split())
    assert reason in first_page and "SIGNED OFF WITH AN OVERRIDE" in first_page
    assert "FINAL" not in first_page
    assert "Prepared by alice" in first_page and "Approved by bob" in first_page


def test_flagged_items_block_sign_off_too(db: Path, audit: int) -> None:
    with Workspace(db) as workspace:
        decide_all(workspace, audit, "alice")
        item = workspace.audit(audit).reviews[0].item_id
    conn = sqlite3.connect(str(db), isolation_level=None)
    conn.execute("UPDATE assessments SET needs_rereview = 1 WHERE item_id = ?", [item])
    conn.close()
    with Workspace(db) as workspace, pytest.raises(Exception, match="flagged for re-review"):
        workspace.sign_off(audit, "bob")


def test_not_applicable_needs_a_note(capsys: pytest.CaptureFixture[str], db: Path,
                                     audit: int) -> None:
    item = "gdpr.children"
    code, out, err = run(capsys, db, "review", str(audit), item, "--status", "n/a",
                         "--reviewer", "alice")
    assert code == 1 and out == "" and err.count("\n") == 1
    assert f"marking {item} not applicable needs a note" in err
    code, _, err = run(capsys, db, "review", str(audit), item, "--status", "n/a",
                       "--note", "the shop sells to adults only", "--reviewer", "alice")
    assert code == 0, err
    code, _, err = run(capsys, db, "review", str(audit), item, "--note", " ",
                       "--reviewer", "alice")
    assert code == 1 and "needs a note" in err
    code, _, err = run(capsys, db, "review", str(audit), item, "--status", "missing",
                       "--note", "", "--reviewer", "alice")
    assert code == 0, err


def test_bulk_accept_leaves_not_applicable_suggestions_for_a_person(db: Path,
                                                                    audit: int) -> None:
    with Workspace(db) as workspace:
        workspace.accept_suggestions(audit, "alice")
        for review in workspace.audit(audit).reviews:
            if review.suggested_status.value == "not-applicable":
                assert review.status is None
            else:
                assert review.reviewed and not review.decided_by_person


def test_four_eyes_keeps_the_preparer_from_approving(capsys: pytest.CaptureFixture[str],
                                                     db: Path, audit: int) -> None:
    with Workspace(db) as workspace:
        decide_all(workspace, audit, "alice")
    assert json.loads(run(capsys, db, "settings", "--json")[1]) == {"four_eyes": True}
    code, out, err = run(capsys, db, "signoff", str(audit), "--reviewer", "alice")
    assert code == 1 and out == "" and "four eyes: alice decided items" in err
    code, out, _ = run(capsys, db, "signoff", str(audit), "--reviewer", "bob")
    assert code == 0 and "signed off by bob" in out

    assert run(capsys, db, "reopen", str(audit), "--reviewer", "bob", "--reason", "again")[0] == 0
    assert run(capsys, db, "settings", "--four-eyes", "off", "--reviewer", "carol")[0] == 0
    code, _, err = run(capsys, db, "signoff", str(audit), "--reviewer", "alice")
    assert code == 0, err
    history = json.loads(run(capsys, db, "history", str(audit), "--json")[1])["events"]
    assert history[-1]["after"]["four_eyes"] is False


def test_verify_catches_a_bulk_acceptance_turned_into_a_decision(
        capsys: pytest.CaptureFixture[str], db: Path, audit: int) -> None:
    with Workspace(db) as workspace:
        [item, *_] = workspace.accept_suggestions(audit, "alice").items
    conn = sqlite3.connect(str(db), isolation_level=None)
    conn.execute("UPDATE assessments SET decision = 'person' WHERE item_id = ?", [item])
    conn.close()
    code, out, _ = run(capsys, db, "verify")
    assert code == 1
    assert f"audit {audit} item {item} (assessments row" in out
    assert "field 'decision' changed outside Policy Auditor" in out


def test_verify_catches_a_setting_changed_behind_the_apps_back(
        capsys: pytest.CaptureFixture[str], db: Path, audit: int) -> None:
    assert run(capsys, db, "settings", "--four-eyes", "on", "--reviewer", "carol")[0] == 0
    conn = sqlite3.connect(str(db), isolation_level=None)
    conn.execute("UPDATE settings SET value = 'off'")
    conn.close()
    code, out, _ = run(capsys, db, "verify")
    assert code == 1
    assert "setting four_eyes (settings row 1): field 'value' changed outside" in out


def test_whoami_shows_the_fingerprint_the_sign_off_and_report_use(
        capsys: pytest.CaptureFixture[str], db: Path, audit: int, tmp_path: Path) -> None:
    code, out, _ = run(capsys, db, "whoami", "--reviewer", "bob", "--json")
    me = json.loads(out)
    assert code == 0 and me["reviewer"] == "bob" and len(me["fingerprint"]) == 39
    assert Path(me["key_file"]).is_file()
    code, out, _ = run(capsys, db, "whoami", "--reviewer", "bob")
    assert code == 0 and f"Signing key fingerprint: {me['fingerprint']}" in out
    with Workspace(db) as workspace:
        decide_all(workspace, audit, "alice")
    code, out, err = run(capsys, db, "signoff", str(audit), "--reviewer", "bob", "--json")
    signed = json.loads(out)
    assert code == 0 and signed["fingerprint"] == me["fingerprint"]
    report = tmp_path / "report.pdf"
    assert run(capsys, db, "report", str(audit), "--out", str(report))[0] == 0
    first_page = " ".join(page_texts(report.read_bytes())[0].split())
    assert f"signed by bob with key {me['fingerprint']}" in first_page
    assert signed["digest"] in first_page.replace(" ", "")
    assert "FINAL" in first_page
