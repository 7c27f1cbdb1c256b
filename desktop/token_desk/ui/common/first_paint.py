"""Runs something once a window has been drawn for the first time (app.create_window: the first loads)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

# A window shown but not drawn by then (minimised, on another workspace) does not hold the callback longer.
FIRST_PAINT_WAIT_MS = 500


def after_first_paint(window: QWidget, callback: Callable[[], None]) -> None:
    """Call `callback` once, when the first paint pass of `window` is over; at once (when the event loop
    next runs) if the window is not shown by then, so a window that is never shown still gets it; and if the
    window goes away first, then."""
    pending = [callback]

    def run_once() -> None:
        if pending:
            pending.pop()()

    window.destroyed.connect(run_once)  # a plain function: it outlives the window
    _FirstPaint(window, run_once)


class _FirstPaint(QObject):
    def __init__(self, window: QWidget, run_once: Callable[[], None]) -> None:
        super().__init__(window)
        self._window = window
        self._run_once = run_once
        window.installEventFilter(self)
        QTimer.singleShot(0, self, self._unless_shown)
        QTimer.singleShot(FIRST_PAINT_WAIT_MS, self, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        if event.type() == QEvent.Type.Paint:
            self._window.removeEventFilter(self)
            QTimer.singleShot(0, self, self._run)  # after the whole pass: the children paint after the window
        return False

    def _unless_shown(self) -> None:
        if not self._window.isVisible():
            self._run()

    def _run(self) -> None:
        self._window.removeEventFilter(self)
        self._run_once()
