"""ProfileManager: profile edits that keep each profile's token in step (what the GUI calls)."""

from __future__ import annotations

import logging

from token_desk.credentials.errors import CredentialError, ProfileNameTakenError, SecretStoreError
from token_desk.credentials.profile import Profile, names_clash
from token_desk.credentials.profile_store import ProfileStore, copy_name
from token_desk.credentials.session import Credentials

log = logging.getLogger(__name__)


class ProfileManager:
    """Add, edit, duplicate and delete profiles together with their tokens.

    Ordering keeps the two stores consistent: a token is written before the
    profile that uses it and removed if saving that profile fails; on delete the
    token goes first, so a locked keyring never leaves an orphaned secret.
    """

    def __init__(self, store: ProfileStore, credentials: Credentials) -> None:
        self.store = store
        self.credentials = credentials

    def __repr__(self) -> str:
        return f"ProfileManager(store={self.store!r}, credentials={self.credentials!r})"

    def add(self, profile: Profile, token: str | None = None, *, session_only: bool = False) -> Profile:
        """Save `profile` and, when given, its token; nothing is saved if either fails."""
        self._check_free(profile.name)
        if token is None:
            self._forget_quietly(profile.name)  # a leftover token of an older namesake must not be reused
        else:
            self.credentials.store(profile.name, token, session_only=session_only)
        try:
            return self.store.add(profile)
        except CredentialError:
            if token is not None:
                self._forget_quietly(profile.name)
            raise

    def update(self, name: str, profile: Profile) -> Profile:
        """Save the edited profile; a rename moves its token to the new name."""
        if profile.name == name:
            return self.store.update(name, profile)
        self.store.get(name)
        self._check_free(profile.name)
        self.credentials.rename(name, profile.name)
        try:
            return self.store.update(name, profile)
        except CredentialError:
            self.credentials.rename(profile.name, name)
            raise

    def duplicate(self, name: str, new_name: str | None = None) -> Profile:
        """Copy the profile and its token (when the keyring can read it; else it is asked for later)."""
        new_name = new_name if new_name is not None else copy_name(name, self.store.names())
        copy = self.store.duplicate(name, new_name)
        try:
            self.credentials.copy(name, copy.name)
        except SecretStoreError as err:
            log.warning("Duplicated profile '%s' without its token: %s", copy.name, err.details)
        return copy

    def delete(self, name: str) -> None:
        """Delete the profile and its token; if the keyring refuses, the profile stays."""
        self.store.get(name)
        self.credentials.forget(name)
        self.store.delete(name)

    def _check_free(self, name: str) -> None:
        if any(names_clash(name, other) for other in self.store.names()):
            raise ProfileNameTakenError(name)

    def _forget_quietly(self, name: str) -> None:
        try:
            self.credentials.forget(name)
        except SecretStoreError as err:
            log.warning("Could not remove the token written for profile '%s': %s", name, err.details)
