"""New…, Edit… and Rotate…: the dialogs in order, and what the window shows after each.

The window is reached only through `LifecycleHost`, so these flows never touch its widgets and tests
hand in a fake. Nothing is revoked here: rotation hands the old token to the window's standard revoke
dialog, with its risk checkbox, and only when the person asks for it.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from token_desk.api.clusters import Cluster, in_cluster_of
from token_desk.api.models import Token, TokenKind, utc_now
from token_desk.ui.common.message_box import ask
from token_desk.ui.create.requests_and_results import (CreateRequest, CreateResult, EditResult, ProfileSaver,
                                                       SecretOutcome, TokenService)
from token_desk.ui.create import rotate_texts as texts


class LifecycleHost(Protocol):
    """What the flows need from the window."""

    @property
    def dialog_parent(self) -> QWidget: ...
    def token_service(self, cluster: Cluster | None = None) -> TokenService | None: ...  # None: own cluster
    def show_token(self, token: Token) -> None: ...  # add or update the row, select it, scroll to it
    def show_message(self, text: str) -> None: ...
    def revoke_with_dialog(self, token: Token): ...  # the standard revoke dialog's RevokeReport, or None
    def profile_saver(self) -> ProfileSaver | None: ...


class LifecycleDialogs(Protocol):
    """The modal steps, behind one seam so flow tests can script them."""

    def create(self, parent: QWidget, service: TokenService, request: CreateRequest) -> CreateResult: ...
    def edit(self, parent: QWidget, service: TokenService, token: Token) -> EditResult | None: ...
    def show_secret(self, parent: QWidget, created, saver: ProfileSaver | None) -> SecretOutcome: ...
    def revoke_old_now(self, parent: QWidget, old: Token) -> bool: ...


class QtLifecycleDialogs:
    def create(self, parent: QWidget, service: TokenService, request: CreateRequest) -> CreateResult:
        from token_desk.ui.create.create_dialog import CreateTokenDialog  # at first use: not needed to start

        return CreateTokenDialog.ask(parent, service, request)

    def edit(self, parent: QWidget, service: TokenService, token: Token) -> EditResult | None:
        from token_desk.ui.create.edit_dialog import EditTokenDialog

        return EditTokenDialog.ask(parent, service, token)

    def show_secret(self, parent: QWidget, created, saver: ProfileSaver | None) -> SecretOutcome:
        from token_desk.ui.create.secret_dialog import SecretDialog  # at first use, like the dialogs above

        return SecretDialog.show_secret(parent, created, saver=saver)

    def revoke_old_now(self, parent: QWidget, old: Token) -> bool:
        # The question quotes the server's description: the helper shows it literally, never as markup.
        return ask(parent, "Revoke the Old Token?", texts.revoke_question(old), "Revoke Old Token…",
                   "Keep It for Now")


class TokenLifecycle(QObject):
    def __init__(self, host: LifecycleHost, dialogs: LifecycleDialogs | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._host = host
        self._dialogs = dialogs if dialogs is not None else QtLifecycleDialogs()

    def new_token(self, kind: TokenKind, cluster: Cluster | None = None) -> Token | None:
        """Create a token of `kind` (on `cluster`; None: the connection's own); the new token (already in the
        table) or None."""
        return self._create(CreateRequest(kind, cluster=cluster))

    def edit(self, token: Token) -> Token | None:
        """Edit… on the token's own cluster."""
        service = self._host.token_service(token.cluster)
        if service is None or token.kind is not TokenKind.DATABASE:
            return None
        result = self._dialogs.edit(self._host.dialog_parent, service, token)
        if result is None:
            return None
        if result.rotate:
            self.rotate(token)
            return None
        updated = in_cluster_of(result.updated, token)
        self._host.show_token(updated)
        self._host.show_message(texts.saved(updated))
        return updated

    def rotate(self, old: Token) -> Token | None:
        """Replace `old`: create, show the secret, then offer the standard revoke dialog for the old one."""
        from token_desk.ui.create.create_dialog import rotate_request

        new = self._create(rotate_request(old, utc_now()))
        if new is None:
            return None  # nothing created: nothing else happens
        if not self._dialogs.revoke_old_now(self._host.dialog_parent, old):
            self._host.show_message(texts.kept(new, old))
            return new
        report = self._host.revoke_with_dialog(old)
        self._host.show_message(texts.after_revoke(new, old, report))
        return new

    def _create(self, request: CreateRequest) -> Token | None:
        service = self._host.token_service(request.cluster)
        if service is None:
            return None
        result = self._dialogs.create(self._host.dialog_parent, service, request)
        for found in result.discovered:
            self._host.show_token(in_cluster_of(found, request))
        if result.created is None:
            return None
        token = in_cluster_of(result.created.token, request)
        self._host.show_token(token)  # in the table before the secret dialog: the server confirmed it
        outcome = self._dialogs.show_secret(self._host.dialog_parent, result.created, self._saver_for(token))
        if request.replaces is None:
            self._host.show_message(texts.created(token, outcome))
        return token

    def _saver_for(self, token: Token) -> ProfileSaver | None:
        return self._host.profile_saver() if token.kind is TokenKind.MANAGEMENT else None

