"""A read-only data folder: one clear line, exit 1, and the stored work still there afterwards."""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.cli import main
from tests.hardening.test_bad_input import POLICY, assert_work_intact, cli


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """Make `folder` read-only; for root (whom permissions do not bind) with a read-only mount."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)
        return
    mounted = subprocess.run(["mount", "--bind", str(folder), str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot make a read-only mount here: {mounted.stderr.decode().strip()}")
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(folder)], check=True)
        yield
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_read_only_data_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                               monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setenv("POLICY_AUDITOR_DATA", str(data))
    policy = tmp_path / "acme.txt"
    policy.write_text(POLICY, encoding="utf-8")
    db = data / "audits.sqlite"
    assert cli(capsys, "import", str(policy), "--checklist", "gdpr")[0] == 0
    assert cli(capsys, "review", "1", "gdpr.retention", "--status", "satisfied",
               "--evidence", "We keep your data for six years.")[0] == 0
    before = db.read_bytes()
    with read_only(data):
        for argv in (["review", "1", "gdpr.retention", "--status", "missing"],
                     ["import", str(policy.with_name("other.txt")), "--checklist", "gdpr"]):
            if argv[0] == "import":
                policy.with_name("other.txt").write_text(POLICY + "\nMore.\n", encoding="utf-8")
            code = main(["--db", str(db), *argv])
            _, err = capsys.readouterr()
            assert code == 1, err
            assert err.count("\n") == 1 and "Traceback" not in err
            assert str(data) in err
        assert db.read_bytes() == before
    assert_work_intact(db, capsys)
