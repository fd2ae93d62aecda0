"""The audit trail of the open audit, newest first; picking a row selects its item."""

from __future__ import annotations

import json
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHeaderView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.audit import TrailEvent
from desktop_app.core.status import Status
from desktop_app.gui.plain_text import plain_tooltip
from desktop_app.gui.theme import palette

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1


def change_text(before: str, after: str) -> str:
    """"status: · To review → ◐ Partial" from the trail's JSON before/after values
    (raw text otherwise)."""
    try:
        old, new = json.loads(before or "{}"), json.loads(after or "{}")
    except ValueError:
        return f"{before} → {after}".strip(" →")
    if not isinstance(old, dict) or not isinstance(new, dict):
        return f"{before} → {after}"
    parts = []
    for key in dict.fromkeys([*old, *new]):
        if old.get(key) != new.get(key):
            parts.append(f"{key}: {_short(key, old.get(key))} → {_short(key, new.get(key))}")
    return "; ".join(parts)


def _short(key: str, value: object) -> str:
    if key == "status":
        # Same symbol and label as the checklist; "–" alone would read as "not applicable".
        try:
            return palette.status_text(Status(value) if value else None)
        except ValueError:
            pass
    if value is None or value == "":
        return "(none)"
    text = " ".join(str(value).split())
    return text if len(text) <= 60 else text[:59] + "…"


class HistoryPanel(QWidget):
    """Signals:
        item_activated(str): the item id of the picked event
    """

    item_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget(self)
        self.tree.setAccessibleName("Audit trail")
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setHeaderLabels(["When (UTC)", "Who", "Action", "Item", "Change"])
        header = self.tree.header()
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)
        self.tree.itemActivated.connect(self._on_activated)
        self.tree.itemClicked.connect(self._on_activated)

    def set_events(self, events: Sequence[TrailEvent]) -> None:
        self.tree.clear()
        self.add_events(events)

    def add_events(self, events: Sequence[TrailEvent]) -> None:
        """Show later events above the ones shown (newest first)."""
        for event in events:
            entry = QTreeWidgetItem([event.at[:19].replace("T", " "), event.actor, event.action,
                                     event.item_id, change_text(event.before, event.after)])
            entry.setData(0, ITEM_ROLE, event.item_id)
            entry.setToolTip(4, plain_tooltip(f"{event.before}\n→ {event.after}\n"
                                              f"hash {event.hash[:16]}…"))
            self.tree.insertTopLevelItem(0, entry)

    def _on_activated(self, entry: QTreeWidgetItem) -> None:
        item_id = entry.data(0, ITEM_ROLE)
        if item_id:
            self.item_activated.emit(item_id)
