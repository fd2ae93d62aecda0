"""Export from the window runs the full integrity check; a failed check asks before writing."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from desktop_app.gui.dialogs.prompts import ConfirmUnverifiedExport, SavePath
from desktop_app.gui.mainwindow import MainWindow
from tests.gui.helpers import open_and_wait
from tests.reports.conftest import page_texts


@pytest.fixture
def opened(qtbot, window: MainWindow) -> MainWindow:
    open_and_wait(qtbot, window, window.library.model.summaries()[0].audit_id)
    assert window.snapshot is not None
    return window


def _export_pdf(window: MainWindow, qtbot, monkeypatch, out: Path) -> None:
    monkeypatch.setattr(SavePath, "ask", classmethod(lambda cls, *a: out))
    window.commands["export_pdf"].trigger()
    qtbot.waitUntil(lambda: not window.runner.running, timeout=60_000)


def _first_page(path: Path) -> str:
    return re.sub(r"\s+", " ", page_texts(path.read_bytes())[0])


def test_a_verified_export_prints_the_check(opened: MainWindow, qtbot, monkeypatch,
                                            tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    _export_pdf(opened, qtbot, monkeypatch, out)
    first = _first_page(out)
    assert "Integrity check passed: hash chain intact" in first and "not run" not in first


def test_a_failed_check_asks_and_writes_only_when_told(opened: MainWindow, qtbot, monkeypatch,
                                                       db_path: Path, tmp_path: Path) -> None:
    conn = sqlite3.connect(str(db_path))
    conn.execute("UPDATE assessments SET status = 'satisfied' WHERE id = 3")
    conn.commit()
    conn.close()
    asked: list[tuple[str, ...]] = []
    answer = {"export": False}
    monkeypatch.setattr(ConfirmUnverifiedExport, "ask", classmethod(
        lambda cls, parent, name, problems: asked.append(tuple(problems)) or answer["export"]))
    out = tmp_path / "report.pdf"

    _export_pdf(opened, qtbot, monkeypatch, out)
    assert not out.exists()
    assert len(asked) == 1 and any("field 'status' changed" in p for p in asked[0])
    assert "Not exported: the integrity check failed" in opened.statusBar().currentMessage()

    answer["export"] = True
    _export_pdf(opened, qtbot, monkeypatch, out)
    qtbot.waitUntil(lambda: not opened.runner.running and out.exists(), timeout=60_000)
    first = _first_page(out)
    assert "INTEGRITY CHECK FAILED" in first and "FINAL" not in first
    assert "marked INTEGRITY CHECK FAILED" in opened.statusBar().currentMessage()
