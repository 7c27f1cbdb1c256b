"""The main toolbar: refresh and revoke, the search box, the inactive toggle and the demo marker."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QSizePolicy, QToolBar, QToolButton, QWidget

from token_desk.api.models import TokenKind

from token_desk.ui.shell.actions import TokenActions
from token_desk.ui.common.icons import icon
from token_desk.ui.common.palette import Colours, style_live

SEARCH_PLACEHOLDER = "Search by description or ID"


def demo_marker_style(c: Colours) -> str:
    return (f"QLabel#demoMarker {{ background: {c.demo_background}; color: {c.demo_text};"
            f" border: 1px solid {c.demo_border}; border-radius: 10px; padding: 2px 10px; font-weight: 600; }}")


class SearchBox(QLineEdit):
    """Esc clears the search (and a second Esc goes back to the table)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(SEARCH_PLACEHOLDER)
        self.setClearButtonEnabled(True)
        self.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.setMinimumWidth(280)
        self.setMaximumWidth(420)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt override
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            event.accept()
            return
        super().keyPressEvent(event)


def _spacer() -> QWidget:
    spacer = QWidget()
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    return spacer


def _gap(width: int) -> QWidget:
    gap = QWidget()
    gap.setFixedWidth(width)
    return gap


class MainToolBar(QToolBar):
    def __init__(self, actions: TokenActions, parent: QWidget | None = None) -> None:
        super().__init__("Main toolbar", parent)
        self.setObjectName("mainToolBar")  # saveState needs a name
        self.setMovable(False)
        self.setIconSize(QSize(18, 18))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.search_box = SearchBox(self)
        self.inactive_box = QCheckBox(actions.show_inactive.text(), self)
        self.inactive_box.setToolTip(actions.show_inactive.toolTip())
        self.demo_marker = QLabel("Demo data", self)
        self.demo_marker.setObjectName("demoMarker")
        style_live(self.demo_marker, demo_marker_style)
        self.demo_marker.setToolTip("Sample tokens from a built-in server on this computer; nothing here is real")
        self._actions = actions
        self.new_button = QToolButton(self)  # New Management Token… or New Database Token…, by page
        self.new_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.set_page(TokenKind.MANAGEMENT)
        self._fill(actions)
        self._bind_inactive(actions)

    def _fill(self, actions: TokenActions) -> None:
        self.addWidget(self.new_button)
        self.addAction(actions.refresh)
        self.addAction(actions.revoke)
        self.addSeparator()
        self.addWidget(_gap(4))
        self.addWidget(self.search_box)
        self.addWidget(_gap(12))
        self.addWidget(self.inactive_box)
        self.addWidget(_spacer())
        self._demo_action = self.addWidget(self.demo_marker)
        self._demo_action.setVisible(False)

    def _bind_inactive(self, actions: TokenActions) -> None:
        # The checkbox is the action's face in the toolbar: each follows the other.
        self.inactive_box.toggled.connect(actions.show_inactive.setChecked)
        actions.show_inactive.toggled.connect(self.inactive_box.setChecked)

    def set_page(self, kind: TokenKind) -> None:
        # A tool button with more than one action draws a menu arrow: keep only the page's.
        for action in self.new_button.actions():
            self.new_button.removeAction(action)
        self.new_button.setDefaultAction(self._actions.new_token[kind])

    def set_demo(self, is_demo: bool) -> None:
        self._demo_action.setVisible(is_demo)

    @property
    def demo_marker_visible(self) -> bool:
        return self._demo_action.isVisible()
