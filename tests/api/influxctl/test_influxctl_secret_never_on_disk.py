"""Way a: the management token reaches influxctl without ever resting in a file under HOME or TMPDIR."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from influxctl_standins import make_influxctl

from token_desk.api.influxctl import (
    GeneratedConfig, InfluxctlBridge, InfluxctlOutcomeUnknownError, InfluxctlProgram, sweep_leftovers,
)
from token_desk.api.influxctl import config as config_module

ACCOUNT = "0b1f3c52-8d4e-4a9b-b7c6-1e2d3f4a5b6c"
TOKEN_ID = "6d3c7b1e-4f0a-4c2b-9e51-2a7f0c9d8e11"
SECRET = "M.V1.never-on-disk-0123456789abcdef"


@pytest.fixture
def home_and_tmp(tmp_path, monkeypatch) -> list[Path]:
    home, tmp = tmp_path / "home", tmp_path / "tmp"
    for folder in (home, tmp):
        folder.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("TMPDIR", str(tmp))
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    return [home, tmp]


def files_holding(secret: str, folders: list[Path]) -> list[Path]:
    holding = []
    for folder in folders:
        for root, _dirs, names in os.walk(folder):
            for name in names:
                path = Path(root, name)
                if secret.encode() in path.read_bytes():
                    holding.append(path)
    return holding


def exercise(folder: Path) -> None:
    """A list, a revoke and an influxctl killed mid-run, each reading the config it was given."""
    program = make_influxctl(folder / "bin", '''
        assert "mgmt_token" in config
        if "list" in argv:
            print("[]")
        elif "revoke" in argv and os.environ.get("HANG"):
            time.sleep(600)
    ''')
    bridge = InfluxctlBridge(InfluxctlProgram([str(program)]), GeneratedConfig(ACCOUNT, ACCOUNT, SECRET))
    assert bridge.list_management_tokens() == []
    bridge.revoke_management_token(TOKEN_ID)
    os.environ["HANG"] = "1"
    try:
        hanging = InfluxctlBridge(InfluxctlProgram([str(program)]), GeneratedConfig(ACCOUNT, ACCOUNT, SECRET),
                                  timeout_seconds=0, kill_grace_seconds=0.3)
        with pytest.raises(InfluxctlOutcomeUnknownError):
            hanging.revoke_management_token(TOKEN_ID)
    finally:
        del os.environ["HANG"]


def test_through_a_pipe_no_file_ever_holds_the_secret(home_and_tmp):
    assert config_module.pipes_work()
    exercise(home_and_tmp[1])
    assert files_holding(SECRET, home_and_tmp) == []


def test_without_pipes_the_private_file_is_gone_after_every_process(home_and_tmp, monkeypatch):
    monkeypatch.setattr(config_module, "pipes_work", lambda: False)
    exercise(home_and_tmp[1])
    assert files_holding(SECRET, home_and_tmp) == []
    folder = config_module.runtime_dir()
    assert folder.is_relative_to(home_and_tmp[1]) and oct(folder.stat().st_mode & 0o777) == "0o700"


def test_a_file_a_crashed_token_desk_left_is_swept_at_start_up(home_and_tmp):
    folder = config_module.runtime_dir()
    leftover = folder / "influxctl-999999999-0123456789abcdef.toml"  # no such process
    leftover.write_text(f'mgmt_token = "{SECRET}"')
    with config_module.private_file(b"mine") as ours:
        assert sweep_leftovers(folder) == 1
        assert ours.exists() and not leftover.exists()
        assert oct(ours.stat().st_mode & 0o777) == "0o600"
