"""The one helper that runs work off the GUI thread and hands the outcome back on it.

Network calls must never block the event loop, and widgets must only be touched
on the GUI thread. `run_in_background` runs a callable on Qt's global thread pool
and calls `on_result` or `on_error` on the thread that owns `context` (the GUI
thread for any widget). If `context` is destroyed first, the outcome is dropped,
so a closed dialog never receives a late answer.
"""

from __future__ import annotations

import logging
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

ResultCallback = Callable[[Any], None]
ErrorCallback = Callable[[BaseException], None]


class Task(QObject):
    """Lives on the context's thread; its signals carry the outcome back there."""

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, context: QObject, on_result: ResultCallback, on_error: ErrorCallback) -> None:
        super().__init__()
        self.moveToThread(context.thread())
        # Parenting ties the task's lifetime to the context: destroying the
        # context destroys the task, and Qt drops deliveries queued for it.
        self.setParent(context)
        self._on_result = on_result
        self._on_error = on_error
        self.done = False
        # Slots of this object run on its thread, whatever thread emits.
        self.succeeded.connect(self._deliver_result)
        self.failed.connect(self._deliver_error)

    @Slot(object)
    def _deliver_result(self, result: object) -> None:
        self._finish()
        self._on_result(result)

    @Slot(object)
    def _deliver_error(self, error: object) -> None:
        self._finish()
        self._on_error(error)

    def _finish(self) -> None:
        self.done = True
        self.deleteLater()


class _Runner(QRunnable):
    def __init__(self, fn: Callable[..., Any], args: tuple, task: Task) -> None:
        super().__init__()
        self._fn = fn
        self._args = args
        self._task = task
        # Emitting through a signal (queued across threads) is the only thing
        # the worker does with Qt objects.
        self._succeeded = task.succeeded
        self._failed = task.failed

    def run(self) -> None:  # Qt override, runs on a pool thread
        try:
            result = self._fn(*self._args)
        except BaseException as exc:  # noqa: BLE001 - every failure is delivered, never lost
            self._emit(self._failed, exc)
        else:
            self._emit(self._succeeded, result)

    @staticmethod
    def _emit(signal, value: object) -> None:
        try:
            signal.emit(value)
        except RuntimeError:
            # The context (and so the task) was destroyed while we ran: nobody is waiting.
            log.debug("background result dropped: receiver is gone")


def run_in_background(
    fn: Callable[..., Any],
    *args: Any,
    on_result: ResultCallback,
    on_error: ErrorCallback,
    context: QObject,
) -> Task:
    """Run `fn(*args)` on a worker thread; deliver the outcome on `context`'s thread."""
    task = Task(context, on_result, on_error)
    QThreadPool.globalInstance().start(_Runner(fn, args, task))
    return task
