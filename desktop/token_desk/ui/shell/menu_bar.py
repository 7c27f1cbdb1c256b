"""The window's menu bar, built from the command registry: File, View, Token and Help."""

from __future__ import annotations

from PySide6.QtWidgets import QMenu, QMenuBar

from token_desk.ui.shell.command_registry import CommandActions

MENU_TITLES = {"File": "&File", "View": "&View", "Token": "&Token", "Help": "&Help"}


def build_menu_bar(bar: QMenuBar, actions: CommandActions) -> dict[str, QMenu]:
    """One menu per registry menu name, in the registry's order, a separator between sections."""
    menus: dict[str, QMenu] = {}
    sections: dict[str, int] = {}
    for command in actions.commands:
        if command.menu is None:
            continue
        menu = menus.get(command.menu)
        if menu is None:
            menu = menus[command.menu] = bar.addMenu(MENU_TITLES.get(command.menu, command.menu))
            menu.setToolTipsVisible(True)  # a disabled command says why
        elif sections[command.menu] != command.section:
            menu.addSeparator()
        sections[command.menu] = command.section
        menu.addAction(actions[command.key])
    return menus
