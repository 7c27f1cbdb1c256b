"""SIGTERM, SIGINT and SIGHUP end a real `python -m token_desk` the way closing its window does.

The app runs as its own process against the independent influxctl stand-in, whose every command hangs and
ignores SIGTERM and SIGINT; its launcher is a shell that keeps the stand-in as its child, so only ending the
whole process group ends both. Each signal must end the app with no influxctl process of its left anywhere.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.influxctl_standin.standin import SCRIPT, StandIn, private_home_and_tmp
from token_desk.quit_signals import exit_status

DESKTOP = Path(__file__).resolve().parents[1] / "desktop"
SECRET = "apiv1_" + "s" * 40
# Bounds for conditions, not measurements: start-up on a loaded machine, and an end that never comes.
START_BOUND_S = 60
END_BOUND_S = 15
QUIT_SIGNALS = [name for name in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, name)]
HANGING = {"list"}  # `token list` and `management list` are what loading the window starts

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals; Windows has no SIGTERM delivery")


def wait_for(condition, bound_s: float, what: str):
    """Poll `condition` until it returns something true, at most `bound_s`; fails naming `what`."""
    deadline = time.monotonic() + bound_s
    while True:
        value = condition()
        if value:
            return value
        assert time.monotonic() < deadline, f"still waiting for {what} after {bound_s} s"
        time.sleep(0.05)


def _proc_state(pid: int) -> str | None:
    """The Linux state letter of `pid`, or None when there is no such process."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    return stat.rsplit(")", 1)[1].split()[0]


def running(pid: int) -> bool:
    """True while `pid` runs; a zombie has ended (here nobody may reap an orphan, so it would stay one)."""
    if Path("/proc/self/stat").exists():
        return _proc_state(pid) not in (None, "Z")
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def group_members(pgid: int) -> list[int]:
    """Running processes of group `pgid` (Linux reads /proc; elsewhere the group leader stands for it)."""
    if not Path("/proc/self/stat").exists():
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return []
        return [pgid]
    members = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (FileNotFoundError, ProcessLookupError):
                continue
            if fields[0] != "Z" and int(fields[2]) == pgid:
                members.append(int(entry.name))
    return members


@pytest.fixture
def standin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> StandIn:
    world = StandIn(tmp_path / "standin", modes=("hang-ignore-term",))
    world.seed(SECRET)
    # Not `exec`: the shell stays the stand-in's parent, as a wrapper script's would.
    world.program.write_text(f'#!/bin/sh\n"{sys.executable}" "{SCRIPT}" "$@"\n')
    return world


def start_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, world: StandIn) -> subprocess.Popen:
    home, tmp = private_home_and_tmp(tmp_path, monkeypatch)
    config = world.config_file(home / "config.toml", name="prod", token=SECRET)
    env = {key: value for key, value in os.environ.items() if key not in ("DBUS_SESSION_BUS_ADDRESS",)}
    env.update(world.env, PYTHONPATH=str(DESKTOP), QT_QPA_PLATFORM="offscreen", HOME=str(home), TMPDIR=str(tmp))
    env.pop("TOKEN_DESK_INFLUXCTL", None)
    return subprocess.Popen(
        [sys.executable, "-m", "token_desk", "--influxctl", str(world.program), "--influxctl-config", str(config),
         "--influxctl-profile", "prod"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def hanging_calls(world: StandIn) -> list[dict]:
    return [call for call in world.calls() if HANGING & set(call["argv"]) and running(call["pid"])]


@pytest.mark.parametrize("name", QUIT_SIGNALS)
def test_a_quit_signal_ends_the_app_and_every_influxctl_group(tmp_path, monkeypatch, standin, name) -> None:
    app = start_app(tmp_path, monkeypatch, standin)
    try:
        hanging = wait_for(lambda: hanging_calls(standin), START_BOUND_S, "influxctl to be started")
        app.send_signal(getattr(signal, name))
        try:
            app.wait(timeout=END_BOUND_S)
        except subprocess.TimeoutExpired:
            pytest.fail(f"Token Desk was still running {END_BOUND_S} s after {name}")
        _out, err = app.communicate()
        assert app.returncode == exit_status(getattr(signal, name)), err
        assert "Traceback" not in err
        groups = {call["pgid"] for call in standin.calls()}
        assert {call["pgid"] for call in hanging} <= groups
        # The app has ended; the children it ended go within moments (bounded: a kill is not instant).
        left = lambda: [pid for pgid in groups for pid in group_members(pgid)]  # noqa: E731
        try:
            wait_for(lambda: not left(), END_BOUND_S, "influxctl to end")
        except AssertionError:
            pytest.fail(f"influxctl processes outlived Token Desk after {name}: {left()}")
    finally:
        if app.poll() is None:
            app.kill()
            app.communicate()
        for call in standin.calls():  # never leave a hanging stand-in behind, whatever failed
            try:
                os.killpg(call["pgid"], signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass


def test_the_exit_status_is_zero_except_for_ctrl_c() -> None:
    assert exit_status(signal.SIGTERM) == 0
    assert exit_status(signal.SIGINT) == 130
