import logging

import pytest
from keyring import errors as keyring_errors

from token_desk.credentials import (
    KeyringDeleteError,
    KeyringLockedError,
    KeyringReadError,
    KeyringWriteError,
    NoKeyringError,
    SecretStore,
    SecretStoreError,
)
from cred_helpers import OTHER_SECRET, SECRET


def test_save_load_delete_round_trip(memory_keyring) -> None:
    secrets = SecretStore()
    assert secrets.get("Production") is None
    secrets.set("Production", SECRET)
    assert memory_keyring.entries == {("token-desk", "Production"): SECRET}
    assert secrets.get("Production") == SECRET
    secrets.delete("Production")
    assert secrets.get("Production") is None
    secrets.delete("Production")  # deleting what is not there is fine


def test_rename_moves_the_secret(memory_keyring) -> None:
    secrets = SecretStore()
    secrets.set("Old", SECRET)
    secrets.rename("Old", "New")
    assert memory_keyring.entries == {("token-desk", "New"): SECRET}


def test_rename_without_a_secret_clears_a_leftover_under_the_new_name(memory_keyring) -> None:
    secrets = SecretStore()
    secrets.set("New", OTHER_SECRET)
    secrets.rename("Old", "New")
    assert secrets.get("New") is None


@pytest.mark.parametrize(
    ("raised", "expected", "fix"),
    [
        (keyring_errors.NoKeyringError("No recommended backend"), NoKeyringError, "GNOME Keyring or KWallet"),
        (keyring_errors.InitError("Failed to create the collection"), KeyringLockedError, "unlock it"),
        (keyring_errors.KeyringLocked("Failed to unlock"), KeyringLockedError, "unlock it"),
        (keyring_errors.PasswordSetError("denied"), KeyringWriteError, "unlock the keyring"),
        (keyring_errors.KeyringError("odd"), KeyringWriteError, "session only"),
    ],
)
def test_write_failures_become_one_sentence_naming_the_fix(memory_keyring, raised, expected, fix) -> None:
    memory_keyring.failures["set"] = raised
    with pytest.raises(expected) as caught:
        SecretStore().set("Production", SECRET)
    message = str(caught.value)
    assert fix in message and message.endswith(".") and SECRET not in message
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


class PromptDismissedException(Exception):
    """Named like secretstorage's: the user closed the unlock prompt."""


@pytest.mark.parametrize(
    ("operation", "raised", "expected"),
    [
        ("get", PromptDismissedException("Prompt dismissed."), KeyringLockedError),
        ("get", ConnectionRefusedError("dbus socket"), NoKeyringError),
        ("get", RuntimeError("backend broke"), KeyringReadError),
        ("delete", keyring_errors.PasswordDeleteError("access denied"), KeyringDeleteError),
    ],
)
def test_backend_specific_exceptions_are_translated(memory_keyring, operation, raised, expected) -> None:
    secrets = SecretStore()
    secrets.set("Production", SECRET)
    memory_keyring.failures[operation] = raised
    with pytest.raises(expected, match="Production|keyring"):
        getattr(secrets, operation)("Production")


def test_a_backend_that_echoes_the_secret_never_leaks_it(memory_keyring, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    memory_keyring.failures["set"] = RuntimeError(f"could not store {SECRET}")
    with pytest.raises(SecretStoreError) as caught:
        SecretStore().set("Production", SECRET)
    error = caught.value
    assert SECRET not in str(error) + repr(error) + error.details
    assert "[token hidden]" in error.details
    assert SECRET not in caplog.text


def test_failed_rename_keeps_the_secret_under_the_old_name(memory_keyring) -> None:
    secrets = SecretStore()
    secrets.set("Old", SECRET)
    memory_keyring.fail_set_for.add("New")
    with pytest.raises(KeyringWriteError):
        secrets.rename("Old", "New")
    assert memory_keyring.entries == {("token-desk", "Old"): SECRET}


def test_repr_names_no_secret() -> None:
    assert repr(SecretStore()) == "SecretStore(service='token-desk')"
