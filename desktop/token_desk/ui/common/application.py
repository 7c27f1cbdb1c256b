"""The QApplication every run shares: the GUI, the self-test and the screenshot tool."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from token_desk.ui.common.icons import app_icon

APP_NAME = "Token Desk"
DESKTOP_FILE_NAME = "token-desk"  # matches resources/linux/token-desk.desktop


def create_application() -> QApplication:
    """The running QApplication (made once), named and with the app icon."""
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "token-desk"])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName(DESKTOP_FILE_NAME)
    app.setWindowIcon(app_icon())
    return app
