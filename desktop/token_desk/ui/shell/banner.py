"""The message strip above the tables: what went wrong, in one sentence, and the one thing to do next."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from token_desk.ui.common.icons import icon
from token_desk.ui.common.palette import Colours, style_live
from token_desk.ui.common.plain_text import plain_label

ICON_SIZE = 20


def banner_style(c: Colours) -> str:
    return (f"QFrame#banner {{ background: {c.banner_background}; border: 1px solid {c.banner_border};"
            f" border-radius: 6px; }} QFrame#banner QLabel {{ color: {c.banner_text}; background: transparent; }}")


ACTION_TEXTS = {"retry": "Retry", "sign-in": "Sign in…", "restart-demo": "Restart Demo"}


class Banner(QFrame):
    """Hidden until `show_error`; `action_clicked` says which button ("retry" or "sign-in") was pressed."""

    action_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        style_live(self, banner_style)
        self.setAccessibleName("Problem")
        self.icon_label = QLabel()  # its picture drawn when first shown: most sessions never show a problem
        # Error sentences may quote server text: never let it render as markup.
        self.message_label = plain_label(wrap=True, selectable=True)
        self.button = QPushButton()
        self.button.clicked.connect(lambda: self.action_clicked.emit(self._action))
        self._action = "retry"
        self._lay_out()
        self.hide()

    def _lay_out(self) -> None:
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        layout.setSpacing(10)
        layout.addWidget(self.icon_label, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.message_label, 1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)

    def show_error(self, message: str, action: str = "retry") -> None:
        """Show `message`; the button offers "Retry" or, for a signed-out session, "Sign in…"."""
        self._action = action
        if self.icon_label.pixmap().isNull():
            self.icon_label.setPixmap(icon("warning").pixmap(ICON_SIZE, ICON_SIZE))
        self.button.setText(ACTION_TEXTS.get(action, "Retry"))
        self.message_label.setText(message)
        self.show()

    @property
    def message(self) -> str:
        return "" if self.isHidden() else self.message_label.text()
