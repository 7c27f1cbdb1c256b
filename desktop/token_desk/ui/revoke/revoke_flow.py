"""What the window does around the revoke dialog: the revoke service it is built with, and where the selection goes."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from PySide6.QtWidgets import QWidget

from token_desk.api.models import Token

if TYPE_CHECKING:  # the revoke dialog's own: loaded with it, at the first revoke
    from token_desk.revocation import RevokeReport, RevokingClient
    from token_desk.ui.revoke.revoke_dialog import RevokeDialog

_DIALOG_MODULE = "token_desk.ui.revoke.revoke_dialog"


def neighbour_row(selected_rows: Sequence[int], row_count: int) -> int | None:
    """The row to select once the selected rows leave the view: the next one after them, else the one before."""
    if not selected_rows:
        return None
    chosen = set(selected_rows)
    after = [row for row in range(max(chosen) + 1, row_count) if row not in chosen]
    if after:
        return after[0]
    before = [row for row in range(min(chosen) - 1, -1, -1) if row not in chosen]
    return before[0] if before else None


def busy_revokes(window: QWidget) -> list[RevokeDialog]:
    """The revoke dialogs over `window` still waiting for the server, which closing it asks about. Asked at
    every close: a session that never loaded the dialog's module has no dialog, so it is not loaded (about
    10 ms at quit) to find none."""
    dialogs = sys.modules.get(_DIALOG_MODULE)
    if dialogs is None:
        return []
    return [dialog for dialog in window.findChildren(dialogs.RevokeDialog) if dialog.is_busy]


@runtime_checkable
class RevokeService(Protocol):
    """The revoke service the window is built with: confirm with a person, revoke, report."""

    def ask(self, parent: QWidget | None, tokens: Sequence[Token], client: RevokingClient) -> RevokeReport | None:
        """A RevokeReport of what the server confirmed, or None when cancelled before anything was sent."""
        ...


class DialogRevokeService(RevokeService):
    """The real one: the modal confirmation dialog."""

    def ask(self, parent: QWidget | None, tokens: Sequence[Token], client: RevokingClient) -> RevokeReport | None:
        from token_desk.ui.revoke.revoke_dialog import RevokeDialog  # at the first revoke, not at start-up

        return RevokeDialog.ask(parent, tokens, client)
