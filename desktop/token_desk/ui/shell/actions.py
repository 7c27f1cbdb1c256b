"""One QAction per command, shared by the toolbar, the context menu and the shortcuts."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

from token_desk.api.models import Token, TokenKind
from token_desk.models.display import DisplayStatus, status_now
from token_desk.ui.common.icons import icon


def revoke_blocker(tokens: Sequence[Token]) -> str | None:
    """Why "Revoke Token…" cannot run on this selection, or None when it can (expired tokens can be revoked)."""
    if not tokens:
        return "Select the tokens to revoke first"
    revoked = [token for token in tokens if status_now(token) is DisplayStatus.REVOKED]
    if len(tokens) == 1 and revoked:
        return "This token is already revoked"
    if revoked:
        return f"{len(revoked)} of the selected tokens are already revoked; select only active or expired ones"
    return None


SIGNED_OUT_BLOCKER = "Signed out: sign in again to revoke tokens"


def revoke_shortcuts() -> list[QKeySequence]:
    """Delete, plus what people press on a Mac keyboard (Backspace and Cmd+Backspace, as in Finder)."""
    keys = [QKeySequence(QKeySequence.StandardKey.Delete)]
    if sys.platform == "darwin":
        keys += [QKeySequence(Qt.Key.Key_Backspace), QKeySequence("Ctrl+Backspace")]
    return keys


class TokenActions(QObject):
    """The commands on tokens; `update_for(selection)` is the one rule that enables them."""

    REVOKE_TIP = "Revoke the selected tokens (asks first)"
    EDIT_TIP = "Change the description and permissions of the selected database token (F2)"
    ROTATE_TIP = "Create a replacement with the same permissions, then choose whether to revoke this one"

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.revoke = self._make("Revoke Token…", "revoke", self.REVOKE_TIP, revoke_shortcuts())
        self.copy_id = self._make("Copy Token ID", "copy", "Copy the selected token IDs",
                                  [QKeySequence(QKeySequence.StandardKey.Copy)])
        self.copy_description = self._make("Copy Description", None, "Copy the selected tokens' descriptions")
        self.details = self._make("Details…", "details", "Show everything known about this token")
        self.refresh = self._make("Refresh", "refresh", "Reload both token lists from the server (F5)",
                                  [QKeySequence(QKeySequence.StandardKey.Refresh), QKeySequence(Qt.Key.Key_F5)])
        self.find = self._make("Find", "search", "Search by description or ID (Ctrl+F)",
                               [QKeySequence(QKeySequence.StandardKey.Find)])
        self.cancel_load = self._make("Cancel Loading", None, "Stop waiting for the server (Esc)",
                                      [QKeySequence(Qt.Key.Key_Escape)])
        self.cancel_load.setEnabled(False)  # only while a load runs, so Esc means nothing else otherwise
        self.show_inactive = self._make("Show inactive tokens", None, "Also list revoked and expired tokens")
        self.show_inactive.setCheckable(True)
        self.new_token = {kind: self._make(f"New {kind.label}…", "add", f"Create a {kind.label.lower()}")
                          for kind in TokenKind}
        self.edit = self._make("Edit…", "edit", self.EDIT_TIP, [QKeySequence(Qt.Key.Key_F2)])
        self.rotate = self._make("Rotate…", "rotate", self.ROTATE_TIP)
        self.set_page(TokenKind.MANAGEMENT)
        self.update_for(())

    def _make(self, text: str, icon_name: str | None, tip: str,
              keys: Sequence[QKeySequence] = ()) -> QAction:
        action = QAction(text, self)
        if icon_name is not None:
            action.setIcon(icon(icon_name))
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.setShortcuts(_unique(keys))
        return action

    def row_actions(self) -> tuple[QAction, ...]:
        """Actions that act on the selected rows: their shortcuts belong to the table with focus."""
        return (self.revoke, self.copy_id, self.copy_description, self.details, self.edit, self.rotate)

    def set_page(self, kind: TokenKind) -> None:
        """Ctrl+N creates a token of the page's kind."""
        for page_kind, action in self.new_token.items():
            action.setShortcuts([QKeySequence(QKeySequence.StandardKey.New)] if page_kind is kind else [])

    def update_for(self, tokens: Sequence[Token], signed_in: bool = True) -> None:
        blocker = revoke_blocker(tokens) if signed_in else SIGNED_OUT_BLOCKER
        self.revoke.setEnabled(blocker is None)
        self.revoke.setToolTip(blocker or self.REVOKE_TIP)
        for action in (self.copy_id, self.copy_description):
            action.setEnabled(bool(tokens))
        self.details.setEnabled(len(tokens) == 1)
        edit_blocker = edit_blocker_for(tokens) if signed_in else SIGNED_OUT_BLOCKER
        self.edit.setEnabled(edit_blocker is None)
        self.edit.setToolTip(edit_blocker or self.EDIT_TIP)
        rotate_blocker = rotate_blocker_for(tokens) if signed_in else SIGNED_OUT_BLOCKER
        self.rotate.setEnabled(rotate_blocker is None)
        self.rotate.setToolTip(rotate_blocker or self.ROTATE_TIP)


def edit_blocker_for(tokens: Sequence[Token]) -> str | None:
    """Why "Edit…" cannot run on this selection, or None."""
    if len(tokens) != 1:
        return "Select one database token to edit"
    if tokens[0].kind is TokenKind.MANAGEMENT:
        return "Management tokens cannot be changed; Rotate… creates a replacement"
    if tokens[0].is_revoked:
        return "A revoked token cannot be changed"
    return None


def rotate_blocker_for(tokens: Sequence[Token]) -> str | None:
    if len(tokens) != 1:
        return "Select one token to rotate"
    if tokens[0].is_revoked:
        return "A revoked token has nothing left to rotate; create a new one"
    return None


def _unique(keys: Sequence[QKeySequence]) -> list[QKeySequence]:
    result: list[QKeySequence] = []
    for key in keys:
        if not key.isEmpty() and key not in result:
            result.append(key)
    return result
