"""Starting without a display says how to fix it; no D-Bus daemon is left behind; closing ends the process."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from token_desk.startup_environment import NO_SESSION_BUS, display_problem, prevent_dbus_autolaunch

DESKTOP = Path(__file__).resolve().parents[1] / "desktop"


def bare_environment(**extra: str) -> dict[str, str]:
    """What a shell over ssh without X forwarding has: no display, no session bus, no Qt platform."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "DBUS_SESSION_BUS_ADDRESS")}
    env["PYTHONPATH"] = str(DESKTOP)
    env.update(extra)
    return env


def run_token_desk(*args: str, env: dict[str, str], timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "token_desk", *args], env=env, capture_output=True, text=True,
                          timeout=timeout)


@pytest.mark.parametrize("args", [(), ("--demo",)])
def test_no_display_exits_2_with_one_sentence_naming_the_fix(args) -> None:
    finished = run_token_desk(*args, env=bare_environment())
    assert finished.returncode == 2
    lines = finished.stderr.strip().splitlines()
    assert len(lines) == 1 and "DISPLAY" in lines[0] and "WAYLAND_DISPLAY" in lines[0]
    assert "xcb" not in finished.stderr and "Traceback" not in finished.stderr


def test_self_test_without_a_display_names_the_offscreen_platform() -> None:
    finished = run_token_desk("--self-test", env=bare_environment())
    assert finished.returncode == 2 and "QT_QPA_PLATFORM=offscreen" in finished.stderr


@pytest.mark.parametrize(("environ", "problem"), [
    ({}, True), ({"DISPLAY": ":0"}, False), ({"WAYLAND_DISPLAY": "wayland-0"}, False),
    ({"QT_QPA_PLATFORM": "offscreen"}, False), ({"QT_QPA_PLATFORM": "xcb"}, True),
])
def test_which_environments_have_a_display(environ, problem) -> None:
    assert (display_problem(dict(environ), platform="linux") is not None) is problem
    assert display_problem(dict(environ), platform="win32") is None


def test_without_any_session_bus_libdbus_is_told_not_to_launch_one(tmp_path) -> None:
    environ: dict[str, str] = {"XDG_RUNTIME_DIR": str(tmp_path)}
    assert prevent_dbus_autolaunch(environ, platform="linux")
    assert environ["DBUS_SESSION_BUS_ADDRESS"] == NO_SESSION_BUS


def test_an_existing_session_bus_is_left_alone(tmp_path) -> None:
    (tmp_path / "bus").touch()  # the systemd user bus socket
    assert not prevent_dbus_autolaunch({"XDG_RUNTIME_DIR": str(tmp_path)}, platform="linux")
    given = {"DBUS_SESSION_BUS_ADDRESS": "unix:path=/run/user/1000/bus"}
    assert not prevent_dbus_autolaunch(given, platform="linux")
    assert given["DBUS_SESSION_BUS_ADDRESS"] == "unix:path=/run/user/1000/bus"


CLOSE_WHILE_LOADING = """
import sys
from PySide6.QtCore import QTimer
import token_desk.__main__ as entry
import token_desk.app as composition  # the entry point imports create_window from here when the GUI starts

def close_once_loading(window):
    if window.loader.busy and window.isVisible():
        print("closing", flush=True)
        window.close()
    else:
        QTimer.singleShot(50, lambda: close_once_loading(window))

real_create = composition.create_window
def create_and_close(argv):
    window = real_create(argv)
    QTimer.singleShot(200, lambda: close_once_loading(window))
    return window

composition.create_window = create_and_close
sys.exit(entry.main(sys.argv[1:]))
"""


def test_closing_the_window_while_the_server_is_silent_ends_the_process_promptly(sandbox) -> None:
    sandbox.faults.hang_next(100)  # every list request waits forever (the read timeout is 30 s)
    env = bare_environment(QT_QPA_PLATFORM="offscreen", INFLUX_MANAGEMENT_TOKEN=sandbox.management_token)
    started = time.monotonic()
    finished = subprocess.run(
        [sys.executable, "-c", CLOSE_WHILE_LOADING, "--url", sandbox.url, "--account-id", sandbox.account_id,
         "--cluster-id", sandbox.cluster_id], env=env, capture_output=True, text=True, timeout=60)
    waited = time.monotonic() - started
    assert finished.returncode == 0 and "closing" in finished.stdout, finished.stderr
    # Generous: start-up plus closing on a loaded machine, and far below the 30 s read timeout.
    assert waited < 20, f"the process took {waited:.1f} s to end after the window closed"


# The window is built (before its first paint) with an influxctl program and bridge, a REST client and a
# recording journal, but runs none of them then: the modules only their work needs (reading an answer, an
# influxctl sign-in among them) are imported by that work, on a worker thread after the first paint, so
# building the window does not wait for them.
WORK_ONLY_MODULES = ("token_desk.api.influxctl.process", "token_desk.api.influxctl.output",
                     "token_desk.api.influxctl.created", "token_desk.api.influxctl.failure", "token_desk.history.check",
                     "token_desk.api.decoding", "token_desk.api.reference", "token_desk.api.influxctl.login",
                     # ~12 M instructions, ~4 ms: JSON is read and written by the loads, the profiles file and
                     # the history; dataclasses (and copy with it) by no record the start makes
                     "json", "dataclasses", "copy")
# Nor does it import what only a command opens: each loads when its command first runs (the warm-up imports
# the dialogs people open first, off the GUI thread, once the window is up). Nor does it make the PySide6
# classes only those use (making one makes all its enums: QAccessible's eight cost ~3 ms).
FIRST_USE_MODULES = ("token_desk.ui.create", "token_desk.ui.common.message_box", "token_desk.ui.common.file_prompts",
                     "token_desk.ui.attention.reminders", "token_desk.ui.attention.details",
                     "token_desk.ui.connections.influxctl_sign_in", "token_desk.ui.connections.connections_dialog",
                     "token_desk.ui.revoke.revoke_dialog", "token_desk.revocation", "token_desk.ui.tokens.details_dialog",
                     "token_desk.ui.export", "token_desk.ui.history")
FIRST_USE_CLASSES = ("QAccessible", "QUrl", "QDesktopServices")
BUILD_ONLY = """
import sys
import PySide6.QtCore, PySide6.QtGui, PySide6.QtWidgets
from token_desk.app import create_window
from token_desk.ui.common.application import create_application
app = create_application()
window = create_window(sys.argv[1:])
{then}
print(window.windowTitle())
print(sorted(name for name in sys.modules if name in {modules!r}))
print(sorted(name for name in {classes!r}
             if any(name in vars(module) for module in (PySide6.QtCore, PySide6.QtGui, PySide6.QtWidgets))))
"""


def build_one_off_window(tmp_path, modules: tuple[str, ...], classes: tuple[str, ...] = (),
                         then: str = "") -> tuple[str, str, str]:
    """Builds a --url window in a fresh process and runs `then`: its title, and which of `modules` and `classes`
    it made."""
    env = bare_environment(QT_QPA_PLATFORM="offscreen", INFLUX_MANAGEMENT_TOKEN="t" * 40,
                           TOKEN_DESK_CONFIG_DIR=str(tmp_path), TOKEN_DESK_DATA_DIR=str(tmp_path))
    ids = ["--account-id", "11111111-1111-4111-8111-111111111111", "--cluster-id", "22222222-2222-4222-8222-222222222222"]
    finished = subprocess.run(
        [sys.executable, "-c", BUILD_ONLY.format(modules=set(modules), classes=classes, then=then),
         "--url", "http://127.0.0.1:9/api/v0", *ids, "--influxctl", sys.executable],
        env=env, capture_output=True, text=True, timeout=60)
    assert finished.returncode == 0, finished.stderr
    title, imported, made = finished.stdout.splitlines()
    return title, imported, made


def test_building_the_window_imports_nothing_only_the_loads_need(tmp_path) -> None:
    title, imported, _made = build_one_off_window(tmp_path, WORK_ONLY_MODULES)
    assert "Token Desk" in title and imported == "[]"


def test_building_the_window_imports_no_dialog_and_makes_no_class_only_a_command_uses(tmp_path) -> None:
    title, imported, made = build_one_off_window(tmp_path, FIRST_USE_MODULES, FIRST_USE_CLASSES)
    assert "Token Desk" in title and imported == "[]" and made == "[]"


def test_closing_a_window_that_opened_no_dialog_imports_none(tmp_path) -> None:
    """Closing asks whether a revoke still waits for the server: a session that never opened the revoke dialog
    (nor any other) closes without loading one (the revoke dialog took about 10 ms at quit) to find none."""
    title, imported, _made = build_one_off_window(tmp_path, FIRST_USE_MODULES,
                                                  then="window.show(); assert window.close()")
    assert "Token Desk" in title and imported == "[]"


# PySide6 names the class of a widget Qt made, the first time Python reaches it, by trying each QWidget class it
# has, making all their enums (~20 ms): for a plain QWidget (a table's viewport) or a class private to Qt (a
# toolbar separator) it tries them all. Showing the window reaches none; nothing at start uses these classes.
ONLY_A_SEARCH_MAKES = ("QWizard", "QMdiArea", "QCalendarWidget")


def test_showing_the_window_makes_no_widget_class_it_does_not_use(tmp_path) -> None:
    title, _imported, made = build_one_off_window(tmp_path, (), ONLY_A_SEARCH_MAKES,
                                                  then="window.show(); app.processEvents()")
    assert "Token Desk" in title and made == "[]"
