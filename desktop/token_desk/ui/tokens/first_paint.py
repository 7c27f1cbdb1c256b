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
        model = self._view.model()
        if event.type() == QEvent.Type.Paint and model is not None and model.rowCount() > 0:
            watched.removeEventFilter(self)
            rows = model.rowCount()
            # After this paint event has been handled, so the line marks a finished paint.
            QTimer.singleShot(0, lambda: logger.debug(FIRST_PAINT_MESSAGE, self._table, rows))
        return False
