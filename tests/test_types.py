"""The type check: mypy, strict for the core, the store and the reports (see [tool.mypy] in
pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import PROJECT_ROOT


def test_mypy_finds_no_type_errors() -> None:
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=PROJECT_ROOT,
                            capture_output=True, text=True, check=False)
    assert "No module named mypy" not in result.stderr, (
        "mypy is not installed in this environment: run `.venv/bin/pip install -e '.[test]'`")
    assert result.returncode == 0, (
        "mypy found type errors; fix them with real annotations (a narrow "
        "`# type: ignore[code]` only where a library's own types are wrong):\n"
        + result.stdout + result.stderr)
