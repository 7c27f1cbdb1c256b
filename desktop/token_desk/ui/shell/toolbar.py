"""The main toolbar: the connection switcher, New, refresh and revoke, the search box, the inactive toggle and the demo marker.

Nothing ever moves into a "»" overflow menu: as the window narrows, the search box shrinks first, then the
buttons drop their text one at a time, the rightmost first (the icon, tooltip and accessible name stay), all
but a button's short text, the information it carries (Needs attention's count); `required_width()` is the
narrowest the toolbar can be with everything visible, which the window takes as its minimum width.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QSizePolicy, QStyle, QToolBar, QToolButton, QWidget

from token_desk.api.models import TokenKind

from token_desk.ui.common.icons import icon
from token_desk.ui.common.palette import Colours, style_live
from token_desk.ui.common.short_text import short_text
from token_desk.ui.shell.command_list import new_token_key
from token_desk.ui.shell.command_registry import CommandActions

SEARCH_PLACEHOLDER = "Search by description or ID"
SEARCH_WIDTHS = (160, 320, 420)  # smallest, preferred, largest


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


def _look(action: QAction) -> tuple[str, str, int]:
    """What a button shows of its action, which its widths follow: text, short text and icon."""
    return action.text(), short_text(action), action.icon().cacheKey()


def _style(with_text: bool) -> Qt.ToolButtonStyle:
    return Qt.ToolButtonStyle.ToolButtonTextBesideIcon if with_text else Qt.ToolButtonStyle.ToolButtonIconOnly


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
        self._twin = QToolButton(self)  # measures the buttons' widths (required_width); never shown
        self._twin.setDefaultAction(QAction(self._twin))
        self._twin.setIconSize(self.iconSize())
        self._twin.setAutoRaise(True)  # as the toolbar's own buttons
        self._twin.hide()
        # A button's widths (wide, narrow) by what it shows: measured once per text, short text and icon, not
        # on every resize step or change of an action's enabled state or tooltip.
        self._measured: dict[tuple[str, str, int], tuple[int, int]] = {}
        self._looks: dict[QAction, tuple[str, str, int, bool]] = {}  # what each action showed when last fitted
        self._required = 0  # the required width last announced
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
        self._refit()  # "New Database Token" is not as long as "New Management Token"

    def set_demo(self, is_demo: bool) -> None:
        self._demo_action.setVisible(is_demo)  # a change fits the toolbar again (actionEvent)

    # ---- fitting the width ----------------------------------------------------------------------------
    def _tool_buttons(self) -> list[QToolButton]:
        """Every tool button, left to right; those the layout has moved aside too (it hides them; their
        action stays)."""
        buttons = (self.widgetForAction(action) for action in self.actions()
                   if action.isVisible() and not action.isSeparator())  # see _widths
        return [button for button in buttons if isinstance(button, QToolButton)]

    def _button_widths(self, button: QToolButton) -> tuple[int, int]:
        """The button's widths with its text and narrow, measured once for what it shows."""
        action = button.defaultAction()
        key = _look(action) if action is not None else (button.text(), "", button.icon().cacheKey())
        widths = self._measured.get(key)
        if widths is None:
            widths = self._measured[key] = (self._button_width(button, True), self._button_width(button, False))
        return widths

    def _button_width(self, button: QToolButton, wide: bool) -> int:
        """The button's width with its text (wide) or narrow: its short text beside the icon, or the icon alone.
        Measured on a hidden twin, so no button changes (and no layout runs again) to be measured; the twin's
        own action words the text as the button's does (no "&", no "…")."""
        action, twin = button.defaultAction(), self._twin
        short = "" if wide else short_text(action)
        twin.defaultAction().setIcon(button.icon())
        twin.defaultAction().setText(action.text() if action is not None else button.text())
        twin.defaultAction().setIconText(short)
        twin.setToolButtonStyle(_style(wide or bool(short)))
        width = twin.sizeHint().width()
        twin.defaultAction().setText("")  # a hidden button never reads as one of the toolbar's
        return width

    def _widths(self) -> tuple[int, list[tuple[QToolButton, int, int]]]:
        """What every shown item but the tool buttons needs, reckoned as QToolBarLayout reckons it (its
        margins, each item's smallest width, the spacing between items), and each tool button's width wide
        and narrow."""
        layout = self.layout()
        margins = layout.contentsMargins()
        fixed, buttons, count = margins.left() + margins.right(), [], 0
        tool_buttons = {layout.indexOf(button): button for button in self._tool_buttons()}
        # The layout's items are the actions', in order. A separator's widget is a class of Qt's own, which
        # PySide6 can name only after making every QWidget class's Python enums (~60 M instructions, some
        # 20 ms, the first time): its width is read from the style, as the separator's own size hint is.
        for index, action in enumerate(self.actions()):
            if not action.isVisible():  # an empty item (the demo marker off the demo)
                continue
            count += 1
            if action.isSeparator():
                fixed += self.style().pixelMetric(QStyle.PixelMetric.PM_ToolBarSeparatorExtent, None, self)
            elif index in tool_buttons:
                buttons.append((tool_buttons[index], *self._button_widths(tool_buttons[index])))
            else:
                fixed += layout.itemAt(index).minimumSize().width()
        return fixed + layout.spacing() * max(count - 1, 0), buttons

    def required_width(self) -> int:
        """The narrowest width that shows every widget without a "»": the search box at its smallest, every
        button narrow."""
        fixed, buttons = self._widths()
        return fixed + sum(narrow for _button, _wide, narrow in buttons)

    def _narrow_buttons(self, width: int) -> list[QToolButton]:
        """As few buttons narrow as let the toolbar fit `width`: the rightmost first (Needs attention keeps
        its count; New is the last to drop its text)."""
        fixed, buttons = self._widths()
        for count in range(len(buttons) + 1):
            kept, dropped = buttons[:len(buttons) - count], buttons[len(buttons) - count:]
            if fixed + sum(wide for _b, wide, _n in kept) + sum(narrow for _b, _w, narrow in dropped) <= width:
                break
        return [button for button, _wide, _narrow in dropped]

    def _refit(self) -> None:
        """The search box shrinks first (the layout sees to it); once it is at its smallest, buttons drop their
        text, each to its short text beside its icon or its icon alone. Once shown (showEvent): while the
        window is built, every button added or page set would measure them all again."""
        if not self.isVisible():
            return
        narrow = self._narrow_buttons(self.width())  # the new width already (resizeEvent)
        for button in self._tool_buttons():
            action = button.defaultAction()
            short = short_text(action) if button in narrow else ""
            if action is not None:
                action.setIconText(short)  # what a tool button shows; "" gives back the action's own text
            button.setToolButtonStyle(_style(button not in narrow or bool(short)))

    def _announce_required_width(self) -> None:
        # Measured once shown (showEvent) and on each change after: while the window is built, every action
        # added, and every change of an action's state, would measure all the buttons again.
        if self.isVisible():
            required = self.required_width()
            if required != self._required:
                self._required = required
                self.required_width_changed.emit(required)

    def showEvent(self, event: QShowEvent) -> None:  # Qt override
        super().showEvent(event)
        self._refit()
        self._announce_required_width()

    def actionEvent(self, event) -> None:  # Qt override: widgets and actions come and go
        super().actionEvent(event)
        if event.type() == QEvent.Type.ActionRemoved:
            self._looks.pop(event.action(), None)
        if event.type() == QEvent.Type.ActionChanged and not self._look_changed(event.action()):
            return  # enabled, checked, tooltip: every command's state is re-decided on each change of the window's
        if event.type() in (QEvent.Type.ActionAdded, QEvent.Type.ActionRemoved, QEvent.Type.ActionChanged):
            self._refit()  # a text may have grown (a count) or a button come
            self._announce_required_width()

    def _look_changed(self, action: QAction) -> bool:
        """The action's text, short text, icon or visibility changed since it was last seen (its icon text is
        the toolbar's own doing, see _refit)."""
        look = (*_look(action), action.isVisible())
        if self._looks.get(action) == look:
            return False
        self._looks[action] = look
        return True

    def changeEvent(self, event: QEvent) -> None:  # Qt override: another font or style measures otherwise
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._measured.clear()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # Qt override
        self._refit()
        super().resizeEvent(event)
