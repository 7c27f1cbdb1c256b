"""Files that hold token data (the action history, the window's settings, exports) are the user's alone:
created 0600 in folders created 0700, whatever the umask. No Qt.

Windows has no such modes (a user's profile folder is already private there), so only POSIX systems are
tightened. A folder or file that already exists with looser modes (made by an older version) is tightened
too, as long as it is the user's own.
"""

from __future__ import annotations

import os
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700
_POSIX = os.name == "posix"


def private_folder(path: Path) -> Path:
    """`path` created (with its parents) and closed to other users. Raises OSError when it cannot be made."""
    path.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    _tighten(path, PRIVATE_FOLDER)
    return path


def private_file(path: Path) -> Path:
    """`path` created empty if missing, readable and writable by the user alone (its content is kept)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_BINARY", 0)
    os.close(os.open(path, flags, PRIVATE_FILE))
    _tighten(path, PRIVATE_FILE)
    return path


def _tighten(path: Path, mode: int) -> None:
    if not _POSIX:
        return
    status = path.stat()
    if status.st_uid == os.getuid() and status.st_mode & 0o777 & ~mode:
        os.chmod(path, mode)
