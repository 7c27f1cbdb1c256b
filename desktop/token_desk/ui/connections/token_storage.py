"""Save a token in the keyring off the GUI thread; when the keyring fails, offer this session only."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from token_desk.credentials import Credentials, SecretStoreError
from token_desk.tasks import run_in_background
from token_desk.ui.common.error_text import error_sentence
from token_desk.ui.connections.connections_prompts import Prompts

Done = Callable[[str | None], None]  # the token now in use, or None when the person gave up


def store_token(context: QWidget, credentials: Credentials, prompts: Prompts, profile_name: str,
                token: str, on_done: Done, *, session_only: bool = False) -> None:
    """Keep `token` for `profile_name`; `on_done` runs on the GUI thread once it is kept (or not)."""
    if session_only:
        credentials.store(profile_name, token, session_only=True)  # memory only: no keyring call
        on_done(token)
        return

    def failed(error: BaseException) -> None:
        keep_for_session(context, credentials, prompts, profile_name, error, token, on_done)

    run_in_background(credentials.store, profile_name, token,
            context=context, on_result=lambda _none: on_done(token), on_error=failed)


def keep_for_session(context: QWidget, credentials: Credentials, prompts: Prompts, profile_name: str,
                     error: BaseException, token: str | None, on_done: Done) -> None:
    """After a keyring failure: explain it and, if the person agrees, keep the token in memory."""
    if not isinstance(error, SecretStoreError):
        prompts.show_problem(context, "Token Not Saved", error_sentence(error, "Saving the token"))
        on_done(None)
        return
    session_token = prompts.keyring_problem(context, error, token)
    if session_token is None:
        on_done(None)
        return
    credentials.store(profile_name, session_token, session_only=True)
    on_done(session_token)
