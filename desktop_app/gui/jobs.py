"""Import and export jobs: the GUI-side sequencing around background tasks.

Each payload opens its own Workspace on the same database file (one sqlite connection per
thread); results come back to the GUI thread through the TaskRunner's queued signals.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desktop_app.audit_package.check import PackageCheck
from desktop_app.audit_package.check import check as check_package
from desktop_app.core.audit import AuditSnapshot
from desktop_app.errors import InputError, IntegrityCheckFailed
from desktop_app.gui.dialogs.import_dialog import ImportDialog
from desktop_app.gui.dialogs.prompts import ConfirmUnverifiedExport, PackageVerdict
from desktop_app.gui.panels.policy_viewer import Outline, build_outline
from desktop_app.gui.tasks import TaskCancelled, TaskRunner
from desktop_app.services import ExportResult, ImportResult, Workspace


@dataclass(frozen=True)
class ImportRequest:
    path: Path
    name: str | None = None
    checklist_ids: tuple[str, ...] = ()
    ask: bool = True
    as_at: str = ""


def detect_jurisdictions(path: Path) -> dict[str, str]:
    """Checklist id -> the words that show the policy falls under it."""
    from desktop_app.core.ingest import load_document

    document = load_document(path)
    return {hit.id: hit.reason for hit in document.jurisdictions}


def run_import(db_path: Path, request: ImportRequest, actor: str, progress) -> ImportResult:
    with Workspace(db_path) as workspace:
        return workspace.import_policy(request.path, request.checklist_ids or None,
                                       name=request.name, actor=actor,
                                       as_at=request.as_at or None, progress=progress)


class Importer(QObject):
    """Imports files one after another: detect, ask (checklists), import with progress.

    Signals:
        imported(ImportResult)
    """

    imported = Signal(object)

    def __init__(self, window, runner: TaskRunner, db_path: Path) -> None:
        super().__init__(window)
        self._window = window
        self._runner = runner
        self._db_path = db_path
        self._queue: deque[ImportRequest] = deque()
        self._busy = False

    def enqueue(self, path: Path, *, name: str | None = None,
                checklist_ids: Sequence[str] = (), ask: bool = True) -> None:
        self._queue.append(ImportRequest(Path(path), name, tuple(checklist_ids), ask))
        if not self._busy:
            self._next()

    @property
    def busy(self) -> bool:
        return self._busy

    def _next(self) -> None:
        if not self._queue:
            self._busy = False
            return
        self._busy = True
        request = self._queue.popleft()
        if request.ask:
            self._window.show_task_progress(0, 0, f"Reading {request.path.name}…")
            self._runner.run(f"Reading {request.path.name}",
                             lambda progress, cancelled: detect_jurisdictions(request.path),
                             on_result=lambda detected: self._ask(request, detected),
                             on_error=self._fail)
        else:
            self._start(request)

    def _ask(self, request: ImportRequest, detected: dict[str, str]) -> None:
        preselect = {cid: "used by the previous version" for cid in request.checklist_ids}
        preselect.update(detected)
        choice = ImportDialog.ask(self._window, request.path.name,
                                  request.name or request.path.stem.replace("_", " "),
                                  self._window.workspace.checklists(), preselect)
        self._window.activateWindow()
        if choice is None:
            self._window.show_task_progress(0, 1, "")
            self._next()
            return
        self._start(ImportRequest(request.path, choice.name, choice.checklist_ids, False,
                                  choice.as_at))

    def _start(self, request: ImportRequest) -> None:
        actor = self._window.settings.reviewer
        self._window.show_task_progress(0, 3, f"Importing {request.path.name}…")
        self._runner.run(f"Importing {request.path.name}",
                         lambda progress, cancelled: run_import(self._db_path, request, actor,
                                                                progress),
                         on_result=self._done, on_error=self._fail,
                         on_progress=self._window.show_task_progress)

    def _done(self, result: ImportResult) -> None:
        self.imported.emit(result)
        self._next()

    def _fail(self, message: str) -> None:
        self._window.show_error(message)
        self._next()


@dataclass(frozen=True)
class OpenedAudit:
    """An audit read and laid out for the window, ready to be shown."""

    snapshot: AuditSnapshot
    outline: Outline


def load_audit(db_path: Path, audit_id: int) -> OpenedAudit:
    with Workspace(db_path) as workspace:
        snapshot = workspace.audit(audit_id)
    return OpenedAudit(snapshot, build_outline(snapshot.clauses))


def load_snapshots(db_path: Path, audit_ids: Sequence[int], progress,
                   cancelled: Callable[[], bool]) -> list[AuditSnapshot]:
    snapshots = []
    with Workspace(db_path) as workspace:
        for index, audit_id in enumerate(audit_ids):
            if cancelled():
                raise TaskCancelled
            progress(index, len(audit_ids), "Loading audits…")
            snapshots.append(workspace.audit(audit_id))
    return snapshots


#: The window's export kinds that are variants of one output format.
_VARIANTS: dict[str, tuple[str, dict[str, bool]]] = {
    "pdf-summary": ("pdf", {"summary": True}), "docx-full": ("docx", {"full": True})}


class Exporter(QObject):
    """PDF/Word/Excel/CSV/JSON export and the loading of several audits for comparison."""

    def __init__(self, window, runner: TaskRunner, db_path: Path) -> None:
        super().__init__(window)
        self._window = window
        self._runner = runner
        self._db_path = db_path
        self._compare_generation = 0

    def export(self, kind: str, audit_ids: Sequence[int], out: Path, *,
               allow_unverified: bool = False) -> None:
        """Check the database's integrity, then write; a failed check asks before writing."""
        ids = tuple(audit_ids)

        def payload(progress, cancelled) -> ExportResult | IntegrityCheckFailed:
            progress(0, 0, f"Checking the audit trail, then writing {out.name}…")
            with Workspace(self._db_path) as workspace:
                output, options = _VARIANTS.get(kind, (kind, {}))
                try:
                    return workspace.export(output, ids, out, allow_unverified=allow_unverified,
                                            **options)
                except IntegrityCheckFailed as failure:
                    return failure

        def done(result: ExportResult | IntegrityCheckFailed) -> None:
            if isinstance(result, IntegrityCheckFailed):
                if ConfirmUnverifiedExport.ask(self._window, out.name, result.problems):
                    self.export(kind, ids, out, allow_unverified=True)
                else:
                    self._window.statusBar().showMessage(
                        f"Not exported: the integrity check failed ({result.problems[0]})", 10000)
                return
            if result.verification.ok:
                note = ""
            elif result.marked:
                note = " (marked INTEGRITY CHECK FAILED)"
            else:
                note = " (the integrity check failed)"
            self._window.statusBar().showMessage(f"Exported {result.path}{note}", 8000)

        self._window.show_task_progress(0, 0, f"Exporting {out.name}…")
        self._runner.run(f"Export {out.name}", payload, on_result=done,
                         on_error=self._window.show_error,
                         on_progress=self._window.show_task_progress)

    def package(self, audit_id: int, out: Path, reviewer: str) -> None:
        """Write the audit package (the database is verified first, in the task)."""
        def payload(progress, cancelled) -> Path:
            progress(0, 0, f"Checking the audit trail, then writing {out.name}…")
            with Workspace(self._db_path) as workspace:
                return workspace.package(audit_id, out, reviewer)

        self._window.show_task_progress(0, 0, f"Packaging {out.name}…")
        self._runner.run(f"Package {out.name}", payload,
                         on_result=lambda path: self._window.statusBar().showMessage(
                             f"Packaged {path}", 8000),
                         on_error=self._window.show_error,
                         on_progress=self._window.show_task_progress)

    def verify_package(self, path: Path) -> None:
        """Check a package file on its own and show what was found."""
        def payload(progress, cancelled) -> PackageCheck:
            progress(0, 0, f"Checking {path.name}…")
            try:
                data = path.read_bytes()
            except OSError as error:
                raise InputError(f"cannot read the package {path}: {error.strerror}") from error
            return check_package(data)

        self._window.show_task_progress(0, 0, f"Checking {path.name}…")
        self._runner.run(f"Check {path.name}", payload,
                         on_result=lambda result: PackageVerdict.show(self._window, path.name,
                                                                      result),
                         on_error=self._window.show_error,
                         on_progress=self._window.show_task_progress)

    def load_for_compare(self, audit_ids: Sequence[int],
                         done: Callable[[list[AuditSnapshot]], None]) -> None:
        ids = tuple(audit_ids)
        # Only the latest request may show its result: an older, slower one is dropped.
        self._compare_generation += 1
        generation = self._compare_generation

        def deliver(snapshots: list[AuditSnapshot]) -> None:
            if generation == self._compare_generation:
                done(snapshots)

        self._runner.run("Load audits for comparison",
                         lambda progress, cancelled: load_snapshots(self._db_path, ids,
                                                                    progress, cancelled),
                         on_result=deliver, on_error=self._window.show_error,
                         on_progress=self._window.show_task_progress)
