"""The red, destructive "Revoke" button: its colours and its trash icon tinted to match."""

from __future__ import annotations

from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QPushButton

from token_desk.ui.common.icons import icon

REVOKE_BUTTON_STYLE = (
    "QPushButton#revokeButton { background: #b3261e; color: white; border: none; border-radius: 4px;"
    " padding: 6px 16px; } QPushButton#revokeButton:hover { background: #8c1d18; }"
    " QPushButton#revokeButton:focus { border: 2px solid #410e0b; }"
    " QPushButton#revokeButton:disabled { background: #e4e2e7; color: #8f8d94; }"
)


def destructive_button(text: str) -> QPushButton:
    """Disabled until the caller enables it, and never auto-default: focus on it must not make Enter revoke."""
    button = QPushButton(destructive_icon(), text)
    button.setObjectName("revokeButton")
    button.setStyleSheet(REVOKE_BUTTON_STYLE)
    button.setAutoDefault(False)
    button.setEnabled(False)
    return button


def destructive_icon() -> QIcon:
    """The trash icon in white for the red button, and grey when the button is disabled."""
    result = QIcon()
    result.addPixmap(_tinted(icon("revoke"), QColor("white")), QIcon.Mode.Normal)
    result.addPixmap(_tinted(icon("revoke"), QColor("#8f8d94")), QIcon.Mode.Disabled)
    return result


def _tinted(source: QIcon, colour: QColor, size: int = 18) -> QPixmap:
    pixmap = source.pixmap(size, size)
    painter = QPainter(pixmap)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
    painter.fillRect(pixmap.rect(), colour)
    painter.end()
    return pixmap
