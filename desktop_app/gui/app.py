"""Start the desktop app: QApplication, settings, the workspace and the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QThreadPool
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app import paths
from desktop_app.errors import AuditorError
from desktop_app.gui.mainwindow import MainWindow
from desktop_app.gui.settings import Settings
from desktop_app.gui.theme.icons import icon
from desktop_app.services import Workspace

APP_NAME = "policy-auditor"
ORGANISATION = "policy-auditor"
STYLE_SHEET = paths.RESOURCES / "styles" / "app.qss"
#: Carries the status symbols (✓ ◐ ✗ – · ⚑ ↑), which not every system font has.
SYMBOL_FONT = paths.RESOURCES / "fonts" / "DejaVuSans.ttf"


def configure_application(app: QCoreApplication, app_name: str = APP_NAME) -> None:
    """Names first: QSettings and QStandardPaths derive their locations from them."""
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(app_name)
    app.setApplicationDisplayName("Policy Auditor")
    if isinstance(app, QGuiApplication):
        app.setWindowIcon(icon("policy-auditor"))
        add_symbol_font(app)
        QGuiApplication.setDesktopFileName(APP_NAME)
    if isinstance(app, QApplication) and STYLE_SHEET.exists():
        app.setStyleSheet(STYLE_SHEET.read_text(encoding="utf-8"))


def add_symbol_font(app: QGuiApplication) -> None:
    """Make the bundled font the fallback, so the status symbols show on any system."""
    families = QFontDatabase.applicationFontFamilies(
        QFontDatabase.addApplicationFont(str(SYMBOL_FONT)))
    if families:
        font = app.font()
        font.setFamilies([font.family(), *[f for f in families if f != font.family()]])
        app.setFont(font)


def choose_database(db_path: Path | None, settings: Settings) -> Path:
    """--db wins; otherwise the workspace used last time, if it still exists; else the default."""
    if db_path is not None:
        return Path(db_path)
    last = Path(settings.last_db) if settings.last_db else None
    if last is not None and last.exists():
        return last
    return paths.default_db_path()


def open_window(db_path: Path | None, settings: Settings | None = None) -> MainWindow:
    """Open the workspace and build its window (raises AuditorError if the DB is unusable)."""
    settings = settings or Settings()
    path = choose_database(db_path, settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    workspace = Workspace(path)
    settings.last_db = str(workspace.db_path)
    settings.remember_workspace(str(workspace.db_path))
    window = MainWindow(workspace, settings)
    window.destroyed.connect(workspace.close)
    return window


def run_gui(db_path: Path | None, open_example: bool) -> int:
    """The GUI entry point the CLI frame calls when no sub-command is given."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    configure_application(app)
    try:
        window = open_window(db_path)
    except AuditorError as error:
        QMessageBox.critical(None, "Policy Auditor", error.user_text())
        raise
    except OSError as error:
        message = f"Cannot create the data folder ({error}); check the permissions of " \
                  f"{paths.data_dir()}"
        QMessageBox.critical(None, "Policy Auditor", message)
        raise AuditorError(message) from None
    window.show()
    if open_example:
        window.open_example()
    code = app.exec()
    QThreadPool.globalInstance().waitForDone(10_000)
    # Tear the window down while Qt is still alive (its `destroyed` closes the workspace);
    # leaving it to interpreter shutdown can crash in the bindings' finalizer.
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return int(code)
