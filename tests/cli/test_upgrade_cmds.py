"""The upgrade and reassess commands end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.paths import EXAMPLE_POLICY
from tests.cli.helpers import run_in as run

KEYS = {"audit_id", "action", "checklist_id", "from_version", "to_version", "from_engine",
        "to_engine", "from_as_at", "to_as_at", "kept", "added", "removed", "law_changed",
        "suggestion_changed", "flagged"}


@pytest.fixture
def audit(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> tuple[Path, str]:
    db = tmp_path / "a.sqlite"
    code, out, err = run(capsys, db, "import", str(EXAMPLE_POLICY), "--checklist", "ccpa",
                         "--as-at", "2026-12-01", "--reviewer", "alice", "--json")
    assert code == 0, err
    return db, str(json.loads(out)["audits"][0]["audit_id"])


def test_upgrade_to_a_later_date(capsys: pytest.CaptureFixture[str],
                                 audit: tuple[Path, str]) -> None:
    db, audit_id = audit
    code, out, _ = run(capsys, db, "upgrade", audit_id, "--as-at", "2027-02-01", "--json")
    data = json.loads(out)
    assert code == 0 and set(data) == KEYS and data["action"] == "checklist-upgrade"
    assert (data["from_as_at"], data["to_as_at"]) == ("2026-12-01", "2027-02-01")
    assert "ccpa.admt" in data["law_changed"]
    code, out, _ = run(capsys, db, "history", audit_id)
    assert code == 0 and "checklist-upgrade" in out
    assert "law as at 2027-02-01" in out.splitlines()[-1]


def test_text_output_names_versions_and_flags(capsys: pytest.CaptureFixture[str],
                                              audit: tuple[Path, str]) -> None:
    db, audit_id = audit
    code, out, _ = run(capsys, db, "upgrade", audit_id, "--as-at", "2027-02-01",
                       "--reviewer", "bob")
    assert code == 0
    assert out.startswith(f"Audit {audit_id} upgraded: ccpa ")
    assert "law as at 2027-02-01 (was 2026-12-01)" in out and "Changed in law: ccpa.admt" in out
    code, out, _ = run(capsys, db, "reassess", audit_id)
    assert code == 0 and f"Audit {audit_id} reassessed: engine" in out and "Kept 0" in out
    code, out, _ = run(capsys, db, "reassess", audit_id, "--json")
    assert set(json.loads(out)) == KEYS


def test_errors_are_one_line(capsys: pytest.CaptureFixture[str],
                             audit: tuple[Path, str]) -> None:
    db, audit_id = audit
    for argv in (("upgrade", "99"), ("reassess", "99"),
                 ("upgrade", audit_id, "--as-at", "soon")):
        code, out, err = run(capsys, db, *argv)
        assert code == 1 and out == "" and err.count("\n") == 1, argv
