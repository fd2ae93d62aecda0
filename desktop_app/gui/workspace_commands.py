"""Workspaces in the window: new, open, and the recent list (one audits database per client).

`WorkspaceCommands` is mixed into MainWindow. Switching saves the pending note, closes the old
database connection and shows the new database's library, as if the window had just opened it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from desktop_app.errors import AuditorError
from desktop_app.gui.jobs import Exporter, Importer
from desktop_app.services import Workspace

WORKSPACE_FILTER = "Audit databases (*.sqlite *.sqlite3 *.db);;All files (*)"


class OpenWorkspace:
    @classmethod
    def ask(cls, parent: QWidget | None, directory: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, "Open workspace", directory,
                                              WORKSPACE_FILTER)
        return Path(name) if name else None


class NewWorkspace:
    @classmethod
    def ask(cls, parent: QWidget | None, directory: str) -> Path | None:
        # No overwrite prompt: an existing file is refused below, never replaced.
        name, _ = QFileDialog.getSaveFileName(
            parent, "New workspace", str(Path(directory) / "audits.sqlite"), WORKSPACE_FILTER,
            options=QFileDialog.Option.DontConfirmOverwrite)
        return Path(name) if name else None


class WorkspaceCommands:
    """New Workspace…, Open Workspace… and File › Open Recent."""

    def new_workspace(self) -> None:
        path = NewWorkspace.ask(self, str(self.workspace.db_path.parent))
        if path is None:
            return
        if path.exists():
            self.show_error(f"{path} already exists. Use Open Workspace… to open it, or give "
                            "the new workspace another name.")
            return
        self.switch_workspace(path, create=True)

    def open_workspace(self) -> None:
        path = OpenWorkspace.ask(self, str(self.workspace.db_path.parent))
        if path is not None:
            self.switch_workspace(path)

    def build_recent_menu(self) -> QMenu:
        menu = QMenu("Open &Recent", self)
        menu.setObjectName("menu-recent-workspaces")
        menu.aboutToShow.connect(lambda: self._fill_recent_menu(menu))
        self._fill_recent_menu(menu)
        return menu

    def _fill_recent_menu(self, menu: QMenu) -> None:
        menu.clear()
        current = str(self.workspace.db_path)
        recent = [p for p in self.settings.recent_workspaces if p != current]
        for number, name in enumerate(recent, start=1):
            action = QAction(f"&{number} {name}" if number < 10 else name, menu)
            action.triggered.connect(lambda _checked=False, name=name:
                                     self.switch_workspace(Path(name)))
            menu.addAction(action)
        if not recent:
            empty = menu.addAction("No other workspace used yet")
            empty.setEnabled(False)

    def switch_workspace(self, path: Path, *, create: bool = False) -> bool:
        """Show another database in this window; on failure the current one stays open."""
        path = Path(path).expanduser().absolute()
        if path == self.workspace.db_path.absolute():
            self.statusBar().showMessage(f"{path} is the workspace already open.", 5000)
            return True
        running = self.runner.running
        if running:
            self.statusBar().showMessage(
                f"Cannot switch workspace while “{running[0].name}” runs; wait for it to "
                "finish.", 8000)
            return False
        if not create and not path.is_file():
            self.settings.forget_workspace(str(path))
            self.show_error(f"No workspace at {path}: the file was moved or deleted. It has "
                            "been removed from the recent list.")
            return False
        self.detail.flush_note()
        try:
            workspace = Workspace(path, create=create)
        except AuditorError as error:
            self.settings.forget_workspace(str(path))
            self.show_error(f"Cannot open the workspace {path}: {error.user_text()} It has been "
                            "removed from the recent list.")
            return False
        try:
            workspace.audits()
        except AuditorError as error:
            workspace.close()
            self.settings.forget_workspace(str(path))
            self.show_error(f"Cannot open the workspace {path}: {error.user_text()} It has been "
                            "removed from the recent list.")
            return False
        self._adopt_workspace(workspace)
        return True

    def _adopt_workspace(self, workspace: Workspace) -> None:
        old = self.workspace
        self._watcher.removePaths(self._watcher.files())
        for stack in self._stacks.values():
            self.undo_group.removeStack(stack)
            stack.deleteLater()
        self._stacks.clear()
        self.workspace = workspace
        self.ctx.workspace = workspace
        for job in (self.importer, self.exporter):
            job.deleteLater()
        self.importer = Importer(self, self.runner, workspace.db_path)
        self.exporter = Exporter(self, self.runner, workspace.db_path)
        self.importer.imported.connect(self._on_imported)
        self.welcome.set_db_path(workspace.db_path)
        old.close()

        self._cancel_open()
        self.sync_four_eyes()
        self.snapshot = None
        self._seen_head = -1
        self.checklist.model.set_rows([])
        self.viewer.clear()
        self.defects.set_defects(())
        self.history.set_events(())
        self.docks["compare"].hide()
        self.settings.last_db = str(workspace.db_path)
        self.settings.last_audit_id = 0
        self.settings.remember_workspace(str(workspace.db_path))
        self._watch_database()
        self.library.set_summaries([], 0)
        self.refresh_library()
        self.open_latest_audit()
        self._update_actions()
        self.statusBar().showMessage(f"Workspace: {workspace.db_path}", 8000)
