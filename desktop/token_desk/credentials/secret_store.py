"""SecretStore: one management token per profile in the OS keyring (service "token-desk").

Calls may block on a keyring unlock prompt: run them off the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from token_desk.credentials.errors import (
    KeychainAccessRefusedError,
    KeyringDeleteError,
    KeyringEntryTooLargeError,
    KeyringLockedError,
    KeyringReadError,
    KeyringWriteError,
    NoKeyringError,
    SecretStoreError,
)
from token_desk.credentials.keyring_policy import backend_path, usable_backend

if TYPE_CHECKING:  # keyring itself is imported at the first keyring call: a start without one never pays for it
    from keyring.backend import KeyringBackend

SERVICE_NAME = "token-desk"

log = logging.getLogger(__name__)
T = TypeVar("T")

# Backends also raise their own exceptions (secretstorage, jeepney/dbus, OSError):
# recognised by class name so that no optional backend package has to be imported.
_UNAVAILABLE_NAMES = ("NotAvailable", "NoSuchService", "ServiceUnknown", "NoReply", "DBusConnection")
_LOCKED_NAMES = ("Locked", "Dismissed")
# Known answers of one system's keyring, recognised in the exception or the one it was raised from:
_MACOS_AUTH_FAILED = -25293  # errSecAuthFailed: the keychain refuses an unsigned or re-signed app
_WINDOWS_BAD_STUB_DATA = 1783  # CredWrite's answer to a blob over CRED_MAX_CREDENTIAL_BLOB_SIZE (2,560 bytes)


class SecretStore:
    """get/set/delete/rename a profile's token; every keyring failure becomes a SecretStoreError."""

    def __init__(
        self,
        service: str = SERVICE_NAME,
        backend_provider: Callable[[], KeyringBackend] = usable_backend,
    ) -> None:
        self._service = service
        self._backend_provider = backend_provider

    def __repr__(self) -> str:
        return f"SecretStore(service={self._service!r})"

    def check_available(self) -> str:
        """Raise the SecretStoreError a write would hit, or return the backend's name."""
        return backend_path(self._backend_provider())

    def get(self, profile_name: str) -> str | None:
        """The stored token, or None when nothing is stored for this profile."""
        return self._call("read", profile_name, lambda backend: backend.get_password(self._service, profile_name))

    def set(self, profile_name: str, secret: str) -> None:
        def write(backend: KeyringBackend) -> None:
            backend.set_password(self._service, profile_name, secret)

        self._call("write", profile_name, write, secret=secret)
        log.info("Saved the token of profile '%s' in the keyring", profile_name)

    def delete(self, profile_name: str) -> None:
        """Remove the token; nothing stored is fine."""
        self._call("delete", profile_name, self._delete_if_present(profile_name))
        log.info("Removed the token of profile '%s' from the keyring (if there was one)", profile_name)

    def rename(self, old_name: str, new_name: str) -> None:
        """Move the token to the new profile name; the old entry goes only once the new one is saved."""
        if old_name == new_name:
            return
        secret = self.get(old_name)
        if secret is None:
            self.delete(new_name)  # a leftover under the new name must not become this profile's token
            return
        self.set(new_name, secret)
        try:
            self.delete(old_name)
        except SecretStoreError:
            self.delete(new_name)
            raise

    def _delete_if_present(self, profile_name: str) -> Callable[[KeyringBackend], None]:
        def delete(backend: KeyringBackend) -> None:
            try:
                backend.delete_password(self._service, profile_name)
            except _keyring_errors().PasswordDeleteError:
                # Backends report a missing entry this way too; only a real leftover is a failure.
                if backend.get_password(self._service, profile_name) is not None:
                    raise

        return delete

    def _call(self, action: str, profile_name: str, operation: Callable[[KeyringBackend], T], secret: str = "") -> T:
        backend = self._backend_provider()
        try:
            return operation(backend)
        except Exception as err:  # every backend failure, whatever its type, becomes one sentence
            error = translate_keyring_error(err, action, profile_name, secret)
            log.warning("Keyring %s for profile '%s' failed: %s", action, profile_name, error.details)
            raise error from None


def translate_keyring_error(err: Exception, action: str, profile_name: str, secret: str = "") -> SecretStoreError:
    """Map any keyring/backend exception to a SecretStoreError; `secret` is scrubbed from details."""
    details = _scrub(f"{type(err).__module__}.{type(err).__name__}: {err}", secret)
    name = type(err).__name__
    if _is_keychain_refusal(err):
        return KeychainAccessRefusedError(details=details)
    if action == "write" and _is_credential_too_large(err):
        return KeyringEntryTooLargeError(details=details)
    keyring_errors = _keyring_errors()
    if isinstance(err, keyring_errors.NoKeyringError) or any(part in name for part in _UNAVAILABLE_NAMES):
        return NoKeyringError(details=details)
    if isinstance(err, (keyring_errors.InitError, keyring_errors.KeyringLocked)) or any(
        part in name for part in _LOCKED_NAMES
    ):
        return KeyringLockedError(details=details)
    if isinstance(err, ConnectionError | FileNotFoundError):
        return NoKeyringError(details=details)
    return _action_error(action, profile_name, details)


def _causes(err: BaseException) -> list[BaseException]:
    """The exception and those it was raised from (keyring wraps a backend's own error in its own)."""
    chain: list[BaseException] = []
    while err is not None and len(chain) < 5 and err not in chain:
        chain.append(err)
        err = err.__cause__ or err.__context__
    return chain


def _is_keychain_refusal(err: BaseException) -> bool:
    return any(type(cause).__name__ == "SecAuthFailure" or cause.args[:1] == (_MACOS_AUTH_FAILED,)
               for cause in _causes(err))


def _is_credential_too_large(err: BaseException) -> bool:
    return any(getattr(cause, "winerror", None) == _WINDOWS_BAD_STUB_DATA
               or cause.args[:2] == (_WINDOWS_BAD_STUB_DATA, "CredWrite") for cause in _causes(err))


def _action_error(action: str, profile_name: str, details: str) -> SecretStoreError:
    if action == "write":
        return KeyringWriteError(
            f"Token Desk could not save the token of profile '{profile_name}' in the system keyring; "
            "unlock the keyring and try again, or use the token for this session only.",
            details=details,
        )
    if action == "delete":
        return KeyringDeleteError(
            f"Token Desk could not remove the token of profile '{profile_name}' from the system keyring; "
            "unlock the keyring and try again.",
            details=details,
        )
    return KeyringReadError(
        f"Token Desk could not read the token of profile '{profile_name}' from the system keyring; "
        "unlock the keyring and try again, or enter the token again.",
        details=details,
    )


def _scrub(text: str, secret: str) -> str:
    return text.replace(secret, "[token hidden]") if secret else text


def _keyring_errors():
    from keyring import errors

    return errors
