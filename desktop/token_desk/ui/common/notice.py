"""A short, non-modal notice near what it is about ("Revoked “Jane's laptop”"), gone after a few seconds.

It never takes the keyboard: it is read out to screen readers as an announcement instead. It takes its own
room under the area it is about (the table ends above it) and never floats over it: floating, it hid the
rows at a short window's foot (the expiry notice covered two at 800×500). Placed below, it moves no row
under the pointer either: the table keeps its top, only its foot comes and goes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QToolButton, QWidget

from token_desk.ui.common.palette import Colours, style_live
from token_desk.ui.common.plain_text import plain_label

SHOWN_MS = 6000
MIN_WIDTH = 320


def _style(problem: bool):
    def style(c: Colours) -> str:
        background, border, text = ((c.banner_background, c.banner_border, c.banner_text) if problem
                                    else (c.notice_background, c.notice_border, c.notice_text))
        return (f"QFrame#notice {{ background: {background}; border: 1px solid {border}; border-radius: 6px; }}"
                f" QFrame#notice QLabel, QFrame#notice QToolButton {{ color: {text}; background: transparent;"
                " border: none; } QToolButton#noticeAction { text-decoration: underline; font-weight: 600; }")
    return style


class Notice(QFrame):
    """Hidden until `show_notice`; the × closes it early."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notice")
        self.setAccessibleName("Notice")
        self.label = plain_label(wrap=True)  # it quotes token descriptions
        self.close_button = QToolButton()
        self.close_button.setText("×")
        self.close_button.setToolTip("Dismiss")
        self.close_button.setAccessibleName("Dismiss notice")
        self.close_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # it must never steal the table's focus
        self.close_button.clicked.connect(self.hide)
        # An optional link after the text ("Show them"): a click does it and closes the notice.
        self.action_button = QToolButton()
        self.action_button.setObjectName("noticeAction")
        self.action_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.action_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.action_button.clicked.connect(self._act)
        self.action_button.hide()
        self._on_action: Callable[[], None] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 4, 4, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.action_button)
        layout.addWidget(self.close_button)
        style_live(self, _style(False))
        self.hide()

    def sizeHint(self) -> QSize:  # Qt override
        """As wide as its text on one line (a wrapped label's own hint wraps it early); a layout that has less
        room gives it less, and the text wraps."""
        margins = self.layout().contentsMargins()
        link = 0
        if self.action_button.isVisibleTo(self):
            self.action_button.ensurePolished()  # its style sheet makes it bold: measured as drawn
            link = self.action_button.sizeHint().width() + self.layout().spacing()
        natural = (self.label.fontMetrics().horizontalAdvance(self.label.text()) + self.close_button.sizeHint().width()
                   + link + margins.left() + margins.right() + 2 * self.layout().spacing() + 2 * self.frameWidth())
        width = max(natural, MIN_WIDTH)
        return QSize(width, self.heightForWidth(width) if self.hasHeightForWidth() else super().sizeHint().height())

    @property
    def text(self) -> str:
        return "" if self.isHidden() else self.label.text()

    def show_notice(self, text: str, *, problem: bool = False, spoken: str = "",
                    duration_ms: int = SHOWN_MS, action: tuple[str, Callable[[], None]] | None = None) -> None:
        """Show `text` for a while; `spoken` (default: the text) is what a screen reader announces;
        `action` (link text, what it does) adds a link after the text."""
        style_live(self, _style(problem))
        self.label.setText(text)
        self._on_action = action[1] if action else None
        self.action_button.setText(action[0] if action else "")
        self.action_button.setAccessibleName(action[0] if action else "")
        self.action_button.setVisible(action is not None)
        self.updateGeometry()  # a new text, a new width
        self.show()
        if self.parentWidget() is not None and self.parentWidget().layout() is not None:
            self.parentWidget().layout().activate()  # its room now, so a caller can scroll a row clear of it
        self._timer.start(duration_ms)
        announce(self, spoken or text)


    def _act(self) -> None:
        on_action = self._on_action
        self.hide()
        if on_action is not None:
            on_action()


def announce(widget: QWidget, message: str) -> None:
    """Have screen readers say `message` now (politely: after what they are saying)."""
    # Imported here: making QAccessible's Python class (its eight enums) cost the first paint ~3 ms.
    from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

    if message and QAccessible.isActive():
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(widget, message))
