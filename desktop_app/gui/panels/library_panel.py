"""The library: every audit in the workspace with its progress, filterable and sortable."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLineEdit,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.audit import AuditSummary
from desktop_app.core.status import Status
from desktop_app.gui.models.library_model import (
    PROGRESS_ROLE,
    LibCol,
    LibraryFilter,
    LibraryModel,
)
from desktop_app.gui.panels.table_widths import fit_columns
from desktop_app.gui.theme import palette


class ProgressDelegate(QStyledItemDelegate):
    """Draws the reviewed fraction as a thin bar under the "12/52" text."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().paint(painter, option, index)
        fraction = index.data(PROGRESS_ROLE) or 0.0
        rect: QRect = option.rect.adjusted(3, option.rect.height() - 4, -3, -1)
        painter.save()
        track = option.palette.mid().color()
        track.setAlpha(70)
        painter.fillRect(rect, track)
        done = QRect(rect)
        done.setWidth(int(rect.width() * fraction))
        colour = palette.status_foreground(None) if fraction < 1 else \
            palette.status_foreground(Status.SATISFIED)
        if option.state & QStyle.StateFlag.State_Selected:
            colour = option.palette.highlightedText().color()
        painter.fillRect(done, colour)
        painter.restore()


class LibraryPanel(QWidget):
    """Signals:
        audit_activated(int): the reviewer opened an audit
    """

    audit_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = LibraryModel(self)
        self.proxy = LibraryFilter(self)
        self.proxy.setSourceModel(self.model)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Filter policies…")
        self.filter.setAccessibleName("Filter policies")
        self.filter.setClearButtonEnabled(True)
        self.table = QTableView(self)
        self.table.setObjectName("library-table")
        self.table.setAccessibleName("Policies and audits")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(LibCol.POLICY, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setItemDelegateForColumn(LibCol.PROGRESS, ProgressDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(LibCol.POLICY, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(20)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        # The short columns fit their widest value; the policy name takes what is left.
        fit_columns(header, {LibCol.VERSION: "9", LibCol.CHECKLIST: "nevada",
                             LibCol.PROGRESS: "00/00", LibCol.COUNTS: "✓00 ◐00 ✗0 –0"})
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 1)
        self.filter.textChanged.connect(self.proxy.set_text)
        self.table.activated.connect(self._on_activated)
        self.table.clicked.connect(self._on_activated)

    def fit_narrow(self) -> None:
        """In a narrow column the policy name needs the room: the counts column goes (the
        header's context menu brings it back)."""
        self.table.horizontalHeader().hideSection(LibCol.COUNTS)
        self.table.horizontalHeader().hideSection(LibCol.VERSION)

    def _header_menu(self, position) -> None:
        header = self.table.horizontalHeader()
        menu = QMenu(self)
        for column in LibCol:
            if column == LibCol.POLICY:
                continue
            title = self.model.headerData(column, Qt.Orientation.Horizontal)
            action = menu.addAction(f"Show “{title}” column")
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.toggled.connect(lambda on, c=column: header.setSectionHidden(c, not on))
        menu.exec(header.mapToGlobal(position))

    def set_summaries(self, summaries: list[AuditSummary], current_audit: int = 0) -> None:
        self.model.set_summaries(summaries)
        if current_audit:
            self.select_audit(current_audit, emit=False)

    def select_audit(self, audit_id: int, *, emit: bool = True) -> bool:
        row = self.model.row_for(audit_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            self.filter.clear()
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        selection = self.table.selectionModel()
        if selection.isRowSelected(index.row(), index.parent()):
            # Part of a multi-selection the reviewer is building: keep it.
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
        else:
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                      | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        if emit:
            self.audit_activated.emit(audit_id)
        return True

    def selected_summaries(self) -> list[AuditSummary]:
        result = []
        for index in self.table.selectionModel().selectedRows():
            summary = self.model.summary_at(self.proxy.mapToSource(index))
            if summary is not None:
                result.append(summary)
        return result

    def _on_activated(self, index: QModelIndex) -> None:
        # Ctrl+click and Shift+click build a selection (for Compare); only a plain click opens.
        modifiers = QApplication.keyboardModifiers()
        if modifiers & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
                        | Qt.KeyboardModifier.MetaModifier):
            return
        summary = self.model.summary_at(self.proxy.mapToSource(index))
        if summary is not None:
            self.audit_activated.emit(summary.audit_id)
