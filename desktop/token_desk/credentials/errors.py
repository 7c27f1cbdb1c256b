"""Every failure of the credentials layer, each with one sentence a person can act on.

str(error) is that sentence and is safe to show: no secret ever goes into it.
`details` is a technical line for logs ("details" panes), also secret-free.
"""

from __future__ import annotations

from pathlib import Path

from token_desk import system


class CredentialError(Exception):
    """Base class: something about profiles or stored tokens went wrong."""

    default_advice = "Token Desk could not use the saved connection settings."

    def __init__(self, advice: str | None = None, *, details: str = "") -> None:
        self.advice = advice or self.default_advice
        self.details = details
        super().__init__(self.advice)

    def __str__(self) -> str:
        return self.advice

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.advice!r})"


# --- the OS keyring -------------------------------------------------------------


def _keyring_fix() -> str:
    if system.is_macos():
        return "unlock the login keychain in Keychain Access"
    if system.is_windows():
        return "make sure Windows Credential Manager is available"
    return "install and unlock a Secret Service provider such as GNOME Keyring or KWallet"


class SecretStoreError(CredentialError):
    """The OS keyring failed; the GUI may offer "use this token for this session only"."""

    default_advice = "The system keyring failed; unlock it and try again, or use the token for this session only."


class NoKeyringError(SecretStoreError):
    def __init__(self, advice: str | None = None, *, details: str = "") -> None:
        advice = advice or (
            f"No system keyring is available to keep the token; {_keyring_fix()}, "
            "or use the token for this session only."
        )
        super().__init__(advice, details=details)


class KeyringMisconfiguredError(NoKeyringError):
    """PYTHON_KEYRING_BACKEND or keyringrc.cfg names a backend that cannot be loaded."""


class KeyringDisabledError(NoKeyringError):
    """keyring's configuration selects the null backend, which silently stores nothing."""


class KeyringLockedError(SecretStoreError):
    def __init__(self, advice: str | None = None, *, details: str = "") -> None:
        advice = advice or (
            "The system keyring is locked or its unlock prompt was dismissed; "
            "unlock it when asked and try again, or use the token for this session only."
        )
        super().__init__(advice, details=details)


class KeyringReadError(SecretStoreError):
    default_advice = "Token Desk could not read the token from the system keyring; unlock the keyring and try again."


class KeyringWriteError(SecretStoreError):
    default_advice = (
        "Token Desk could not save the token in the system keyring; unlock the keyring and try again, "
        "or use the token for this session only."
    )


class KeyringDeleteError(SecretStoreError):
    default_advice = "Token Desk could not remove the token from the system keyring; unlock the keyring and try again."


class KeychainAccessRefusedError(SecretStoreError):
    """macOS: the keychain answered errSecAuthFailed, as it does to an unsigned (or since re-signed) app."""

    default_advice = ("macOS refused this copy of Token Desk access to the keychain, as it does for an unsigned "
                      "build; use a signed release of Token Desk, or use the token for this session only.")


class KeyringEntryTooLargeError(KeyringWriteError):
    """Windows: Credential Manager refuses a secret over its 2,560-byte limit."""

    default_advice = ("Windows Credential Manager cannot keep a token this long (at most 2,560 bytes); check that "
                      "only the management token was pasted, or use it for this session only.")


class InsecureKeyringError(SecretStoreError):
    """The selected backend would keep the token unencrypted (or is not a recommended one)."""


# --- tokens typed by a person ---------------------------------------------------


class InvalidTokenError(CredentialError):
    default_advice = "Enter the management token; the field is empty."


# --- the profiles file ----------------------------------------------------------


class ProfileStoreError(CredentialError):
    default_advice = "Token Desk could not use its profiles file."


class ProfileFileError(ProfileStoreError):
    """profiles.json cannot be used as it is; it is left untouched on disk."""

    def __init__(self, advice: str, *, path: Path, details: str = "") -> None:
        self.path = path
        super().__init__(advice, details=details)


class ProfileFileCorruptError(ProfileFileError):
    """The file exists but is not a profiles file this version understands."""


class ProfileFileUnreadableError(ProfileFileError):
    pass


class ProfileFileWriteError(ProfileFileError):
    pass


class ProfileNotFoundError(ProfileStoreError):
    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f"There is no profile named '{name}'; it may have been deleted or renamed.")


class ProfileNameTakenError(ProfileStoreError):
    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f"A profile named '{name}' already exists; choose another name.")


class InvalidProfileError(ProfileStoreError):
    """A profile failed validation; `problems` maps each field to its message."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = dict(problems)
        super().__init__(" ".join(self.problems.values()))
