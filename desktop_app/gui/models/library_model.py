"""The library table: one row per audit (policy version x checklist) with its progress."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from desktop_app.core.audit import AuditSummary
from desktop_app.core.status import Status
from desktop_app.gui.models.columns import SORT_ROLE, Column

AnyIndex = QModelIndex | QPersistentModelIndex
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


def _policy(summary: AuditSummary) -> str:
    """The policy name, marked 🔒 when signed off and ⚑ when items need re-review."""
    marks = ""
    if summary.state == "signed-off":
        marks += "🔒 "
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
                          "🔒 signed off · ⚑ items to re-review after a new version"),
    LibCol.VERSION: Column("v", lambda s: str(s.policy_version), lambda s: s.policy_version,
                           "Policy version", _RIGHT),
    LibCol.CHECKLIST: Column("Checklist", lambda s: s.checklist_id, lambda s: s.checklist_id),
    LibCol.PROGRESS: Column("Done", _progress,
                            lambda s: s.reviewed / s.total if s.total else 0.0,
                            "Items reviewed / total", _RIGHT),
    LibCol.COUNTS: Column("Status", lambda s: counts_text(s.counts),
                          lambda s: s.counts.get(Status.MISSING.value, 0),
                          "Reviewed or suggested: ✓ satisfied  ◐ partial  ✗ missing  "
                          "– not applicable"),
}


class LibraryModel(QAbstractTableModel):
    """Audit summaries (cheap to load, even for hundreds of policies)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[AuditSummary] = []

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        column = COLUMNS[LibCol(section)]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.header
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip or None
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        summary = self._rows[index.row()]
        col = LibCol(index.column())
        column = COLUMNS[col]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return column.display(summary)
        if role == SORT_ROLE:
            return column.sort_key(summary)
        if role == PROGRESS_ROLE:
            return summary.reviewed / summary.total if summary.total else 0.0
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align)
        if role == Qt.ItemDataRole.ToolTipRole:
            return (f"{summary.policy_name} v{summary.policy_version} — {summary.checklist_id} "
                    f"{summary.checklist_version} ({summary.state})\n{summary.reviewed} of "
                    f"{summary.total} reviewed; {counts_text(summary.counts) or 'no statuses'}")
        return None

    def set_summaries(self, summaries: list[AuditSummary]) -> None:
        self.beginResetModel()
        self._rows = list(summaries)
        self.endResetModel()

    def update_summaries(self, summaries: list[AuditSummary]) -> None:
        """Replace the rows of these audits in place (after a review action on one of them)."""
        fresh = {summary.audit_id: summary for summary in summaries}
        last = len(COLUMNS) - 1
        for i, summary in enumerate(self._rows):
            new = fresh.get(summary.audit_id)
            if new is not None and new != summary:
                self._rows[i] = new
                self.dataChanged.emit(self.index(i, 0), self.index(i, last))

    def summary_at(self, index: AnyIndex) -> AuditSummary | None:
        if not index.isValid() or index.model() is not self:
            return None
        return self._rows[index.row()] if 0 <= index.row() < len(self._rows) else None

    def row_for(self, audit_id: int) -> int:
        for i, summary in enumerate(self._rows):
            if summary.audit_id == audit_id:
                return i
        return -1

    def summaries(self) -> tuple[AuditSummary, ...]:
        return tuple(self._rows)


class LibraryFilter(QSortFilterProxyModel):
    """Free-text filter over policy and checklist names."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
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

    def lessThan(self, left: AnyIndex, right: AnyIndex) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        try:
            return a < b
        except TypeError:
            return str(a) < str(b)
