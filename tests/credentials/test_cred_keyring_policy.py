from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from token_desk.credentials import (
    InsecureKeyringError,
    KeyringDisabledError,
    KeyringMisconfiguredError,
    NoKeyringError,
    SecretStore,
)
from token_desk.credentials.keyring_policy import backend_path
from cred_helpers import SECRET


class PlaintextKeyring(KeyringBackend):
    """Looks like keyrings.alt.file.PlaintextKeyring: name says plaintext, priority below 1."""

    priority = 0.5  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password


class QuietLowPriorityKeyring(PlaintextKeyring):
    """Not named plaintext, but below keyring's "recommended" priority."""


def test_plaintext_backend_is_refused_and_nothing_is_written() -> None:
    backend = PlaintextKeyring()
    keyring.set_keyring(backend)
    with pytest.raises(InsecureKeyringError) as caught:
        SecretStore().set("Production", SECRET)
    assert "unencrypted" in str(caught.value) and "PYTHON_KEYRING_BACKEND" in str(caught.value)
    assert backend.entries == {}


def test_low_priority_backend_is_refused_too() -> None:
    keyring.set_keyring(QuietLowPriorityKeyring())
    with pytest.raises(InsecureKeyringError):
        SecretStore().get("Production")


def test_plaintext_backend_chosen_in_env_var_is_respected(monkeypatch: pytest.MonkeyPatch) -> None:
    backend = PlaintextKeyring()
    keyring.set_keyring(backend)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", backend_path(backend))
    SecretStore().set("Production", SECRET)
    assert backend.entries == {("token-desk", "Production"): SECRET}


def test_plaintext_backend_chosen_in_keyringrc_is_respected(tmp_path: Path) -> None:
    backend = PlaintextKeyring()
    keyring.set_keyring(backend)
    rc = tmp_path / "xdg-config" / "python_keyring" / "keyringrc.cfg"
    rc.parent.mkdir(parents=True)
    rc.write_text(f"[backend]\ndefault-keyring = {backend_path(backend)}\n")
    SecretStore().set("Production", SECRET)
    assert SecretStore().get("Production") == SECRET


def test_choosing_a_different_backend_does_not_unlock_the_plaintext_one(monkeypatch: pytest.MonkeyPatch) -> None:
    keyring.set_keyring(PlaintextKeyring())
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.SecretService.Keyring")
    with pytest.raises(InsecureKeyringError):
        SecretStore().get("Production")


def test_fail_backend_means_no_keyring() -> None:
    from keyring.backends import fail, null

    keyring.set_keyring(fail.Keyring())
    with pytest.raises(NoKeyringError, match="Secret Service provider such as GNOME Keyring or KWallet"):
        SecretStore().check_available()
    keyring.set_keyring(null.Keyring())
    with pytest.raises(KeyringDisabledError, match="turned off"):
        SecretStore().set("Production", SECRET)


def test_unloadable_configured_backend_is_a_plain_message(monkeypatch: pytest.MonkeyPatch) -> None:
    import keyring.core

    monkeypatch.setattr(keyring.core, "_keyring_backend", None)  # make keyring detect again
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "no_such_module.Keyring")
    with pytest.raises(KeyringMisconfiguredError, match="cannot be loaded"):
        SecretStore().get("Production")
