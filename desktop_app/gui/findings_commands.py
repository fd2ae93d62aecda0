"""The main window's remediation-plan commands: showing findings and editing them undoably.

`FindingsCommands` is mixed into MainWindow; the portfolio is read off the GUI thread.
"""

from __future__ import annotations

import datetime as dt

from desktop_app.core.plan import plan_of
from desktop_app.gui.models.findings_model import FindingRow
from desktop_app.gui.undo import SetFindingCommand
from desktop_app.services import Workspace


def load_portfolio(db_path, progress, cancelled) -> list[FindingRow]:
    with Workspace(db_path) as workspace:
        return [FindingRow(line.finding, f"{line.policy_name} v{line.policy_version}")
                for line in workspace.portfolio(dt.date.today())]


class FindingsCommands:
    """Fill the Findings panel and turn its edits into undoable store changes."""

    def refresh_findings(self) -> None:
        # A hidden panel (another tab in front, or closed) is filled when it is shown again,
        # not on every review keypress.
        dock = self.docks["findings"]
        self._findings_stale = dock.isHidden() or (self.isVisible()
                                                   and dock.visibleRegion().isEmpty())
        if self._findings_stale:
            # A count kept from an earlier fill may belong to another audit: show none.
            dock.setWindowTitle("Findings")
            return
        if self.findings.portfolio:
            db_path = self.workspace.db_path
            self.runner.run("Load open findings",
                            lambda progress, cancelled: load_portfolio(db_path, progress,
                                                                       cancelled),
                            on_result=self._show_portfolio, on_error=self.show_error)
            return
        snapshot = self.snapshot
        rows = [] if snapshot is None else [FindingRow(f) for f in plan_of(snapshot)]
        self.findings.set_findings(rows)
        self.docks["findings"].setWindowTitle(
            f"Findings ({sum(row.finding.state.is_open for row in rows)} open)")

    def _on_findings_visibility(self, visible: bool) -> None:
        if visible and self._findings_stale:
            self.refresh_findings()

    def _show_portfolio(self, rows: list[FindingRow]) -> None:
        if self.findings.portfolio:
            self.findings.set_findings(rows)
            self.docks["findings"].setWindowTitle(f"Findings (all policies, {len(rows)} open)")

    def edit_finding(self, audit_id: int, item_id: str, field: str, value: str) -> None:
        command = SetFindingCommand(self.ctx, audit_id, item_id, field, value)
        # Portfolio edits land on the open audit's stack, so Ctrl+Z undoes what was just done.
        stack = self.undo_group.activeStack() or self._stack_for(audit_id)
        stack.push(command)
        if command.error:
            self.refresh_findings()  # the cell shows the stored value again

    def promote_defect(self, number: int) -> None:
        """Put a drafting defect of the open policy into the plan and show it there."""
        if self.snapshot is None:
            return
        self.edit_finding(self.snapshot.audit_id, f"defect-{number}", "state", "open")
        dock = self.docks["findings"]
        dock.show()
        dock.raise_()

    def show_finding_item(self, audit_id: int, item_id: str) -> None:
        self.open_audit(audit_id, item_id=item_id)
