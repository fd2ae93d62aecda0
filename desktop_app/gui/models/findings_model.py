"""The remediation plan as a table model: one row per finding, editable in place."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from desktop_app.core.finding import Finding, FindingState, Risk
from desktop_app.gui.plain_text import plain_tooltip

Index = QModelIndex | QPersistentModelIndex
#: The value a column sorts by (risk by seriousness, due dates with blanks last).
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class FindingRow:
    """A finding with where it belongs (the policy is shown in the portfolio)."""

    finding: Finding
    policy: str = ""


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    editable: bool = False


COLUMNS = (
    Column("risk", "Risk", True), Column("item", "Item"), Column("status", "Status"),
    Column("policy", "Policy"), Column("recommendation", "Recommendation", True),
    Column("response", "Response", True), Column("owner", "Owner", True),
    Column("due", "Due", True), Column("state", "State", True),
)
CHOICES = {"risk": [(r.label, r.value) for r in Risk],
           "state": [(s.label, s.value) for s in FindingState]}


def _key(row: FindingRow) -> tuple[int, str]:
    return row.finding.audit_id, row.finding.item_id


class FindingsModel(QAbstractTableModel):
    """Signals:
        edit_requested(audit_id, item_id, field, value): a cell was edited; the store decides.
    """

    edit_requested = Signal(int, str, str, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[FindingRow] = []
        self.today = dt.date.today()

    def set_rows(self, rows: Sequence[FindingRow], today: dt.date | None = None) -> None:
        """Show these rows; when only some rows' contents differ, only those are updated."""
        rows, today = list(rows), today or dt.date.today()
        if today == self.today and [_key(r) for r in rows] == [_key(r) for r in self._rows]:
            for i, (old, new) in enumerate(zip(self._rows, rows, strict=True)):
                if old != new:
                    self._rows[i] = new
                    self.dataChanged.emit(self.index(i, 0), self.index(i, len(COLUMNS) - 1))
            return
        self.beginResetModel()
        self._rows = rows
        self.today = today
        self.endResetModel()

    def finding(self, row: int) -> Finding:
        return self._rows[row].finding

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].title
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and COLUMNS[index.column()].editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        finding, key = row.finding, COLUMNS[index.column()].key
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, key)
        if role == Qt.ItemDataRole.EditRole:
            return {"risk": finding.risk.value, "state": finding.state.value,
                    "due": finding.due}.get(key, self._display(row, key))
        if role == SORT_ROLE:
            return {"risk": finding.risk.rank, "due": finding.due or "9999",
                    "state": list(FindingState).index(finding.state)}.get(
                key, self._display(row, key).lower())
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = self._tooltip(finding, key)
            return plain_tooltip(tip) if tip else None
        if role == Qt.ItemDataRole.FontRole and key == "due" and finding.overdue(self.today):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _display(self, row: FindingRow, key: str) -> str:
        finding = row.finding
        if key == "due" and finding.overdue(self.today):
            return f"{finding.due} overdue"
        return {"risk": finding.risk.label, "item": f"{finding.title} ({finding.item_id})",
                "status": f"{finding.status_symbol} {finding.status_label}",
                "policy": row.policy, "recommendation": finding.recommendation,
                "response": finding.response, "owner": finding.owner, "due": finding.due,
                "state": finding.state.label}[key]

    def _tooltip(self, finding: Finding, key: str) -> str:
        if key == "state" and finding.closing_offer:
            return f"Can be closed: a person found the item satisfied — {finding.closing_offer}"
        if key == "recommendation" and finding.sample_wording:
            return f"{finding.recommendation}\n\nSample wording (a starting point for counsel, " \
                   f"not legal advice):\n{finding.sample_wording}"
        if key == "risk":
            return ("Default from the item's level and status" if finding.risk_is_default
                    else "Set by a reviewer")
        return ""

    def setData(self, index: Index, value: object,  # noqa: N802
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        column = COLUMNS[index.column()]
        if not column.editable:
            return False
        finding = self._rows[index.row()].finding
        text = str(value if value is not None else "")
        if text == str(self.data(index, Qt.ItemDataRole.EditRole)):
            return False
        self.edit_requested.emit(finding.audit_id, finding.item_id, column.key, text)
        return True
