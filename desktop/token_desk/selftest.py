"""`token-desk --self-test`: proves a build works by driving the real app against the in-process sandbox.

Each step uses what a person's session uses (create_window's --url path, the MainWindow and its models, the
httpx client, influxctl (the sandbox's emulator, which a packaged app runs by re-invoking itself), the Revoke
Token action and dialog); the sandbox's database is the judge. One line per step;
exit status 0 only when all passed. Nothing is stored: settings go to a temporary folder.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from importlib.metadata import entry_points
from pathlib import Path
from typing import TextIO

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication

from token_desk.api.models import TokenKind
from token_desk.models.columns import Column
from token_desk import environment, system

PREFIX = "self-test:"
STEP_TIMEOUT_S = 20.0
OVERALL_TIMEOUT_S = 60.0
POLL_MS = 20
RISK_TEXT = "I understand the risk of this action"  # what a person ticks, as the dialog reads
EXIT_FAILED = 1
EXIT_TIMED_OUT = 2


class StepFailed(Exception):
    """A step did not see what a working app shows; str() says what was seen instead."""


def run_self_test(app: QObject, screenshot: Path | None = None, out: TextIO | None = sys.stdout) -> int:
    """Run every step, printing one line each; 0 when all passed. `app` is the running QApplication."""
    watchdog = threading.Timer(OVERALL_TIMEOUT_S, _give_up, args=(out,))
    watchdog.daemon = True
    watchdog.start()
    try:
        with tempfile.TemporaryDirectory(prefix="token-desk-self-test-") as config_dir:
            with _environment(environment.CONFIG_DIR, config_dir):
                return SelfTest(screenshot, out).run()
    finally:
        watchdog.cancel()


def _give_up(out: TextIO | None) -> None:  # on the watchdog thread: a self-test must never hang a CI job
    _emit(out, f"{PREFIX} FAILED: no result within {OVERALL_TIMEOUT_S:.0f} s; the app is stuck")
    os._exit(EXIT_TIMED_OUT)


def _emit(out: TextIO | None, line: str) -> None:
    if out is not None:  # a windowed Windows build has no stdout
        encoding = getattr(out, "encoding", None) or "utf-8"  # a legacy console may not show every character
        out.write(line.encode(encoding, "replace").decode(encoding) + "\n")
        out.flush()


@contextlib.contextmanager
def _environment(name: str, value: str) -> Iterator[None]:
    previous = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        del os.environ[name]
        if previous is not None:
            os.environ[name] = previous


def wait_until(condition: Callable[[], bool], timeout_s: float = STEP_TIMEOUT_S) -> bool:
    """Run the event loop until `condition()` holds or the time is up; returns the final answer."""
    if condition():
        return True
    loop = QEventLoop()
    poll = QTimer(interval=POLL_MS, timeout=lambda: condition() and loop.quit())
    deadline = QTimer(singleShot=True, interval=int(timeout_s * 1000), timeout=loop.quit)
    poll.start()
    deadline.start()
    loop.exec()
    poll.stop()
    deadline.stop()
    return condition()


class SelfTest:
    def __init__(self, screenshot: Path | None, out: TextIO | None) -> None:
        self.screenshot, self.out = screenshot, out
        self.sandbox = self.window = self.page = self.target = None
        self.load_error: BaseException | None = None

    def steps(self) -> list[tuple[str, Callable[[], str]]]:
        # The screenshot shows the window as a person first sees it: loaded, default sort.
        screenshot = [("save a screenshot", self.save_screenshot)] if self.screenshot is not None else []
        return [
            ("start the sandbox", self.start_sandbox),
            ("find keyring's backends", self.keyring_backends),
            ("draw the icons", self.draw_icons),
            ("open the main window", self.open_window),
            ("load the management tokens", self.wait_for_tokens),
            *screenshot,
            ("sort by Created At", self.sort_by_created_at),
            ("revoke a token through the Revoke Token dialog", self.revoke_one),
            ("check the sandbox", self.check_sandbox),
            ("check the active list", self.check_left_active_view),
            ("check Show inactive tokens", self.check_inactive_view),
        ]

    def run(self) -> int:
        steps = self.steps()
        try:
            for name, step in steps:
                try:
                    detail = step()
                except Exception as error:  # any failure is the step's verdict, never a traceback
                    reason = str(error) if isinstance(error, StepFailed) else f"{type(error).__name__}: {error}"
                    _emit(self.out, f"{PREFIX} {name} ... FAILED: {reason}")
                    return EXIT_FAILED
                _emit(self.out, f"{PREFIX} {detail} ... ok")
            _emit(self.out, f"{PREFIX} all {len(steps)} steps passed")
            return 0
        finally:
            self.close()

    # ---- steps --------------------------------------------------------------------------------------
    def start_sandbox(self) -> str:
        from token_desk.sandbox import start_sandbox

        self.sandbox = start_sandbox(data=":memory:", seed=1)
        return f"sandbox started at {self.sandbox.url}"

    def keyring_backends(self) -> str:
        import keyring
        import keyring.backend

        # Backends are found through entry points in keyring's metadata, which a bundle can easily lose.
        registered = sorted(entry.name for entry in entry_points(group="keyring.backends"))
        if not registered:
            raise StepFailed("keyring registers no backends: its package metadata is missing from the build")
        usable = ", ".join(_class_name(backend) for backend in keyring.backend.get_all_keyring())
        in_use = _class_name(keyring.get_keyring())
        return f"keyring backends registered: {', '.join(registered)}; available: {usable} (in use: {in_use})"

    def draw_icons(self) -> str:
        from token_desk.ui.common import icons

        # A bundle without Qt's SVG icon engine still opens, with blank buttons; catch that here.
        blank = [name for name in icons.ICON_NAMES if not _draws_something(icons.icon(name))]
        if blank or not _draws_something(icons.app_icon()):
            raise StepFailed(f"icons draw nothing: {', '.join(blank) or 'the app icon'}")
        return f"{len(icons.ICON_NAMES)} icons and the app icon draw"

    def open_window(self) -> str:
        from token_desk.app import create_window

        from token_desk.sandbox.influxctl import write_launcher

        sandbox = self.sandbox
        folder = Path(os.environ[environment.CONFIG_DIR])
        # Management tokens come from influxctl: here the sandbox's emulator (in a packaged app, the app itself).
        launcher = write_launcher(folder / "influxctl", sandbox.influxctl_command)
        argv = [*self.connection_arguments(folder), "--influxctl", str(launcher)]
        with _environment(environment.MANAGEMENT_TOKEN, sandbox.management_token):
            self.window = create_window(argv)
        self.window.loader.failed.connect(lambda error: setattr(self, "load_error", error))
        self.window.show()
        self.page = self.window.page(TokenKind.MANAGEMENT)
        return f"main window opened on the {QGuiApplication.platformName()} platform: {self.window.windowTitle()}"

    def connection_arguments(self, folder: Path) -> list[str]:
        """Connect as a person on this system would: with the management token (over REST, and to influxctl
        through a pipe) where /dev/fd exists; elsewhere (Windows) through an influxctl profile. Its config is
        written into the self-test's temporary folder and holds the sandbox's token, which opens nothing but
        this run's in-memory server."""
        from token_desk.api.influxctl import GeneratedConfig, pipes_work
        from token_desk.api.influxctl.config import GENERATED_PROFILE

        sandbox = self.sandbox
        if pipes_work():
            return ["--url", sandbox.url, "--account-id", sandbox.account_id, "--cluster-id", sandbox.cluster_id]
        config = folder / "influxctl-config.toml"
        config.write_bytes(GeneratedConfig(sandbox.account_id, sandbox.cluster_id, sandbox.management_token).toml())
        system.restrict_to_owner(config)
        return ["--influxctl-config", str(config), "--influxctl-profile", GENERATED_PROFILE]

    def wait_for_tokens(self) -> str:
        expected = len(self.sandbox.state.management_tokens())
        loaded = wait_until(lambda: self.load_error is not None or self.page.model.rowCount() == expected)
        if self.load_error is not None:
            raise StepFailed(f"loading failed: {self.load_error}")
        if not loaded:
            raise StepFailed(f"{self.page.model.rowCount()} of {expected} management tokens after {STEP_TIMEOUT_S:.0f} s")
        counts = self.page.proxy.counts()
        return f"window shows {counts.total} management tokens ({counts.shown} active in the list)"

    def sort_by_created_at(self) -> str:
        view = self.page.view
        if not view.isSortingEnabled():
            raise StepFailed("the table cannot be sorted by clicking its headers")
        section = self.page.column_index(Column.CREATED_AT)
        # What a header click does: set the indicator, and the view sorts its proxy by that column.
        view.horizontalHeader().setSortIndicator(section, Qt.SortOrder.AscendingOrder)
        created = [self.page.proxy.token_at(row).created_at for row in range(self.page.proxy.rowCount())]
        if created != sorted(created) or len(set(created)) < 2:
            raise StepFailed("the rows are not in Created At order after sorting by that column")
        return f"sorted by Created At: oldest {created[0]:%Y-%m-%d}, newest {created[-1]:%Y-%m-%d}"

    def save_screenshot(self) -> str:
        from token_desk.ui.common.capture import grab_without_secrets

        self.screenshot.parent.mkdir(parents=True, exist_ok=True)
        # Loaded means settled too: the account's clusters (and their tokens) load after the management tokens,
        # and a picture taken meanwhile shows a busy bar, a Cancel button and no "Last refreshed".
        window = self.window
        wait_until(lambda: not (window.loader.busy or window.clusters.busy or window.clusters.finding))
        QCoreApplication.processEvents()  # pending layout requests: the status bar sizes itself to its new text
        if not grab_without_secrets(self.window).save(str(self.screenshot)):
            raise StepFailed(f"could not write {self.screenshot}")
        return f"screenshot saved to {self.screenshot}"

    def revoke_one(self) -> str:
        self.target = self._revocable_token()
        self.page.select_row(self.page.proxy_row_of(self.target.id))
        self.window.update_actions()
        action = self.window.commands["revoke"]
        if not action.isEnabled():
            raise StepFailed(f"Revoke Token is disabled for an active token: {action.toolTip()}")
        driver = RevokeDialogDriver(self.window)
        action.trigger()  # opens the dialog modally; the driver confirms it from inside that loop
        driver.stop()
        if driver.problem:
            raise StepFailed(driver.problem)
        return f"revoked management token {self.target.id[:8]}... through the Revoke Token dialog"

    def check_sandbox(self) -> str:
        revoked_at = (self.sandbox.state.management_token(self.target.id) or {}).get("revokedAt")
        deletes = self.sandbox.state.revoke_count(TokenKind.MANAGEMENT, self.target.id)
        if not revoked_at or deletes != 1:  # exactly one DELETE: the dialog must not send it twice
            raise StepFailed(f"the sandbox has revokedAt={revoked_at!r} after {deletes} DELETE requests")
        return f"sandbox reports the token revoked at {revoked_at}"

    def check_left_active_view(self) -> str:
        if self.page.proxy_row_of(self.target.id) is not None:
            raise StepFailed("the revoked token is still in the list of active tokens")
        return f"revoked token left the active list ({self.page.proxy.counts().shown} active shown)"

    def check_inactive_view(self) -> str:
        self.window.commands["show-inactive"].setChecked(True)
        row = self.page.proxy_row_of(self.target.id)
        if row is None or not self.page.proxy.token_at(row).is_revoked:
            raise StepFailed("with Show inactive tokens on, the token is not listed as revoked")
        self.window.commands["show-inactive"].setChecked(False)
        return "with Show inactive tokens on, it is listed as revoked"

    # ---- helpers ------------------------------------------------------------------------------------
    def _revocable_token(self):
        client = self.window.connection.service
        for row in range(self.page.proxy.rowCount()):
            token = self.page.proxy.token_at(row)
            if token.is_active and not client.is_signed_in_with(token):
                return token
        raise StepFailed("no active management token other than the signed-in one is listed")

    def close(self) -> None:
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()  # its destroyed signal closes the client
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        if self.sandbox is not None:
            self.sandbox.stop()


class RevokeDialogDriver(QObject):
    """Plays the person at the Revoke dialog: ticks "I understand the risk", then presses Revoke Token."""

    def __init__(self, window: QObject) -> None:
        super().__init__(window)
        self._window = window
        self.dialog = None
        self.problem: str | None = "the Revoke Token action opened no dialog"
        self._timer = QTimer(self, interval=POLL_MS, timeout=self._look_for_dialog)
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _look_for_dialog(self) -> None:
        from token_desk.ui.revoke.revoke_dialog import RevokeDialog

        dialogs = [d for d in self._window.findChildren(RevokeDialog) if d.isVisible()]
        if dialogs and self.dialog is None:
            self.dialog = dialogs[0]
            self.dialog.revoke_finished.connect(self._on_revoked)
            self._confirm(self.dialog)

    def _confirm(self, dialog) -> None:
        risk, revoke = (_button_reading(dialog, text) for text in (RISK_TEXT, "Revoke Token"))
        if risk is None or revoke is None:
            self.problem = f"the dialog lacks the '{RISK_TEXT}' checkbox or the 'Revoke Token' button"
            dialog.reject()
            return
        gated = not revoke.isEnabled()
        risk.click()
        if not (gated and revoke.isEnabled()):
            self.problem = "the risk checkbox does not gate the Revoke Token button"
            dialog.reject()
            return
        self.problem = "the dialog closed without a report"
        revoke.click()

    def _on_revoked(self, report) -> None:
        if report.all_succeeded:
            self.problem = None  # the dialog closes itself
        else:
            self.problem = f"the dialog reported a failure: {report.failed[0].message}"
            QTimer.singleShot(0, self.dialog.reject)  # it stays open to show the outcome; close it as a person would


def _button_reading(parent, text: str):
    """The button or checkbox reading `text`, found as a person finds it; None if there is none."""
    from PySide6.QtWidgets import QAbstractButton

    return next((button for button in parent.findChildren(QAbstractButton) if button.text() == text), None)


def _draws_something(icon, size: int = 24) -> bool:
    image = icon.pixmap(size, size).toImage()
    return any(image.pixelColor(x, y).alpha() for y in range(image.height()) for x in range(image.width()))


def _class_name(backend: object) -> str:
    return f"{type(backend).__module__}.{type(backend).__qualname__}"
