"""How influxctl learns who it is: a config Token Desk generates (way a) or the person's own (way b).

Way a hands influxctl a `[[profile]]` with the management token from the keyring. The secret
never reaches persistent disk: on Linux and macOS the TOML goes through a pipe that influxctl
reads as `/dev/fd/N`; elsewhere it is a user-only file in a private runtime folder, deleted as
soon as the process ends and swept at start-up in case a crash left one behind.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

GENERATED_PROFILE = "token-desk"
_FILE_PREFIX = "influxctl-"
_FILE_SUFFIX = ".toml"


@dataclass(frozen=True)
class GeneratedConfig:
    """Way a: account, cluster and the management token Token Desk keeps."""

    account_id: str
    cluster_id: str
    mgmt_token: str = field(repr=False)

    @property
    def secret(self) -> str:
        return self.mgmt_token

    def toml(self) -> bytes:
        # JSON string escaping is valid TOML basic-string escaping for these values.
        lines = ["[[profile]]", f"  name = {json.dumps(GENERATED_PROFILE)}", '  product = "dedicated"',
                 f"  account_id = {json.dumps(self.account_id)}", f"  cluster_id = {json.dumps(self.cluster_id)}",
                 f"  mgmt_token = {json.dumps(self.mgmt_token)}"]
        return ("\n".join(lines) + "\n").encode("utf-8")

    @contextlib.contextmanager
    def flags(self) -> Iterator[tuple[list[str], tuple[int, ...]]]:
        """(`--config … --profile …`, file descriptors the process must inherit), for one process."""
        if pipes_work():
            with _piped(self.toml()) as (path, fd):
                yield ["--config", path, "--profile", GENERATED_PROFILE], (fd,)
        else:
            with private_file(self.toml()) as path:
                yield ["--config", str(path), "--profile", GENERATED_PROFILE], ()


@dataclass(frozen=True)
class ExistingProfile:
    """Way b: influxctl's own config file (None: its default location) and profile; no secret here."""

    config_path: str | None = None
    profile: str = "default"

    @property
    def secret(self) -> str:
        return ""

    @contextlib.contextmanager
    def flags(self) -> Iterator[tuple[list[str], tuple[int, ...]]]:
        config = ["--config", self.config_path] if self.config_path else []
        yield config + ["--profile", self.profile], ()


def pipes_work() -> bool:
    """Whether a child can open an inherited pipe as /dev/fd/N (Linux, macOS and other Unixes)."""
    return sys.platform != "win32" and os.path.isdir("/dev/fd")


@contextlib.contextmanager
def _piped(content: bytes) -> Iterator[tuple[str, int]]:
    read_fd, write_fd = os.pipe()
    try:
        # A config is far below any pipe's buffer, so the write completes before influxctl reads.
        os.write(write_fd, content)
        os.close(write_fd)
        write_fd = -1
        yield f"/dev/fd/{read_fd}", read_fd
    finally:
        for fd in (read_fd, write_fd):
            if fd >= 0:
                os.close(fd)


def runtime_dir(create: bool = True) -> Path:
    """A folder only this user can read, for the rare platform without /dev/fd (Windows)."""
    base = os.environ.get("XDG_RUNTIME_DIR") if sys.platform.startswith("linux") else None
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
    root = Path(base) if base else Path(tempfile.gettempdir())
    name = "token-desk" if base else f"token-desk-{_user_tag()}"
    path = root / name / "run"
    if not create:
        return path
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if sys.platform != "win32":
        os.chmod(path.parent, 0o700)
        os.chmod(path, 0o700)
    return path


def _user_tag() -> str:
    getuid = getattr(os, "getuid", None)
    return str(getuid()) if getuid else os.environ.get("USERNAME", "user")


@contextlib.contextmanager
def private_file(content: bytes, folder: Path | None = None) -> Iterator[Path]:
    """A user-only file holding `content`, deleted when the block ends, whatever happens."""
    folder = folder or runtime_dir()
    path = folder / f"{_FILE_PREFIX}{os.getpid()}-{secrets.token_hex(8)}{_FILE_SUFFIX}"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        yield path
    finally:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def sweep_leftovers(folder: Path | None = None) -> int:
    """Delete config files a crashed Token Desk left behind (not a running one's); returns how many."""
    folder = folder or runtime_dir(create=False)
    if not folder.is_dir():
        return 0
    removed = 0
    for path in folder.glob(f"{_FILE_PREFIX}*{_FILE_SUFFIX}"):
        if _owner_is_running(path.name):
            continue
        with contextlib.suppress(OSError):  # Windows refuses while a running influxctl holds it: fine
            path.unlink()
            removed += 1
    return removed


def _owner_is_running(name: str) -> bool:
    pid_text = name.removeprefix(_FILE_PREFIX).split("-", 1)[0]
    if not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        return False  # deletion fails for files still open, which is the check that matters there
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
