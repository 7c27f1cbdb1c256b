"""Fixtures and fakes for the connections GUI tests (imported explicitly: tests/ui/conftest.py is the window's)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.memory_keyring import LockedKeyring, MemoryKeyring, install_keyring
from token_desk.credentials import Credentials, Profile, ProfileManager, ProfileStore, SecretStore
from token_desk.ui.connections.token_prompt import TokenPromptResult

SECRET = "apiv1_Typed-S3cret-never-on-disk-41c7"
ACCOUNT_ID = "0f8fad5b-d9cb-469f-a165-70867728950e"
CLUSTER_ID = "7c9e6679-7425-40de-944b-e07fc1f90ae7"
SERVICE = "token-desk"
WAIT_MS = 15_000


@pytest.fixture(autouse=True)
def no_keyring_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """keyring's own config lookups stay in tmp too."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    yield from install_keyring(MemoryKeyring())


@pytest.fixture
def locked_keyring() -> Iterator[LockedKeyring]:
    yield from install_keyring(LockedKeyring())


@pytest.fixture
def manager() -> ProfileManager:
    return ProfileManager(ProfileStore(), Credentials(SecretStore()))


def make_profile(name: str = "Production", base_url: str = "https://console.influxdata.com/api/v0",
                 account_id: str = ACCOUNT_ID, cluster_id: str = CLUSTER_ID) -> Profile:
    return Profile(name=name, base_url=base_url, account_id=account_id, cluster_id=cluster_id)


def sandbox_profile(sandbox, name: str = "Sandbox") -> Profile:
    return make_profile(name, sandbox.url, sandbox.account_id, sandbox.cluster_id)


@dataclass
class AnsweringPrompts:
    """Stands in for ConnectionPrompts: answers from queues and remembers what it was asked."""

    profiles: list = field(default_factory=list)  # ProfileFormResult | None, in order
    tokens: list = field(default_factory=list)  # TokenPromptResult | None
    session_tokens: list = field(default_factory=list)  # str | None for keyring_problem
    confirm: bool = True
    import_reports: list = field(default_factory=list)
    asked: list = field(default_factory=list)  # (what, message)
    influxctl_sources: list = field(default_factory=list)  # what each profile form would run influxctl with

    def edit_profile(self, parent, existing_names, editing, token_lookup, influxctl_program):
        self.asked.append(("edit_profile", editing.name if editing else None))
        self.influxctl_sources.append(influxctl_program)
        return self.profiles.pop(0)

    def ask_token(self, parent, message, can_store):
        self.asked.append(("ask_token", message, can_store))
        return self.tokens.pop(0)

    def keyring_problem(self, parent, error, token):
        self.asked.append(("keyring_problem", str(error), token is not None))
        return self.session_tokens.pop(0)

    def confirm_delete(self, parent, name):
        self.asked.append(("confirm_delete", name))
        return self.confirm

    def import_influxctl(self, parent, importer, existing_names):
        self.asked.append(("import_influxctl", list(existing_names)))
        return self.import_reports.pop(0)(importer) if self.import_reports else None

    def show_problem(self, parent, title, message):
        self.asked.append(("show_problem", message))

    def kinds(self) -> list[str]:
        return [entry[0] for entry in self.asked]


def token_answer(token: str, session_only: bool = False) -> TokenPromptResult:
    return TokenPromptResult(token, session_only)


def read_profiles_file(config_dir: Path) -> str:
    return (config_dir / "profiles.json").read_text(encoding="utf-8")
