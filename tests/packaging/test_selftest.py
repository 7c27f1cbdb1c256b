"""`token-desk --self-test` passes on a working app and names the failing step when something is broken.

These run the self-test in the test process (fast); tests/packaging/test_packaged_app.py runs it in the
packaged binary.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

import token_desk.app
import token_desk.sandbox
from tests.sandbox.faults import start_faulty_sandbox
from tests.tools import REPO_ROOT
from token_desk import selftest

EXPECTED_STEPS = (
    "sandbox started at http://127.0.0.1:",
    "keyring backends registered: ",
    "16 icons and the app icon draw",
    "main window opened on the offscreen platform: ",
    "window shows ",
    "sorted by Created At: ",
    "revoked management token ",
    "sandbox reports the token revoked at ",
    "revoked token left the active list",
    "with Show inactive tokens on, it is listed as revoked",
)


def run(qapp, **options) -> tuple[int, list[str]]:
    out = io.StringIO()
    status = selftest.run_self_test(qapp, out=out, **options)
    return status, out.getvalue().splitlines()


def test_self_test_passes_and_reports_every_step(qapp) -> None:
    status, lines = run(qapp)
    assert status == 0, lines
    assert all(line.startswith("self-test: ") for line in lines)
    step_lines = lines[:-1]
    assert len(step_lines) == len(EXPECTED_STEPS)
    for line, expected in zip(step_lines, EXPECTED_STEPS):
        assert line.removeprefix("self-test: ").startswith(expected) and line.endswith(" ... ok"), line
    assert lines[-1] == f"self-test: all {len(EXPECTED_STEPS)} steps passed"


def test_self_test_registers_the_secret_service_backend(qapp) -> None:
    _, lines = run(qapp)
    keyring_line = next(line for line in lines if "keyring backends registered: " in line)
    registered, _, available = keyring_line.partition("; available: ")
    assert "SecretService" in registered.split(", ")
    assert "keyring.backends.fail.Keyring" in available  # always viable: the app can say "no keyring" plainly


def test_screenshot_is_the_loaded_window(qapp, tmp_path: Path, monkeypatch) -> None:
    """Loaded and settled: no busy bar nor Cancel in the status bar, and when it was refreshed, even when the
    account's clusters answer after the management tokens (a slow influxctl, as under Xvfb in the bundle)."""
    import time

    from token_desk.ui.clusters import account_clusters
    from token_desk.ui.common import capture

    find_clusters = account_clusters.find_clusters

    def slow_influxctl(connection):
        time.sleep(1.5)  # on its worker thread: influxctl slow to list the clusters
        return find_clusters(connection)

    monkeypatch.setattr(account_clusters, "find_clusters", slow_influxctl)

    status_bars = []
    grab = capture.grab_without_secrets

    def grab_noting_the_status_bar(window):
        status_bars.append((window.status.busy.isVisible(), window.status.facts_label.text()))
        return grab(window)

    monkeypatch.setattr(capture, "grab_without_secrets", grab_noting_the_status_bar)
    target = tmp_path / "shots" / "app.png"
    status, lines = run(qapp, screenshot=target)
    assert status == 0, lines
    assert f"self-test: screenshot saved to {target} ... ok" in lines
    image = QImage(str(target))
    assert image.width() >= 800 and image.height() >= 500
    [(busy, facts)] = status_bars
    assert not busy and "Last refreshed " in facts


def test_a_refused_revoke_fails_the_revoke_step_and_stops(qapp, monkeypatch) -> None:
    def sandbox_refusing_revokes(*args, **kwargs):
        sandbox = start_faulty_sandbox(*args, **kwargs)
        sandbox.faults.fail_next_revokes(10, status=403)  # 403 is not retried: the dialog shows the failure
        return sandbox

    monkeypatch.setattr(token_desk.sandbox, "start_sandbox", sandbox_refusing_revokes)
    status, lines = run(qapp)
    assert status == selftest.EXIT_FAILED
    assert lines[-1].startswith("self-test: revoke a token through the Revoke Token dialog ... FAILED: ")
    assert "sandbox reports" not in "\n".join(lines)


def test_a_server_that_refuses_to_list_fails_the_loading_step(qapp, monkeypatch) -> None:
    def sandbox_refusing_requests(*args, **kwargs):
        sandbox = start_faulty_sandbox(*args, **kwargs)
        sandbox.faults.fail_next_requests(10, 403)
        return sandbox

    monkeypatch.setattr(token_desk.sandbox, "start_sandbox", sandbox_refusing_requests)
    status, lines = run(qapp)
    assert status == selftest.EXIT_FAILED
    assert lines[-1].startswith("self-test: load the management tokens ... FAILED: loading failed: ")


def test_the_self_test_leaves_the_config_folder_untouched(qapp, config_dir: Path) -> None:
    status, _ = run(qapp)
    assert status == 0
    assert list(config_dir.iterdir()) == []


STUCK_APP = """
import sys
from PySide6.QtWidgets import QApplication
import token_desk.sandbox
from tests.sandbox.faults import start_faulty_sandbox
from token_desk import selftest

def slow_sandbox(*args, **kwargs):
    sandbox = start_faulty_sandbox(*args, **kwargs)
    sandbox.faults.delay_ms = 5000  # every answer takes longer than the whole self-test may
    return sandbox

token_desk.sandbox.start_sandbox = slow_sandbox
selftest.OVERALL_TIMEOUT_S = 1.0
sys.exit(selftest.run_self_test(QApplication([])))
"""


def test_a_stuck_app_ends_with_a_timeout_instead_of_hanging(tmp_path: Path) -> None:
    # In a child process: the watchdog ends the whole process, as it must in a CI job.
    result = subprocess.run([sys.executable, "-c", STUCK_APP], capture_output=True, text=True, timeout=60,
                            cwd=REPO_ROOT, env=os.environ | {"QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == selftest.EXIT_TIMED_OUT
    assert result.stdout.splitlines()[-1] == "self-test: FAILED: no result within 1 s; the app is stuck"


def test_without_dev_fd_it_connects_through_an_influxctl_profile_and_passes(qapp, monkeypatch) -> None:
    """Windows has no /dev/fd to hand influxctl the management token through, and a file is never used for it:
    there the self-test connects as a person does, through an influxctl profile, and passes all the same."""
    from token_desk import system

    monkeypatch.setattr(system, "PLATFORM", "win32")
    opened: list[list[str]] = []
    create_window = token_desk.app.create_window
    monkeypatch.setattr(token_desk.app, "create_window", lambda argv: opened.append(argv) or create_window(argv))
    status, lines = run(qapp)
    assert status == 0, lines
    assert "--influxctl-config" in opened[0] and "--url" not in opened[0]
    assert lines[-1] == f"self-test: all {len(EXPECTED_STEPS)} steps passed"
