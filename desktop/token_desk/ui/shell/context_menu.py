"""The row menu (right-click, ⋮, Menu key) and the empty-space menu, built from the command registry."""

from __future__ import annotations

from PySide6.QtWidgets import QMenu, QWidget

from token_desk.api.models import TokenKind
from token_desk.ui.shell.command_registry import CommandActions


def token_menu(actions: CommandActions, parent: QWidget) -> QMenu:
    """The row commands in registry order, Revoke Token… last and set apart: the destructive item is never
    first under the pointer."""
    menu = QMenu(parent)
    menu.setToolTipsVisible(True)  # a disabled item says why
    row_commands = [command for command in actions.commands if command.row_menu]
    for command in row_commands:
        if command.key == "revoke" and menu.actions():
            menu.addSeparator()
        menu.addAction(actions[command.key])
    return menu


def empty_space_menu(actions: CommandActions, kind: TokenKind, parent: QWidget) -> QMenu:
    """Nothing token-specific where there is no token: the page's New… and Refresh."""
    menu = QMenu(parent)
    menu.setToolTipsVisible(True)
    for command in actions.commands:
        if command.empty_menu and command.page in (None, kind):
            menu.addAction(actions[command.key])
    return menu
