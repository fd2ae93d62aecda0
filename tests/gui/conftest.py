"""GUI fixtures: a renamed QApplication, a per-test copy of a stored audit, isolated settings."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app import paths
from desktop_app.gui.app import configure_application, open_window
from desktop_app.gui.mainwindow import MainWindow
from desktop_app.gui.settings import Settings
from desktop_app.services import Workspace
from tests.gui.helpers import wait_opened


@pytest.fixture(autouse=True)
def gui_app(qapp):
    """Test names for the app, so QSettings/QStandardPaths never resolve to the real ones."""
    configure_application(qapp, "policy-auditor-test")
    return qapp


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example policy imported once per session; tests get a copy."""
    folder = tmp_path_factory.mktemp("template")
    db = folder / "audits.sqlite"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(paths.DATA_ENV, str(folder / "data"))
        with Workspace(db) as workspace:
            workspace.import_policy(paths.EXAMPLE_POLICY, ["gdpr", "ccpa"], name="Northwind",
                                    actor="setup")
    return db


@pytest.fixture
def db_path(template_db: Path, tmp_path: Path) -> Path:
    target = tmp_path / "audits.sqlite"
    shutil.copy(template_db, target)
    return target


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    settings = Settings(tmp_path / "gui-settings.ini")
    settings.reviewer = "tester"
    return settings


@pytest.fixture
def make_window(qtbot, settings: Settings) -> Iterator:
    windows: list[MainWindow] = []

    def make(db: Path, window_settings: Settings | None = None) -> MainWindow:
        window = open_window(db, window_settings or settings)
        qtbot.addWidget(window)
        window.resize(1400, 900)
        windows.append(window)
        wait_opened(qtbot, window)
        return window

    yield make
    for window in windows:
        window.runner.wait(10_000)
        window.workspace.close()


@pytest.fixture
def window(make_window, db_path: Path) -> MainWindow:
    return make_window(db_path)


@pytest.fixture
def store(db_path: Path) -> Iterator[Workspace]:
    """A second connection to the same database: what is really stored."""
    workspace = Workspace(db_path)
    yield workspace
    workspace.close()


@pytest.fixture(autouse=True)
def alerts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Messages the window would show in a (modal) alert; a test fails on unexpected ones."""
    from desktop_app.gui.dialogs.prompts import Alert

    shown: list[str] = []
    monkeypatch.setattr(Alert, "show", classmethod(lambda cls, parent, message:
                                                   shown.append(message)))
    yield shown
    assert not shown, f"unexpected alerts: {shown}"
