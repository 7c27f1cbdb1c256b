"""The one message box: every question and notice the app shows in a QMessageBox is made here.

A QMessageBox guesses rich text (Qt::AutoText) for its text, and its informative text is a second label that
does not follow setTextFormat at all. A token description, profile name or server message such as
`<a href="…">…</a>` would be rendered as markup. Here both are plain text, always.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

__all__ = ["Icon", "ask", "message_box", "tell", "withdraw_questions"]

Icon = QMessageBox.Icon
INFORMATIVE_LABEL = "qt_msgbox_informativelabel"  # the object name Qt gives the informative text's label


def message_box(parent: QWidget | None, icon: Icon, title: str, text: str, *, informative: str = "",
                details: str = "") -> QMessageBox:
    """A QMessageBox without buttons yet, all of whose texts are shown literally."""
    box = QMessageBox(icon, title, "", QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    if informative:
        box.setInformativeText(informative)
        box.findChild(QLabel, INFORMATIVE_LABEL).setTextFormat(Qt.TextFormat.PlainText)
    if details:
        box.setDetailedText(details)  # a QTextEdit given plain text by Qt itself; folded away by default
    return box


def ask(parent: QWidget | None, title: str, text: str, go: str, back: str, *, icon: Icon = Icon.Question,
        destructive: bool = False, informative: str = "") -> bool:
    """A question with two named answers; True if the person chose `go`. `back`, the safe answer, is the
    default, so Enter, Esc and closing the box all pick it."""
    box = message_box(parent, icon, title, text, informative=informative)
    chosen = box.addButton(go, QMessageBox.ButtonRole.DestructiveRole if destructive
                           else QMessageBox.ButtonRole.AcceptRole)
    safe = box.addButton(back, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(safe)
    box.setEscapeButton(safe)
    box.exec()
    return box.clickedButton() is chosen


def tell(parent: QWidget | None, title: str, text: str, *, icon: Icon = Icon.Warning,
         informative: str = "", details: str = "") -> None:
    """A notice the person acknowledges with OK."""
    box = message_box(parent, icon, title, text, informative=informative, details=details)
    box.addButton(QMessageBox.StandardButton.Ok)
    box.exec()


def withdraw_questions(parent: QWidget) -> None:
    """Take back every box still asking over `parent` as if the safe answer was chosen (events made the
    question moot); each `ask()` waiting on one returns False."""
    for box in parent.findChildren(QMessageBox):
        if box.isVisible():
            box.reject()
