"""The app's one door to tokens: session memory first, then the OS keyring."""

from __future__ import annotations

import logging

from token_desk.api.token_text import token_problem
from token_desk.credentials.errors import InsecureKeyringError, InvalidTokenError, NoKeyringError
from token_desk.credentials.secret_store import SecretStore

log = logging.getLogger(__name__)

# With no keyring Token Desk accepts, none of its tokens can be in one: forgetting
# or moving "nothing" succeeds, so profiles stay editable on a headless machine.
NOTHING_STORED_ERRORS = (NoKeyringError, InsecureKeyringError)


class SessionSecrets:
    """Tokens kept for this run only (when the keyring failed): in memory, never on disk."""

    def __init__(self) -> None:
        self._secrets: dict[str, str] = {}

    def __repr__(self) -> str:
        return f"SessionSecrets(profiles={sorted(self._secrets)!r})"

    def __contains__(self, profile_name: object) -> bool:
        return profile_name in self._secrets

    def get(self, profile_name: str) -> str | None:
        return self._secrets.get(profile_name)

    def set(self, profile_name: str, secret: str) -> None:
        self._secrets[profile_name] = secret

    def discard(self, profile_name: str) -> None:
        self._secrets.pop(profile_name, None)

    def rename(self, old_name: str, new_name: str) -> None:
        if old_name in self._secrets:
            self._secrets[new_name] = self._secrets.pop(old_name)

    def clear(self) -> None:
        self._secrets.clear()


def normalise_token(token: str) -> str:
    """The token as it will be sent: surrounding whitespace from a paste removed."""
    cleaned = token.strip()
    problem = token_problem(cleaned)
    if problem is not None:
        raise InvalidTokenError(problem)
    return cleaned


def validate_token(token: str) -> str | None:
    """A message for the token field, or None when it can be stored ("as you type")."""
    try:
        normalise_token(token)
    except InvalidTokenError as err:
        return str(err)
    return None


class Credentials:
    """token_for/store/forget/rename a profile's management token.

    Keyring failures propagate as SecretStoreError (one sentence, no secret):
    the GUI then offers store(..., session_only=True).
    """

    def __init__(self, secrets: SecretStore | None = None, session: SessionSecrets | None = None) -> None:
        self._secrets = secrets if secrets is not None else SecretStore()
        self._session = session if session is not None else SessionSecrets()

    def __repr__(self) -> str:
        return f"Credentials(secrets={self._secrets!r}, session={self._session!r})"

    @property
    def secret_store(self) -> SecretStore:
        return self._secrets

    def token_for(self, profile_name: str) -> str | None:
        """The session token if there is one, else the keyring's; None when neither has one."""
        session_token = self._session.get(profile_name)
        if session_token is not None:
            return session_token
        return self._secrets.get(profile_name)

    def is_session_only(self, profile_name: str) -> bool:
        return profile_name in self._session

    def store(self, profile_name: str, token: str, *, session_only: bool = False) -> None:
        """Keep `token` for the profile: in the keyring, or in memory for this run only."""
        token = normalise_token(token)
        if session_only:
            self._session.set(profile_name, token)
            log.info("Keeping the token of profile '%s' for this session only", profile_name)
            return
        self._secrets.set(profile_name, token)
        self._session.discard(profile_name)  # the keyring copy is now the one to use

    def forget(self, profile_name: str) -> None:
        """Drop the token everywhere; the session copy goes even if the keyring fails."""
        self._session.discard(profile_name)
        try:
            self._secrets.delete(profile_name)
        except NOTHING_STORED_ERRORS as err:
            log.debug("No usable keyring, so no stored token to forget: %s", err.details)

    def rename(self, old_name: str, new_name: str) -> None:
        """Move the token to the new name; the session copy moves only if the keyring move worked."""
        try:
            self._secrets.rename(old_name, new_name)
        except NOTHING_STORED_ERRORS as err:
            log.debug("No usable keyring, so no stored token to move: %s", err.details)
        self._session.rename(old_name, new_name)

    def copy(self, from_name: str, to_name: str) -> bool:
        """Give `to_name` the same token as `from_name` (same storage); False if it has none."""
        session_token = self._session.get(from_name)
        if session_token is not None:
            self._session.set(to_name, session_token)
            return True
        token = self._secrets.get(from_name)
        if token is None:
            return False
        self._secrets.set(to_name, token)
        return True
