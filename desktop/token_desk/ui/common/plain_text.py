"""Text that Qt must show literally: labels that never render HTML and tooltips that cannot.

A QLabel guesses rich text (Qt::mightBeRichText) unless told otherwise, and so does a tooltip:
a token description, profile name or server message such as "<b>bold</b> <img src=x>" would
be rendered, or fetch an image. Every label and tooltip that can carry such text comes from here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from token_desk.models.display import plain_tooltip  # the one escaper; the tables use it too

__all__ = ["SELECTABLE", "plain_label", "plain_tooltip"]

SELECTABLE = Qt.TextInteractionFlag.TextSelectableByMouse


def plain_label(text: str = "", parent: QWidget | None = None, *, wrap: bool = False,
                selectable: bool = False) -> QLabel:
    """A QLabel that can never interpret its text as HTML; optionally wrapped and selectable for copying."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setWordWrap(wrap)
    if selectable:
        label.setTextInteractionFlags(SELECTABLE)
    return label
