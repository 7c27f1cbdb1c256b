"""A question with two named answers, the safe one the default (Enter and Esc pick it)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def ask_choice(parent: QWidget | None, title: str, text: str, go_text: str, back_text: str, *,
               warning: bool = False) -> bool:
    """True if the person chose `go_text`."""
    box = QMessageBox(QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Question, title, text,
                      QMessageBox.StandardButton.NoButton, parent)
    go = box.addButton(go_text, QMessageBox.ButtonRole.AcceptRole)
    back = box.addButton(back_text, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(back)
    box.setEscapeButton(back)
    box.exec()
    return box.clickedButton() is go
