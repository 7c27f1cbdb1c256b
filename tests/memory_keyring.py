"""In-memory keyring backends for tests: never the developer's real keychain."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
from keyring import errors as keyring_errors
from keyring.backend import KeyringBackend


class MemoryKeyring(KeyringBackend):
    """A recommended (priority 1) backend in a dict; `failures` makes chosen operations raise."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}
        self.failures: dict[str, Exception] = {}  # operation ("get"/"set"/"delete") -> exception
        self.fail_set_for: set[str] = set()  # usernames whose set_password raises PasswordSetError

    def _maybe_fail(self, operation: str) -> None:
        if operation in self.failures:
            raise self.failures[operation]

    def get_password(self, service: str, username: str) -> str | None:
        self._maybe_fail("get")
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._maybe_fail("set")
        if username in self.fail_set_for:
            raise keyring_errors.PasswordSetError("backend refused the write")
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self._maybe_fail("delete")
        if self.entries.pop((service, username), None) is None:
            raise keyring_errors.PasswordDeleteError("No such password!")


class LockedKeyring(MemoryKeyring):
    """Every read and write fails the way a locked Secret Service with a dismissed prompt does."""

    def __init__(self) -> None:
        super().__init__()
        locked = keyring_errors.KeyringLocked("Failed to unlock the collection!")
        self.failures = {"get": locked, "set": locked}


def install_keyring(backend: KeyringBackend) -> Iterator[KeyringBackend]:
    """Use `backend` for the test, then put the previous one back (a generator for fixtures)."""
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)
