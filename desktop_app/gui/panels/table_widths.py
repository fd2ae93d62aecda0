"""Column widths measured from the fonts in use, so headers and short values never clip."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QHeaderView

# Room for the cell margins and the header's sort arrow.
PADDING = 14


def fit_columns(header: QHeaderView, samples: Mapping[int, str]) -> None:
    """Size each column to its header title or its widest expected value, whichever is wider."""
    metrics = header.fontMetrics()
    model = header.model()
    for column, sample in samples.items():
        title = str(model.headerData(column, header.orientation()) or "") if model else ""
        width = max(metrics.horizontalAdvance(title), metrics.horizontalAdvance(sample))
        header.resizeSection(column, width + PADDING)
