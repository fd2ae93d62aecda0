"""Drafting defects the lint found in the policy; picking one shows it in the text."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from desktop_app.core.document import Defect
from desktop_app.gui.plain_text import plain_tooltip

DEFECT_LABELS = {
    "placeholder": "Placeholder", "blank-reference": "Blank reference",
    "truncated": "Truncated", "duplicate": "Duplicate", "numbering-gap": "Numbering gap",
    "typo": "Typo", "boilerplate": "Boilerplate", "undecodable": "Undecodable bytes",
}
DEFECT_ROLE = Qt.ItemDataRole.UserRole + 1


NUMBER_ROLE = Qt.ItemDataRole.UserRole + 2


class DefectsPanel(QWidget):
    """Signals:
        defect_activated(Defect)
        promote_requested(int): make the defect numbered so (from 1) a finding of the plan.
    """

    defect_activated = Signal(object)
    promote_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget(self)
        self.tree.setAccessibleName("Drafting defects")
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setHeaderLabels(["Kind", "Problem", "Text"])
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 380)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)
        self.promote = QAction("Make a &Finding of This Defect", self.tree)
        self.promote.setShortcut(QKeySequence("Ctrl+Shift+F"))
        self.promote.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.promote.setToolTip("Add the selected defect to the remediation plan (Ctrl+Shift+F)")
        self.promote.triggered.connect(self._on_promote)
        self.tree.addAction(self.promote)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.tree.itemActivated.connect(self._on_activated)
        self.tree.itemClicked.connect(self._on_activated)

    def set_defects(self, defects: Sequence[Defect]) -> None:
        self.tree.clear()
        for number, defect in enumerate(defects, start=1):
            snippet = " ".join(defect.text.split())[:120]
            entry = QTreeWidgetItem([DEFECT_LABELS.get(defect.kind, defect.kind),
                                     defect.message, snippet])
            entry.setData(0, DEFECT_ROLE, defect)
            entry.setData(0, NUMBER_ROLE, number)
            entry.setToolTip(1, plain_tooltip(defect.message))
            self.tree.addTopLevelItem(entry)

    def _on_activated(self, entry: QTreeWidgetItem) -> None:
        defect = entry.data(0, DEFECT_ROLE)
        if isinstance(defect, Defect):
            self.defect_activated.emit(defect)

    def _on_promote(self) -> None:
        entry = self.tree.currentItem()
        if entry is not None:
            self.promote_requested.emit(int(entry.data(0, NUMBER_ROLE)))
