"""An action's short text: what its toolbar button still says once a narrow window makes the toolbar drop
button texts. Most buttons have none and show their icon alone; one whose text carries information a person
needs (Needs attention's count) keeps that part beside its icon, e.g. "7" for "Needs attention (7)"."""

from __future__ import annotations

from PySide6.QtGui import QAction

PROPERTY = "shortText"  # a dynamic property of the QAction


def set_short_text(action: QAction, text: str) -> None:
    """Set before the action's text: changing the text tells the toolbar (ActionChanged) to show both anew."""
    action.setProperty(PROPERTY, text)


def short_text(action: QAction | None) -> str:
    value = action.property(PROPERTY) if action is not None else None
    return value if isinstance(value, str) else ""
