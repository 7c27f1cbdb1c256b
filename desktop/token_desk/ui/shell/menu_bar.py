"""The window's menu bar: the same QActions as the toolbar and context menu, plus window-level commands."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar

from token_desk.ui.shell.about_dialog import AboutDialog
from token_desk.ui.common.icons import icon

if TYPE_CHECKING:
    from token_desk.ui.shell.main_window import MainWindow


def _action(parent: QObject, text: str, tip: str, shortcut: str | None = None) -> QAction:
    action = QAction(text, parent)
    action.setStatusTip(tip)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    return action


class WindowMenus(QObject):
    """Builds File, View, Token and Help on `window.menuBar()`; row actions keep their one enabled rule."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.connections = _action(self, "Connections…", "Add, edit or switch connection profiles")
        self.connections.setIcon(icon("connection"))
        self.quit = _action(self, "Quit", "Close Token Desk", "Ctrl+Q")
        self.about = _action(self, "About Token Desk", "Version, licence and the API in use")
        self.page_actions = self._page_actions()
        self._wire()
        self._fill(window.menuBar())

    def _page_actions(self) -> list[QAction]:
        group = QActionGroup(self)
        actions = []
        for number, page in enumerate(self._window.pages.values(), start=1):
            action = _action(group, page.title, f"Show the {page.title.lower()}", f"Ctrl+{number}")
            action.setCheckable(True)
            actions.append(action)
        return actions

    def _wire(self) -> None:
        window = self._window
        self.connections.triggered.connect(self.open_connections)
        self.quit.triggered.connect(window.close)  # closing saves the layout, as the window's X does
        self.about.triggered.connect(self.show_about)
        for row, action in enumerate(self.page_actions):
            action.triggered.connect(lambda _checked=False, r=row: window.sidebar.setCurrentRow(r))
        window.sidebar.currentRowChanged.connect(self._check_page)
        self._check_page(window.sidebar.currentRow())
        # Window-wide shortcuts must work whichever widget has focus, menu bar shown or not.
        window.addActions([self.connections, self.quit, *self.page_actions])

    def _fill(self, bar: QMenuBar) -> None:
        actions = self._window.token_actions
        # Kept so features (Export…, History) can add their commands: see ui/export, ui/history.
        self.file_menu = self._menu(bar, "&File", [self.connections, None, self.quit])
        # Columns is the header's right-click menu, for the keyboard too: filled for the page shown when it opens.
        self.columns_menu = QMenu("&Columns", self._window)
        self.columns_menu.aboutToShow.connect(
            lambda: self._window.current_page().fill_column_menu(self.columns_menu))
        self.view_menu = self._menu(bar, "&View", [actions.refresh, actions.find, None, actions.show_inactive,
                                                   self.columns_menu.menuAction(), None, *self.page_actions])
        self._menu(bar, "&Token", [*actions.new_token.values(), None, actions.details, actions.copy_id,
                                   actions.copy_description, None, actions.edit, actions.rotate, None,
                                   actions.revoke])
        self._menu(bar, "&Help", [self.about])

    @staticmethod
    def _menu(bar: QMenuBar, title: str, entries: list[QAction | None]) -> QMenu:
        menu = bar.addMenu(title)
        for entry in entries:
            if entry is None:
                menu.addSeparator()
            else:
                menu.addAction(entry)
        return menu

    def _check_page(self, row: int) -> None:
        if 0 <= row < len(self.page_actions):
            self.page_actions[row].setChecked(True)

    def open_connections(self) -> None:
        self._window.connections.manage_connections()

    def current_base_url(self) -> str:
        connection = self._window.connection
        return connection.client.base_url if connection is not None else ""

    def show_about(self) -> None:
        AboutDialog.show_for(self._window, self.current_base_url())
