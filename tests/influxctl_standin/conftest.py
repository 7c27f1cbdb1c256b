"""Fixtures for the stand-in's own tests: a seeded world and a way to run the program."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.influxctl_standin.standin import Seeded, StandIn

SECRET = "M.V1.standin-self-test-secret-0123456789abcdef"


@pytest.fixture
def standin(tmp_path: Path) -> StandIn:
    return StandIn(tmp_path / "standin")


@pytest.fixture
def seeded(standin: StandIn) -> Seeded:
    return standin.seed(SECRET)


@pytest.fixture
def config(standin: StandIn, seeded: Seeded, tmp_path: Path) -> Path:
    return standin.config_file(tmp_path / "config.toml", token=SECRET)


Runner = Callable[..., subprocess.CompletedProcess]


@pytest.fixture
def influxctl(standin: StandIn, config: Path) -> Runner:
    """Runs the stand-in with `--config config` before the given arguments (unless `global_flags` says otherwise)."""

    def run(*args: str, global_flags: tuple[str, ...] | None = None, modes: tuple[str, ...] = (),
            version: str | None = None, stdin: str | None = "", timeout: float = 20) -> subprocess.CompletedProcess:
        flags = ("--config", str(config)) if global_flags is None else global_flags
        env = {**os.environ, **standin.env, "INFLUXCTL_STANDIN_MODES": ",".join(modes)}
        if version:
            env["INFLUXCTL_STANDIN_VERSION"] = version
        return subprocess.run([str(standin.program), *flags, *args], env=env, input=stdin, capture_output=True,
                              text=True, timeout=timeout)

    return run
