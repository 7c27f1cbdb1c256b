"""Main-window fixtures: a window built by create_window against the sandbox over real HTTP."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from PySide6.QtCore import QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox, QWidget

from token_desk.api.connect import management_token_service
from token_desk.app import create_window, start_demo
from token_desk.models.columns import Column
from token_desk.sandbox import Sandbox
from token_desk.ui.connections import ConnectionsController
from token_desk.ui.shell.main_window import MainWindow
from token_desk.ui.shell.window_builder import build_window
from token_desk.ui.revoke.revoke_dialog import RevokeDialog
from token_desk.ui.tokens.token_page import TokenPage

LOAD_TIMEOUT_MS = 15_000
RISK_TEXT = "I understand the risk of this action"
REVOKE_TEXT = re.compile(r"Revoke (Token|\d+ Tokens)")  # "Revoke Token", or "Revoke 3 Tokens" for several


def url_args(sandbox: Sandbox) -> list[str]:
    return ["--url", sandbox.url, "--account-id", sandbox.account_id, "--cluster-id", sandbox.cluster_id]


def wait_loaded(qtbot, window: MainWindow) -> None:
    """Until the load in flight (if any) has answered, with data or an error."""
    qtbot.waitUntil(lambda: not window.loader.busy, timeout=LOAD_TIMEOUT_MS)


def wait_settled(qtbot, window: MainWindow) -> None:
    """Until everything the window asked for has answered and is shown: its own lists, the account's clusters
    and their tokens. A window of several clusters (the demo's) lists the others only once they are found, after
    its own lists are in: a key pressed before then meets a window still loading (Esc stops it, F5 waits)."""
    qtbot.waitUntil(lambda: not (window.loader.busy or window.clusters.busy or window.clusters.finding
                                 or window.clusters.table.pending),
                    timeout=LOAD_TIMEOUT_MS)


def when_message_box_open(act: Callable[[QMessageBox], None]) -> None:
    """Run `act(box)` once a new message box is the modal window (its exec() blocks the test's own call until
    `act` answers); a box some earlier test left open is never the one answered."""
    already_open = [w for w in QApplication.topLevelWidgets() if w.isVisible()]

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or not box.isVisible() or any(box is w for w in already_open):
            QTimer.singleShot(10, poll)
            return
        act(box)
    QTimer.singleShot(0, poll)


def button_reading(parent: QWidget, text: str | re.Pattern) -> QAbstractButton:
    """The one button or checkbox in `parent` that reads `text`: found as a person finds it, by what it says."""
    found = [button for button in parent.findChildren(QAbstractButton)
             if (text.fullmatch(button.text()) if isinstance(text, re.Pattern) else button.text() == text)]
    assert len(found) == 1, f"expected one control reading {text!r}, found {[b.text() for b in found]}"
    return found[0]


def risk_box(dialog: QWidget) -> QAbstractButton:
    return button_reading(dialog, RISK_TEXT)


def revoke_button(dialog: QWidget) -> QAbstractButton:
    return button_reading(dialog, REVOKE_TEXT)


def header_click(qtbot, page: TokenPage, column: Column) -> None:
    header = page.view.horizontalHeader()
    section = page.column_index(column)
    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def column_shown(page: TokenPage, column) -> bool:
    """The header shows the column (its section is not hidden)."""
    return not page.view.isColumnHidden(page.column_index(column))


def unavailable(page: TokenPage) -> bool:
    """The page shows why its tokens cannot be listed instead of its table."""
    view = page.view  # made now if the page was not shown yet
    return page.stack.currentWidget() is not view


def shown_tokens(page: TokenPage) -> list:
    return [page.proxy.token_at(row) for row in range(page.proxy.rowCount())]


def row_center(page: TokenPage, row: int) -> QPoint:
    return page.view.visualRect(page.proxy.index(row, page.column_index(Column.DESCRIPTION))).center()


class DecliningPrompts:
    """The prompts service, answering like a user pressing Cancel and recording each question."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def edit_profile(self, parent, existing_names, editing, token_lookup, influxctl_program):
        self.asked.append("edit_profile")

    def ask_token(self, parent, message, can_store):
        self.asked.append("ask_token")

    def keyring_problem(self, parent, error, token):
        self.asked.append("keyring_problem")

    def confirm_delete(self, parent, name) -> bool:
        self.asked.append("confirm_delete")
        return False

    def import_influxctl(self, parent, importer, existing_names):
        self.asked.append("import_influxctl")

    def show_problem(self, parent, title, message) -> None:
        self.asked.append("show_problem")


class RecordingRevoker:
    """The revoke service, recording which tokens the window asked to revoke and cancelling."""

    def __init__(self) -> None:
        self.asked: list[list] = []

    def ask(self, parent, tokens, client):
        self.asked.append(list(tokens))
        return None


class NoConnections(QObject):
    """A connection controller for windows that never connect; records File → Connections…."""

    showing = Signal(object)
    connection_changed = Signal(object)
    reload_requested = Signal()

    def __init__(self, *_parts) -> None:
        super().__init__()
        self.managed = 0

    def manage_connections(self) -> None:
        self.managed += 1

    def choose_influxctl(self, path: str) -> None:
        self.chosen = path

    def new_profile_saver(self, connection) -> None:
        return None

    def sign_in_again(self) -> None:
        pass

    def restart_demo(self) -> None:
        pass

    def release_callback(self):
        return lambda *_ignored: None


def window_with(manager, prompts, revoker, settings, journal=None, *, services=management_token_service,
                commands=None, **options) -> MainWindow:
    """A window built as create_window builds it, serving `manager`'s profiles; its controller is
    `window.connections`."""
    def connections(switcher, welcome) -> ConnectionsController:
        return ConnectionsController(manager, start_demo, services, prompts, settings, switcher, welcome, **options)

    return build_window(connections, revoker, settings, journal, commands)


@pytest.fixture
def bare_window(qtbot, isolated_settings) -> MainWindow:
    """A window on the welcome page whose parts do nothing."""
    window = build_window(NoConnections, RecordingRevoker(), isolated_settings, None)
    qtbot.addWidget(window)
    return window


@pytest.fixture
def open_window(qtbot, sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch) -> Callable[..., MainWindow]:
    """Builds `token-desk --url <sandbox> ...` like a user would start it, shown and loaded; its dialogs are
    the real ones (tests/ui/modals.py answers them)."""
    monkeypatch.setenv("INFLUX_MANAGEMENT_TOKEN", sandbox.management_token)

    def build(wait: bool = True) -> MainWindow:
        window = create_window(url_args(sandbox))
        qtbot.addWidget(window)
        window.show()
        if wait:
            wait_loaded(qtbot, window)
        return window

    return build


@pytest.fixture
def window(open_window) -> MainWindow:
    return open_window()


def open_revoke_dialog(qtbot, tokens, client) -> RevokeDialog:
    """The revoke dialog for `tokens`, open (not exec'd: tests drive it) and exposed."""
    dialog = RevokeDialog(None, tokens, client)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    return dialog


def confirm_revoke_when_the_dialog_opens(window) -> list[RevokeDialog]:
    """Tick the risk box and press Revoke Token as a person would, once the modal dialog is up;
    a dialog that stays open to show a failure is closed once the server has answered."""
    seen: list[RevokeDialog] = []

    def act() -> None:
        dialog = window.findChild(RevokeDialog)
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(20, act)
            return
        seen.append(dialog)
        close = lambda: button_reading(dialog, "Close").click()  # noqa: E731 - "Close" once the outcome shows
        dialog.revoke_finished.connect(lambda report: None if report.all_succeeded else QTimer.singleShot(0, close))
        risk_box(dialog).click()
        revoke_button(dialog).click()

    QTimer.singleShot(0, act)
    return seen
