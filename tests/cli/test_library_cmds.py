"""rename, archive, unarchive, delete and `audits --all` from the command line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop_app.paths import EXAMPLE_POLICY
from tests.cli.test_store_cmds import run, run_json


@pytest.fixture
def stored(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, int, int]:
    db = tmp_path / "audits.sqlite"
    policy = tmp_path / "northwind.md"
    shutil.copyfile(EXAMPLE_POLICY, policy)
    result = run_json(capsys, db, "import", str(policy), "--checklist", "gdpr",
                      "--checklist", "ccpa", "--reviewer", "alice")
    return db, result["policy_id"], result["audits"][0]["audit_id"]


def test_rename_a_policy(stored, capsys) -> None:
    db, policy_id, _audit = stored
    code, out, _ = run(capsys, db, "rename", str(policy_id), "Northwind Group")
    assert code == 0 and "Northwind Group" in out
    names = {a["policy_name"] for a in run_json(capsys, db, "audits")["audits"]}
    assert names == {"Northwind Group"}
    code, _, err = run(capsys, db, "rename", "99", "x")
    assert code == 1 and "no policy with id 99" in err


def test_archive_hides_an_audit_until_all_is_asked(stored, capsys) -> None:
    db, _policy, audit = stored
    assert run(capsys, db, "archive", str(audit))[0] == 0
    listed = [a["audit_id"] for a in run_json(capsys, db, "audits")["audits"]]
    assert audit not in listed and len(listed) == 1
    everything = run_json(capsys, db, "audits", "--all")["audits"]
    assert [a["archived"] for a in everything if a["audit_id"] == audit] == [True]
    assert "[archived]" in run(capsys, db, "audits", "--all")[1]
    assert run(capsys, db, "unarchive", str(audit))[0] == 0
    assert audit in [a["audit_id"] for a in run_json(capsys, db, "audits")["audits"]]


def test_delete_needs_yes_is_recorded_and_verify_passes(stored, capsys) -> None:
    db, _policy, audit = stored
    code, _, err = run(capsys, db, "delete", str(audit))
    assert code == 1 and "--yes" in err
    assert audit in [a["audit_id"] for a in run_json(capsys, db, "audits")["audits"]]
    code, out, _ = run(capsys, db, "delete", str(audit), "--yes", "--reviewer", "bob")
    assert code == 0 and f"Deleted audit {audit}" in out
    assert audit not in [a["audit_id"] for a in run_json(capsys, db, "audits", "--all")["audits"]]
    assert run(capsys, db, "verify")[0] == 0


def test_a_signed_off_audit_cannot_be_deleted(stored, capsys) -> None:
    db, _policy, audit = stored
    assert run(capsys, db, "signoff", str(audit), "--override", "test",
               "--reviewer", "erin")[0] == 0
    code, _, err = run(capsys, db, "delete", str(audit), "--yes")
    assert code == 1 and "signed off and cannot be deleted" in err


def test_history_describes_an_undo(stored, capsys) -> None:
    from desktop_app.core.status import Status
    from desktop_app.services import Workspace

    db, _policy, audit = stored
    with Workspace(db) as ws:
        item = ws.audit(audit).reviews[0].item_id
        change = ws.set_status(audit, item, Status.MISSING, "bob")
        ws.restore_item_states(change.before, "bob")
    code, out, _ = run(capsys, db, "history", str(audit))
    last = out.strip().splitlines()[-1]
    assert code == 0 and "restore" in last and "undo:" in last and "status" in last
