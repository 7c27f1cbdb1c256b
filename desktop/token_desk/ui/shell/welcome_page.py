"""What the window shows when it is not connected: three ways to get started, not an empty table."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from token_desk.ui.common.icons import icon
from token_desk.ui.common.palette import style_live
from token_desk.ui.common.plain_text import plain_label

HEADLINE = "Welcome to Token Desk"
BODY = (
    "See, audit, create, rotate and revoke the management and database tokens of your InfluxDB 3 Cloud "
    "Dedicated account. "
    "Add a connection once: the management token is kept in your system keyring, never in a file."
)
ADD_TEXT = "Add Connection…"
IMPORT_TEXT = "Import from influxctl…"
DEMO_TEXT = "Try the Demo"
CARD_WIDTH = 560
CHOICES = (
    (ADD_TEXT, "connection", "Enter the API URL, account ID, cluster ID and a management token."),
    (IMPORT_TEXT, "copy", "Use the profiles already in influxctl's config.toml."),
    (DEMO_TEXT, "demo", "Look around with sample tokens from a built-in server; nothing here is real."),
)


def styled_label(text: str, style: str = "", wrap: bool = True) -> QLabel:
    label = plain_label(text, wrap=wrap)
    label.setStyleSheet(style)
    return label


class WelcomePage(QWidget):
    """Emits what the person chose; the connections controller acts on it.

    Its contents are made when it is first shown (or first looked at): a start that opens a connection at
    once never shows it, and its style sheets are the first of the window (Qt's style sheet engine)."""

    add_requested = Signal()
    import_requested = Signal()
    demo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._buttons: dict[str, QPushButton] = {}
        self._headline: QLabel | None = None
        self.body: QLabel | None = None

    @property
    def buttons(self) -> dict[str, QPushButton]:
        self._make_contents()
        return self._buttons

    @property
    def headline(self) -> QLabel:
        self._make_contents()
        return self._headline

    def showEvent(self, event: QShowEvent) -> None:  # Qt override
        self._make_contents()
        super().showEvent(event)

    def _make_contents(self) -> None:
        if self._headline is not None:
            return
        self._headline = styled_label(HEADLINE, "font-size: 22px; font-weight: 600;")
        self.body = styled_label(BODY)
        signals = (self.add_requested, self.import_requested, self.demo_requested)
        column = QVBoxLayout()
        column.setSpacing(14)
        for (text, icon_name, hint), signal in zip(CHOICES, signals):
            column.addWidget(self._choice(text, icon_name, hint, signal))
        self._lay_out(column)

    def _choice(self, text: str, icon_name: str, hint: str, signal: Signal) -> QWidget:
        button = QPushButton(icon(icon_name), text)
        button.setIconSize(QSize(20, 20))
        button.setMinimumHeight(36)
        button.setMinimumWidth(240)
        button.setStyleSheet("text-align: left; padding-left: 12px;")
        button.clicked.connect(signal)
        self._buttons[text] = button
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(4)
        box.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        # One line each: a wrapped hint's height-for-width made the layout squeeze it into its button.
        hint_label = styled_label(hint, wrap=False)
        style_live(hint_label, lambda c: f"color: {c.secondary_text}; padding-left: 2px;")
        box.addWidget(hint_label)
        return holder

    def _lay_out(self, choices: QVBoxLayout) -> None:
        card = QFrame(self)
        # A fixed width lets the wrapped labels know their height (no overlap with the buttons).
        card.setFixedWidth(CARD_WIDTH)
        inner = QVBoxLayout(card)
        inner.addWidget(self._headline)
        inner.addSpacing(6)
        inner.addWidget(self.body)
        inner.addSpacing(18)
        inner.addLayout(choices)
        # Between the stretches the card got only its minimum, which Qt works out short of the wrapped
        # body's lines: the hints were drawn over the bottoms of their buttons. Its real need at its width:
        card.setMinimumHeight(inner.totalHeightForWidth(CARD_WIDTH))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 48, 48, 48)
        outer.addStretch(1)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        card.setVisible(self.isVisible())  # made in showEvent, after Qt showed the children it had
