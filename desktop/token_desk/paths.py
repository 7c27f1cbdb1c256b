"""Where Token Desk keeps its on-disk state (never secrets: those live in the OS keyring)."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from token_desk import environment
from token_desk.private_files import private_folder

APP_DIR_NAME_LINUX = "token-desk"
APP_DIR_NAME_DESKTOP = "Token Desk"  # macOS and Windows show folder names to people


def _machine(platform: str | None, environ: Mapping[str, str] | None,
             home: Path | None) -> tuple[str, Mapping[str, str], Path]:
    """The given platform, environment and home, or this machine's (tests pass other machines')."""
    return (sys.platform if platform is None else platform, os.environ if environ is None else environ,
            Path.home() if home is None else home)


def user_config_root(
    platform: str | None = None,
    environ: Mapping[str, str] | None = None,
    home: Path | None = None,
) -> Path:
    """The OS convention for per-user config folders (same rule as Go's os.UserConfigDir)."""
    return _user_root(_CONFIG_ROOTS, platform, environ, home)


def default_config_dir(
    platform: str | None = None,
    environ: Mapping[str, str] | None = None,
    home: Path | None = None,
) -> Path:
    """The folder config_dir() would use, without creating it."""
    platform, environ, home = _machine(platform, environ, home)
    override = environ.get(environment.CONFIG_DIR)
    if override:
        return Path(override).expanduser()
    return user_config_root(platform, environ, home) / _app_dir_name(platform)


def _app_dir_name(platform: str) -> str:
    is_linux_like = not (platform.startswith("win") or platform == "darwin")
    return APP_DIR_NAME_LINUX if is_linux_like else APP_DIR_NAME_DESKTOP


def config_dir() -> Path:
    """The one folder for on-disk app state, created on first use (if it cannot be, writes to it fail later)."""
    path = default_config_dir()
    try:
        private_folder(path)  # the settings name clusters and accounts: the user's alone
    except OSError:
        pass  # config_dir_problem() says so once; every writer reports its own failure
    return path


def config_dir_problem() -> str | None:
    """A sentence naming the folder when app state cannot be saved there; None when it can."""
    path = default_config_dir()
    try:
        private_folder(path)
        with tempfile.TemporaryFile(dir=path):
            pass
    except OSError as err:
        reason = err.strerror or type(err).__name__
        return (f"Token Desk cannot save to its settings folder {path} ({reason}), so this session runs "
                "without saving connections or the window layout; fix that folder's permissions, or set "
                f"{environment.CONFIG_DIR} to a folder you can write to.")
    return None


def user_data_root(
    platform: str | None = None,
    environ: Mapping[str, str] | None = None,
    home: Path | None = None,
) -> Path:
    """The OS convention for per-user data that is not configuration (XDG data home, LocalAppData)."""
    return _user_root(_DATA_ROOTS, platform, environ, home)


class _Roots(NamedTuple):
    """Where one kind of per-user folder lives: Windows' variable, then XDG's, each with its fallback."""

    windows_variable: str
    windows_fallback: tuple[str, ...]  # under home
    xdg_variable: str
    xdg_fallback: tuple[str, ...]  # under home


_CONFIG_ROOTS = _Roots("APPDATA", ("AppData", "Roaming"), "XDG_CONFIG_HOME", (".config",))
_DATA_ROOTS = _Roots("LOCALAPPDATA", ("AppData", "Local"), "XDG_DATA_HOME", (".local", "share"))


def _user_root(roots: _Roots, platform: str | None, environ: Mapping[str, str] | None, home: Path | None) -> Path:
    platform, environ, home = _machine(platform, environ, home)
    if platform.startswith("win"):
        windows = environ.get(roots.windows_variable)
        return Path(windows) if windows else home.joinpath(*roots.windows_fallback)
    if platform == "darwin":
        return home / "Library" / "Application Support"  # config and data alike
    # XDG says a relative XDG_*_HOME is invalid and must be ignored.
    xdg = environ.get(roots.xdg_variable, "")
    return Path(xdg) if os.path.isabs(xdg) else home.joinpath(*roots.xdg_fallback)


def default_data_dir(platform: str | None = None, environ: Mapping[str, str] | None = None,
                     home: Path | None = None) -> Path:
    """The folder data_dir() would use, without creating it.

    TOKEN_DESK_DATA_DIR wins; else a TOKEN_DESK_CONFIG_DIR override keeps data beside the config
    (a portable or test setup wants one folder for everything); else the OS's data folder.
    """
    platform, environ, home = _machine(platform, environ, home)
    override = environ.get(environment.DATA_DIR) or environ.get(environment.CONFIG_DIR)
    if override:
        return Path(override).expanduser()
    return user_data_root(platform, environ, home) / _app_dir_name(platform)


def data_dir() -> Path:
    """The one folder for the app's own records (the action history), created on first use."""
    return private_folder(default_data_dir())
