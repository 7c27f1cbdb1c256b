"""What the table area says when it has no rows to show: why, and the one thing to do about it.

Drawn inside the table's viewport (headers stay, so the columns are still there to sort) and never in the
way of the context menu: only its own buttons take clicks.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QToolButton, QVBoxLayout, QWidget

from token_desk.models.row_order import Counts
from token_desk.ui.common.link_button import link_button
from token_desk.ui.common.plain_text import plain_label

TOP_MARGIN = 36


def no_match_text(search: str) -> str:
    return f"No tokens match \u201c{search}\u201d"


def show_inactive_text(count: int) -> str:
    return f"Show inactive tokens ({count} match{'' if count == 1 else 'es'})"


class EmptyState(QWidget):
    """`update_for(counts, search, loaded)` decides what to say; `show_inactive_requested` for the link."""

    show_inactive_requested = Signal()

    def __init__(self, view: QAbstractItemView, nothing_yet: str) -> None:
        super().__init__(view.viewport())
        self._view = view
        self._nothing_yet = nothing_yet
        self.setAccessibleName("Empty list")
        self.headline = plain_label()
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.headline.setFont(font)
        self.headline.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.link = link_button()
        self.link.clicked.connect(self.show_inactive_requested)
        self.create_button = QToolButton()
        self.create_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.create_button.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, TOP_MARGIN, 12, 12)
        layout.setSpacing(10)
        layout.addWidget(self.headline, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.link, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.create_button, 0, Qt.AlignmentFlag.AlignHCenter)
        view.viewport().installEventFilter(self)
        self.hide()

    def set_create_action(self, action: QAction) -> None:
        """The command that makes the first token ("New Management Token…"), offered when there is none."""
        self.create_button.setDefaultAction(action)

    @property
    def text(self) -> str:
        return "" if self.isHidden() else self.headline.text()

    def update_for(self, counts: Counts, search: str, loaded: bool, attention_only: bool = False) -> None:
        if not loaded or counts.shown:
            self.hide()
            return
        link = counts.inactive_hidden
        if attention_only and counts.total:
            headline = (f"No tokens that need attention match \u201c{search}\u201d" if search
                        else "Nothing on this page needs attention")
        elif search:
            headline = no_match_text(search)
        elif counts.total == 0:
            headline = self._nothing_yet
        else:
            headline = "No active tokens"
        self.headline.setText(headline)
        self.link.setText(show_inactive_text(link) if search else f"Show inactive tokens ({link})")
        self.link.setAccessibleName(self.link.text())
        self.link.setVisible(link > 0)
        offer_create = counts.total == 0 and not search and self.create_button.defaultAction() is not None
        self.create_button.setVisible(offer_create)
        self._place()
        self.show()
        self.raise_()

    def _place(self) -> None:
        viewport = self._view.viewport().rect()
        self.adjustSize()
        width = min(max(self.sizeHint().width(), 320), viewport.width())
        self.setGeometry((viewport.width() - width) // 2, 0, width, self.sizeHint().height())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        if event.type() == QEvent.Type.Resize and not self.isHidden():
            self._place()
        return False
