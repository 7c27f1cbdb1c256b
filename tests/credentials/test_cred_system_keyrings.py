"""Keyring failures that only one system's keyring produces, each turned into one sentence by the app's one
error function. The exceptions are built exactly as keyring's macOS and Windows backends raise them (those
backends cannot be imported on Linux)."""

from __future__ import annotations

import pytest
from keyring import errors as keyring_errors

from cred_helpers import SECRET
from token_desk.credentials import (
    KeychainAccessRefusedError, KeyringEntryTooLargeError, KeyringLockedError, KeyringWriteError, SecretStore,
)
from token_desk.ui.common.error_text import error_sentence


class SecAuthFailure(Exception):
    """keyring.backends.macOS.api.SecAuthFailure: errSecAuthFailed from the Security framework."""


class KeychainDenied(Exception):
    """keyring.backends.macOS.api.KeychainDenied: the person clicked Deny."""


class error(Exception):  # noqa: N801 - win32ctypes.pywin32.pywintypes.error, as CredWrite raises it
    def __init__(self, winerror: int, funcname: str, strerror: str) -> None:
        super().__init__(winerror, funcname, strerror)
        self.winerror, self.funcname, self.strerror = winerror, funcname, strerror


def wrapped(keyring_error: Exception, cause: Exception) -> Exception:
    """What keyring's macOS backend raises: its own error, raised from the Security framework's."""
    try:
        raise keyring_error from cause
    except Exception as raised:
        return raised


def unsigned_build_refused() -> Exception:
    cause = SecAuthFailure(-25293, "Security Auth Failure: make sure executable is signed with codesign util")
    return wrapped(keyring_errors.PasswordSetError(f"Can't store password on keychain: {cause}"), cause)


def sentence_for_save(memory_keyring, raised: Exception, expected: type) -> str:
    memory_keyring.failures["set"] = raised
    with pytest.raises(expected) as caught:
        SecretStore().set("Production", SECRET)
    sentence = error_sentence(caught.value, "Saving the token")
    assert sentence == str(caught.value) and SECRET not in sentence + caught.value.details
    assert sentence.count(". ") == 0 and sentence.endswith(".")  # one sentence
    return sentence


def test_macos_refusing_an_unsigned_build_says_so_and_offers_this_session(memory_keyring) -> None:
    sentence = sentence_for_save(memory_keyring, unsigned_build_refused(), KeychainAccessRefusedError)
    assert sentence.startswith("macOS refused") and "unsigned build" in sentence and "session only" in sentence


def test_macos_refusal_when_reading_is_the_same_sentence(memory_keyring) -> None:
    secrets = SecretStore()
    secrets.set("Production", SECRET)
    cause = SecAuthFailure(-25293, "Security Auth Failure")
    memory_keyring.failures["get"] = wrapped(keyring_errors.KeyringError(f"Can't get password: {cause}"), cause)
    with pytest.raises(KeychainAccessRefusedError):
        secrets.get("Production")


def test_macos_deny_button_is_still_a_locked_keyring(memory_keyring) -> None:
    cause = KeychainDenied(-128, "Keychain Access Denied")
    raised = wrapped(keyring_errors.KeyringLocked(f"Can't store password on keychain: {cause}"), cause)
    sentence_for_save(memory_keyring, raised, KeyringLockedError)


def test_windows_credential_manager_size_limit_says_what_to_check(memory_keyring) -> None:
    raised = error(1783, "CredWrite", "The stub received bad data.")
    sentence = sentence_for_save(memory_keyring, raised, KeyringEntryTooLargeError)
    assert sentence.startswith("Windows Credential Manager") and "2,560 bytes" in sentence
    assert isinstance(memory_keyring.failures["set"], error)


def test_another_windows_error_stays_a_plain_write_failure(memory_keyring) -> None:
    memory_keyring.failures["set"] = error(5, "CredWrite", "Access is denied.")
    with pytest.raises(KeyringWriteError) as caught:
        SecretStore().set("Production", SECRET)
    assert not isinstance(caught.value, KeyringEntryTooLargeError)
