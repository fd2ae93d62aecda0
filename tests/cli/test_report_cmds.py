"""The report and export commands, run against a real audit database."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.core.status import Status
from desktop_app.reports.json_import import audit_from_dict
from tests.cli.helpers import run
from tests.reports.conftest import page_texts
from tests.store.helpers import (
    CLAUSES_V1,
    decide_all,
    import_doc,
    make_checklist,
    make_document,
    open_workspace,
)

AWKWARD = "<b>bold?</b> & AT&T <tom@example.com>"


@pytest.fixture
def database(tmp_path: Path) -> tuple[Path, list[int]]:
    """Two audits of one policy (two checklists): one reviewed and signed off, one open."""
    path = tmp_path / "audits.sqlite"
    workspace = open_workspace(path)
    try:
        result = import_doc(workspace, make_document(),
                            (make_checklist("test-law"), make_checklist("other-law")))
        first, second = result.audit_ids
        item = workspace.audit(first).checklist.items[0].id
        workspace.set_status(first, item, Status.PARTIAL, "alice")
        workspace.set_note(first, item, AWKWARD, "alice")
        decide_all(workspace, first, "alice")
        workspace.sign_off(first, "bob")
    finally:
        workspace.close()
    return path, [first, second]


def test_report_of_a_signed_off_audit_is_final(
        database: tuple[Path, list[int]], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    path, (first, _second) = database
    out = tmp_path / "report.pdf"
    code, stdout, _ = run(capsys, "report", str(first), "--db", str(path), "--out", str(out))
    assert code == 0 and "final" in stdout
    pages = page_texts(out.read_bytes())
    assert not any("DRAFT" in page for page in pages)
    assert AWKWARD in re.sub(r"\s+", " ", " ".join(pages))


def test_report_of_several_audits_is_draft_when_one_is_open(
        database: tuple[Path, list[int]], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    path, audits = database
    out = tmp_path / "report.pdf"
    code, stdout, _ = run(capsys, "--db", str(path), "report", *map(str, audits),
                          "--out", str(out), "--deterministic")
    assert code == 0 and "DRAFT" in stdout
    pages = page_texts(out.read_bytes())
    assert all("DRAFT" in page for page in pages)
    assert "Comparison by topic" in " ".join(pages)
    again = tmp_path / "again.pdf"
    run(capsys, "--db", str(path), "report", *map(str, audits), "--out", str(again),
        "--deterministic")
    assert again.read_bytes() == out.read_bytes()


def test_export_csv_and_json(database: tuple[Path, list[int]], tmp_path: Path,
                             capsys: pytest.CaptureFixture[str]) -> None:
    path, (first, _second) = database
    csv_out, json_out = tmp_path / "a.csv", tmp_path / "a.json"
    assert run(capsys, "export", str(first), "--db", str(path), "--format", "csv",
               "--out", str(csv_out))[0] == 0
    assert run(capsys, "export", str(first), "--db", str(path), "--format", "json",
               "--out", str(json_out))[0] == 0
    assert csv_out.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(csv_out.read_text(encoding="utf-8-sig").splitlines()))
    data = json.loads(json_out.read_text(encoding="utf-8"))
    assert len(rows) == len(data["reviews"]) == len(data["checklist"]["items"])
    assert data["audit"]["state"] == "signed-off"
    assert AWKWARD in {row["note"] for row in rows}
    workspace = open_workspace(path)
    try:
        assert audit_from_dict(data) == workspace.audit(first)
    finally:
        workspace.close()


def test_unknown_audit_is_one_line_and_exit_1(database: tuple[Path, list[int]], tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    path, _audits = database
    code, out, err = run(capsys, "report", "999", "--db", str(path),
                         "--out", str(tmp_path / "x.pdf"))
    assert code == 1 and out == ""
    assert err.count("\n") == 1
    assert not (tmp_path / "x.pdf").exists()


def test_missing_output_folder_is_a_user_error(database: tuple[Path, list[int]],
                                                tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    path, (first, _second) = database
    code, _, err = run(capsys, "export", str(first), "--db", str(path), "--format", "json",
                       "--out", str(tmp_path / "nowhere" / "a.json"))
    assert code == 1 and "does not exist" in err


def test_bad_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["export", "1", "--format", "xml", "--out", "a.xml"])
    assert exit_info.value.code == 2


def test_report_prints_the_trail_check(database: tuple[Path, list[int]], tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    path, (first, _second) = database
    out = tmp_path / "report.pdf"
    assert run(capsys, "report", str(first), "--db", str(path), "--out", str(out))[0] == 0
    text = re.sub(r"\s+", " ", " ".join(page_texts(out.read_bytes())))
    assert "hash chain intact" in text


def test_report_by_policy_and_all(database: tuple[Path, list[int]], tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    path, audits = database
    by_policy, everything = tmp_path / "policy.pdf", tmp_path / "all.pdf"
    workspace = open_workspace(path)
    try:
        policy_id = workspace.policies()[0].policy_id
    finally:
        workspace.close()
    code, stdout, _ = run(capsys, "report", "--policy", str(policy_id), "--db", str(path),
                          "--out", str(by_policy))
    assert code == 0 and f"{len(audits)} audit(s)" in stdout
    code, stdout, _ = run(capsys, "report", "--all", "--db", str(path), "--out", str(everything))
    assert code == 0 and f"{len(audits)} audit(s)" in stdout


def test_report_needs_something_to_report_on(database: tuple[Path, list[int]], tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    path, _audits = database
    code, _, err = run(capsys, "report", "--db", str(path), "--out", str(tmp_path / "x.pdf"))
    assert code == 1 and "Nothing to report on" in err
    code, _, err = run(capsys, "report", "--policy", "99", "--db", str(path),
                       "--out", str(tmp_path / "x.pdf"))
    assert code == 1 and "Policy 99 has no audits" in err


def test_report_by_policy_takes_only_the_latest_version(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "versions.sqlite"
    workspace = open_workspace(path)
    try:
        first = import_doc(workspace, make_document())
        changed = make_document(tuple((ref, body + " Updated.") for ref, body in CLAUSES_V1))
        second = import_doc(workspace, changed)
    finally:
        workspace.close()
    assert second.version == first.version + 1
    out = tmp_path / "latest.pdf"
    code, stdout, _ = run(capsys, "report", "--policy", str(first.policy_id), "--db", str(path),
                          "--out", str(out))
    assert code == 0 and "1 audit(s)" in stdout
    assert f"version {second.version}" in " ".join(page_texts(out.read_bytes()))
