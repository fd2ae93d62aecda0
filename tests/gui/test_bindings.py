"""The Qt bindings in use keep Python's reference counts straight."""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem


def test_qt_calls_returning_none_keep_its_reference_count(qtbot) -> None:
    # PySide6 6.12.0 drops a reference to None each time Qt hands None back to Python;
    # after a few thousand calls the interpreter aborts ("none_dealloc"), typically at exit.
    entries = QListWidget()
    qtbot.addWidget(entries)
    entry = QListWidgetItem("x")
    gc.collect()
    before = sys.getrefcount(None)
    for _ in range(100):
        entries.currentItem()
        entry.data(Qt.ItemDataRole.UserRole)
    gc.collect()
    assert sys.getrefcount(None) >= before
