"""Unexpected exceptions: logged in full, and shown to people as a dialog instead of dying in a terminal."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QApplication

from token_desk.ui.common.message_box import Icon, tell

log = logging.getLogger("token_desk.crash")

CRASH_TITLE = "Token Desk ran into a problem"
CRASH_TEXT = ("Something unexpected went wrong. Your tokens were not changed by this error; "
              "you can keep working, or restart Token Desk if the window misbehaves.")

_showing: list[bool] = []


def report_unexpected(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    """sys.excepthook: log everything; show a dialog when a GUI is running (Ctrl+C still quits)."""
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, tb)
        return
    log.critical("Unexpected error", exc_info=(kind, error, tb))
    if QApplication.instance() is not None and not _showing:
        _show_dialog("".join(traceback.format_exception(kind, error, tb)))


def _show_dialog(details: str) -> None:
    _showing.append(True)
    try:
        # The details are for a bug report; folded away by default.
        tell(None, CRASH_TITLE, CRASH_TEXT, icon=Icon.Critical, details=details)
    finally:
        _showing.clear()


def install_excepthook() -> None:
    sys.excepthook = report_unexpected
