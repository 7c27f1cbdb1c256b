"""The window as the create, edit and rotate flows see it (ui.create's LifecycleHost)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from token_desk.api.models import Token, TokenKind
from token_desk.ui.create import ProfileSaver

if TYPE_CHECKING:
    from token_desk.ui.shell.main_window import MainWindow

MESSAGE_MS = 15_000


class WindowLifecycleHost:
    def __init__(self, window: MainWindow) -> None:
        self._window = window

    @property
    def dialog_parent(self) -> QWidget:
        return self._window

    def token_service(self):
        connection = self._window.connection
        return connection.client if connection is not None else None

    def show_token(self, token: Token) -> None:
        """The server's copy in its table at once: that page shown, the row selected and scrolled to."""
        window = self._window
        window.sidebar.setCurrentRow(list(TokenKind).index(token.kind))
        page = window.page(token.kind)
        if not page.show_token(token) and window.search_box.text():
            window.search_box.clear()  # the search hid it: a new token must be seen
            page.show_token(token)
        page.view.flash_tokens([token.id])  # created or changed: the row says so for a moment
        window.update_actions()

    def show_message(self, text: str) -> None:
        self._window.status.show_message(text, MESSAGE_MS)

    def revoke_with_dialog(self, token: Token):
        return self._window.commands.revoke_tokens(self._window.page(token.kind), [token])

    def profile_saver(self) -> ProfileSaver | None:
        return self._window.connections.new_profile_saver(self._window.connection)
