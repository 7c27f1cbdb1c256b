"""Revoking several tokens at once: progress, partial failure, the token in use, and a 401 mid-batch."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QProgressBar, QTreeWidget

from tests.ui.conftest import button_reading, open_revoke_dialog as open_dialog, revoke_button, risk_box
from token_desk.api.errors import ServerError
from token_desk.api.models import Token, TokenKind

SERVER_TIMEOUT_MS = 15_000
CLIENT_ATTEMPTS_PER_DELETE = 3  # DEFAULT_RETRY_POLICY: so 3 injected 500s fail exactly one token




@pytest.fixture
def three(client) -> list[Token]:
    wanted = ("Telegraf – telemetry writer", "Grafana dashboards", "Billing export")
    by_description = {token.description: token for token in client.list_tokens(TokenKind.DATABASE)}
    return [by_description[description] for description in wanted]


def confirm_and_wait(qtbot, dialog):
    risk_box(dialog).click()
    with qtbot.waitSignal(dialog.revoke_finished, timeout=SERVER_TIMEOUT_MS) as finished:
        revoke_button(dialog).click()
    return finished.args[0]


def column_texts(dialog, column_name: str) -> list[str]:
    tree = dialog.findChild(QTreeWidget)
    column = [tree.headerItem().text(i) for i in range(tree.columnCount())].index(column_name)
    return [tree.topLevelItem(row).text(column) for row in range(tree.topLevelItemCount())]


def is_revoked(sandbox, token: Token) -> bool:
    return sandbox.state.database_token(token.id).get("revokedAt") is not None


def test_several_tokens_are_listed_and_named_in_the_plural(qtbot, client, three) -> None:
    dialog = open_dialog(qtbot, three, client)
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    assert dialog.windowTitle() == "Revoke 3 Tokens"
    assert revoke_button(dialog).text() == "Revoke 3 Tokens"
    assert "You are about to revoke 3 tokens" in labels
    assert "Are you sure you want to revoke these 3 tokens?" in labels
    assert column_texts(dialog, "Description") == [token.description for token in three]
    assert column_texts(dialog, "Token ID") == [token.id for token in three]
    tree = dialog.findChild(QTreeWidget)
    assert tree.isColumnHidden(3)  # Created At, until "See more details"
    dialog.set_details_expanded(True)
    assert not tree.isColumnHidden(3)


def test_partial_failure_lists_what_succeeded_and_what_failed_and_why(qtbot, sandbox, client, three) -> None:
    sandbox.faults.fail_next_revokes(CLIENT_ATTEMPTS_PER_DELETE, 500)  # the first token fails after retries
    dialog = open_dialog(qtbot, three, client)
    report = confirm_and_wait(qtbot, dialog)
    assert [outcome.token for outcome in report.succeeded] == three[1:]
    assert [is_revoked(sandbox, token) for token in three] == [False, True, True]
    assert [outcome.revoked.revoked_at is not None for outcome in report.succeeded] == [True, True]
    assert dialog.isVisible()
    assert column_texts(dialog, "Result") == ["Not revoked", "Revoked", "Revoked"]
    assert dialog.findChild(QLabel, "outcome").text().splitlines() == [
        "Revoked 2 of 3 tokens. Not revoked:",
        f"• “{three[0].description}” ({three[0].id}): {ServerError.default_advice}",
    ]
    with qtbot.waitSignal(dialog.finished):
        button_reading(dialog, "Close").click()  # Cancel became Close
    assert dialog.report is report


def test_progress_counts_the_tokens_as_they_are_revoked(qtbot, sandbox, client, three) -> None:
    sandbox.faults.delay_ms = 300
    dialog = open_dialog(qtbot, three, client)
    risk_box(dialog).click()
    revoke_button(dialog).click()
    bar = dialog.findChild(QProgressBar)
    progress_label = next(label for label in dialog.findChildren(QLabel) if label.text().startswith("Revoking"))
    assert (bar.maximum(), bar.value(), progress_label.text()) == (3, 0, "Revoking 1 of 3…")
    qtbot.waitUntil(lambda: progress_label.text() == "Revoking 2 of 3…", timeout=SERVER_TIMEOUT_MS)
    assert bar.value() == 1
    with qtbot.waitSignal(dialog.finished, timeout=SERVER_TIMEOUT_MS):
        pass
    assert dialog.report.all_succeeded and all(is_revoked(sandbox, token) for token in three)


def test_the_token_in_use_is_revoked_last_and_the_report_says_signed_out(qtbot, sandbox, client) -> None:
    management = client.list_tokens(TokenKind.MANAGEMENT)
    mine = next(token for token in management if client.is_signed_in_with(token))
    others = [token for token in management if token is not mine and token.is_active][:2]
    dialog = open_dialog(qtbot, [mine, *others], client)
    warning = next(label for label in dialog.findChildren(QLabel) if label.objectName() == "inUseWarning")
    assert warning.font().bold() and "Token Desk is using" in warning.text()
    with qtbot.waitSignal(dialog.finished, timeout=SERVER_TIMEOUT_MS):
        risk_box(dialog).click()
        revoke_button(dialog).click()
    report = dialog.report
    assert report.all_succeeded and report.signed_out
    deletes = [entry.path.rsplit("/", 1)[-1] for entry in sandbox.state.request_log if entry.method == "DELETE"]
    assert deletes == [others[0].id, others[1].id, mine.id]
    assert all(sandbox.state.management_token(t.id)["revokedAt"] for t in (mine, *others))


def test_a_401_stops_the_batch_and_nothing_more_is_sent(qtbot, sandbox, client, three) -> None:
    sandbox.faults.fail_next_requests(1, 401)
    dialog = open_dialog(qtbot, three, client)
    report = confirm_and_wait(qtbot, dialog)
    assert report.signed_out and report.succeeded == ()
    assert [sandbox.state.delete_count(token.id) for token in three] == [1, 0, 0]
    assert column_texts(dialog, "Result") == ["Not revoked", "Not attempted", "Not attempted"]
    assert dialog.findChild(QLabel, "outcome").text().splitlines()[-1] == "Token Desk is now signed out; sign in again to continue."
    assert not any(is_revoked(sandbox, token) for token in three)
