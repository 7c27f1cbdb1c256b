"""The row menu (right-click, ⋮, Menu key) and the empty-space menu, built from the command registry."""

from __future__ import annotations

from PySide6.QtWidgets import QMenu, QWidget

from token_desk.api.models import TokenKind
from token_desk.ui.shell.command_registry import CommandActions


def token_menu(actions: CommandActions, parent: QWidget) -> QMenu:
    """The row commands in registry order, destructive ones (Revoke Token…) last and set apart: a destructive
    item is never first under the pointer."""
    menu = QMenu(parent)
    menu.setToolTipsVisible(True)  # a disabled item says why
    row_commands = [command for command in actions.commands if command.row_menu]
    for destructive in (False, True):
        chosen = [command for command in row_commands if command.destructive is destructive]
        if destructive and chosen and menu.actions():
            menu.addSeparator()
        for command in chosen:
            menu.addAction(actions[command.key])
    return menu


def empty_space_menu(actions: CommandActions, kind: TokenKind, parent: QWidget) -> QMenu:
    """Nothing token-specific where there is no token: the page's New… and Refresh."""
    menu = QMenu(parent)
    menu.setToolTipsVisible(True)
    here = [command for command in actions.commands if command.empty_menu and command.page in (None, kind)]
    for command in sorted(here, key=lambda command: command.page is None):  # the page's own New… first
        menu.addAction(actions[command.key])
    return menu
