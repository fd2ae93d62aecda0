"""Running the command line in-process, as the CLI tests do."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from desktop_app.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Exit code, standard output and standard error of one command."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_in(capsys: pytest.CaptureFixture[str], db: Path, *argv: str) -> tuple[int, str, str]:
    """One command against the database `db`."""
    return run(capsys, *argv, "--db", str(db))


def run_json(capsys: pytest.CaptureFixture[str], db: Path, *argv: str) -> Any:
    """The JSON output of a command that must succeed."""
    code, out, err = run_in(capsys, db, *argv, "--json")
    assert code == 0, err
    return json.loads(out)
