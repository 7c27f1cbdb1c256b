"""What tests that drive outside tools (Xvfb, the Secret Service, PyInstaller) share."""

from __future__ import annotations

import os
import shutil
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
