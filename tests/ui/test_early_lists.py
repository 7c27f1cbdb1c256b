"""`token-desk --url …` asks for its first lists before the window is built (token_desk.api.early_lists): the
window shows those answers without asking again, a refresh asks afresh, and closing the window before they
arrive leaves no thread behind and no error."""

from __future__ import annotations

import threading

from token_desk.api.early_lists import THREAD_NAME
from token_desk.api.models import TokenKind
from token_desk.app import create_window

from tests.ui.conftest import LOAD_TIMEOUT_MS, url_args, wait_loaded


def token_lists_asked(sandbox) -> int:
    return sum(entry.method == "GET" and entry.path.endswith("/tokens") for entry in sandbox.state.request_log)


def early_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == THREAD_NAME and thread.is_alive()]


def test_the_lists_asked_before_the_window_existed_are_shown_without_asking_again(qtbot, sandbox,
                                                                                 monkeypatch) -> None:
    monkeypatch.setenv("INFLUX_MANAGEMENT_TOKEN", sandbox.management_token)
    sandbox.faults.hold_next(2)  # the database tokens and the databases, both asked for at once
    window = create_window(url_args(sandbox))
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: sandbox.faults.held == 2, timeout=LOAD_TIMEOUT_MS)
    assert window.loader.busy and window.page(TokenKind.DATABASE).proxy.rowCount() == 0
    sandbox.faults.release_held()
    wait_loaded(qtbot, window)
    assert window.page(TokenKind.DATABASE).proxy.rowCount() > 0
    assert window.page(TokenKind.MANAGEMENT).proxy.rowCount() > 0
    assert token_lists_asked(sandbox) == 1  # the window took the answer asked for early

    window.refresh()  # newest knowledge: a refresh is a new question to the server
    wait_loaded(qtbot, window)
    assert token_lists_asked(sandbox) == 2


def test_closing_the_window_while_the_early_lists_are_on_their_way_leaves_nothing_running(qtbot, sandbox,
                                                                                        monkeypatch) -> None:
    monkeypatch.setenv("INFLUX_MANAGEMENT_TOKEN", sandbox.management_token)
    sandbox.faults.hold_next(2)
    window = create_window(url_args(sandbox))
    qtbot.waitUntil(lambda: sandbox.faults.held == 2, timeout=LOAD_TIMEOUT_MS)
    assert early_threads()
    gone = []
    window.destroyed.connect(lambda: gone.append(True))
    window.close()
    window.deleteLater()
    qtbot.waitUntil(lambda: bool(gone), timeout=LOAD_TIMEOUT_MS)
    qtbot.waitUntil(lambda: not early_threads(), timeout=LOAD_TIMEOUT_MS)  # stopped, not left waiting
    sandbox.faults.release_held()
