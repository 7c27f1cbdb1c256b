"""The row menu (right-click, ⋮, Menu key) built from the shared actions."""

from __future__ import annotations

from PySide6.QtWidgets import QMenu, QWidget

from token_desk.ui.shell.actions import TokenActions


def token_menu(actions: TokenActions, parent: QWidget) -> QMenu:
    """Revoke Token…, Copy Token ID, Copy Description, then Details… (as the Admin UI's ⋮ menu, plus more)."""
    menu = QMenu(parent)
    menu.setToolTipsVisible(True)  # a disabled "Revoke Token…" says why
    menu.addAction(actions.revoke)
    menu.addAction(actions.copy_id)
    menu.addAction(actions.copy_description)
    menu.addSeparator()
    menu.addAction(actions.details)
    return menu


def empty_space_menu(actions: TokenActions, parent: QWidget) -> QMenu:
    """Nothing token-specific where there is no token."""
    menu = QMenu(parent)
    menu.addAction(actions.refresh)
    return menu
