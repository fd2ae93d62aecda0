"""The main window's file commands: import (with new versions), export and comparison.

`FileCommands` is mixed into MainWindow; the heavy work runs in its Importer and Exporter.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Slot

from desktop_app import paths
from desktop_app.core.audit import AuditSnapshot
from desktop_app.errors import AuditorError
from desktop_app.gui.dialogs.diff_dialog import DiffDialog
from desktop_app.gui.dialogs.prompts import OpenPackage, OpenPolicies, SavePath

EXAMPLE_NAME = "Northwind example"
#: Export kinds: file suffix and the name of the format in the save dialog.
EXPORT_KINDS = {"pdf": (".pdf", "PDF"), "pdf-summary": (".pdf", "PDF"),
                "docx": (".docx", "Word"), "docx-full": (".docx", "Word"),
                "xlsx": (".xlsx", "Excel"), "csv": (".csv", "CSV"), "json": (".json", "JSON")}
#: Kinds that can hold the several audits selected in the library.
MULTI_AUDIT_KINDS = ("pdf", "pdf-summary", "docx", "docx-full", "xlsx")


class FileCommands:
    """Import, re-import, the example, PDF/Word/Excel/CSV/JSON export and the comparison."""

    def import_dialog(self) -> None:
        files = OpenPolicies.ask(self, self.settings.last_import_dir)
        if files:
            self.settings.last_import_dir = str(files[0].parent)
            self.import_files(files)

    def import_files(self, files: Sequence[Path], *, name: str | None = None,
                     checklist_ids: Sequence[str] = ()) -> None:
        for path in files:
            self.importer.enqueue(path, name=name, checklist_ids=tuple(checklist_ids))

    def import_new_version(self) -> None:
        snapshot = self.snapshot
        if snapshot is None:
            return
        files = OpenPolicies.ask(self, self.settings.last_import_dir)
        if not files:
            return
        ids = [s.checklist_id for s in self.library.model.summaries()
               if s.policy_id == snapshot.policy.policy_id
               and s.policy_version == snapshot.policy.version]
        self.import_files(files[:1], name=snapshot.policy.name, checklist_ids=ids)

    def open_example(self) -> None:
        example = paths.EXAMPLE_POLICY
        if not example.exists():
            self.show_error(f"The example policy is missing ({example}); reinstall the app "
                             "or import a policy of your own.")
            return
        self.settings.welcome_done = True
        existing = [s for s in self.library.model.summaries()
                    if s.policy_name == EXAMPLE_NAME]
        if existing:
            self.open_audit(existing[0].audit_id)
            return
        self.importer.enqueue(example, name=EXAMPLE_NAME, ask=False)

    @Slot(object)
    def _on_imported(self, result) -> None:
        self.refresh_library()
        if result.unchanged:
            self.statusBar().showMessage("This file is already the latest version; "
                                         "nothing changed.", 6000)
        elif result.flagged or result.carried_forward:
            self.statusBar().showMessage(
                f"Version {result.version} imported: {result.carried_forward} reviews carried "
                f"forward, {result.flagged} flagged ⚑ for re-review.", 8000)
        target = self._audit_to_open(result.audit_ids)
        if target is None:
            return
        if self.snapshot is not None and self.snapshot.audit_id == target.audit_id:
            self.snapshot = None  # the same audit again (unchanged file): load it afresh
        self.open_audit(target.audit_id)
        if target.needs_rereview:
            self.checklist.state_filter.setCurrentIndex(
                self.checklist.state_filter.findData(self.checklist.proxy.REREVIEW))

    def _audit_to_open(self, audit_ids: Sequence[int]):
        """After an import: the audit under the checklist in use, else one to re-review."""
        summaries = [s for s in self.library.model.summaries() if s.audit_id in audit_ids]
        if not summaries:
            return None
        current = self.snapshot.checklist.id if self.snapshot is not None else ""
        return (next((s for s in summaries if s.checklist_id == current), None)
                or next((s for s in summaries if s.needs_rereview), None)
                or summaries[0])

    def show_changes(self) -> None:
        """The clauses that changed since the previous version of the open policy."""
        snapshot = self.snapshot
        if snapshot is None:
            return
        if snapshot.policy.version < 2:
            self.statusBar().showMessage("This is the first version of the policy: "
                                         "import a new version to see what changed.", 5000)
            return
        try:
            diff = self.workspace.diff(snapshot.policy.policy_id,
                                       to_version=snapshot.policy.version)
        except AuditorError as error:
            self.show_error(error.user_text())
            return
        DiffDialog.ask(self, f"{snapshot.policy.name} v{snapshot.policy.version}", diff)

    def export(self, kind: str) -> None:
        self.detail.flush_note()  # a note still being typed belongs in the export
        snapshot = self.snapshot
        selected = [s.audit_id for s in self.library.selected_summaries()]
        if kind in MULTI_AUDIT_KINDS and len(selected) > 1:
            ids, base = selected, "audit-report"
        elif snapshot is not None:
            ids = [snapshot.audit_id]
            base = f"{snapshot.policy.name} v{snapshot.policy.version} {snapshot.checklist.id}"
        else:
            return
        base = base.replace("/", "-")
        suffix, label = EXPORT_KINDS[kind]
        if kind in ("pdf-summary", "docx"):
            base += " summary"
        directory = Path(self.settings.last_export_dir or Path.home())
        out = SavePath.ask(self, f"Export {label}", directory / f"{base}{suffix}",
                           f"{label} files (*{suffix})")
        if out is None:
            return
        self.settings.last_export_dir = str(out.parent)
        self.exporter.export(kind, ids, out)

    def export_package(self) -> None:
        """The open audit as an audit package, once it is signed off."""
        snapshot = self.snapshot
        if snapshot is None:
            return
        if not snapshot.signed_off:
            self.statusBar().showMessage("Sign off the audit first: a package holds a signed "
                                         "sign-off.", 6000)
            return
        base = f"{snapshot.policy.name} v{snapshot.policy.version} {snapshot.checklist.id}"
        directory = Path(self.settings.last_export_dir or Path.home())
        out = SavePath.ask(self, "Export audit package",
                           directory / f"{base.replace('/', '-')}.pap",
                           "Audit packages (*.pap)")
        if out is None:
            return
        self.settings.last_export_dir = str(out.parent)
        self.exporter.package(snapshot.audit_id, out, self.settings.reviewer)

    def verify_package(self) -> None:
        path = OpenPackage.ask(self, self.settings.last_export_dir)
        if path is not None:
            self.exporter.verify_package(path)

    def compare_selected(self) -> None:
        ids = [s.audit_id for s in self.library.selected_summaries()]
        if len(ids) < 2 and self.snapshot is not None:
            # One policy across regimes: every audit of the open policy version.
            ids = [s.audit_id for s in self.library.model.summaries()
                   if s.policy_id == self.snapshot.policy.policy_id
                   and s.policy_version == self.snapshot.policy.version]
        if len(ids) < 2:
            self.statusBar().showMessage("Select two or more audits in the library to compare.",
                                         5000)
            return
        self.exporter.load_for_compare(ids, self._on_compare_loaded)

    def _on_compare_loaded(self, snapshots: list[AuditSnapshot]) -> None:
        self.compare.show_snapshots(snapshots)
        dock = self.docks["compare"]
        dock.show()
        dock.raise_()
        if self.dockWidgetArea(dock) == Qt.DockWidgetArea.BottomDockWidgetArea:
            # Enough rows to read, never so many that the checklist above loses its rows.
            rows = self.compare.table.rowCount()
            self.resizeDocks([dock], [min(90 + 24 * rows, self.height() // 4)],
                             Qt.Orientation.Vertical)
