"""Save as a Connection…: a new management token becomes a profile for the same account and cluster
(ui.create's ProfileSaver)."""

from __future__ import annotations

from typing import Callable

from token_desk.credentials import Profile, ProfileManager, validate_name


class KeyringProfileSaver:
    """A ProfileSaver over the connections' ProfileManager: the profile file plus the keyring."""

    def __init__(self, manager: ProfileManager, base_url: str, account_id: str, cluster_id: str,
                 on_saved: Callable[[str], None] = lambda name: None) -> None:
        self._manager, self._on_saved = manager, on_saved
        self._where = {"base_url": base_url, "account_id": account_id, "cluster_id": cluster_id}

    def __repr__(self) -> str:
        return f"KeyringProfileSaver(account_id={self._where['account_id']!r})"

    def names(self) -> list[str]:
        return self._manager.store.names()

    def name_problem(self, name: str) -> str | None:
        return validate_name(name, self.names())

    def save(self, name: str, secret: str) -> None:
        """Off the GUI thread: the keyring may block."""
        self._manager.add(Profile(name=name, **self._where), secret)
        self._on_saved(name)
