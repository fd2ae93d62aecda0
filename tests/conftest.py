"""Shared fixtures: headless Qt, an isolated data folder per test, the shared policy corpus."""

from __future__ import annotations

import os
from pathlib import Path

# Must be set before anything imports Qt: with no display the process would abort.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHARED = PROJECT_ROOT.parent / "shared"
POLICY_NAMES = ("sony-hk.txt", "sony-sg.txt", "sony-eu.txt", "sony-id.txt", "sony-mobile-us.txt")


def _require_shared(path: Path) -> Path:
    if not path.exists():
        message = f"shared test material missing: {path}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return _require_shared(SHARED)


@pytest.fixture(scope="session")
def policies_dir(shared_dir: Path) -> Path:
    return _require_shared(shared_dir / "policies")


@pytest.fixture(scope="session")
def eval_dir(shared_dir: Path) -> Path:
    return _require_shared(shared_dir / "eval")


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own user data folder; nothing touches the real one."""
    data = tmp_path / "user-data"
    monkeypatch.setenv("POLICY_AUDITOR_DATA", str(data))
    return data


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "qtbot" in fixtures or "qapp" in fixtures:
            item.add_marker(pytest.mark.gui)

