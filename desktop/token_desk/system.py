"""What Token Desk needs to know about the system it runs on, asked in one place. No Qt.

Every question reads PLATFORM (sys.platform's spelling: "linux", "darwin", "win32") when it is asked, or the
platform it is given, so a test on Linux can ask it as Windows or macOS would. A Linux-only path or program is used
only behind one of these questions.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

PLATFORM = sys.platform
DEV_FD = "/dev/fd"  # where a Unix child opens a descriptor it inherited as a file


def is_windows(platform: str | None = None) -> bool:
    return (platform or PLATFORM).startswith("win")


def is_macos(platform: str | None = None) -> bool:
    return (platform or PLATFORM) == "darwin"


def program_file_name(name: str, platform: str | None = None) -> str:
    """A program's file name: influxctl is influxctl.exe on Windows."""
    return f"{name}.exe" if is_windows(platform) else name


def has_dev_fd() -> bool:
    """Whether a child process can read an inherited pipe as /dev/fd/N (Linux, macOS; never Windows)."""
    return not is_windows() and os.path.isdir(DEV_FD)


def has_unix_permissions() -> bool:
    """Whether chmod-style permission bits mean anything here (Windows keeps access lists instead)."""
    return not is_windows()


def restrict_to_owner(path: Path, mode: int = 0o600) -> bool:
    """Give `path` the owner-only `mode` where the system has permission bits; True if it did.

    On Windows a file in the user's profile is already private to that user, so nothing is done and nothing
    fails."""
    if not has_unix_permissions():
        return False
    os.chmod(path, mode)
    return True
