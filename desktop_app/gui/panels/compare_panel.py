"""Several audits side by side by shared topic: how each policy (or regime) covers it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.audit import AuditSnapshot
from desktop_app.core.checklist import TOPICS
from desktop_app.core.status import Status
from desktop_app.gui.models.library_model import counts_text
from desktop_app.gui.plain_text import plain_tooltip
from desktop_app.gui.theme import palette

_SEVERITY = (Status.MISSING, Status.PARTIAL, Status.SATISFIED, Status.NOT_APPLICABLE)


@dataclass(frozen=True)
class TopicCell:
    counts: dict[str, int]
    items: tuple[str, ...]

    @property
    def worst(self) -> Status | None:
        for status in _SEVERITY:
            if self.counts.get(status.value):
                return status
        return None


def topic_matrix(snapshots: Sequence[AuditSnapshot]) -> dict[str, list[TopicCell | None]]:
    """For each topic (in TOPICS order), one cell per audit with its effective status counts."""
    matrix: dict[str, list[TopicCell | None]] = {}
    for topic in TOPICS:
        row: list[TopicCell | None] = []
        for snapshot in snapshots:
            counts: Counter[str] = Counter()
            items = []
            for item in snapshot.checklist.items:
                if item.topic != topic:
                    continue
                try:
                    review = snapshot.review(item.id)
                except KeyError:
                    continue
                counts[review.effective_status.value] += 1
                mark = "" if review.reviewed else " (suggested)"
                items.append(f"{review.effective_status.symbol} {item.title}{mark}")
            row.append(TopicCell(dict(counts), tuple(items)) if items else None)
        if any(cell is not None for cell in row):
            matrix[topic] = row
    return matrix


class ComparePanel(QWidget):
    """A topics x audits table; cells show status counts and the worst status's colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hint = QLabel("Select two or more audits in the library (Ctrl+click) and press "
                           "Ctrl+Shift+M to compare them by topic.", self)
        self.hint.setWordWrap(True)
        self.table = QTableWidget(self)
        self.table.setAccessibleName("Comparison by topic")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(22)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)

    def show_snapshots(self, snapshots: Sequence[AuditSnapshot]) -> None:
        matrix = topic_matrix(snapshots)
        self.table.clear()
        self.table.setColumnCount(len(snapshots))
        self.table.setRowCount(len(matrix))
        self.table.setHorizontalHeaderLabels(
            [f"{s.policy.name} v{s.policy.version}\n{s.checklist.id}" for s in snapshots])
        self.table.setVerticalHeaderLabels([TOPICS[topic] for topic in matrix])
        for row, cells in enumerate(matrix.values()):
            for col, cell in enumerate(cells):
                entry = QTableWidgetItem("—" if cell is None else counts_text(cell.counts))
                if cell is not None:
                    entry.setForeground(palette.status_foreground(cell.worst))
                    entry.setBackground(palette.status_background(cell.worst))
                    entry.setToolTip(plain_tooltip("\n".join(cell.items)))
                self.table.setItem(row, col, entry)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.hint.setText(f"{len(snapshots)} audits by topic — worst status colours each cell; "
                          "hover a cell for its items.")
