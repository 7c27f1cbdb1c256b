"""What the process environment must hold before Qt starts, checked without Qt.

Two things Qt gets wrong on its own on Linux: with no display it aborts with a
message blaming libxcb-cursor0, and with no D-Bus session it has libdbus
autolaunch a `dbus-launch` daemon that outlives the app.
"""

from __future__ import annotations

import os
import sys
from collections.abc import MutableMapping
from pathlib import Path

from token_desk import environment

DISPLAY_ENVS = (environment.X11_DISPLAY, environment.WAYLAND_DISPLAY)
# libdbus reads an unsupported address as "no session bus" and does not autolaunch one.
NO_SESSION_BUS = "disabled:"
# Platforms that draw on a real screen and so need one.
_SCREEN_PLATFORMS = ("", "xcb", "wayland")


def display_problem(environ: MutableMapping[str, str], self_test: bool = False,
                    platform: str = sys.platform) -> str | None:
    """One sentence naming the fix when Qt would find no display; None when it will start."""
    if not platform.startswith("linux"):
        return None  # Windows and macOS always have their own window system
    qpa = environ.get(environment.QT_PLATFORM, "").split(":", 1)[0].strip().lower()
    if qpa not in _SCREEN_PLATFORMS or any(environ.get(name) for name in DISPLAY_ENVS):
        return None
    if self_test:
        return ("No display found: set QT_QPA_PLATFORM=offscreen to run --self-test without one "
                "(or set DISPLAY or WAYLAND_DISPLAY).")
    return ("No display found: set DISPLAY (X11) or WAYLAND_DISPLAY (Wayland) to the screen Token Desk "
            "should open on, or run it from a desktop session.")


def prevent_dbus_autolaunch(environ: MutableMapping[str, str], platform: str = sys.platform) -> bool:
    """With no session bus at all, tell libdbus so, instead of letting it start a daemon; True if set."""
    if not platform.startswith("linux") or environ.get(environment.SESSION_BUS):
        return False
    runtime_dir = environ.get(environment.XDG_RUNTIME_DIR)
    if runtime_dir and Path(runtime_dir, "bus").exists():
        return False  # the systemd user bus: libdbus finds it without launching anything
    environ[environment.SESSION_BUS] = NO_SESSION_BUS
    return True


def prepare(self_test: bool = False) -> str | None:
    """Check and adjust this process's environment; the sentence to exit with, if any."""
    problem = display_problem(os.environ, self_test)
    if problem is None:
        prevent_dbus_autolaunch(os.environ)
    return problem
