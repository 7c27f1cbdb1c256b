"""A debug-log line when a token table first paints rows: where a slow start shows up in the
debug log (TOKEN_DESK_DEBUG=1), and the finish line benchmarks/launch_bench.py waits for."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QAbstractItemView

logger = logging.getLogger(__name__)
FIRST_PAINT_MESSAGE = "First paint of the %s table: %d rows"


class FirstPaintLog(QObject):
    """Watches `view`'s viewport until it paints with rows, logs once, then stops watching."""

    def __init__(self, view: QAbstractItemView, table: str) -> None:
        super().__init__(view)
        self._view, self._table = view, table
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        # Paint events only: the filter also sees the events of the viewport's destruction,
        # when the view is half gone and touching it would raise (and crash PySide6 6.11).
        if event.type() == QEvent.Type.Paint:
            self._painting(watched)
        return False

    def _painting(self, viewport: QObject) -> None:
        rows = self._view.model().rowCount() if self._view.model() is not None else 0
        if rows:
            viewport.removeEventFilter(self)
            # After this paint event has been handled, so the line marks a finished paint.
            QTimer.singleShot(0, lambda: logger.debug(FIRST_PAINT_MESSAGE, self._table, rows))
