"""Builds the main window in one pass from its parts; the one module besides app.py that names MainWindow."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QSettings

from token_desk.history import Journal
from token_desk.ui.connections import ProfileSwitcher
from token_desk.ui.revoke import RevokeService
from token_desk.ui.shell.command_list import window_commands
from token_desk.ui.shell.command_registry import Command
from token_desk.ui.shell.main_window import ConnectionControl, MainWindow
from token_desk.ui.shell.welcome_page import WelcomePage

# Makes the connection controller from the parts it serves: the toolbar's switcher and the welcome page.
ConnectionsMaker = Callable[[ProfileSwitcher, WelcomePage], ConnectionControl]


def build_window(make_connections: ConnectionsMaker, revoker: RevokeService, settings: QSettings,
                 journal: Journal | None, commands: Sequence[Command] | None = None) -> MainWindow:
    """The window on the welcome page, its menus, toolbar and row menus made from `commands` (by default the
    product's registry); `window.connections` is the controller `make_connections` made."""
    switcher, welcome = ProfileSwitcher(), WelcomePage()
    connections = make_connections(switcher, welcome)
    return MainWindow(connections, revoker, settings, journal,
                      window_commands() if commands is None else commands, switcher, welcome)
