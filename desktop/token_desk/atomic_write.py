"""Write a file whole or not at all: a temporary file beside the target, then one rename. No Qt."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TextIO


def write_text_atomically(path: Path, write: Callable[[TextIO], None]) -> None:
    """`write(file)` fills a temporary file in `path`'s folder, which then replaces `path`.

    If anything fails (the disk fills, the writer raises) the temporary file is removed and an
    existing `path` is left exactly as it was.
    """
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
            write(file)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
