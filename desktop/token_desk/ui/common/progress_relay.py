"""Carries a worker's progress reports to the GUI thread, and drops them once the receiver is gone."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


class ProgressRelay(QObject):
    """Lives on the GUI thread; the worker only emits its signal (delivered queued)."""

    progressed = Signal(int, int)
    noted = Signal(str)  # a sentence about the work in progress, e.g. "checking…"

    def report(self, done: int, total: int) -> None:
        try:
            self.progressed.emit(done, total)
        except RuntimeError:
            log.debug("progress dropped: the dialog is gone")

    def note(self, text: str) -> None:
        try:
            self.noted.emit(text)
        except RuntimeError:
            log.debug("note dropped: the dialog is gone")
