"""The main window: library, policy viewer, checklist, item detail, defects and comparison."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QFileSystemWatcher,
    QPoint,
    QSignalBlocker,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QUndoGroup,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QProgressBar,
    QStackedWidget,
    QTabWidget,
)

from desktop_app import paths
from desktop_app.core.audit import AuditSnapshot
from desktop_app.errors import AuditorError
from desktop_app.gui import actions as review_actions
from desktop_app.gui.dialogs.prompts import Alert, ReviewerName
from desktop_app.gui.disabled_keys import DisabledKeyNotifier
from desktop_app.gui.file_commands import FileCommands
from desktop_app.gui.findings_commands import FindingsCommands
from desktop_app.gui.jobs import Exporter, Importer, OpenedAudit, load_audit
from desktop_app.gui.library_commands import LibraryCommands
from desktop_app.gui.models.checklist_model import rows_from_snapshot
from desktop_app.gui.panels.checklist_panel import ChecklistPanel
from desktop_app.gui.panels.compare_panel import ComparePanel
from desktop_app.gui.panels.defects_panel import DefectsPanel
from desktop_app.gui.panels.findings_panel import FindingsPanel
from desktop_app.gui.panels.history_panel import HistoryPanel
from desktop_app.gui.panels.item_detail import ItemDetail
from desktop_app.gui.panels.library_panel import LibraryPanel
from desktop_app.gui.panels.policy_viewer import Highlight, PolicyViewer
from desktop_app.gui.panels.welcome import WelcomeView
from desktop_app.gui.plain_text import plain_label
from desktop_app.gui.review_commands import ReviewCommands
from desktop_app.gui.settings import Settings
from desktop_app.gui.tasks import TaskRunner
from desktop_app.gui.theme.icons import icon
from desktop_app.gui.undo import ReviewContext
from desktop_app.gui.workspace_commands import WorkspaceCommands
from desktop_app.services import Workspace

EXTERNAL_REFRESH_MS = 400
#: The panels that sit in a row under the policy text on a large screen.
BOTTOM_DOCKS = ("defects", "compare", "history", "findings")


def is_compact(width: int, height: int) -> bool:
    """A laptop-sized window (1366×768 and the like), which gets the compact layout."""
    return width < 1500 or height < 900


class MainWindow(ReviewCommands, FileCommands, FindingsCommands, WorkspaceCommands,
                 LibraryCommands, QMainWindow):
    """One open workspace (database). Every review action goes to the store at once.

    Signals:
        audit_opened(int): an audit asked for with `open_audit` is now shown
    """

    audit_opened = Signal(int)

    def __init__(self, workspace: Workspace, settings: Settings,
                 runner: TaskRunner | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.settings = settings
        self.runner = runner or TaskRunner(self)
        self.snapshot: AuditSnapshot | None = None
        self._closed = False
        self._batch_depth = 0
        self._other_windows: list[MainWindow] = []
        self._batch_pending: dict[int, set[str]] = {}
        # Only the latest open request may show its audit; 0 when none is loading.
        self._open_generation = 0
        self.opening = 0
        self._seen_head = -1  # the trail event the view last caught up with
        self._findings_stale = False
        self.show_archived = False
        self.undo_group = QUndoGroup(self)
        self._stacks: dict[int, QUndoStack] = {}
        self.ctx = ReviewContext(workspace, lambda: self.settings.reviewer,
                                 self._on_store_changed, self.show_error)
        self.setWindowTitle("Policy Auditor")
        self.setWindowIcon(icon("policy-auditor"))
        self.setAcceptDrops(True)
        self.setDockNestingEnabled(True)

        self.library = LibraryPanel(self)
        self.viewer = PolicyViewer(self)
        self.viewer.editor.setAcceptDrops(False)
        self.checklist = ChecklistPanel(self)
        self.detail = ItemDetail(self)
        self.defects = DefectsPanel(self)
        self.compare = ComparePanel(self)
        self.history = HistoryPanel(self)
        self.findings = FindingsPanel(self)
        self.welcome = WelcomeView(paths.data_dir(), workspace.db_path, self)
        self.central = QStackedWidget(self)
        self.central.addWidget(self.welcome)
        self.central.addWidget(self.viewer)
        self.setCentralWidget(self.central)
        self.docks = self._build_docks()

        self.commands = review_actions.build(self)
        review_actions.install_menus(self, self.commands, self.docks)
        self.detail.add_status_actions([self.commands[name] for name in (
            "accept", "satisfied", "partial", "missing", "not_applicable", "clear_status")])
        self.detail.add_evidence_actions([self.commands["attach_evidence"],
                                          self.commands["remove_evidence"]])
        self._build_status_bar()
        self._disabled_keys = DisabledKeyNotifier(self)
        QApplication.instance().installEventFilter(self._disabled_keys)

        self.importer = Importer(self, self.runner, workspace.db_path)
        self.exporter = Exporter(self, self.runner, workspace.db_path)
        self.importer.imported.connect(self._on_imported)
        self._refresh_timer = QTimer(self, singleShot=True, interval=EXTERNAL_REFRESH_MS)
        self._refresh_timer.timeout.connect(self._reload_if_changed)
        self._watcher = QFileSystemWatcher(self)
        self._watch_database()
        self._connect()
        self.sync_four_eyes()
        self._restore()

    # Construction
    def _build_docks(self) -> dict[str, QDockWidget]:
        docks = {}
        specs = (("library", "Library", self.library, Qt.DockWidgetArea.LeftDockWidgetArea),
                 ("checklist", "Checklist", self.checklist, Qt.DockWidgetArea.RightDockWidgetArea),
                 ("detail", "Item", self.detail, Qt.DockWidgetArea.RightDockWidgetArea),
                 ("defects", "Drafting defects", self.defects,
                  Qt.DockWidgetArea.BottomDockWidgetArea),
                 ("compare", "Compare", self.compare, Qt.DockWidgetArea.BottomDockWidgetArea),
                 ("history", "History", self.history, Qt.DockWidgetArea.BottomDockWidgetArea),
                 ("findings", "Findings", self.findings, Qt.DockWidgetArea.BottomDockWidgetArea))
        for name, title, widget, area in specs:
            dock = QDockWidget(title, self)
            dock.setObjectName(f"dock-{name}")
            dock.setWidget(widget)
            dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                             | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                             | QDockWidget.DockWidgetFeature.DockWidgetClosable)
            self.addDockWidget(area, dock)
            docks[name] = dock
        self.splitDockWidget(docks["checklist"], docks["detail"], Qt.Orientation.Vertical)
        self.tabifyDockWidget(docks["defects"], docks["compare"])
        self.tabifyDockWidget(docks["compare"], docks["history"])
        self.tabifyDockWidget(docks["history"], docks["findings"])
        docks["defects"].raise_()
        return docks

    def _default_layout(self) -> None:
        """First run: the whole screen, most of it for the policy text and the checklist."""
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            # Sized for the docks below; maximized so the frame also fits on the screen.
            self.setGeometry(screen)
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
        width, height = self.width(), self.height()
        docks = self.docks
        if is_compact(width, height):
            # A laptop screen has no height to spare for a bottom row of panels: they join the
            # library as tabs, and the checklist and item keep the full height.
            for name in BOTTOM_DOCKS:
                self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, docks[name])
                self.tabifyDockWidget(docks["library"], docks[name])
            docks["library"].raise_()
            # Tabs down the side: five tab titles in a row would make the column too wide.
            self.setTabPosition(Qt.DockWidgetArea.LeftDockWidgetArea,
                                QTabWidget.TabPosition.West)
            self.library.fit_narrow()
        # Dock sizes hold only once the window is laid out at its real size.
        QTimer.singleShot(0, lambda: self._size_docks(width, height))

    def _size_docks(self, width: int, height: int) -> None:
        docks = self.docks
        if is_compact(width, height):
            self.resizeDocks([docks["library"], docks["checklist"]],
                             [int(width * 0.19), int(width * 0.42)], Qt.Orientation.Horizontal)
            self.viewer.splitter.setSizes([140, int(width * 0.39) - 140])
        else:
            self.resizeDocks([docks["library"], docks["checklist"]],
                             [int(width * 0.22), int(width * 0.36)], Qt.Orientation.Horizontal)
            self.resizeDocks([docks["defects"]], [int(height * 0.12)],
                             Qt.Orientation.Vertical)
        self.resizeDocks([docks["checklist"], docks["detail"]],
                         [int(height * 0.42), int(height * 0.58)], Qt.Orientation.Vertical)

    def _build_status_bar(self) -> None:
        self.task_label = plain_label(self)
        self.task_progress = QProgressBar(self)
        self.task_progress.setMaximumWidth(180)
        self.task_progress.setAccessibleName("Background task progress")
        self.task_progress.hide()
        self.audit_lock = QLabel(self)
        self.audit_lock.setPixmap(icon("sign-off").pixmap(16, 16))
        self.audit_lock.setToolTip("Signed off: locked against changes")
        self.audit_lock.hide()
        self.audit_label = QLabel(self)
        self.audit_label.setObjectName("audit-state")
        # Names come from users: never let them render as markup.
        self.audit_label.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addWidget(self.task_label, 1)
        self.statusBar().addPermanentWidget(self.task_progress)
        self.statusBar().addPermanentWidget(self.audit_lock)
        self.statusBar().addPermanentWidget(self.audit_label)

    def _connect(self) -> None:
        self.library.audit_activated.connect(self.open_audit)
        self.checklist.current_item_changed.connect(self._on_current_item_changed)
        self.detail.evidence_activated.connect(self._on_evidence_activated)
        self.detail.closest_activated.connect(self._on_closest_activated)
        self.detail.note_edited.connect(self._on_note_edited)
        self.detail.evidence.currentItemChanged.connect(lambda *_: self._update_actions())
        self.defects.defect_activated.connect(self._on_defect_activated)
        self.history.item_activated.connect(self.checklist.select_item)
        self.findings.model.edit_requested.connect(self.edit_finding)
        self.findings.item_activated.connect(self.show_finding_item)
        self.defects.promote_requested.connect(self.promote_defect)
        self.findings.scope_changed.connect(lambda _: self.refresh_findings())
        self.docks["findings"].visibilityChanged.connect(self._on_findings_visibility)
        # The portfolio holds other audits' findings, which reloading the open audit misses.
        self.undo_group.indexChanged.connect(
            lambda _: self.refresh_findings() if self.findings.portfolio else None)
        self.viewer.selection_changed.connect(lambda _: self._update_actions())
        self.welcome.example_requested.connect(self.open_example)
        self.welcome.import_requested.connect(self.import_dialog)
        self.runner.busy_changed.connect(self._on_busy_changed)
        self._watcher.fileChanged.connect(lambda _: self._refresh_timer.start())
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._on_application_state)
            QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_scheme_changed)

    def _watch_database(self) -> None:
        db = self.workspace.db_path
        files = [str(p) for p in (db, db.with_name(db.name + "-wal")) if p.exists()]
        missing = [f for f in files if f not in self._watcher.files()]
        if missing:
            self._watcher.addPaths(missing)

    def _restore(self) -> None:
        if not (self.restoreGeometry(self.settings.geometry)
                and self.restoreState(self.settings.window_state)):
            self._default_layout()
        for splitter in (self.viewer.splitter, self.detail.splitter):
            splitter.restoreState(self.settings.splitter_state(splitter.objectName()))
        self.refresh_library()
        audit_id = self.settings.last_audit_id
        if audit_id and any(s.audit_id == audit_id for s in self.library.model.summaries()):
            self.open_audit(audit_id, item_id=self.settings.last_item_id)
        else:
            self.open_latest_audit()
        self._update_actions()

    # Library and audit loading
    def refresh_library(self) -> None:
        current = self.snapshot.audit_id if self.snapshot else 0
        try:
            summaries = self.workspace.audits(include_archived=self.show_archived)
        except AuditorError as error:
            self.show_error(error.user_text())
            return
        known = [s.audit_id for s in self.library.model.summaries()]
        if known == [s.audit_id for s in summaries]:
            # Same audits: update rows in place so selection and scroll stay put.
            self.library.model.update_summaries(summaries)
        else:
            self.library.set_summaries(summaries, current)

    @Slot(int)
    def open_audit(self, audit_id: int, item_id: str = "") -> None:
        """Read the audit on a worker thread; it is shown when ready (`audit_opened`)."""
        if not item_id and (self.opening == audit_id or (
                not self.opening and self.snapshot is not None
                and self.snapshot.audit_id == audit_id)):
            return
        self.detail.flush_note()
        self._open_generation += 1
        generation = self._open_generation
        self.opening = audit_id
        db_path = self.workspace.db_path
        self.task_label.setText("Opening the audit…")
        self.runner.run("Open audit", lambda progress, cancelled: load_audit(db_path, audit_id),
                        on_result=lambda opened: self._on_audit_loaded(generation, opened,
                                                                       item_id),
                        on_error=lambda message: self._on_audit_failed(generation, message))

    def _cancel_open(self) -> None:
        """Forget any audit still loading (the workspace changed or the window closes)."""
        self._open_generation += 1
        self.opening = 0

    def _on_audit_failed(self, generation: int, message: str) -> None:
        if generation == self._open_generation and not self._closed:
            self.opening = 0
            self.show_error(message)

    def _on_audit_loaded(self, generation: int, opened: OpenedAudit, item_id: str) -> None:
        if generation != self._open_generation or self._closed:
            return
        self.opening = 0
        snapshot = opened.snapshot
        self.snapshot = snapshot
        self.central.setCurrentWidget(self.viewer)
        self.viewer.set_document(snapshot.text, snapshot.clauses, snapshot.defects,
                                 opened.outline)
        self.defects.set_defects(snapshot.defects)
        self.history.set_events(snapshot.trail)
        self.refresh_findings()
        self.docks["defects"].setWindowTitle(f"Drafting defects ({len(snapshot.defects)})")
        with QSignalBlocker(self.checklist.table.selectionModel()):
            self.checklist.model.set_rows(rows_from_snapshot(snapshot))
        self.undo_group.setActiveStack(self._stack_for(snapshot.audit_id))
        self.library.select_audit(snapshot.audit_id, emit=False)
        self.settings.last_audit_id = snapshot.audit_id
        self._update_title()
        target = item_id if item_id and self.checklist.model.row_for(item_id) >= 0 else ""
        if target:
            self.checklist.select_item(target)
        elif not self.checklist.step_unreviewed(True):
            self.checklist.select_item(snapshot.checklist.items[0].id
                                       if snapshot.checklist.items else "")
        self._show_current_item()
        self._update_actions()
        self.audit_opened.emit(snapshot.audit_id)

    def _stack_for(self, audit_id: int) -> QUndoStack:
        stack = self._stacks.get(audit_id)
        if stack is None:
            stack = QUndoStack(self.undo_group)
            self._stacks[audit_id] = stack
        return stack

    def _reload_if_changed(self) -> None:
        """Reload after the database file changed, unless the change was this window's own."""
        if self._closed:
            return
        self._watch_database()
        try:
            if self.workspace.trail_head() == self._seen_head:
                return
        except AuditorError:
            pass  # reloading reports what is wrong
        self.reload_from_store()

    def reload_from_store(self) -> None:
        """Re-read summaries and the open audit (after our own or another window's changes)."""
        if self._closed:
            return
        self._watch_database()
        try:
            self._seen_head = self.workspace.trail_head()
        except AuditorError:
            self._seen_head = -1
        self.refresh_library()
        if self.snapshot is None:
            return
        try:
            snapshot = self.workspace.audit(self.snapshot.audit_id)
        except AuditorError:
            self.snapshot = None
            self.checklist.model.set_rows([])
            self.viewer.clear()
            self._show_current_item()
            return
        self._apply_snapshot(snapshot)

    def _apply_snapshot(self, snapshot: AuditSnapshot,
                        items: Collection[str] | None = None) -> None:
        """Show a newer snapshot of the open audit; `items` limits the rows that may differ."""
        previous = self.snapshot
        self.snapshot = snapshot
        if previous is None or previous.state != snapshot.state \
                or previous.checklist_hash != snapshot.checklist_hash:
            self._update_title()
        self.checklist.model.update_reviews({r.item_id: r for r in snapshot.reviews
                                             if items is None or r.item_id in items})
        shown = len(previous.trail) if previous else 0
        if len(snapshot.trail) != shown:
            if previous is not None and previous.audit_id == snapshot.audit_id \
                    and snapshot.trail[:shown] == previous.trail:
                self.history.add_events(snapshot.trail[shown:])
            else:
                self.history.set_events(snapshot.trail)
            self.refresh_findings()
        self._show_current_item()

    def _update_title(self) -> None:
        snapshot = self.snapshot
        self.audit_lock.setVisible(snapshot is not None and snapshot.signed_off)
        workspace = f" ({self.workspace.db_path.name})"
        if snapshot is None:
            self.setWindowTitle(f"Policy Auditor{workspace}")
            self.audit_label.setText("")
            return
        self.setWindowTitle(f"{snapshot.policy.name} v{snapshot.policy.version} — "
                            f"{snapshot.checklist.name} — Policy Auditor{workspace}")
        law = (f" · {snapshot.checklist.id} {snapshot.checklist.version}, "
               f"law as at {snapshot.as_at}")
        if snapshot.signed_off:
            self.audit_label.setText(f"Approved · signed off by {snapshot.signed_off_by} "
                                     f"{snapshot.signed_off_at[:10]}{law}")
        else:
            self.audit_label.setText(f"{snapshot.stage} · reviewer: {self.settings.reviewer}{law}")

    def _show_welcome(self) -> None:
        self.central.setCurrentWidget(self.welcome)

    def open_latest_audit(self) -> None:
        """Open the newest audit in the library, or, with none, the getting-started page and
        panels emptied of any audit."""
        summaries = self.library.model.summaries()
        if summaries:
            self.open_audit(summaries[-1].audit_id)
            return
        self._show_welcome()
        self.refresh_findings()
        self._update_title()
        self._show_current_item()

    def show_welcome_page(self) -> None:
        """Toggle between the getting-started page and the open policy."""
        if self.central.currentWidget() is self.welcome and self.snapshot is not None:
            self.central.setCurrentWidget(self.viewer)
        else:
            self._show_welcome()

    # Current item
    @Slot(str)
    def _on_current_item_changed(self, item_id: str) -> None:
        self.detail.flush_note()
        if item_id:
            self.settings.last_item_id = item_id
        self._show_current_item()

    def _show_current_item(self) -> None:
        row = self.checklist.current_row()
        editable = self.snapshot is not None and not self.snapshot.signed_off
        linked = self.snapshot.linked_for(row.item.id) if self.snapshot and row else ()
        self.detail.show_row(row, self.snapshot.text if self.snapshot else "", editable=editable,
                             linked=linked)
        self._update_highlights()
        self._update_actions()

    def _update_highlights(self) -> None:
        if self.snapshot is None:
            self.viewer.set_highlights(())
            return
        current = self.checklist.current_item_id()
        everything = self.settings.tint_all_evidence
        highlights = []
        for review in self.snapshot.reviews:
            if not everything and review.item_id != current:
                continue
            for record in review.evidence:
                highlights.append(Highlight(record.start, record.end, review.effective_status,
                                            focused=review.item_id == current))
        self.viewer.set_highlights(highlights)

    def _update_actions(self) -> None:
        review_actions.update_enabled(self)

    def set_tint_all_evidence(self, on: bool) -> None:
        self.settings.tint_all_evidence = on
        self._update_highlights()

    def new_window(self) -> MainWindow:
        """Another window on the same database (its own connection; both stay in step)."""
        window = MainWindow(Workspace(self.workspace.db_path), self.settings, self.runner)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.destroyed.connect(window.workspace.close)
        window.destroyed.connect(lambda: self._other_windows.remove(window)
                                 if window in self._other_windows else None)
        self._other_windows.append(window)
        window.move(self.pos() + QPoint(40, 40))
        window.show()
        return window

    def set_reviewer(self) -> None:
        name = ReviewerName.ask(self, self.settings.reviewer)
        if name:
            self.settings.reviewer = name
            self._update_title()

    # Feedback
    def show_error(self, message: str) -> None:
        Alert.show(self, message)

    def _on_busy_changed(self, busy: bool) -> None:
        if not busy:
            self.task_progress.hide()
            self.task_label.setText("")

    def show_task_progress(self, done: int, total: int, message: str) -> None:
        self.task_progress.show()
        self.task_progress.setRange(0, max(total, 0))
        self.task_progress.setValue(done)
        self.task_label.setText(message)

    def _on_application_state(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self._refresh_timer.start()

    def _on_scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        self._update_highlights()
        self.checklist.table.viewport().update()
        self.library.table.viewport().update()
        self._show_current_item()

    # Window events
    def changeEvent(self, event: QEvent) -> None:
        # Palette changes also arrive while the window is still being built.
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "commands"):
            self._on_scheme_changed(QGuiApplication.styleHints().colorScheme())
        super().changeEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.import_files(files)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.detail.flush_note()
        self._closed = True
        self._refresh_timer.stop()
        self._watcher.removePaths(self._watcher.files())
        self.settings.geometry = self.saveGeometry()
        self.settings.window_state = self.saveState()
        for splitter in (self.viewer.splitter, self.detail.splitter):
            self.settings.set_splitter_state(splitter.objectName(), splitter.saveState())
        self.settings.sync()
        self._cancel_open()
        self.runner.cancel_all()
        QApplication.instance().removeEventFilter(self._disabled_keys)
        super().closeEvent(event)

