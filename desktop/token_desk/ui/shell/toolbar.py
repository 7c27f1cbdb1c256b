"""The main toolbar: the connection switcher, New, refresh and revoke, the search box, the inactive toggle and the demo marker.

Nothing ever moves into a "»" overflow menu: as the window narrows, the search box shrinks first, then the
buttons drop their text (the icon, tooltip and accessible name stay); `required_width()` is the narrowest
the toolbar can be with everything visible, which the window takes as its minimum width.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QSizePolicy, QToolBar, QToolButton, QWidget

from token_desk.api.models import TokenKind

from token_desk.ui.common.icons import icon
from token_desk.ui.common.palette import Colours, style_live
from token_desk.ui.shell.command_list import new_token_key
from token_desk.ui.shell.command_registry import CommandActions

SEARCH_PLACEHOLDER = "Search by description or ID"
SEARCH_WIDTHS = (160, 320, 420)  # smallest, preferred, largest
TEXT_ROOM = 6  # what a button's text adds beyond its width in pixels: the gap after the icon


def demo_marker_style(c: Colours) -> str:
    return (f"QLabel#demoMarker {{ background: {c.demo_background}; color: {c.demo_text};"
            f" border: 1px solid {c.demo_border}; border-radius: 10px; padding: 2px 10px; font-weight: 600; }}")


class SearchBox(QLineEdit):
    """Esc clears the search (and a second Esc goes back to the table)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(SEARCH_PLACEHOLDER)
        self.setClearButtonEnabled(True)
        # Qt's clear button reads its action's text; that action is Qt's own, found by the name Qt gives it.
        self.findChild(QAction, "_q_qlineeditclearaction").setText("Clear search")
        self.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition).setText("Search")
        self.setAccessibleName("Search tokens")
        # It gives up width first when the window narrows, down to what the placeholder's start needs.
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(SEARCH_WIDTHS[0])
        self.setMaximumWidth(SEARCH_WIDTHS[2])

    def sizeHint(self) -> QSize:  # Qt override
        return QSize(SEARCH_WIDTHS[1], super().sizeHint().height())

    def event(self, event: QEvent) -> bool:  # Qt override
        # With text in the box, Esc belongs to the box: accepting the override keeps the window's own Esc
        # ("Cancel Loading", enabled while a list loads) from taking the key the person meant for the search.
        if event.type() == QEvent.Type.ShortcutOverride and self._esc_clears(event):
            event.accept()
            return True
        return super().event(event)

    def _esc_clears(self, event: QEvent) -> bool:
        return isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape and bool(self.text())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt override
        if self._esc_clears(event):
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
    """`required_width_changed(width)` when what must fit changes (a widget added, the demo badge shown)."""

    required_width_changed = Signal(int)

    def __init__(self, actions: CommandActions, switcher: QWidget, parent: QWidget | None = None) -> None:
        super().__init__("Main toolbar", parent)
        self.setObjectName("mainToolBar")  # saveState needs a name
        self.setMovable(False)
        self.setIconSize(QSize(18, 18))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.search_box = SearchBox(self)
        show_inactive = actions["show-inactive"]
        self.inactive_box = QCheckBox(show_inactive.text(), self)
        self.inactive_box.setToolTip(show_inactive.toolTip())
        self.inactive_box.setAccessibleName(show_inactive.text())
        self.demo_marker = QLabel("Demo data", self)
        self.demo_marker.setObjectName("demoMarker")
        style_live(self.demo_marker, demo_marker_style)
        self.demo_marker.setToolTip("Sample tokens from a built-in server on this computer; nothing here is real")
        self.demo_marker.setAccessibleName("Demo data: sample tokens, nothing here is real")
        self._actions = actions
        self.new_button = QToolButton(self)  # New Management Token… or New Database Token…, by page
        self.new_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.set_page(TokenKind.MANAGEMENT)
        self._fill(actions, switcher)
        self._bind_inactive(actions)

    def _fill(self, actions: CommandActions, switcher: QWidget) -> None:
        self.addWidget(switcher)  # the connection shown, and the way to another
        self.addSeparator()
        self.addWidget(self.new_button)
        for action in actions.where(lambda command: command.toolbar):
            self.addAction(action)
        self.addSeparator()
        self.addWidget(_gap(4))
        self.addWidget(self.search_box)
        self.addWidget(_gap(12))
        self.addWidget(self.inactive_box)
        for action in actions.where(lambda command: command.beside_search):
            self.addWidget(_gap(8))
            self.addAction(action)  # the toolbar's own button: it drops its text when narrow
        self.addWidget(_spacer())
        self._demo_action = self.addWidget(self.demo_marker)
        self._demo_action.setVisible(False)

    def _bind_inactive(self, actions: CommandActions) -> None:
        # The checkbox is the command's face in the toolbar: each follows the other, enabled state too.
        show_inactive = actions["show-inactive"]
        self.inactive_box.toggled.connect(show_inactive.setChecked)
        show_inactive.toggled.connect(self.inactive_box.setChecked)
        show_inactive.changed.connect(lambda: self.inactive_box.setEnabled(show_inactive.isEnabled()))

    def set_page(self, kind: TokenKind) -> None:
        # A tool button with more than one action draws a menu arrow: keep only the page's.
        for action in self.new_button.actions():
            self.new_button.removeAction(action)
        self.new_button.setDefaultAction(self._actions[new_token_key(kind)])

    def set_demo(self, is_demo: bool) -> None:
        self._demo_action.setVisible(is_demo)
        self._announce_required_width()

    # ---- fitting the width ----------------------------------------------------------------------------
    def _tool_buttons(self) -> list[QToolButton]:
        buttons = (self.widgetForAction(action) for action in self.actions())
        return [button for button in buttons if isinstance(button, QToolButton) and button.isVisibleTo(self)]

    def _text_widths(self) -> int:
        """What the tool buttons' texts add when shown beside their icons."""
        metrics = self.fontMetrics()
        return sum(metrics.horizontalAdvance(button.text()) + TEXT_ROOM for button in self._tool_buttons())

    def required_width(self, with_text: bool = False) -> int:
        """The narrowest width that shows every widget (search box at its smallest, buttons icon-only)."""
        spacing = self.layout().spacing() if self.layout() else 0
        margins = self.contentsMargins()
        total = margins.left() + margins.right() + 2 * spacing  # the layout's own ends
        for action in self.actions():
            if not action.isVisible():
                continue
            widget = self.widgetForAction(action)
            if widget is None:
                continue
            if isinstance(widget, QToolButton):
                width = widget.sizeHint().width()
                if widget.toolButtonStyle() != Qt.ToolButtonStyle.ToolButtonIconOnly:
                    width -= self.fontMetrics().horizontalAdvance(widget.text()) + TEXT_ROOM
            elif widget.sizePolicy().horizontalPolicy() == QSizePolicy.Policy.Expanding:
                width = widget.minimumWidth()
            else:
                width = max(widget.sizeHint().width(), widget.minimumWidth())
            total += width + spacing
        return total + (self._text_widths() if with_text else 0)

    def _announce_required_width(self) -> None:
        # Measured once shown (showEvent) and on each change after: while the window is built, every action
        # added, and every change of an action's state, would measure all the buttons again.
        if self.isVisible():
            self.required_width_changed.emit(self.required_width())

    def showEvent(self, event: QShowEvent) -> None:  # Qt override
        super().showEvent(event)
        self._announce_required_width()

    def actionEvent(self, event) -> None:  # Qt override: widgets and actions come and go
        super().actionEvent(event)
        if event.type() in (QEvent.Type.ActionAdded, QEvent.Type.ActionRemoved, QEvent.Type.ActionChanged):
            self._announce_required_width()

    def resizeEvent(self, event: QResizeEvent) -> None:  # Qt override
        # The search box shrinks first; once it is at its smallest the buttons drop their text.
        roomy = event.size().width() >= self.required_width(with_text=True)
        style = Qt.ToolButtonStyle.ToolButtonTextBesideIcon if roomy else Qt.ToolButtonStyle.ToolButtonIconOnly
        if self.toolButtonStyle() != style:
            self.setToolButtonStyle(style)
            for button in self._tool_buttons():  # also those added as widgets, which keep their own style
                button.setToolButtonStyle(style)
        super().resizeEvent(event)
