"""Dialog button rows without the style's stock icons.

On Linux, QDialogButtonBox gives its standard buttons (Close, Cancel, Save, OK) theme icons while the
buttons we name ourselves ("Connect", "Copy Details", "Revoke Token") have none or our own; side by
side that looked unfinished. Text-only buttons, as GNOME and macOS dialogs have, keep every row alike.
"""

from __future__ import annotations

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QDialogButtonBox, QWidget

StandardButton = QDialogButtonBox.StandardButton


def button_box(buttons: StandardButton, parent: QWidget | None = None) -> QDialogButtonBox:
    """A QDialogButtonBox whose standard buttons show text only; call `drop_icons` after adding more."""
    box = QDialogButtonBox(buttons, parent)
    drop_icons(box)
    return box


def drop_icons(box: QDialogButtonBox) -> QDialogButtonBox:
    for button in box.buttons():
        button.setIcon(QIcon())
    return box
