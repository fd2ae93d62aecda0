"""The checklist table: one row per item of an audit, with its review state."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont

from desktop_app.core.audit import AuditSnapshot, ItemReview
from desktop_app.core.checklist import TOPICS, ChecklistItem
from desktop_app.core.status import Level, Status
from desktop_app.gui.models.columns import (
    AnyIndex,
    Column,
    ColumnTableModel,
    SortKeyProxy,
)
from desktop_app.gui.theme import palette

_CENTER = Qt.AlignmentFlag.AlignCenter
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_STATUS_ORDER = {Status.MISSING: 0, Status.PARTIAL: 1, Status.SATISFIED: 2,
                 Status.NOT_APPLICABLE: 3}
_LEVEL_ORDER = {Level.MUST: 0, Level.SHOULD: 1, Level.GOOD_PRACTICE: 2}
LEVEL_LABELS = {Level.MUST: "Must", Level.SHOULD: "Should", Level.GOOD_PRACTICE: "Good practice"}
_LEVEL_SHORT = {Level.MUST: "Must", Level.SHOULD: "Should", Level.GOOD_PRACTICE: "Good pr."}


@dataclass(frozen=True)
class ChecklistRow:
    item: ChecklistItem
    review: ItemReview


def _flags(row: ChecklistRow) -> str:
    marks = ""
    if row.review.needs_rereview:
        marks += "⚑"
    if row.review.note:
        marks += "✎"
    return marks


def _review_text(row: ChecklistRow) -> str:
    return palette.status_text(row.review.status)


class Col(IntEnum):
    FLAGS = 0
    STATUS = 1
    SUGGESTED = 2
    LEVEL = 3
    ITEM = 4
    TOPIC = 5
    EVIDENCE = 6


COLUMNS: dict[Col, Column[ChecklistRow]] = {
    Col.FLAGS: Column("", _flags, lambda r: (not r.review.needs_rereview, not r.review.note),
                      "⚑ changed since the last version · ✎ has a note", _CENTER),
    Col.STATUS: Column("Review", _review_text,
                       lambda r: (r.review.status is not None,
                                  _STATUS_ORDER.get(r.review.status, -1)),
                       "The reviewer's status (· To review: not confirmed yet)"),
    Col.SUGGESTED: Column("Suggested",
                          lambda r: f"{r.review.suggested_status.symbol} "
                                    f"{r.review.confidence:.0%}",
                          lambda r: (_STATUS_ORDER[r.review.suggested_status],
                                     -r.review.confidence),
                          "The engine's suggestion and its confidence"),
    Col.LEVEL: Column("Level", lambda r: _LEVEL_SHORT[r.item.level],
                      lambda r: _LEVEL_ORDER[r.item.level], "Must · Should · Good practice"),
    Col.ITEM: Column("Item", lambda r: r.item.title, lambda r: r.item.title.lower()),
    Col.TOPIC: Column("Topic", lambda r: TOPICS.get(r.item.topic, r.item.topic),
                      lambda r: r.item.topic),
    Col.EVIDENCE: Column("Ev.", lambda r: str(len(r.review.evidence)),
                         lambda r: len(r.review.evidence), "Evidence spans attached", _RIGHT),
}


def rows_from_snapshot(snapshot: AuditSnapshot) -> list[ChecklistRow]:
    reviews = {review.item_id: review for review in snapshot.reviews}
    return [ChecklistRow(item, reviews[item.id]) for item in snapshot.checklist.items
            if item.id in reviews]


class ChecklistModel(ColumnTableModel):
    """Rows of (item, review) for one audit; `update_reviews` refreshes in place."""

    def __init__(self, parent=None) -> None:
        super().__init__([COLUMNS[col] for col in Col], parent)
        self._index_of: dict[str, int] = {}

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self._row_at(index)
        if row is None:
            return None
        col = Col(index.column())
        column = COLUMNS[col]
        common = self.column_data(row, column, role)
        if common is not None:
            return common
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == Col.STATUS:
                return palette.status_foreground(row.review.status)
            if col == Col.SUGGESTED:
                return palette.status_foreground(row.review.suggested_status)
        if role == Qt.ItemDataRole.BackgroundRole and col == Col.STATUS \
                and row.review.status is not None:
            return palette.status_background(row.review.status)
        if role == Qt.ItemDataRole.FontRole and col == Col.STATUS and row.review.status is None:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, col)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._tooltip(row, col) if col in (Col.FLAGS, Col.SUGGESTED) \
                else column.display(row)
        return None

    def _tooltip(self, row: ChecklistRow, col: Col) -> str | None:
        if col == Col.FLAGS:
            parts = []
            if row.review.needs_rereview:
                parts.append("Changed in the new policy version: review again")
            if row.review.note:
                parts.append(f"Note: {row.review.note}")
            return "\n".join(parts) or None
        if col == Col.SUGGESTED:
            return (f"Suggested {row.review.suggested_status.label} "
                    f"({row.review.confidence:.0%}): {row.review.reason}")
        if col == Col.ITEM:
            return f"{row.item.id} · {row.item.citation}\n{row.item.requirement}"
        return None

    # Helpers
    def set_rows(self, rows: list[ChecklistRow]) -> None:
        self._index_of = {row.item.id: i for i, row in enumerate(rows)}
        self._reset_rows(rows)

    def update_reviews(self, reviews: dict[str, ItemReview]) -> None:
        """Replace changed reviews in place so selection and scroll stay where they are."""
        for item_id, review in reviews.items():
            i = self._index_of.get(item_id, -1)
            if i >= 0 and review != self._rows[i].review:
                self._replace_row(i, ChecklistRow(self._rows[i].item, review))

    def row_at(self, index: AnyIndex) -> ChecklistRow | None:
        return self._row_at(index)

    def row_for(self, item_id: str) -> int:
        return self._index_of.get(item_id, -1)

    def rows(self) -> tuple[ChecklistRow, ...]:
        return tuple(self._rows)


class ChecklistFilter(SortKeyProxy):
    """Filters by review state, effective status, level and free text; sorts by sort keys."""

    UNREVIEWED = "unreviewed"
    REREVIEW = "rereview"

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._state: str | Status | None = None
        self._level: Level | None = None
        self._words: tuple[str, ...] = ()

    def set_state(self, state: str | Status | None) -> None:
        """None shows all; a Status (or its value) keeps items with that effective status."""
        # A QComboBox hands a str-based enum back as a plain str, so map values back to Status.
        if isinstance(state, str) and state in Status._value2member_map_:
            state = Status(state)
        self._change(lambda: setattr(self, "_state", state))

    def set_level(self, level: Level | None) -> None:
        self._change(lambda: setattr(self, "_level", level))

    def set_text(self, text: str) -> None:
        self._change(lambda: setattr(self, "_words", tuple(text.lower().split())))

    def _change(self, apply) -> None:
        self.beginFilterChange()
        apply()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self.sourceModel()
        if not isinstance(model, ChecklistModel):
            return True
        row = model.row_at(model.index(source_row, 0, source_parent))
        if row is None:
            return False
        review = row.review
        if self._state == self.UNREVIEWED and review.reviewed:
            return False
        if self._state == self.REREVIEW and not review.needs_rereview:
            return False
        if isinstance(self._state, Status) and review.effective_status != self._state:
            return False
        if self._level is not None and row.item.level != self._level:
            return False
        if self._words:
            haystack = " ".join((row.item.id, row.item.title, row.item.requirement,
                                 row.item.citation, row.item.topic,
                                 TOPICS.get(row.item.topic, ""), review.note)).lower()
            return all(word in haystack for word in self._words)
        return True
