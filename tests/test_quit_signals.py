"""SIGTERM, SIGINT and SIGHUP end a real `python -m token_desk` the way closing its window does.

The app runs as its own process against the independent influxctl stand-in, whose every command hangs and
ignores SIGTERM and SIGINT; its launcher is a shell that keeps the stand-in as its child, so only ending the
whole process group ends both. Each signal must end the app with no influxctl process of its left anywhere.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.influxctl_standin.standin import SCRIPT, StandIn, private_home_and_tmp
from tests.tools import as_from_a_terminal
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


def start_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, world: StandIn, *,
              ignoring: tuple[str, ...] = ()) -> subprocess.Popen:
    """Token Desk as started from a terminal; `ignoring` names signals it inherits ignored (as `nohup` does)."""
    home, tmp = private_home_and_tmp(tmp_path, monkeypatch)
    config = world.config_file(home / "config.toml", name="prod", token=SECRET)
    env = {key: value for key, value in os.environ.items() if key not in ("DBUS_SESSION_BUS_ADDRESS",)}
    env.update(world.env, PYTHONPATH=str(DESKTOP), QT_QPA_PLATFORM="offscreen", HOME=str(home), TMPDIR=str(tmp))
    env.pop("TOKEN_DESK_INFLUXCTL", None)
    argv = as_from_a_terminal([sys.executable, "-m", "token_desk", "--influxctl", str(world.program),
                               "--influxctl-config", str(config), "--influxctl-profile", "prod"], ignoring=ignoring)
    return subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def hanging_calls(world: StandIn) -> list[dict]:
    return [call for call in world.calls() if HANGING & set(call["argv"]) and running(call["pid"])]


@contextlib.contextmanager
def running_app(tmp_path, monkeypatch, world: StandIn, **options) -> Iterator[subprocess.Popen]:
    """The app, started and waited for until influxctl hangs under it; never left running, whatever fails."""
    app = start_app(tmp_path, monkeypatch, world, **options)
    try:
        wait_for(lambda: hanging_calls(world), START_BOUND_S, "influxctl to be started")
        yield app
    finally:
        if app.poll() is None:
            app.kill()
            app.communicate()
        for call in world.calls():  # never leave a hanging stand-in behind, whatever failed
            try:
                os.killpg(call["pgid"], signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass


def ended(app: subprocess.Popen, after: str) -> str:
    """The app's stderr once it has ended (bounded wait)."""
    try:
        app.wait(timeout=END_BOUND_S)
    except subprocess.TimeoutExpired:
        pytest.fail(f"Token Desk was still running {END_BOUND_S} s after {after}")
    _out, err = app.communicate()
    assert "Traceback" not in err
    return err


@pytest.mark.parametrize("name", QUIT_SIGNALS)
def test_a_quit_signal_ends_the_app_and_every_influxctl_group(tmp_path, monkeypatch, standin, name) -> None:
    with running_app(tmp_path, monkeypatch, standin) as app:
        hanging = hanging_calls(standin)
        app.send_signal(getattr(signal, name))
        err = ended(app, name)
        assert app.returncode == exit_status(getattr(signal, name)), err
        groups = {call["pgid"] for call in standin.calls()}
        assert {call["pgid"] for call in hanging} <= groups
        # The app has ended; the children it ended go within moments (bounded: a kill is not instant).
        left = lambda: [pid for pgid in groups for pid in group_members(pgid)]  # noqa: E731
        try:
            wait_for(lambda: not left(), END_BOUND_S, "influxctl to end")
        except AssertionError:
            pytest.fail(f"influxctl processes outlived Token Desk after {name}: {left()}")


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="no SIGHUP on this system")
def test_started_with_nohup_it_survives_a_hang_up_and_still_quits_on_sigterm(tmp_path, monkeypatch,
                                                                              standin) -> None:
    with running_app(tmp_path, monkeypatch, standin, ignoring=("SIGHUP",)) as app:
        app.send_signal(signal.SIGHUP)  # the terminal closed: nohup's promise is that nothing happens
        app.send_signal(signal.SIGTERM)  # delivered after it, so had SIGHUP quit, the log would name it
        err = ended(app, "SIGTERM")
        assert app.returncode == 0
        assert "Received SIGTERM" in err and "SIGHUP" not in err


def test_the_exit_status_is_zero_except_for_ctrl_c() -> None:
    assert exit_status(signal.SIGTERM) == 0
    assert exit_status(signal.SIGINT) == 130
