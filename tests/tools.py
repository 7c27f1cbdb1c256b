"""What tests that drive outside tools (Xvfb, the Secret Service, PyInstaller) share."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]


def artifacts_dir() -> Path:
    """Where screenshots and logs go for people (and CI) to keep: $TOKEN_DESK_ARTIFACTS or build/artifacts."""
    path = Path(os.environ.get("TOKEN_DESK_ARTIFACTS", REPO_ROOT / "build" / "artifacts"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def require_tools(*names: str, missing_too: tuple[str, ...] = (), hint: str = "bash .ci/setup installs them") -> None:
    """Skip on a developer machine without the tools; fail in CI (CI set), which must never skip these tests.

    `missing_too` adds things the caller found missing itself (e.g. a Python package)."""
    missing = [name for name in names if shutil.which(name) is None] + list(missing_too)
    if missing:
        message = f"needs {', '.join(missing)} ({hint})"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


# Ignored signals are inherited, and Python keeps an ignored SIGINT ignored (no KeyboardInterrupt). A test
# run as a script's background job (a busy machine's `… &`, some CI runners) ignores SIGINT, so a child it
# started would ignore the Ctrl+C the test sends. This resets them, ignores what `nohup` would, then becomes
# the program.
_AS_FROM_A_TERMINAL = """
import os, signal, sys
for name in ("SIGINT", "SIGHUP"):
    if hasattr(signal, name):
        signal.signal(getattr(signal, name), signal.SIG_DFL)
for name in filter(None, sys.argv[1].split(",")):
    signal.signal(getattr(signal, name), signal.SIG_IGN)
os.execv(sys.argv[2], sys.argv[2:])
"""


def as_from_a_terminal(argv: list[str], *, ignoring: tuple[str, ...] = ()) -> list[str]:
    """`argv` (an absolute program first) started the way a terminal starts it: Ctrl+C and a hang-up at their
    defaults, whatever the test run itself ignores; `ignoring` names signals to ignore instead (`nohup`)."""
    return [sys.executable, "-c", _AS_FROM_A_TERMINAL, ",".join(ignoring), *argv]
