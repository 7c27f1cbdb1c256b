"""Fixtures: an in-memory keyring (never the real keychain) and a throwaway config folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.memory_keyring import MemoryKeyring, install_keyring
from token_desk.credentials import Credentials, ProfileManager, ProfileStore, SecretStore


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
    yield from install_keyring(MemoryKeyring())


@pytest.fixture
def store(isolated_config: Path) -> ProfileStore:
    return ProfileStore()


@pytest.fixture
def credentials() -> Credentials:
    return Credentials(SecretStore())


@pytest.fixture
def manager(store: ProfileStore, credentials: Credentials) -> ProfileManager:
    return ProfileManager(store, credentials)
