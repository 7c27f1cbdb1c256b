"""Profiles and tokens that live only as long as the process: what a `--demo` run uses, so it stores nothing.

Same interfaces as ProfileStore and SecretStore. The demo may still try the Connections dialog; whatever
is added there is gone when the app quits, and the real profiles file and keyring are never touched
(not even read: a demo profile named like a real one must not delete the real token).
"""

from __future__ import annotations

from pathlib import Path

from token_desk.credentials.profile_file import ProfileData
from token_desk.credentials.profile_store import ProfileStore

MEMORY_BACKEND = "memory (this session only)"
MEMORY_PATH = "(kept in memory for this session)"


class MemoryProfileStore(ProfileStore):
    """A ProfileStore whose 'file' is a ProfileData in memory."""

    def __init__(self) -> None:
        # No super().__init__(): it would find (and create) the config folder.
        self._path = Path(MEMORY_PATH)
        self._data = ProfileData()

    def __repr__(self) -> str:
        return "MemoryProfileStore()"

    def _read(self) -> ProfileData:
        import copy  # at the first read, not when the window is built with this store

        return copy.deepcopy(self._data)  # callers change what they read before writing it back

    def _write(self, data: ProfileData) -> None:
        import copy  # see _read

        self._data = copy.deepcopy(data)


class MemorySecretStore:
    """A SecretStore in a dict: nothing reaches the OS keyring."""

    def __init__(self) -> None:
        self._secrets: dict[str, str] = {}

    def __repr__(self) -> str:  # never the secrets
        return f"MemorySecretStore({len(self._secrets)} tokens)"

    def check_available(self) -> str:
        return MEMORY_BACKEND

    def get(self, profile_name: str) -> str | None:
        return self._secrets.get(profile_name)

    def set(self, profile_name: str, secret: str) -> None:
        self._secrets[profile_name] = secret

    def delete(self, profile_name: str) -> None:
        self._secrets.pop(profile_name, None)

    def rename(self, old_name: str, new_name: str) -> None:
        if old_name in self._secrets:
            self._secrets[new_name] = self._secrets.pop(old_name)
