"""The Findings panel: the open audit's remediation plan, or the portfolio of open findings,
sortable and editable in place (F2 or typing edits a cell; Enter stores it)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.finding import SAMPLE_WORDING_LABEL, Finding
from desktop_app.gui.models.findings_model import (
    CHOICES,
    COLUMNS,
    SORT_ROLE,
    FindingRow,
    FindingsModel,
)

Index = QModelIndex | QPersistentModelIndex


class ChoiceDelegate(QStyledItemDelegate):
    """A drop-down for the risk and state columns; text editors elsewhere."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                     index: Index) -> QWidget:
        choices = CHOICES.get(COLUMNS[index.column()].key)
        if choices is None:
            return super().createEditor(parent, option, index)
        editor = QComboBox(parent)
        editor.setAccessibleName(COLUMNS[index.column()].title)
        for label, value in choices:
            editor.addItem(label, value)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model, index: Index) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)


class FindingsPanel(QWidget):
    """Signals:
        scope_changed(bool): True for the portfolio of every policy, False for the open audit.
        item_activated(audit_id, item_id): a finding was activated (Enter or double click
            outside an editable cell).
    """

    scope_changed = Signal(bool)
    item_activated = Signal(int, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = FindingsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.scope = QComboBox(self)
        self.scope.setAccessibleName("Findings to show")
        self.scope.addItem("This audit's plan", False)
        self.scope.addItem("All policies: open findings, overdue first", True)
        # Neither the long scope title nor the summary may set the panel's width: in a narrow
        # side column they shorten instead.
        self.scope.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.scope.setMinimumContentsLength(14)
        self.summary = QLabel(self)
        self.summary.setMinimumWidth(0)
        self.summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.table = QTableView(self)
        self.table.setAccessibleName("Findings")
        self.table.setModel(self.proxy)
        self.table.setItemDelegate(ChoiceDelegate(self.table))
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((70, 240, 100, 140, 320, 200, 120, 110, 110)):
            header.resizeSection(column, width)
        self.detail = QLabel(self)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                            | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.detail.setAccessibleName("Selected finding")
        top = QHBoxLayout()
        top.addWidget(self.scope)
        top.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        self.scope.currentIndexChanged.connect(
            lambda _: self.scope_changed.emit(bool(self.scope.currentData())))
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        self.table.activated.connect(self._on_activated)

    @property
    def portfolio(self) -> bool:
        return bool(self.scope.currentData())

    def set_findings(self, rows: Sequence[FindingRow], today: dt.date | None = None) -> None:
        """Show findings; the selected one stays selected when it is still there."""
        current = self.current_finding()
        key = (current.audit_id, current.item_id) if current else None
        self.model.set_rows(rows, today)
        self.table.setColumnHidden(COLUMNS.index(next(c for c in COLUMNS if c.key == "policy")),
                                   not self.portfolio)
        open_count = sum(row.finding.state.is_open for row in rows)
        overdue = sum(row.finding.overdue(self.model.today) for row in rows)
        self.summary.setText(f"{len(rows)} finding(s), {open_count} open, {overdue} overdue")
        if key is not None:
            for row in range(self.model.rowCount()):
                finding = self.model.finding(row)
                if (finding.audit_id, finding.item_id) == key:
                    self.table.setCurrentIndex(self.proxy.mapFromSource(
                        self.model.index(row, self.table.currentIndex().column()
                                         if self.table.currentIndex().isValid() else 0)))
                    break
        self._show_current()

    def current_finding(self) -> Finding | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.finding(self.proxy.mapToSource(index).row())

    def _show_current(self) -> None:
        finding = self.current_finding()
        if finding is None:
            self.detail.setText("")
            return
        parts = [f"{finding.title} — {finding.citation}. Recommendation: "
                 f"{finding.recommendation}"]
        if finding.closing_offer:
            parts.append(f"Can be closed (set State to Done): now satisfied, decided by "
                         f"{finding.decided_by}; evidence {finding.closing_offer}")
        if finding.closing_evidence:
            parts.append(f"Closed with evidence {finding.closing_evidence}")
        if finding.sample_wording:
            parts.append(f"{SAMPLE_WORDING_LABEL}: {finding.sample_wording}")
        self.detail.setText("\n".join(parts))

    def _on_activated(self, index: QModelIndex) -> None:
        if COLUMNS[index.column()].editable:
            return
        finding = self.model.finding(self.proxy.mapToSource(index).row())
        self.item_activated.emit(finding.audit_id, finding.item_id)
