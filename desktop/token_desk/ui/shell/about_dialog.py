"""Help → About: what is running (version, Qt, PySide6) and which API it talks to, for bug reports."""

from __future__ import annotations

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget,
)

import token_desk
from token_desk.ui.common import icons
from token_desk.ui.common.dialog_buttons import button_box
from token_desk.ui.common.plain_text import plain_label

APP_NAME = "Token Desk"
SUMMARY = ("See, audit, create, rotate and revoke the management and database tokens of InfluxDB 3 Cloud Dedicated, across the clusters of your account.")
LICENSE = "MIT"
NOT_CONNECTED = "Not connected"
ICON_SIZE = 64
MINIMUM_WIDTH = 440  # room for a typical cluster URL on one line


class AboutDialog(QDialog):
    """A plain, link-free summary of the app and the connection in use."""

    def __init__(self, parent: QWidget | None, base_url: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"About {APP_NAME}")
        self.setMinimumWidth(MINIMUM_WIDTH)
        self._facts: tuple[tuple[str, str], ...] = (
            ("Version", token_desk.__version__),
            ("License", LICENSE),
            ("API base URL", base_url or NOT_CONNECTED),
            ("Qt", qVersion()),
            ("PySide6", PySide6.__version__),
        )
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addLayout(self._header())
        layout.addLayout(self._facts_form())
        layout.addWidget(self._buttons())

    @classmethod
    def show_for(cls, parent: QWidget | None, base_url: str) -> None:
        """Show the dialog modally; it has no result."""
        cls(parent, base_url).exec()

    def details_text(self) -> str:
        """Everything the dialog shows, as plain text lines (what "Copy Details" puts on the clipboard)."""
        lines = [f"{APP_NAME} {token_desk.__version__}"]
        lines += [f"{name}: {value}" for name, value in self._facts]
        return "\n".join(lines)

    def _header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(16)
        icon_label = QLabel(self)
        icon_label.setPixmap(icons.app_icon().pixmap(ICON_SIZE, ICON_SIZE))
        row.addWidget(icon_label, 0, Qt.AlignmentFlag.AlignTop)
        text = QVBoxLayout()
        title = plain_label(APP_NAME, self, selectable=True)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        text.addWidget(title)
        summary = plain_label(SUMMARY, self, selectable=True)
        summary.setWordWrap(True)
        text.addWidget(summary)
        row.addLayout(text, 1)
        return row

    def _facts_form(self) -> QFormLayout:
        form = QFormLayout()
        for name, value in self._facts:
            form.addRow(plain_label(f"{name}:", self, selectable=True), plain_label(value, self, selectable=True))
        return form

    def _buttons(self) -> QDialogButtonBox:
        buttons = button_box(QDialogButtonBox.StandardButton.Close, self)
        copy = buttons.addButton("Copy Details", QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self._copy_details)
        buttons.rejected.connect(self.reject)
        return buttons

    def _copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details_text())
