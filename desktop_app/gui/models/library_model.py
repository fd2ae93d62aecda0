"""The library table: one row per audit (policy version x checklist) with its progress."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QSortFilterProxyModel,
    Qt,
)

from desktop_app.core.audit import AuditSummary
from desktop_app.core.status import Status
from desktop_app.gui.models.columns import (
    AnyIndex,
    Column,
    ColumnTableModel,
    SortKeyProxy,
)
from desktop_app.gui.theme.icons import icon

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
#: Role carrying the fraction reviewed (0..1) for the progress delegate.
PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 2


def counts_text(counts: dict[str, int]) -> str:
    """"✓12 ◐3 ✗5 –1" in a fixed status order, skipping zero counts."""
    parts = [f"{status.symbol}{counts[status.value]}" for status in Status
             if counts.get(status.value)]
    return " ".join(parts)


def _progress(summary: AuditSummary) -> str:
    return f"{summary.reviewed}/{summary.total}"


def _checklist(summary: AuditSummary) -> str:
    """The checklist id, marked ↑ when a newer version of it is installed."""
    return summary.checklist_id + (" ↑" if summary.checklist_outdated else "")


def _policy(summary: AuditSummary) -> str:
    """The policy name, marked ⚑ when items need re-review (a lock icon marks sign-off)."""
    marks = ""
    if summary.needs_rereview:
        marks += f"⚑{summary.needs_rereview} "
    return marks + summary.policy_name


class LibCol(IntEnum):
    POLICY = 0
    VERSION = 1
    CHECKLIST = 2
    PROGRESS = 3
    COUNTS = 4


COLUMNS: dict[LibCol, Column[AuditSummary]] = {
    LibCol.POLICY: Column("Policy", _policy, lambda s: s.policy_name.lower(),
                          "Lock: signed off · ⚑ items to re-review after a new version"),
    LibCol.VERSION: Column("v", lambda s: str(s.policy_version), lambda s: s.policy_version,
                           "Policy version", _RIGHT),
    LibCol.CHECKLIST: Column("Checklist", _checklist, lambda s: s.checklist_id,
                             "↑ a newer version of the checklist is installed: "
                             "Review ▸ Upgrade to Current Checklist"),
    LibCol.PROGRESS: Column("Done", _progress,
                            lambda s: s.reviewed / s.total if s.total else 0.0,
                            "Items reviewed / total", _RIGHT),
    LibCol.COUNTS: Column("Status", lambda s: counts_text(s.counts),
                          lambda s: s.counts.get(Status.MISSING.value, 0),
                          "Reviewed or suggested: ✓ satisfied  ◐ partial  ✗ missing  "
                          "– not applicable"),
}


class LibraryModel(ColumnTableModel):
    """Audit summaries (cheap to load, even for hundreds of policies)."""

    def __init__(self, parent=None) -> None:
        super().__init__([COLUMNS[col] for col in LibCol], parent)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        summary = self._row_at(index)
        if summary is None:
            return None
        column = COLUMNS[LibCol(index.column())]
        if role == Qt.ItemDataRole.AccessibleTextRole:
            role = Qt.ItemDataRole.DisplayRole
        common = self.column_data(summary, column, role)
        if common is not None:
            return common
        if role == Qt.ItemDataRole.DecorationRole and column is COLUMNS[LibCol.POLICY] \
                and summary.state == "signed-off":
            return icon("sign-off")
        if role == PROGRESS_ROLE:
            return summary.reviewed / summary.total if summary.total else 0.0
        if role == Qt.ItemDataRole.ToolTipRole:
            newer = (f"\nChecklist version {summary.current_checklist_version} is installed; "
                     "upgrade the audit to use it" if summary.checklist_outdated else "")
            return (f"{summary.policy_name} v{summary.policy_version} — {summary.checklist_id} "
                    f"{summary.checklist_version}, law as at {summary.as_at} ({summary.state})"
                    f"\n{summary.reviewed} of {summary.total} reviewed; "
                    f"{counts_text(summary.counts) or 'no statuses'}{newer}")
        return None

    def set_summaries(self, summaries: list[AuditSummary]) -> None:
        self._reset_rows(summaries)

    def update_summaries(self, summaries: list[AuditSummary]) -> None:
        """Replace the rows of these audits in place (after a review action on one of them)."""
        fresh = {summary.audit_id: summary for summary in summaries}
        for i, summary in enumerate(self._rows):
            new = fresh.get(summary.audit_id)
            if new is not None and new != summary:
                self._replace_row(i, new)

    def summary_at(self, index: AnyIndex) -> AuditSummary | None:
        return self._row_at(index)

    def row_for(self, audit_id: int) -> int:
        for i, summary in enumerate(self._rows):
            if summary.audit_id == audit_id:
                return i
        return -1

    def summaries(self) -> tuple[AuditSummary, ...]:
        return tuple(self._rows)


class LibraryFilter(SortKeyProxy):
    """Free-text filter over policy and checklist names."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._words: tuple[str, ...] = ()

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._words = tuple(text.lower().split())
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self.sourceModel()
        if not self._words or not isinstance(model, LibraryModel):
            return True
        summary = model.summary_at(model.index(source_row, 0, source_parent))
        if summary is None:
            return False
        haystack = f"{summary.policy_name} {summary.checklist_id} {summary.state}".lower()
        return all(word in haystack for word in self._words)
