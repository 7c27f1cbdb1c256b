"""Main-window fixtures: a window built by create_window against the sandbox over real HTTP."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, Qt

from token_desk.app import create_window
from token_desk.models.columns import Column
from token_desk.sandbox import Sandbox
from token_desk.ui.shell.main_window import MainWindow
from token_desk.ui.revoke.revoke_dialog import RevokeDialog
from token_desk.ui.tokens.token_page import TokenPage

LOAD_TIMEOUT_MS = 15_000


def url_args(sandbox: Sandbox) -> list[str]:
    return ["--url", sandbox.url, "--account-id", sandbox.account_id, "--cluster-id", sandbox.cluster_id]


def wait_loaded(qtbot, window: MainWindow) -> None:
    """Until the load in flight (if any) has answered, with data or an error."""
    qtbot.waitUntil(lambda: not window.loader.busy, timeout=LOAD_TIMEOUT_MS)


def header_click(qtbot, page: TokenPage, column: Column) -> None:
    header = page.view.horizontalHeader()
    section = page.column_index(column)
    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def shown_tokens(page: TokenPage) -> list:
    return [page.proxy.token_at(row) for row in range(page.proxy.rowCount())]


def row_center(page: TokenPage, row: int) -> QPoint:
    return page.view.visualRect(page.proxy.index(row, page.column_index(Column.DESCRIPTION))).center()


class DecliningPrompts:
    """Stands in for ConnectionPrompts: records each question and answers like a user pressing Cancel."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)

        def decline(*_args, **_kwargs):
            self.asked.append(name)
            return False if name == "confirm_delete" else None

        return decline


@pytest.fixture
def open_window(qtbot, sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch) -> Callable[..., MainWindow]:
    """Builds `token-desk --url <sandbox> ...` like a user would start it, shown and loaded."""
    monkeypatch.setenv("INFLUX_MANAGEMENT_TOKEN", sandbox.management_token)

    def build(wait: bool = True) -> MainWindow:
        window = create_window(url_args(sandbox))
        # The real prompts are modal; these record what the user would have been asked.
        window.connections.prompts = DecliningPrompts()
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
