"""The red, destructive "Revoke" button: its colours and its trash icon tinted to match."""

from __future__ import annotations

from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QPushButton

from token_desk.ui.common.icons import icon
from token_desk.ui.common.palette import LIGHT, Colours, style_live


def revoke_button_style(c: Colours) -> str:
    return (
        f"QPushButton#revokeButton {{ background: {c.danger}; color: {c.danger_text}; border: none;"
        f" border-radius: 4px; padding: 6px 16px; }}"
        f" QPushButton#revokeButton:hover {{ background: {c.danger_hover}; }}"
        f" QPushButton#revokeButton:focus {{ border: 2px solid {c.danger_focus}; }}"
        f" QPushButton#revokeButton:disabled {{ background: {c.danger_disabled}; color: {c.danger_disabled_text}; }}"
    )


DISABLED_ICON = "#8f8d94"


def destructive_button(text: str) -> QPushButton:
    """Disabled until the caller enables it, and never auto-default: focus on it must not make Enter revoke."""
    button = QPushButton(destructive_icon(), text)
    button.setObjectName("revokeButton")
    button.setAccessibleName(text)
    style_live(button, revoke_button_style)
    button.setAutoDefault(False)
    button.setEnabled(False)
    return button


def destructive_icon() -> QIcon:
    """The trash icon in white for the red button, and grey when the button is disabled."""
    result = QIcon()
    # The disabled grey reads on both schemes' disabled backgrounds (checked in the palette tests).
    result.addPixmap(_tinted(icon("revoke"), QColor(LIGHT.danger_text)), QIcon.Mode.Normal)
    result.addPixmap(_tinted(icon("revoke"), QColor(DISABLED_ICON)), QIcon.Mode.Disabled)
    return result


def _tinted(source: QIcon, colour: QColor, size: int = 18) -> QPixmap:
    pixmap = source.pixmap(size, size)
    painter = QPainter(pixmap)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
    painter.fillRect(pixmap.rect(), colour)
    painter.end()
    return pixmap
