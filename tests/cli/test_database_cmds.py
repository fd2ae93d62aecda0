"""The database as a whole from the CLI: missing paths refused, backups, crash reports."""

from __future__ import annotations

import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from desktop_app.cli import store_cmds
from desktop_app.core.status import Status
from desktop_app.crash import crash_reports_dir
from tests.cli.helpers import run
from tests.store.helpers import import_doc, make_document, open_workspace

ITEM = "test-law.retention"


@pytest.mark.parametrize("argv", [
    ["audits"], ["verify"], ["show", "1"], ["history", "1"], ["accept", "1"],
    ["review", "1", ITEM, "--status", "missing"], ["signoff", "1"], ["diff", "1"],
    ["report", "1", "--out", "{tmp}/r.pdf"], ["export", "1", "--format", "csv", "--out", "{tmp}/e"],
    ["backup", "--out", "{tmp}/b.sqlite"], ["plan", "1"],
])
def test_a_missing_database_is_refused_not_created(capsys: pytest.CaptureFixture[str],
                                                   tmp_path: Path, argv: list[str]) -> None:
    missing = tmp_path / "no" / "such.sqlite"
    argv = [arg.replace("{tmp}", str(tmp_path)) for arg in argv]
    code, out, err = run(capsys, "--db", str(missing), *argv)
    assert (code, out) == (1, "")
    assert err == (f"policy-auditor: error: no database at {missing}; use `import` to create "
                   "one or check the path\n")
    assert not missing.parent.exists()


def test_commands_without_a_database_ignore_a_missing_one(capsys: pytest.CaptureFixture[str],
                                                          tmp_path: Path) -> None:
    missing = tmp_path / "such.sqlite"
    code, out, _ = run(capsys, "--db", str(missing), "checklists")
    assert code == 0 and "gdpr" in out
    assert not missing.exists()


def test_the_default_database_is_refused_too_until_an_import(capsys: pytest.CaptureFixture[str],
                                                             isolated_data_dir: Path) -> None:
    code, _, err = run(capsys, "audits")
    assert code == 1 and f"no database at {isolated_data_dir / 'audits.sqlite'}" in err


@pytest.fixture
def busy_db(tmp_path: Path) -> Path:
    """A database whose latest reviews are still only in its WAL file (the app is open)."""
    path = tmp_path / "audits.sqlite"
    ws = open_workspace(path)
    ws._db.execute("PRAGMA wal_autocheckpoint = 0")
    audit_id = import_doc(ws, make_document()).audit_ids[0]
    ws.review_item(audit_id, ITEM, "bob", status=Status.PARTIAL, note="no period")
    yield path
    ws.close()


def test_backup_copies_what_is_still_in_the_wal(capsys: pytest.CaptureFixture[str],
                                                busy_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "backup.sqlite"
    code, stdout, err = run(capsys, "--db", str(busy_db), "backup", "--out", str(out))
    assert code == 0, err
    assert stdout.startswith(f"Backed up {busy_db} to {out} (")
    assert not out.with_name(out.name + "-wal").exists()  # one self-contained file
    assert _note(out) == "no period"
    code, stdout, _ = run(capsys, "--db", str(out), "verify")
    assert code == 0 and ": OK (" in stdout
    naive = tmp_path / "copied.sqlite"
    shutil.copyfile(busy_db, naive)  # what copying the file by hand gives
    assert _note(naive) is None


def _note(path: Path) -> str | None:
    """The reviewed item's note as stored in the file at `path`, if it holds one."""
    conn = sqlite3.connect(str(path))
    try:
        row = conn.execute("SELECT note FROM assessments WHERE item_id = ?", [ITEM]).fetchone()
    except sqlite3.Error:
        row = None
    finally:
        conn.close()
    return row[0] if row else None


def test_backup_never_overwrites(capsys: pytest.CaptureFixture[str], busy_db: Path,
                                 tmp_path: Path) -> None:
    existing = tmp_path / "old.sqlite"
    existing.write_bytes(b"keep me")
    code, _, err = run(capsys, "--db", str(busy_db), "backup", "--out", str(existing))
    assert code == 1 and "already exists" in err and err.count("\n") == 1
    assert existing.read_bytes() == b"keep me"
    code, _, err = run(capsys, "--db", str(busy_db), "backup", "--out", str(busy_db))
    assert code == 1 and "is the database itself" in err


def test_crash_details_go_to_a_private_file_in_the_data_folder(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        isolated_data_dir: Path, tmp_path: Path) -> None:
    def broken(args: object) -> int:
        raise RuntimeError("a bug")

    monkeypatch.setattr(store_cmds, "list_audits", broken)
    db = tmp_path / "audits.sqlite"
    open_workspace(db).close()
    code, _, err = run(capsys, "--db", str(db), "audits")
    [report] = list(crash_reports_dir().iterdir())
    assert code == 3 and f"details were written to {report}" in err
    assert report.is_relative_to(isolated_data_dir)
    assert stat.S_IMODE(report.stat().st_mode) == 0o600
    assert stat.S_IMODE(report.parent.stat().st_mode) == 0o700
    assert "RuntimeError: a bug" in report.read_text(encoding="utf-8")
