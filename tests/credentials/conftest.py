"""Fixtures: an in-memory keyring (never the real keychain) and a throwaway config folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring import errors as keyring_errors
from keyring.backend import KeyringBackend

from token_desk.credentials import Credentials, ProfileManager, ProfileStore, SecretStore

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


@pytest.fixture(autouse=True)
def isolated_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point Token Desk and keyring's own config lookups at tmp_path."""
    config = tmp_path / "config"
    monkeypatch.setenv("TOKEN_DESK_CONFIG_DIR", str(config))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    return config


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def store(isolated_config: Path) -> ProfileStore:
    return ProfileStore()


@pytest.fixture
def credentials() -> Credentials:
    return Credentials(SecretStore())


@pytest.fixture
def manager(store: ProfileStore, credentials: Credentials) -> ProfileManager:
    return ProfileManager(store, credentials)
