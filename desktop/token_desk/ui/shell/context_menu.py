"""The row menu (right-click, ⋮, Menu key) built from the shared actions."""

from __future__ import annotations

from PySide6.QtWidgets import QMenu, QWidget

from token_desk.api.models import TokenKind
from token_desk.ui.shell.actions import TokenActions


def token_menu(actions: TokenActions, parent: QWidget) -> QMenu:
    """Details…, the copies, Edit…, Rotate…, then Revoke Token… last: the destructive item is never first
    under the pointer."""
    menu = QMenu(parent)
    menu.setToolTipsVisible(True)  # a disabled item says why
    for action in (actions.details, actions.copy_id, actions.copy_description, actions.edit, actions.rotate):
        menu.addAction(action)
    menu.addSeparator()
    menu.addAction(actions.revoke)
    return menu


def empty_space_menu(actions: TokenActions, kind: TokenKind, parent: QWidget) -> QMenu:
    """Nothing token-specific where there is no token."""
    menu = QMenu(parent)
    menu.addAction(actions.new_token[kind])
    menu.addAction(actions.refresh)
    return menu
