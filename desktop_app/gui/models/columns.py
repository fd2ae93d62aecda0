"""A column spec shared by the table models: header, display accessor, sort key, alignment."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

Row = TypeVar("Row")

#: Role under which every model exposes a column's sort key.
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class Column(Generic[Row]):
    header: str
    display: Callable[[Row], str]
    sort_key: Callable[[Row], Any]
    tooltip: str = ""
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


AnyIndex = QModelIndex | QPersistentModelIndex


class ColumnTableModel(QAbstractTableModel):
    """A read-only table over a list of rows, its columns described by `Column` specs.

    Subclasses pass their column specs (in column order) and add roles in `data`.
    """

    def __init__(self, columns: list[Column[Any]], parent=None) -> None:
        super().__init__(parent)
        self._columns = columns
        self._rows: list[Any] = []

    # Model interface
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        column = self._columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.header
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip or None
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def column_data(self, row: Any, column: Column[Any], role: int) -> Any:
        """The roles every column answers the same way; None for the others."""
        if role == Qt.ItemDataRole.DisplayRole:
            return column.display(row)
        if role == SORT_ROLE:
            return column.sort_key(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align)
        return None

    # Helpers
    def _row_at(self, index: AnyIndex) -> Any:
        if not index.isValid() or index.model() is not self:
            return None
        return self._rows[index.row()] if 0 <= index.row() < len(self._rows) else None

    def _reset_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def _replace_row(self, position: int, row: Any) -> None:
        """Change one row in place, so selection and scroll position stay where they are."""
        self._rows[position] = row
        self.dataChanged.emit(self.index(position, 0),
                              self.index(position, len(self._columns) - 1))


class SortKeyProxy(QSortFilterProxyModel):
    """Sorts by each column's sort key (SORT_ROLE), falling back to text for mixed types."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)

    def lessThan(self, left: AnyIndex, right: AnyIndex) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        try:
            return a < b
        except TypeError:
            return str(a) < str(b)
