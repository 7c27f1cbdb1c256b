"""Way a: the management token reaches influxctl without ever resting in a file under HOME or TMPDIR."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from influxctl_standins import make_influxctl

from token_desk import system
from token_desk.api.influxctl import (
    ExistingProfile, GeneratedConfig, InfluxctlBridge, InfluxctlNeedsItsOwnSignInError, InfluxctlOutcomeUnknownError,
    InfluxctlProgram, pipes_work,
)

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


def test_the_generated_config_never_shows_its_token() -> None:
    config = GeneratedConfig(ACCOUNT, ACCOUNT, SECRET)
    shown = (repr(config), str(config), f"{config}", repr([config]), repr(list(config.__rich_repr__())))
    assert all(SECRET not in text and ACCOUNT in text for text in shown)
    assert SECRET.encode() in config.toml()  # what influxctl reads through the pipe


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
    assert pipes_work()
    exercise(home_and_tmp[1])
    assert files_holding(SECRET, home_and_tmp) == []


@pytest.mark.parametrize("platform", ["linux", "darwin"])
def test_linux_and_macos_hand_influxctl_the_config_through_dev_fd(home_and_tmp, monkeypatch, platform):
    monkeypatch.setattr(system, "PLATFORM", platform)
    with GeneratedConfig(ACCOUNT, ACCOUNT, SECRET).flags() as (flags, fds):
        path = flags[flags.index("--config") + 1]
        assert path == f"/dev/fd/{fds[0]}"
        assert SECRET.encode() in os.read(fds[0], 4096)


def test_on_windows_way_a_never_writes_the_token_and_says_why_in_one_sentence(home_and_tmp, monkeypatch):
    """No /dev/fd: rather than a file, way a tells the person to use an influxctl profile; nothing runs."""
    monkeypatch.setattr(system, "PLATFORM", "win32")
    program = make_influxctl(home_and_tmp[1] / "bin", 'print("[]")')
    bridge = InfluxctlBridge(InfluxctlProgram([str(program)]), GeneratedConfig(ACCOUNT, ACCOUNT, SECRET))
    for call in (bridge.list_management_tokens, lambda: bridge.revoke_management_token(TOKEN_ID)):
        with pytest.raises(InfluxctlNeedsItsOwnSignInError) as raised:
            call()
        message = str(raised.value)
        assert message.startswith("On Windows") and "influxctl profile" in message and message.count(". ") == 0
        assert SECRET not in message
    assert not (program.parent / "calls.log").exists()  # not a single influxctl process was started
    assert files_holding(SECRET, home_and_tmp) == []


def test_on_windows_way_b_runs_influxctl_with_its_own_profile(home_and_tmp, monkeypatch):
    monkeypatch.setattr(system, "PLATFORM", "win32")
    program = make_influxctl(home_and_tmp[1] / "bin", 'print("[]")')
    bridge = InfluxctlBridge(InfluxctlProgram([str(program)]), ExistingProfile(None, "prod"))
    assert bridge.list_management_tokens() == []
    assert "--profile" in (program.parent / "calls.log").read_text()
