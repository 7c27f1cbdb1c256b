"""influxctl's changes follow the REST client's rule: "could not connect" is never sent, a dropped connection is unknown.

Real stand-in processes (tests/influxctl_standin) behind the real create and revoke dialogs and the recording
service. Mode `unreachable`: a create, revoke or update exits 1 with grpc-go's dial failure ("Error while
dialing: dial tcp …: connection refused") and changes nothing. Mode `disconnected-after-change`: it acts, then
exits 1 with "code = Unavailable desc = error reading from server: EOF" and prints nothing else.
"""

from __future__ import annotations

import sys

import pytest

from tests.api.test_influxctl_unconfirmed import kill_changes, outcomes_written, world  # noqa: F401 - a fixture
from tests.ui.create.test_create_edit_unconfirmed import edit_adding_write, gate
from tests.ui.test_never_sent_or_lost_over_http import revoke_in_dialog
from token_desk.api.errors import NOT_SENT
from token_desk.api.influxctl import InfluxctlOutcomeUnknownError
from token_desk.api.models import Permission, TokenKind
from token_desk.ui.create.create_dialog import CreateTokenDialog
from token_desk.ui.create.requests_and_results import CreateRequest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the stand-in's launcher is a POSIX shell script")
WAIT_MS = 30_000
UNREACHABLE, DISCONNECTED = "unreachable", "disconnected-after-change"
COULD_NOT_REACH = "influxctl could not reach InfluxData's service; check your network connection and try again."
CONNECTION_LOST = InfluxctlOutcomeUnknownError.CONNECTION_LOST


def open_create(qtbot, service, kind: TokenKind) -> CreateTokenDialog:
    dialog = CreateTokenDialog(None, service, CreateRequest(kind, "nightly backup"))
    qtbot.addWidget(dialog)
    dialog.open()
    if dialog.permissions is not None:
        qtbot.waitUntil(lambda: "Loading" not in dialog.permissions.load_status.text(), timeout=WAIT_MS)
        dialog.permissions.set_checked("telemetry", "read")
    return dialog


def press(qtbot, dialog) -> list[str]:
    """Press the confirm button; every hint the dialog showed until it was done."""
    hints: list[str] = []
    dialog.confirm_button.click()

    def done() -> bool:
        if not hints or hints[-1] != dialog.hint.text():
            hints.append(dialog.hint.text())
        return not dialog.busy
    qtbot.waitUntil(done, timeout=WAIT_MS)
    return hints


def named(service, kind: TokenKind) -> list:
    return [token for token in service.list_tokens(kind) if token.description == "nightly backup"]


@pytest.mark.parametrize("kind", [TokenKind.MANAGEMENT, TokenKind.DATABASE])
def test_a_create_influxctl_could_not_send_failed_and_the_next_press_simply_creates(
        qtbot, world, monkeypatch, kind) -> None:
    _standin, _seeded, service, journal = world
    dialog = open_create(qtbot, service, kind)
    kill_changes(monkeypatch, UNREACHABLE)
    hints = press(qtbot, dialog)
    assert dialog.error_text.startswith(COULD_NOT_REACH) and "connection refused" in dialog.error_text
    assert dialog.error_text.endswith(NOT_SENT)
    assert not any("Checking" in hint for hint in hints)  # nothing to check: it never left
    assert [outcome for outcome, _message in outcomes_written(journal)] == ["failed"]
    assert NOT_SENT in outcomes_written(journal)[0][1]
    assert named(service, kind) == []
    monkeypatch.setenv("INFLUXCTL_STANDIN_MODES", "")
    assert dialog.busy_text() == "Creating the token…"
    press(qtbot, dialog)
    assert dialog.result_value.created is not None and len(named(service, kind)) == 1


@pytest.mark.parametrize("kind", [TokenKind.MANAGEMENT, TokenKind.DATABASE])
def test_a_create_whose_connection_dropped_after_sending_is_checked_and_the_token_shown(
        qtbot, world, monkeypatch, kind) -> None:
    _standin, _seeded, service, journal = world
    dialog = open_create(qtbot, service, kind)
    opened = gate(service, "list_tokens")  # the check waits until the test has read what the dialog says
    kill_changes(monkeypatch, DISCONNECTED)
    dialog.confirm_button.click()
    qtbot.waitUntil(lambda: dialog.hint.text() == CONNECTION_LOST, timeout=WAIT_MS)
    opened.set()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)
    (found,) = dialog.result_value.discovered
    assert "did create this token" in dialog.error_text and found.id in dialog.error_text
    assert [outcome for outcome, _message in outcomes_written(journal)] == ["unknown", "confirmed"]
    assert outcomes_written(journal)[0][1] == CONNECTION_LOST


def test_a_management_revoke_influxctl_could_not_send_is_not_revoked_and_not_checked(
        qtbot, world, monkeypatch) -> None:
    standin, seeded, service, journal = world
    token = service.get_token(TokenKind.MANAGEMENT, seeded.never_expires_id)
    kill_changes(monkeypatch, UNREACHABLE)
    text, outcome = revoke_in_dialog(qtbot, token, service)
    assert text.startswith(f"Not revoked: {COULD_NOT_REACH}") and text.endswith(NOT_SENT)
    assert outcome.result_label == "Not revoked" and not outcome.answer_lost and not outcome.unknown
    assert [outcome for outcome, _message in outcomes_written(journal)] == ["failed"]
    assert "revoked_at" not in standin.record("management", token.id)


def test_a_management_revoke_whose_connection_dropped_is_checked_and_shown_revoked(qtbot, world, monkeypatch) -> None:
    standin, seeded, service, journal = world
    token = service.get_token(TokenKind.MANAGEMENT, seeded.never_expires_id)
    kill_changes(monkeypatch, DISCONNECTED)
    _text, outcome = revoke_in_dialog(qtbot, token, service)
    assert outcome.succeeded and outcome.answer_lost
    assert outcome.message == "Revoked (confirmed by re-reading it after the answer was lost)."
    written = outcomes_written(journal)
    assert written[0] == ("unknown", CONNECTION_LOST) and written[1][0] == "confirmed"
    assert "revoked_at" in standin.record("management", token.id)


@pytest.mark.parametrize("mode, outcomes", [(UNREACHABLE, ["failed"]), (DISCONNECTED, ["unknown", "confirmed"])])
def test_an_edit_through_influxctl_follows_the_same_rule(qtbot, world, monkeypatch, mode, outcomes) -> None:
    _standin, seeded, service, journal = world
    dialog = edit_adding_write(qtbot, service, service.get_token(TokenKind.DATABASE, seeded.database_token_ids[1]))
    kill_changes(monkeypatch, mode)
    press(qtbot, dialog)
    if mode == UNREACHABLE:
        assert dialog.error_text.startswith(COULD_NOT_REACH) and dialog.error_text.endswith(NOT_SENT)
        assert dialog.result_value is None
    else:
        assert Permission("write", "telemetry") in dialog.result_value.updated.permissions  # the re-read shows it
    assert [outcome for outcome, _message in outcomes_written(journal)] == outcomes
