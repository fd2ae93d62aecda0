"""The checklist table of the open audit, with its filter bar and progress line."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.status import Level, Status
from desktop_app.gui.models.checklist_model import (
    LEVEL_LABELS,
    ChecklistFilter,
    ChecklistModel,
    ChecklistRow,
    Col,
)
from desktop_app.gui.models.library_model import counts_text
from desktop_app.gui.panels.table_widths import fit_columns
from desktop_app.gui.plain_text import plain_label

FILTER_DEBOUNCE_MS = 150


class ChecklistPanel(QWidget):
    """Signals:
        current_item_changed(str): item id of the current row ("" when none)
    """

    current_item_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ChecklistModel(self)
        self.proxy = ChecklistFilter(self)
        self.proxy.setSourceModel(self.model)

        self.state_filter = QComboBox(self)
        self.state_filter.setAccessibleName("Filter by status")
        self.state_filter.addItem("All items", None)
        self.state_filter.addItem("· To review", ChecklistFilter.UNREVIEWED)
        self.state_filter.addItem("⚑ Changed, re-review", ChecklistFilter.REREVIEW)
        for status in Status:
            self.state_filter.addItem(f"{status.symbol} {status.label}", status)
        self.level_filter = QComboBox(self)
        self.level_filter.setAccessibleName("Filter by level")
        self.level_filter.addItem("Any level", None)
        for level in Level:
            self.level_filter.addItem(LEVEL_LABELS[level], level)
        self.text_filter = QLineEdit(self)
        self.text_filter.setPlaceholderText("Filter items…")
        self.text_filter.setAccessibleName("Filter items by text")
        self.text_filter.setClearButtonEnabled(True)
        self.progress = plain_label(self)
        self.progress.setObjectName("progress-line")
        self._debounce = QTimer(self, singleShot=True, interval=FILTER_DEBOUNCE_MS)

        self.table = QTableView(self)
        self.table.setObjectName("checklist-table")
        self.table.setAccessibleName("Checklist items")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Col.ITEM, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(20)
        fit_columns(header, {Col.FLAGS: "⚑✎", Col.STATUS: "· To review",
                             Col.SUGGESTED: "◐ 100%", Col.LEVEL: "Good pr.",
                             Col.TOPIC: "Data collected", Col.EVIDENCE: "00"})

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.state_filter)
        bar.addWidget(self.level_filter)
        bar.addWidget(self.text_filter, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.progress)

        self.state_filter.currentIndexChanged.connect(
            lambda: self.proxy.set_state(self.state_filter.currentData()))
        self.level_filter.currentIndexChanged.connect(
            lambda: self.proxy.set_level(self.level_filter.currentData()))
        self.text_filter.textChanged.connect(self._debounce.start)
        self._debounce.timeout.connect(lambda: self.proxy.set_text(self.text_filter.text()))
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.model.modelReset.connect(self._update_progress)
        self.model.dataChanged.connect(self._update_progress)

    # Selection
    def current_item_id(self) -> str:
        row = self.current_row()
        return row.item.id if row else ""

    def current_row(self) -> ChecklistRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(self.proxy.mapToSource(index)) if index.isValid() else None

    def selected_rows(self) -> list[ChecklistRow]:
        rows = []
        for index in self.table.selectionModel().selectedRows():
            row = self.model.row_at(self.proxy.mapToSource(index))
            if row is not None:
                rows.append(row)
        return rows or ([self.current_row()] if self.current_row() else [])

    def select_item(self, item_id: str) -> bool:
        source_row = self.model.row_for(item_id)
        if source_row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if not index.isValid():
            # Filtered out: clear the filters rather than leave the reviewer lost.
            self.clear_filters()
            index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        return True

    def clear_filters(self) -> None:
        self.state_filter.setCurrentIndex(0)
        self.level_filter.setCurrentIndex(0)
        self.text_filter.clear()
        self.proxy.set_text("")

    def step_unreviewed(self, forward: bool) -> bool:
        """Move to the next (or previous) not-yet-reviewed row in view order, wrapping."""
        count = self.proxy.rowCount()
        if not count:
            return False
        current = self.table.currentIndex().row()
        step = 1 if forward else -1
        start = current if current >= 0 else (-1 if forward else count)
        for offset in range(1, count + 1):
            row = (start + step * offset) % count
            source = self.model.row_at(self.proxy.mapToSource(self.proxy.index(row, 0)))
            if source is not None and (not source.review.reviewed or source.review.needs_rereview):
                return self.select_item(source.item.id)
        return False

    def focus_filter(self) -> None:
        self.text_filter.setFocus()
        self.text_filter.selectAll()

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(self.proxy.mapToSource(current)) if current.isValid() else None
        self.current_item_changed.emit(row.item.id if row else "")

    def _update_progress(self) -> None:
        rows = self.model.rows()
        if not rows:
            self.progress.setText("")
            return
        reviewed = sum(1 for row in rows if row.review.reviewed)
        rereview = sum(1 for row in rows if row.review.needs_rereview)
        counts: dict[str, int] = {}
        for row in rows:
            if row.review.status is not None:
                counts[row.review.status.value] = counts.get(row.review.status.value, 0) + 1
        text = f"{reviewed}/{len(rows)} reviewed   {counts_text(counts)}"
        if rereview:
            text += f"   ⚑ {rereview} changed"
        self.progress.setText(text)
