"""The revoke dialog against the sandbox over real HTTP: it revokes only what was confirmed, once."""

from __future__ import annotations

import uuid

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel, QMessageBox, QProgressBar

from tests.ui.modals import SeenDialog, close_answering
from tests.ui.conftest import (
    button_reading, open_revoke_dialog as open_dialog, revoke_button, risk_box, when_message_box_open,
)
from token_desk.api.client import ManagementApiClient
from token_desk.api.errors import ServerError
from token_desk.api.models import Token, TokenKind, parse_timestamp
from token_desk.ui.revoke.revoke_dialog import RevokeDialog

SERVER_TIMEOUT_MS = 15_000




def token_named(client: ManagementApiClient, kind: TokenKind, description: str) -> Token:
    return next(token for token in client.list_tokens(kind) if token.description == description)


def server_copy(sandbox, token: Token) -> dict:
    read = sandbox.state.management_token if token.kind is TokenKind.MANAGEMENT else sandbox.state.database_token
    return read(token.id)


def label_texts(dialog) -> list[str]:
    """What the labels read (no-break spaces read as spaces)."""
    return [label.text().replace("\u00a0", " ") for label in dialog.findChildren(QLabel) if label.isVisibleTo(dialog)]


@pytest.fixture
def telegraf(client) -> Token:
    return token_named(client, TokenKind.DATABASE, "Telegraf – telemetry writer")


def test_dialog_shows_what_will_be_revoked_like_the_admin_ui(qtbot, client, telegraf) -> None:
    dialog = open_dialog(qtbot, [telegraf], client)
    texts = label_texts(dialog)
    assert dialog.windowTitle() == "Revoke Database Token"
    for expected in ("You are about to revoke a token", "Are you sure you want to revoke this token?",
                     "Anything that references this token will no longer function. This cannot be undone.",
                     "This action will revoke:", "Description", telegraf.description, "Token ID",
                     telegraf.id, "Expires At", "Never", "telemetry: write"):
        assert expected in texts
    assert "Created At" not in texts  # until "See more details"
    dialog.set_details_expanded(True)
    assert "Created At" in label_texts(dialog) and "Status" in label_texts(dialog)
    assert isinstance(button_reading(dialog, "I understand the risk of this action"), QCheckBox)


def test_management_token_shows_its_prefix(qtbot, client) -> None:
    token = token_named(client, TokenKind.MANAGEMENT, "Backup job (nightly)")
    dialog = open_dialog(qtbot, [token], client)
    assert dialog.windowTitle() == "Revoke Management Token"
    assert {"Prefix", token.prefix} <= set(label_texts(dialog))
    assert "inUseWarning" not in [label.objectName() for label in dialog.findChildren(QLabel)]


def test_revoke_button_is_enabled_only_while_the_risk_is_acknowledged(qtbot, client, telegraf) -> None:
    dialog = open_dialog(qtbot, [telegraf], client)
    assert revoke_button(dialog).text() == "Revoke Token"
    assert not revoke_button(dialog).isEnabled()
    qtbot.mouseClick(revoke_button(dialog), Qt.MouseButton.LeftButton)
    risk_box(dialog).click()
    assert revoke_button(dialog).isEnabled()
    risk_box(dialog).click()
    assert not revoke_button(dialog).isEnabled()
    assert dialog.isVisible() and not dialog.is_busy


@pytest.mark.parametrize("how", ["cancel button", "escape"])
def test_cancel_and_escape_revoke_nothing(qtbot, sandbox, client, telegraf, how) -> None:
    dialog = open_dialog(qtbot, [telegraf], client)
    risk_box(dialog).click()
    with qtbot.waitSignal(dialog.finished):
        if how == "escape":
            qtbot.keyClick(risk_box(dialog), Qt.Key.Key_Escape)
        else:
            qtbot.mouseClick(button_reading(dialog, "Cancel"), Qt.MouseButton.LeftButton)
    assert dialog.report is None and not dialog.isVisible()
    assert server_copy(sandbox, telegraf).get("revokedAt") is None
    assert sandbox.state.delete_count(telegraf.id) == 0


@pytest.mark.parametrize("acknowledged", [False, True])
def test_enter_never_revokes_because_cancel_is_the_default(qtbot, sandbox, client, telegraf, acknowledged) -> None:
    dialog = open_dialog(qtbot, [telegraf], client)
    if acknowledged:
        risk_box(dialog).click()
    assert button_reading(dialog, "Cancel").isDefault()
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(risk_box(dialog), Qt.Key.Key_Return)
    assert dialog.report is None
    assert sandbox.state.delete_count(telegraf.id) == 0


def test_ask_returns_none_when_cancelled(qtbot, sandbox, client, telegraf) -> None:
    def cancel_the_open_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, RevokeDialog)
        button_reading(dialog, "Cancel").click()

    QTimer.singleShot(0, cancel_the_open_dialog)
    assert RevokeDialog.ask(None, [telegraf], client) is None
    assert sandbox.state.delete_count(telegraf.id) == 0


def test_ask_returns_the_report_after_revoking(qtbot, sandbox, client, telegraf) -> None:
    def confirm_the_open_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        risk_box(dialog).click()
        revoke_button(dialog).click()

    QTimer.singleShot(0, confirm_the_open_dialog)
    report = RevokeDialog.ask(None, [telegraf], client)
    assert report is not None and report.all_succeeded
    assert server_copy(sandbox, telegraf)["revokedAt"] is not None


def test_confirm_revokes_exactly_the_chosen_token_with_the_servers_time(qtbot, sandbox, client, telegraf) -> None:
    before = {token["id"]: token.get("revokedAt") for token in sandbox.state.database_tokens()}
    dialog = open_dialog(qtbot, [telegraf], client)
    risk_box(dialog).click()
    with qtbot.waitSignal(dialog.finished, timeout=SERVER_TIMEOUT_MS):
        qtbot.mouseClick(revoke_button(dialog), Qt.MouseButton.LeftButton)
    report = dialog.report
    assert not dialog.isVisible()
    after = {token["id"]: token.get("revokedAt") for token in sandbox.state.database_tokens()}
    assert after[telegraf.id] is not None
    assert {k: v for k, v in after.items() if k != telegraf.id} == {k: v for k, v in before.items() if k != telegraf.id}
    (outcome,) = report.outcomes
    assert outcome.succeeded and outcome.revoked.revoked_at == parse_timestamp(after[telegraf.id], "revokedAt")
    assert sandbox.state.delete_count(telegraf.id) == 1 and not report.signed_out


def test_server_failure_is_shown_and_nothing_is_reported_revoked(qtbot, sandbox, client, telegraf) -> None:
    sandbox.faults.fail_next_revokes(5, 500)  # more than the client's retries
    dialog = open_dialog(qtbot, [telegraf], client)
    risk_box(dialog).click()
    with qtbot.waitSignal(dialog.revoke_finished, timeout=SERVER_TIMEOUT_MS) as finished:
        revoke_button(dialog).click()
    report = finished.args[0]
    assert report.succeeded == () and report.outcomes[0].revoked is None
    assert dialog.isVisible() and dialog.findChild(QLabel, "outcome").text() == f"Not revoked: {ServerError.default_advice}"
    assert server_copy(sandbox, telegraf).get("revokedAt") is None
    assert not revoke_button(dialog).isVisible()
    assert button_reading(dialog, "Close").isEnabled()  # Cancel became Close
    with qtbot.waitSignal(dialog.finished):
        button_reading(dialog, "Close").click()
    assert dialog.report is report


def test_token_deleted_elsewhere_is_reported_gone(qtbot, sandbox, client, telegraf) -> None:
    unknown = Token(kind=TokenKind.DATABASE, id=str(uuid.uuid4()), description="deleted elsewhere",
                    created_at=telegraf.created_at)
    dialog = open_dialog(qtbot, [unknown], client)
    risk_box(dialog).click()
    with qtbot.waitSignal(dialog.revoke_finished, timeout=SERVER_TIMEOUT_MS) as finished:
        revoke_button(dialog).click()
    assert finished.args[0].outcomes[0].gone
    assert "no longer exists" in dialog.findChild(QLabel, "outcome").text() and dialog.isVisible()


def test_slow_server_double_click_sends_one_delete_and_the_gui_stays_responsive(
    qtbot, sandbox, client, telegraf
) -> None:
    sandbox.faults.hold_next(1)  # the DELETE waits until the test has seen the window keep working
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(20)
    dialog = open_dialog(qtbot, [telegraf], client)
    risk_box(dialog).click()
    qtbot.mouseDClick(revoke_button(dialog), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(revoke_button(dialog), Qt.MouseButton.LeftButton)
    dialog.confirm()  # a repeat that reached the slot anyway
    qtbot.keyClick(risk_box(dialog), Qt.Key.Key_Return)  # Enter while busy neither revokes nor cancels
    assert dialog.is_busy and dialog.findChild(QProgressBar).isVisible()
    assert not revoke_button(dialog).isEnabled() and not button_reading(dialog, "Cancel").isDefault()
    dialog.done(0)  # closing without cancelling is refused: the outcome must be seen
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: sandbox.faults.held == 1, timeout=SERVER_TIMEOUT_MS)
    ticks.clear()
    qtbot.waitUntil(lambda: len(ticks) >= 10, timeout=SERVER_TIMEOUT_MS)  # the event loop turns meanwhile
    assert dialog.is_busy and sandbox.faults.held == 1  # ...while the server still holds the answer
    with qtbot.waitSignal(dialog.finished, timeout=SERVER_TIMEOUT_MS):
        sandbox.faults.release_held()
    timer.stop()
    assert sandbox.state.delete_count(telegraf.id) == 1
    assert dialog.report.all_succeeded


def test_revoking_the_token_in_use_warns_in_bold_and_signs_out(qtbot, sandbox, client) -> None:
    (mine,) = [token for token in client.list_tokens(TokenKind.MANAGEMENT) if client.is_signed_in_with(token)]
    dialog = open_dialog(qtbot, [mine], client)
    (warning,) = [label for label in dialog.findChildren(QLabel) if label.objectName() == "inUseWarning"]
    assert warning.isVisible() and warning.font().bold()
    assert warning.text() == "This is the token Token Desk is using; you will be signed out."
    assert warning.textFormat() == Qt.TextFormat.PlainText
    risk_box(dialog).click()
    with qtbot.waitSignal(dialog.finished, timeout=SERVER_TIMEOUT_MS):
        revoke_button(dialog).click()
    report = dialog.report
    assert report.signed_out and report.all_succeeded
    assert sandbox.state.management_token(mine.id)["revokedAt"] is not None


def test_cancel_while_the_server_is_silent_says_the_outcome_is_unknown(qtbot, sandbox, client, telegraf) -> None:
    sandbox.faults.hang_next(1)
    dialog = open_dialog(qtbot, [telegraf], client)
    risk_box(dialog).click()
    revoke_button(dialog).click()
    qtbot.waitUntil(lambda: sandbox.faults.hanging == 1, timeout=SERVER_TIMEOUT_MS)
    assert button_reading(dialog, "Cancel").isEnabled()
    with qtbot.waitSignal(dialog.revoke_finished, timeout=SERVER_TIMEOUT_MS) as finished:
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    (outcome,) = finished.args[0].outcomes
    assert outcome.unknown and not outcome.succeeded
    assert dialog.isVisible() and dialog.findChild(QLabel, "outcome").text().startswith("Unknown: The server did not confirm")


def test_every_answer_lost_the_dialog_checks_and_shows_revoked(qtbot, sandbox, client, telegraf) -> None:
    sandbox.faults.delay_ms = 300  # time to read the "checking" line
    sandbox.faults.drop_next_answers(3)
    dialog = open_dialog(qtbot, [telegraf], client)
    risk_box(dialog).click()
    seen: list[str] = []
    timer = QTimer()
    timer.timeout.connect(lambda: seen.append(dialog.findChild(QLabel, "progress").text()))
    timer.start(20)
    with qtbot.waitSignal(dialog.revoke_finished, timeout=SERVER_TIMEOUT_MS) as finished:
        revoke_button(dialog).click()
    timer.stop()
    assert any(text.startswith("The server did not confirm revoking") and "checking" in text for text in seen)
    (outcome,) = finished.args[0].outcomes
    assert outcome.succeeded and outcome.revoked.revoked_at == parse_timestamp(
        server_copy(sandbox, telegraf)["revokedAt"], "revokedAt")


def close_and_answer_stop_waiting(dialog: RevokeDialog, answer: str) -> SeenDialog:
    """Close the busy dialog and press `answer` in the "Revoke in Progress" question it asks."""
    question = close_answering(dialog, answer)
    assert question.title == "Revoke in Progress", question
    return question


def test_closing_while_the_server_has_not_answered_asks_first(qtbot, sandbox, client, telegraf, caplog) -> None:
    sandbox.faults.hang_next(1)
    dialog = open_dialog(qtbot, [telegraf], client)
    risk_box(dialog).click()
    revoke_button(dialog).click()
    qtbot.waitUntil(lambda: sandbox.faults.hanging == 1, timeout=SERVER_TIMEOUT_MS)
    asked = close_and_answer_stop_waiting(dialog, "Keep Waiting")
    assert "still waiting for the server" in asked.text
    assert dialog.isVisible() and dialog.is_busy
    with qtbot.waitSignal(dialog.revoke_finished, timeout=SERVER_TIMEOUT_MS) as finished:
        close_and_answer_stop_waiting(dialog, "Close Anyway")
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert finished.args[0].outcomes[0].unknown  # recorded as unknown, never as revoked or not
    assert any("outcome unknown" in record.getMessage() for record in caplog.records)


def test_the_dialog_does_not_jump_when_revoking_appears(qtbot, sandbox, client, telegraf) -> None:
    """The progress line has its room from the start: no field shrinks or moves when it shows."""
    sandbox.faults.hold_next(1)
    dialog = open_dialog(qtbot, [telegraf], client)
    qtbot.waitExposed(dialog)
    risk_box(dialog).click()
    QApplication.processEvents()
    fields = [label for label in dialog.findChildren(QLabel) if label.isVisible() and label.text()]
    before = {label.text(): label.geometry() for label in fields}
    size = dialog.size()
    revoke_button(dialog).click()
    try:
        qtbot.waitUntil(lambda: dialog.findChild(QLabel, "progress").text().startswith("Revoking"))
        QApplication.processEvents()
        after = {label.text(): label.geometry() for label in fields}
    finally:
        with qtbot.waitSignal(dialog.finished, timeout=SERVER_TIMEOUT_MS):
            sandbox.faults.release_held()
    assert after == before and dialog.size() == size


def test_the_stop_waiting_question_goes_away_when_the_server_answers_meanwhile(qtbot, sandbox, client,
                                                                              telegraf) -> None:
    """Nobody is left with a question about a revoke that is over: the outcome shows instead."""
    sandbox.faults.hold_next(1)
    dialog = open_dialog(qtbot, [telegraf], client)
    risk_box(dialog).click()
    revoke_button(dialog).click()
    qtbot.waitUntil(lambda: sandbox.faults.held == 1, timeout=SERVER_TIMEOUT_MS)
    stayed_open: list[str] = []

    def the_server_answers(box: QMessageBox) -> None:
        sandbox.faults.release_held()
        try:
            qtbot.waitUntil(lambda: not box.isVisible(), timeout=SERVER_TIMEOUT_MS)
        except qtbot.TimeoutError:
            stayed_open.append(box.windowTitle())
            box.reject()  # the person's Keep Waiting, so the test fails instead of hanging

    when_message_box_open(the_server_answers)
    dialog.close()  # asks "Revoke in Progress"; returns once the box has gone
    assert stayed_open == []
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=SERVER_TIMEOUT_MS)
    assert dialog.report.all_succeeded and sandbox.state.delete_count(telegraf.id) == 1
