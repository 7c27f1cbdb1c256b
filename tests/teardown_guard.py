"""Safety nets for a test's teardown: no modal window can hang the run, and no hang can outlast the timeout.

Two ways a failed GUI test used to hang the whole run for ever (seen in full runs on a loaded machine):
- pytest-qt closes the test's widgets at teardown; a dialog still busy asks first (the revoke dialog's "Revoke in
  Progress") in a modal box whose exec() nobody answers. Here every modal window that opens during teardown is
  closed, and the test fails, naming it; so does a message box the test left open.
- pytest-timeout stops its timer as soon as a test fails (`pytest_exception_interact`, meant for pdb), so the
  teardown of a failed test ran with no timeout at all. Here a faulthandler watchdog (a C thread: it fires even
  while the GUI thread sits in a nested event loop) takes over for the rest of that test: it prints every
  thread's stack and ends the run.
These hooks are imported by tests/conftest.py, so every test gets them.
"""

from __future__ import annotations

import faulthandler
import os
import sys

import pytest

POLL_MS = 20
_watchdog_stderr: list[int] = []  # the real stderr, kept before output capture swallows it


def pytest_configure(config: pytest.Config) -> None:
    if not _watchdog_stderr:
        _watchdog_stderr.append(os.dup(sys.__stderr__.fileno()))


@pytest.hookimpl(trylast=True)
def pytest_exception_interact(node: pytest.Item | pytest.Collector) -> None:
    """pytest-timeout has just dropped this test's timer; keep a limit on what is left of the test."""
    if not isinstance(node, pytest.Item) or node.config.getoption("usepdb") or not _watchdog_stderr:
        return
    marker = node.get_closest_marker("timeout")
    limit = float(marker.args[0] if marker and marker.args else node.config.getini("timeout") or 0)
    if limit > 0:
        faulthandler.dump_traceback_later(limit, exit=True, file=_watchdog_stderr[0])


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item):
    try:
        return (yield)
    finally:
        faulthandler.cancel_dump_traceback_later()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item):
    """Around pytest-qt's closing of the test's widgets (its wrapper is innermost): modal windows are closed."""
    guard = _ModalGuard.start()
    try:
        result = yield
    finally:
        left = guard.stop() if guard is not None else []
    if left:
        pytest.fail(f"a modal window was left to answer at teardown, and closed: {left}", pytrace=False)
    return result


class _ModalGuard:
    """Closes each message box open when teardown starts, and each modal window opening during teardown."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication, QMessageBox

        self.closed: list[str] = []
        self._before = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        for box in self._before:
            if isinstance(box, QMessageBox):
                self._close(box)
        self._timer = QTimer(interval=POLL_MS, timeout=self._close_new_modal)
        self._timer.start()

    @classmethod
    def start(cls) -> _ModalGuard | None:
        widgets = sys.modules.get("PySide6.QtWidgets")
        return cls() if widgets is not None and widgets.QApplication.instance() is not None else None

    def stop(self) -> list[str]:
        self._timer.stop()
        return self.closed

    def _close_new_modal(self) -> None:
        from PySide6.QtWidgets import QApplication

        window = QApplication.activeModalWidget()
        if window is not None and window.isVisible() and not any(window is w for w in self._before):
            self._close(window)

    def _close(self, window) -> None:
        from PySide6.QtWidgets import QDialog

        self.closed.append(f"{type(window).__name__} {window.windowTitle()!r}")
        if isinstance(window, QDialog):
            QDialog.done(window, QDialog.DialogCode.Rejected)  # the base class's: whatever the dialog's reject() does
        else:
            window.close()
