"""Background work: QRunnable tasks on a QThreadPool, reporting back through queued signals.

A task's payload is a plain function; it must not touch widgets or models. It receives a
`progress(done, total, message)` callable and a `should_cancel()` callable. Tasks that need
the database open their own `Workspace`, since one sqlite connection must stay in one thread.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

from desktop_app.errors import AuditorError

log = logging.getLogger(__name__)

ProgressFn = Callable[[int, int, str], None]
CancelFn = Callable[[], bool]
Payload = Callable[[ProgressFn, CancelFn], Any]


class TaskCancelled(Exception):
    """Raised by a payload that saw `should_cancel()` turn true."""


class TaskSignals(QObject):
    """Carries a task's outcome to the GUI thread.

    Signals:
        progress(done, total, message)
        result(object): the payload's return value
        error(str): a message fit for the user
        finished(): after result, error or cancellation
    """

    progress = Signal(int, int, str)
    result = Signal(object)
    error = Signal(str)
    finished = Signal()


class Task(QRunnable):
    """One background job; create through `TaskRunner.run`."""

    def __init__(self, name: str, payload: Payload) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.name = name
        self.signals = TaskSignals()
        self._payload = payload
        self._cancelled = False

    def cancel(self) -> None:
        self._cancelled = True

    def is_cancelled(self) -> bool:
        return self._cancelled

    def run(self) -> None:
        signals = self.signals
        try:
            value = self._payload(lambda done, total, message="": signals.progress.emit(
                int(done), int(total), str(message)), self.is_cancelled)
        except TaskCancelled:
            pass
        except AuditorError as error:
            signals.error.emit(error.user_text())
        except Exception as error:  # noqa: BLE001 - reported to the user instead of lost in a thread
            log.error("task %s failed:\n%s", self.name, traceback.format_exc())
            signals.error.emit(f"{self.name} failed unexpectedly: {error}")
        else:
            if not self._cancelled:
                signals.result.emit(value)
        signals.finished.emit()


class TaskRunner(QObject):
    """Starts tasks and keeps a reference to each until it finishes.

    Signals:
        busy_changed(bool): whether any task is running
    """

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._running: list[Task] = []

    def run(self, name: str, payload: Payload, *,
            on_result: Callable[[Any], None] | None = None,
            on_error: Callable[[str], None] | None = None,
            on_progress: Callable[[int, int, str], None] | None = None) -> Task:
        task = Task(name, payload)
        # The signal carrier is created here, on the GUI thread; queued connections
        # deliver the worker's emissions through this thread's event loop.
        queued = Qt.ConnectionType.QueuedConnection
        if on_result is not None:
            task.signals.result.connect(on_result, queued)
        if on_error is not None:
            task.signals.error.connect(on_error, queued)
        if on_progress is not None:
            task.signals.progress.connect(on_progress, queued)
        # A bound slot, not a lambda: Qt drops the connection if the runner (and its window)
        # is gone before a worker finishes.
        task.signals.finished.connect(self._on_task_finished, queued)
        self._running.append(task)
        if len(self._running) == 1:
            self.busy_changed.emit(True)
        self._pool.start(task)
        return task

    @property
    def running(self) -> tuple[Task, ...]:
        return tuple(self._running)

    def cancel_all(self) -> None:
        for task in self._running:
            task.cancel()

    def wait(self, msecs: int = -1) -> bool:
        return self._pool.waitForDone(msecs)

    @Slot()
    def _on_task_finished(self) -> None:
        sender = self.sender()
        self._running = [task for task in self._running if task.signals is not sender]
        if not self._running:
            self.busy_changed.emit(False)
