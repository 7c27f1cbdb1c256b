"""Server trouble shows as a plain sentence in a banner with Retry; the window never freezes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer

from tests.ui.conftest import LOAD_TIMEOUT_MS, wait_loaded
from tests.ui.modals import modals_answered
from token_desk.api.models import TokenKind
from token_desk.tasks import wait_for_workers
from token_desk.api.errors import ApiConnectionError, InvalidResponseError, PermissionDeniedError


# A load also asks for databases and the cluster list; a fault meant for the token lists names them.
BOTH_LISTS = ("/tokens", "/managementTokens")


def refresh_and_wait(qtbot, window) -> None:
    window.commands["refresh"].trigger()
    wait_loaded(qtbot, window)


def show_page(window, kind: TokenKind) -> None:
    window.sidebar.setCurrentRow(list(window.pages).index(kind))


def test_403_shows_the_message_and_retry_reloads(qtbot, window, sandbox) -> None:
    show_page(window, TokenKind.DATABASE)  # the one REST request here lists database tokens
    shown_before = window.current_page().proxy.rowCount()
    sandbox.faults.fail_next_requests(1, 403, path_ending="/tokens")
    refresh_and_wait(qtbot, window)
    assert window.banner.isVisible()
    assert window.banner.message == str(PermissionDeniedError())
    assert window.banner.button.text() == "Retry"
    assert not window.banner.icon_label.pixmap().isNull()  # the warning sign beside the sentence
    assert window.current_page().proxy.rowCount() == shown_before  # the last good table stays
    show_page(window, TokenKind.MANAGEMENT)
    assert not window.banner.isVisible()  # the management tokens loaded: nothing wrong on their page
    show_page(window, TokenKind.DATABASE)
    qtbot.mouseClick(window.banner.button, Qt.MouseButton.LeftButton)
    wait_loaded(qtbot, window)
    assert not window.banner.isVisible()


def test_invalid_json_shows_the_clients_sentence(qtbot, window, sandbox, client) -> None:
    sandbox.faults.invalid_json_next(1)
    with pytest.raises(InvalidResponseError) as expected:
        client.list_tokens(TokenKind.DATABASE)
    # The REST list and influxctl's both read garbage (not the databases or clusters asked for meanwhile):
    # each page says its own.
    sandbox.faults.invalid_json_next(2, path_ending=BOTH_LISTS)
    refresh_and_wait(qtbot, window)
    show_page(window, TokenKind.DATABASE)
    assert window.banner.message == str(expected.value)
    assert window.banner.button.text() == "Retry"
    show_page(window, TokenKind.MANAGEMENT)
    assert window.banner.message.startswith("influxctl")


def test_stopped_server_says_it_could_not_connect(qtbot, window, sandbox) -> None:
    sandbox.stop()
    refresh_and_wait(qtbot, window)
    show_page(window, TokenKind.DATABASE)
    assert window.banner.message == str(ApiConnectionError())
    assert "Traceback" not in window.banner.message
    assert window.commands["refresh"].isEnabled()  # people can try again when the server is back


def test_banner_shows_messages_as_plain_text(window) -> None:
    assert window.banner.message_label.textFormat() == Qt.TextFormat.PlainText


def test_401_signs_out_and_asks_for_credentials_once(qtbot, window, sandbox) -> None:
    requests = []
    window.sign_in_requested.connect(lambda: requests.append(True))
    sandbox.faults.fail_next_requests(2, 401, path_ending=BOTH_LISTS)
    with modals_answered() as asked:
        refresh_and_wait(qtbot, window)
        assert window.signed_out
        assert window.banner.message.startswith("Signed out: ")
        assert window.banner.button.text() == "Sign in…"
        assert requests == [True]
        assert [(d.kind, d.answer) for d in asked] == [("TokenPrompt", "Cancel")]  # one prompt, declined
        sandbox.faults.fail_next_requests(2, 401, path_ending=BOTH_LISTS)
        refresh_and_wait(qtbot, window)  # still refused: no second prompt, no retry loop
        assert requests == [True] and len(asked) == 1
        # F5 also asked for the account's clusters and the other clusters' tokens: settled first.
        qtbot.waitUntil(lambda: not (window.clusters.busy or window.clusters.finding), timeout=LOAD_TIMEOUT_MS)
        log_after = len(sandbox.state.request_log)
        qtbot.wait(300)
        assert len(sandbox.state.request_log) == log_after  # nothing retries on its own
        qtbot.mouseClick(window.banner.button, Qt.MouseButton.LeftButton)
    assert requests == [True, True]  # the button asks again, on purpose
    assert [d.kind for d in asked] == ["TokenPrompt", "TokenPrompt"]


def test_the_gui_keeps_turning_while_the_server_holds_its_answer(qtbot, window, sandbox) -> None:
    """A GUI thread waiting on the request would freeze until the server answered; here the server holds
    both answers until released, so every tick and keystroke below happens while they are outstanding."""
    sandbox.faults.hold_next(2)  # both lists
    window.refresh()
    assert window.loader.busy and not window.commands["refresh"].isEnabled()
    held_ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: held_ticks.append(1) if sandbox.faults.held == 2 else None)
    timer.start()
    qtbot.keyClicks(window.search_box, "ci")  # typing while the lists load
    qtbot.waitUntil(lambda: len(held_ticks) >= 3, timeout=LOAD_TIMEOUT_MS)  # the event loop turns meanwhile
    timer.stop()
    assert window.loader.busy and window.current_page().proxy.search_text == "ci"
    sandbox.faults.release_held()
    wait_loaded(qtbot, window)
    assert window.commands["refresh"].isEnabled() and window.current_page().proxy.search_text == "ci"


def test_esc_cancels_a_load_from_a_silent_server_and_keeps_the_last_tables(qtbot, window, sandbox) -> None:
    page = window.page(TokenKind.MANAGEMENT)
    before = page.model.rowCount()
    sandbox.faults.hang_next(2)  # both lists: the server never answers
    window.refresh()
    qtbot.waitUntil(lambda: sandbox.faults.hanging == 2, timeout=10_000)
    assert window.status.cancel_button.isVisible() and window.status.cancel_button.text() == "Cancel"
    qtbot.keyClick(page.view, Qt.Key.Key_Escape)
    assert not window.loader.busy and not window.status.cancel_button.isVisible()
    assert window.statusBar().currentMessage().startswith("Loading cancelled")
    assert page.model.rowCount() == before
    assert wait_for_workers(10_000)  # the requests really ended: no worker still waits on the server
    assert window.commands["refresh"].isEnabled()
