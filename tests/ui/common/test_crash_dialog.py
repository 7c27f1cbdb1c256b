"""Unexpected exceptions are logged in full and shown in a dialog, not lost in a terminal."""

from __future__ import annotations

import logging

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from token_desk.ui.common.crash_dialog import CRASH_TITLE, report_unexpected


def test_unexpected_error_is_logged_and_shown_with_details(qtbot, caplog) -> None:
    shown = []

    def close_dialog() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, close_dialog)
            return
        shown.append((box.windowTitle(), box.detailedText()))
        box.accept()

    try:
        raise RuntimeError("wires crossed")
    except RuntimeError as error:
        QTimer.singleShot(0, close_dialog)
        with caplog.at_level(logging.CRITICAL, logger="token_desk.crash"):
            report_unexpected(RuntimeError, error, error.__traceback__)
    assert shown and shown[0][0] == CRASH_TITLE and "wires crossed" in shown[0][1]
    assert "wires crossed" in caplog.text
