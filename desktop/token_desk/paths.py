"""Where Token Desk keeps its on-disk state (never secrets: those live in the OS keyring)."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

from token_desk import environment

APP_DIR_NAME_LINUX = "token-desk"
APP_DIR_NAME_DESKTOP = "Token Desk"  # macOS and Windows show folder names to people


def user_config_root(
    platform: str | None = None,
    environ: Mapping[str, str] | None = None,
    home: Path | None = None,
) -> Path:
    """The OS convention for per-user config folders (same rule as Go's os.UserConfigDir)."""
    platform = sys.platform if platform is None else platform
    environ = os.environ if environ is None else environ
    home = Path.home() if home is None else home
    if platform.startswith("win"):
        appdata = environ.get("APPDATA")
        return Path(appdata) if appdata else home / "AppData" / "Roaming"
    if platform == "darwin":
        return home / "Library" / "Application Support"
    # XDG says a relative XDG_CONFIG_HOME is invalid and must be ignored.
    xdg = environ.get("XDG_CONFIG_HOME", "")
    return Path(xdg) if os.path.isabs(xdg) else home / ".config"


def default_config_dir(
    platform: str | None = None,
    environ: Mapping[str, str] | None = None,
    home: Path | None = None,
) -> Path:
    """The folder config_dir() would use, without creating it."""
    platform = sys.platform if platform is None else platform
    environ = os.environ if environ is None else environ
    override = environ.get(environment.CONFIG_DIR)
    if override:
        return Path(override).expanduser()
    is_linux_like = not (platform.startswith("win") or platform == "darwin")
    app_dir = APP_DIR_NAME_LINUX if is_linux_like else APP_DIR_NAME_DESKTOP
    return user_config_root(platform, environ, home) / app_dir


def config_dir() -> Path:
    """The one folder for on-disk app state, created on first use (if it cannot be, writes to it fail later)."""
    path = default_config_dir()
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass  # config_dir_problem() says so once; every writer reports its own failure
    return path


def config_dir_problem() -> str | None:
    """A sentence naming the folder when app state cannot be saved there; None when it can."""
    path = default_config_dir()
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=path):
            pass
    except OSError as err:
        reason = err.strerror or type(err).__name__
        return (f"Token Desk cannot save to its settings folder {path} ({reason}), so this session runs "
                "without saving connections or the window layout; fix that folder's permissions, or set "
                f"{environment.CONFIG_DIR} to a folder you can write to.")
    return None
