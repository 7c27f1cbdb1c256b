"""Which keyring backends Token Desk agrees to keep a management token in.

The rule, checked on keyring.get_keyring() before every use:
- keyring.backends.fail.Keyring means "no backend" -> NoKeyringError;
  keyring.backends.null.Keyring stores nothing -> KeyringDisabledError.
- A backend is *insecure* when its class or module name mentions "plaintext",
  when it keeps secrets in a file of its own (modules keyrings.alt.file,
  keyrings.alt.pyfs, keyring.backends.file), or when its priority is below 1,
  keyring's own threshold for "recommended" (keyring.core.recommended); all of
  keyrings.alt's backends sit below it. Such a backend is refused
  (InsecureKeyringError) unless the person chose exactly that backend through
  keyring's own configuration: the PYTHON_KEYRING_BACKEND environment variable
  or `default-keyring` in keyringrc.cfg. Then their choice is respected.
- For keyring's ChainerBackend the backend judged is the one it writes to
  (the first of its chained backends), since only writes create new secrets.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from token_desk import environment
from token_desk.credentials.errors import (
    InsecureKeyringError,
    KeyringDisabledError,
    KeyringMisconfiguredError,
    NoKeyringError,
)

RECOMMENDED_PRIORITY = 1
_FILE_BACKEND_MODULES = ("keyrings.alt.file", "keyrings.alt.pyfs", "keyring.backends.file")

log = logging.getLogger(__name__)

if TYPE_CHECKING:  # keyring is imported at its first use (~100 ms): a start that needs no keyring never pays
    from keyring.backend import KeyringBackend


def backend_path(backend: KeyringBackend) -> str:
    """The dotted name keyring's configuration uses for this backend."""
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def keyring_config_file() -> Path:
    from keyring.util import platform_

    return platform_.config_root() / "keyringrc.cfg"


def explicitly_chosen_backend() -> str | None:
    """The backend named in PYTHON_KEYRING_BACKEND or keyringrc.cfg, if any."""
    from_env = os.environ.get(environment.KEYRING_BACKEND, "").strip()
    if from_env:
        return from_env
    import configparser  # with the keyring's first use, on a worker: the window's first paint needs neither

    parser = configparser.RawConfigParser()
    try:
        parser.read(keyring_config_file(), encoding="utf-8")
        return parser.get("backend", "default-keyring").strip() or None
    except (configparser.Error, OSError, UnicodeDecodeError):
        return None


def write_target(backend: KeyringBackend) -> KeyringBackend | None:
    """The backend a set_password() reaches (see ChainerBackend); None when there is none."""
    chained = getattr(type(backend), "backends", None)
    if backend_path(backend) != "keyring.backends.chainer.ChainerBackend" or chained is None:
        return backend
    return chained[0] if chained else None


def is_insecure(backend: KeyringBackend) -> bool:
    cls = type(backend)
    names = f"{cls.__module__}.{cls.__qualname__}".lower()
    if "plaintext" in names or cls.__module__.startswith(_FILE_BACKEND_MODULES):
        return True
    return _priority(backend) < RECOMMENDED_PRIORITY


def _priority(backend: KeyringBackend) -> float:
    try:
        return float(type(backend).priority)
    except Exception:  # keyring backends raise anything (RuntimeError by contract) when not viable
        return float("-inf")


def current_backend() -> KeyringBackend:
    """keyring.get_keyring(), with a bad configured backend name turned into a sentence."""
    import keyring

    try:
        return keyring.get_keyring()
    except Exception as err:  # load_env/load_config raise ImportError, AttributeError, RuntimeError...
        raise KeyringMisconfiguredError(
            f"The keyring backend chosen in {environment.KEYRING_BACKEND} or keyringrc.cfg cannot be loaded; "
            "correct or remove that setting, or use the token for this session only.",
            details=f"{type(err).__name__}: {err}",
        ) from err


def usable_backend() -> KeyringBackend:
    """The backend to use, or a SecretStoreError saying why there is none we accept."""
    backend = current_backend()
    target = write_target(backend)
    if target is None or backend_path(target) == "keyring.backends.fail.Keyring":
        raise NoKeyringError(details=f"keyring backend: {backend_path(backend)}")
    if backend_path(target) == "keyring.backends.null.Keyring":
        raise KeyringDisabledError(
            "Keeping tokens in the system keyring is turned off in keyring's configuration (null backend); "
            f"remove that setting from {environment.KEYRING_BACKEND} or keyringrc.cfg, or use the token for this session only.",
        )
    if is_insecure(target) and explicitly_chosen_backend() not in (backend_path(backend), backend_path(target)):
        raise InsecureKeyringError(
            f"The available keyring ({backend_path(target)}) would keep the token unencrypted, so Token Desk "
            "will not use it; install and unlock a secure keyring such as GNOME Keyring or KWallet, "
            f"or choose that backend yourself with {environment.KEYRING_BACKEND} or keyringrc.cfg.",
            details=f"keyring backend: {backend_path(backend)}",
        )
    return backend
