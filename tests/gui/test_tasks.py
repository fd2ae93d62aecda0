"""The background task runner: results, errors and progress arrive on the GUI thread."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread

from desktop_app.errors import InputError
from desktop_app.gui.tasks import TaskRunner


def test_result_and_progress_are_delivered_on_the_gui_thread(qtbot) -> None:
    runner = TaskRunner()
    seen: dict[str, object] = {}
    progress: list[tuple[int, int, str]] = []
    gui = QThread.currentThread()

    def payload(report, cancelled):
        seen["worker"] = threading.current_thread().name
        report(1, 2, "half")
        return 42

    def on_result(value):
        seen["result"] = value
        seen["on_gui"] = QThread.currentThread() is gui

    # The worker may finish before any signal could be waited for, so wait on what it delivers.
    runner.run("answer", payload, on_result=on_result, on_progress=lambda *a: progress.append(a))
    qtbot.waitUntil(lambda: "result" in seen and bool(progress), timeout=5_000)
    assert seen["result"] == 42 and seen["on_gui"]
    assert seen["worker"] != threading.main_thread().name
    assert progress == [(1, 2, "half")]
    qtbot.waitUntil(lambda: not runner.running)


def test_user_errors_arrive_as_messages(qtbot) -> None:
    runner = TaskRunner()
    errors: list[str] = []

    def payload(report, cancelled):
        raise InputError("that file is empty; choose another")

    runner.run("failing", payload, on_error=errors.append)
    qtbot.waitUntil(lambda: errors == ["that file is empty; choose another"])


def test_unexpected_errors_are_reported_not_lost(qtbot) -> None:
    runner = TaskRunner()
    errors: list[str] = []
    runner.run("buggy", lambda report, cancelled: 1 / 0, on_error=errors.append)
    qtbot.waitUntil(lambda: len(errors) == 1)
    assert "buggy failed unexpectedly" in errors[0]
