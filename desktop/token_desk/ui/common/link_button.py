"""A button that looks like a link: labels never render rich text (so no <a href>), yet a place to click must
look clickable: the scheme's link colour, underlined, with a pointing hand and a focus frame for the keyboard.
And what a link does: open its address in the person's browser."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

from token_desk.ui.common.palette import Colours, style_live

OBJECT_NAME = "linkButton"


def _link_style(c: Colours) -> str:
    return (f"QPushButton#{OBJECT_NAME} {{ color: {c.link}; border: 1px solid transparent; background: transparent;"
            " text-decoration: underline; padding: 2px; }"
            f" QPushButton#{OBJECT_NAME}:focus {{ outline: none; border: 1px dotted {c.link}; }}")


def link_button(text: str = "", parent: QWidget | None = None) -> QPushButton:
    button = QPushButton(text, parent)
    button.setObjectName(OBJECT_NAME)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    button.setFlat(True)
    style_live(button, _link_style)
    return button


def open_in_browser(url: str) -> None:
    """Open `url` in the system's browser. QUrl and QDesktopServices are imported at the first click: making
    their Python classes (QUrl's five enums) cost the first paint ~1 ms, and no link is clicked before it."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    QDesktopServices.openUrl(QUrl(url))
