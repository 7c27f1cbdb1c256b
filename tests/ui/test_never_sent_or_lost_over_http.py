"""A change that never left this computer failed ("nothing was changed, trying again is safe"); one whose answer
was lost is unknown until the server is asked again. Every layer says the same as the REST client's typing.

Real HTTP against the sandbox, through the real dialogs and the recording service, for each REST change:
revoke, create, rotate and edit. "Never sent": the server's port is closed (the connection is refused), or
the client's only connection is busy with a listing the sandbox does not answer, so the change waits for a
connection and times out before a byte of it is sent (httpx's pool timeout: a plain ApiTimeoutError).
"Sent, answer lost": the sandbox does the work and hangs up without answering (faults.drop_next_answers).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from urllib.parse import urlsplit, urlunsplit

import httpx
import pytest
from PySide6.QtWidgets import QLabel

from tests.history.history_helpers import TARGET
from tests.ui.conftest import open_revoke_dialog, revoke_button, risk_box
from token_desk.api.connect import management_token_service
from token_desk.api.errors import NOT_SENT
from token_desk.api.influxctl import InfluxctlProgram
from token_desk.api.models import Permission, TokenKind
from token_desk.history import Action, Journal, Outcome, RecordingService
from token_desk.ui.create.create_dialog import CreateTokenDialog, rotate_request
from token_desk.ui.create.edit_dialog import EditTokenDialog
from token_desk.ui.create.requests_and_results import CreateRequest

WAIT_MS = 15_000
LOST = "The connection was lost before the server answered"


@pytest.fixture
def journal(tmp_path) -> Journal:
    return Journal(tmp_path / "history")


def rest_service(sandbox, url: str | None = None, http: httpx.Client | None = None):
    return management_token_service(url or sandbox.url, sandbox.account_id, sandbox.cluster_id,
                                    sandbox.management_token, InfluxctlProgram(sandbox.influxctl_command),
                                    http_client=http, timeout=httpx.Timeout(15.0, pool=0.3), sleep=lambda _s: None)


def closed_port_url(sandbox) -> str:
    """The sandbox's URL on a port nothing listens on: every connection is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    parts = urlsplit(sandbox.url)
    return urlunsplit(parts._replace(netloc=f"127.0.0.1:{port}"))


class OneConnection:
    """The app's service for `sandbox` whose REST client has a single connection; `busy()` keeps it busy."""

    def __init__(self, sandbox, journal: Journal) -> None:
        self.sandbox = sandbox
        self.http = httpx.Client(limits=httpx.Limits(max_connections=1))
        self.inner = rest_service(sandbox, http=self.http)
        self.service = RecordingService(self.inner, journal, TARGET)

    @contextmanager
    def busy(self) -> Iterator[None]:
        """A listing the sandbox does not answer holds the connection until the block ends."""
        self.sandbox.faults.hang_next(1)
        listing = threading.Thread(target=self.inner.list_tokens, args=(TokenKind.DATABASE,))
        listing.start()
        while not self.sandbox.faults.hanging:  # until the listing holds the connection at the server
            time.sleep(0.01)
        try:
            yield
        finally:
            self.sandbox.faults.clear()  # the listing is hung up on, and its retry is answered
            listing.join()

    def close(self) -> None:
        self.inner.close()
        self.http.close()


@pytest.fixture
def one_connection(sandbox, journal) -> Iterator[OneConnection]:
    line = OneConnection(sandbox, journal)
    yield line
    line.close()


def active_database_token(client):
    return next(token for token in client.list_tokens(TokenKind.DATABASE) if token.is_active)


def entries(journal: Journal) -> list[tuple[Action, Outcome, str]]:
    return [(entry.action, entry.outcome, entry.message) for entry in journal.read().entries]


def requests_naming(sandbox, token_id: str) -> list[str]:
    return [request.method for request in sandbox.state.request_log if token_id in request.path]


# ---- revoke ---------------------------------------------------------------------------------------------

def revoke_in_dialog(qtbot, token, service):
    dialog = open_revoke_dialog(qtbot, [token], service)
    risk_box(dialog).click()
    with qtbot.waitSignal(dialog.revoke_finished, timeout=WAIT_MS) as finished:
        revoke_button(dialog).click()
    (outcome,) = finished.args[0].outcomes
    return dialog.findChild(QLabel, "outcome").text(), outcome


def test_a_revoke_refused_at_connecting_says_not_revoked_and_safe_to_retry(qtbot, sandbox, client, journal) -> None:
    token = active_database_token(client)
    unreachable = rest_service(sandbox, url=closed_port_url(sandbox))
    try:
        text, outcome = revoke_in_dialog(qtbot, token, RecordingService(unreachable, journal, TARGET))
    finally:
        unreachable.close()
    assert text.startswith("Not revoked: Could not connect to the Management API") and text.endswith(NOT_SENT)
    assert outcome.result_label == "Not revoked" and not outcome.unknown and not outcome.answer_lost
    assert entries(journal) == [(Action.REVOKE, Outcome.FAILED, str(outcome.error))]
    assert NOT_SENT in entries(journal)[0][2]
    assert sandbox.state.database_token(token.id).get("revokedAt") is None


def test_a_revoke_that_timed_out_before_it_was_sent_is_not_checked_and_says_safe_to_retry(
        qtbot, sandbox, client, journal, one_connection) -> None:
    token = active_database_token(client)
    with one_connection.busy():
        text, outcome = revoke_in_dialog(qtbot, token, one_connection.service)
    assert text == f"Not revoked: Could not connect to the Management API in time; check your connection. {NOT_SENT}"
    assert outcome.result_label == "Not revoked" and not outcome.answer_lost  # no "unknown, checking…" re-read
    assert requests_naming(sandbox, token.id) == []  # neither the DELETE nor a re-read ever reached the server
    assert [(action, outcome) for action, outcome, _message in entries(journal)] == [(Action.REVOKE, Outcome.FAILED)]
    assert sandbox.state.database_token(token.id).get("revokedAt") is None


def test_a_revoke_whose_answers_were_lost_is_checked_shown_revoked_and_settled_in_the_history(
        qtbot, sandbox, client, journal) -> None:
    token = active_database_token(client)
    sandbox.faults.drop_next_answers(3)  # the DELETE and both retries: done, never answered
    _text, outcome = revoke_in_dialog(qtbot, token, RecordingService(client, journal, TARGET))
    assert outcome.message == "Revoked (confirmed by re-reading it after the answer was lost)."
    assert outcome.succeeded and outcome.answer_lost  # the dialog closes; the window's notice says it
    ((action, result, message),) = entries(journal)
    assert (action, result) == (Action.REVOKE, Outcome.CONFIRMED)
    assert message.startswith("Re-read after the answer was lost: the token was revoked at ")


# ---- create and rotate ----------------------------------------------------------------------------------

def create_request(client, how: str) -> CreateRequest:
    if how == "new":
        return CreateRequest(TokenKind.DATABASE, "grafana", (Permission("read", "*"),))
    return rotate_request(active_database_token(client), datetime.now(timezone.utc))


def open_create(qtbot, service, request: CreateRequest) -> CreateTokenDialog:
    dialog = CreateTokenDialog(None, service, request)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitUntil(lambda: "Loading" not in dialog.permissions.load_status.text(), timeout=WAIT_MS)
    assert dialog.confirm_button.isEnabled()
    return dialog


def press(qtbot, dialog) -> None:
    dialog.confirm_button.click()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)


def tokens_described(sandbox, description: str) -> list[dict]:
    return [row for row in sandbox.state.database_tokens() if row["description"] == description]


@pytest.mark.parametrize("how", ["new", "rotate"])
def test_a_create_that_timed_out_before_it_was_sent_failed_and_the_next_press_simply_creates(
        qtbot, sandbox, client, journal, one_connection, how) -> None:
    dialog = open_create(qtbot, one_connection.service, create_request(client, how))
    description = dialog.draft().description
    with one_connection.busy():
        press(qtbot, dialog)
    assert dialog.error_text == f"Could not connect to the Management API in time; check your connection. {NOT_SENT}"
    assert "unknown" not in dialog.error_text and dialog.isVisible() and dialog.result_value.created is None
    assert tokens_described(sandbox, description) == []
    action = Action.CREATE if how == "new" else Action.ROTATE
    assert [(a, o) for a, o, _message in entries(journal)] == [(action, Outcome.FAILED)]
    assert dialog.busy_text() == "Creating the token…"  # no check of an earlier attempt that never left
    press(qtbot, dialog)
    assert dialog.result_value.created is not None and not dialog.isVisible()
    assert len(tokens_described(sandbox, description)) == 1
    assert [(a, o) for a, o, _message in entries(journal)] == [(action, Outcome.FAILED), (action, Outcome.CONFIRMED)]


@pytest.mark.parametrize("how", ["new", "rotate"])
def test_a_create_whose_answer_was_lost_is_unknown_and_the_next_press_finds_it(
        qtbot, sandbox, client, journal, how) -> None:
    dialog = open_create(qtbot, RecordingService(client, journal, TARGET), create_request(client, how))
    description = dialog.draft().description
    sandbox.faults.drop_next_answers(1, "POST")  # created, never answered
    press(qtbot, dialog)
    assert dialog.error_text.startswith(f"{LOST}, so it is unknown whether the token was created.")
    assert [o for _a, o, _message in entries(journal)] == [Outcome.UNKNOWN]
    assert dialog.busy_text() == "Checking whether the earlier attempt created it…"
    press(qtbot, dialog)
    (row,) = tokens_described(sandbox, description)  # found, not made twice
    assert "did create this token" in dialog.error_text and row["id"] in dialog.error_text
    ((_action, outcome, message),) = entries(journal)
    assert outcome is Outcome.CONFIRMED and message.startswith("Re-listed after the answer was lost")


# ---- edit -----------------------------------------------------------------------------------------------

def open_edit(qtbot, service, token) -> EditTokenDialog:
    dialog = EditTokenDialog(None, service, token)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitUntil(lambda: "Loading" not in dialog.permissions.load_status.text(), timeout=WAIT_MS)
    dialog.description_box.setText("renamed")
    return dialog


def test_an_edit_that_timed_out_before_it_was_sent_failed_and_says_nothing_was_changed(
        qtbot, sandbox, client, journal, one_connection) -> None:
    token = active_database_token(client)
    dialog = open_edit(qtbot, one_connection.service, token)
    with one_connection.busy():
        press(qtbot, dialog)
    assert dialog.error_text == f"Could not connect to the Management API in time; check your connection. {NOT_SENT}"
    assert sandbox.state.database_token(token.id)["description"] == token.description
    assert [(a, o) for a, o, _message in entries(journal)] == [(Action.EDIT, Outcome.FAILED)]


def test_an_edit_whose_answer_was_lost_is_unknown(qtbot, sandbox, client, journal) -> None:
    token = active_database_token(client)
    dialog = open_edit(qtbot, RecordingService(client, journal, TARGET), token)
    sandbox.faults.drop_next_answers(1, "PATCH")  # saved, never answered
    press(qtbot, dialog)
    assert dialog.error_text.startswith(f"{LOST}, so it is unknown whether the change was saved.")
    assert sandbox.state.database_token(token.id)["description"] == "renamed"
    assert [(a, o) for a, o, _message in entries(journal)] == [(Action.EDIT, Outcome.UNKNOWN)]
