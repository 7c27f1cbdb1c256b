"""The QApplication every run shares: the GUI, the self-test and the screenshot tool."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from token_desk.ui.common.boundary_style import install_boundary_style
from token_desk.ui.common.icons import app_icon
from token_desk.ui.common.palette import SchemeFollower

APP_NAME = "Token Desk"
DESKTOP_FILE_NAME = "token-desk"  # matches resources/linux/token-desk.desktop


def create_application() -> QApplication:
    """The running QApplication (made once), named, with the app icon, in the system's light or dark scheme."""
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "token-desk"])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName(DESKTOP_FILE_NAME)
    app.setWindowIcon(app_icon())
    install_boundary_style(app)
    follow_system_scheme(app)
    return app


def follow_system_scheme(app: QApplication) -> SchemeFollower:
    """The application's one SchemeFollower (made on first call)."""
    return app.findChild(SchemeFollower) or SchemeFollower(app)
