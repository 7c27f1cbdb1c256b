"""End to end: from create_window() until the database tokens' page shows every active row.

Runs in the benchmark's process, against the sandbox child, with the one-off connection a
person would use on the command line (INFLUX_MANAGEMENT_TOKEN, --url, --account-id,
--cluster-id, --influxctl): window construction, both lists loaded on worker threads, rows
prepared, model and proxy filled and the window painted.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop
from PySide6.QtWidgets import QApplication

from sandbox_process import SandboxProcess
from token_desk.api.models import TokenKind
from token_desk.app import create_window
from token_desk.environment import MANAGEMENT_TOKEN as TOKEN_ENV
from token_desk.sandbox.influxctl import emulator_command, write_launcher


def window_until_shown(sandbox: SandboxProcess, tokens: int, influxctl: Path) -> float:
    """Seconds from create_window() until all `tokens` are in the table and the window has painted.
    Management tokens come from `influxctl` (the sandbox's emulator), as they would from influxctl."""
    os.environ[TOKEN_ENV] = sandbox.token
    argv = ["--url", sandbox.url, "--account-id", sandbox.account_id, "--cluster-id", sandbox.cluster_id,
            "--influxctl", str(influxctl)]
    app = QApplication.instance()
    started = time.perf_counter()
    window = create_window(argv)
    window.show()
    page = window.page(TokenKind.DATABASE)
    window.sidebar.setCurrentRow(list(TokenKind).index(TokenKind.DATABASE))
    while page.model.rowCount() < tokens:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
    window.repaint()  # the first paint with every active row in the proxy
    elapsed = time.perf_counter() - started
    if page.proxy.rowCount() == 0:
        raise RuntimeError("the window shows no token")
    _close(window)
    return elapsed


def _close(window) -> None:
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.instance().processEvents()


def influxctl_launcher(sandbox: SandboxProcess, folder: Path) -> Path:
    """An `influxctl` program in `folder` that runs the sandbox's emulator."""
    return write_launcher(folder, emulator_command(sandbox.url))
