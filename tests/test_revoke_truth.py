"""The truth after a revoke: a lost answer is "unknown" until the server's own copy of the token decides."""

from __future__ import annotations

import pytest

from token_desk.api.errors import (
    ApiConnectionError, ApiTimeoutError, CertificateError, ChangeTimeoutError, OutcomeUnknownError, ServerError, never_sent,
)
from token_desk.api.influxctl.errors import InfluxctlOutcomeUnknownError
from token_desk.api.models import Token, TokenKind
from token_desk.cancellation import Cancellation, CancelledError, cancellable
from token_desk.revocation import revoke_tokens
from tests.test_revocation import CREATED, SERVER_REVOKED_AT, FakeClient, make_token


class LostAnswerClient(FakeClient):
    """The DELETE reaches the server (or not), but its answer never comes back."""

    def __init__(self, server_revoked: bool, lost: Exception | None = None, reread: Token | None = None) -> None:
        super().__init__()
        self.server_revoked = server_revoked
        self.lost = lost if lost is not None else ChangeTimeoutError()
        self.reread = reread

    def revoke_token(self, kind: TokenKind, token_id: str) -> None:
        self.calls.append(("DELETE", token_id))
        raise self.lost

    def get_token(self, kind: TokenKind, token_id: str) -> Token:
        self.calls.append(("GET", token_id))
        if token_id in self.get_errors:
            raise self.get_errors[token_id]
        if self.reread is not None:
            return self.reread
        return Token(kind=kind, id=token_id, description="from server", created_at=CREATED,
                     revoked_at=SERVER_REVOKED_AT if self.server_revoked else None)


@pytest.mark.parametrize("lost", [ChangeTimeoutError(), OutcomeUnknownError(), InfluxctlOutcomeUnknownError(), CancelledError()],
                         ids=["timed out", "connection dropped", "influxctl killed", "cancelled"])
def test_a_lost_answer_is_checked_and_the_servers_revoked_copy_is_shown(lost) -> None:
    token, notes = make_token(1), []
    report = revoke_tokens(LostAnswerClient(server_revoked=True, lost=lost), [token], on_note=notes.append)
    (outcome,) = report.outcomes
    if isinstance(lost, InfluxctlOutcomeUnknownError):  # influxctl stopped: its own sentence, as error_sentence says it
        assert notes == ["Not confirmed: influxctl was stopped before it answered. Checking…"]
    else:
        assert notes and notes[0].startswith("The server did not confirm revoking “token 1”")
        assert "checking" in notes[0]
    assert outcome.succeeded and outcome.revoked.revoked_at == SERVER_REVOKED_AT
    assert outcome.result_label == "Revoked" and "re-reading" in outcome.message


def test_a_lost_answer_for_a_token_still_active_says_not_revoked() -> None:
    report = revoke_tokens(LostAnswerClient(server_revoked=False), [make_token(1)])
    (outcome,) = report.outcomes
    assert not outcome.succeeded and not outcome.unknown and outcome.revoked is None
    assert outcome.result_label == "Not revoked" and "still active" in outcome.message


def test_a_lost_answer_whose_check_also_fails_is_unknown_never_revoked_or_not() -> None:
    client, token = LostAnswerClient(server_revoked=True), make_token(1)
    client.get_errors[token.id] = ApiTimeoutError()
    report = revoke_tokens(client, [token])
    (outcome,) = report.outcomes
    assert outcome.unknown and not outcome.succeeded and outcome.revoked is None
    assert outcome.result_label == "Unknown"
    assert outcome.message.startswith("Unknown: The server did not confirm the revoke")
    assert report.unknown == (outcome,)


def test_a_reread_answering_another_token_is_reported_and_never_applied() -> None:
    token, other = make_token(1), make_token(2).replace(revoked_at=SERVER_REVOKED_AT)
    report = revoke_tokens(LostAnswerClient(server_revoked=True, reread=other), [token])
    (outcome,) = report.outcomes
    assert outcome.unknown and outcome.revoked is None
    assert other.id in outcome.message and "different token" in outcome.message


def test_after_a_confirmed_revoke_a_reread_of_another_token_is_not_applied() -> None:
    token, other = make_token(1), make_token(2).replace(revoked_at=SERVER_REVOKED_AT)
    client = FakeClient()
    client.get_token = lambda kind, token_id: other
    (outcome,) = revoke_tokens(client, [token]).outcomes
    assert outcome.succeeded and outcome.revoked is None  # confirmed, but row 2 must not be marked
    assert "different token" in str(outcome.refresh_error)


def test_after_a_confirmed_revoke_a_reread_still_active_is_not_applied() -> None:
    token, client = make_token(1), FakeClient()
    client.get_token = lambda kind, token_id: token
    (outcome,) = revoke_tokens(client, [token]).outcomes
    assert outcome.succeeded and outcome.revoked is None
    assert "without a revocation time" in str(outcome.refresh_error)


@pytest.mark.parametrize("never_left", [never_sent(ApiConnectionError()), never_sent(ApiTimeoutError())],
                         ids=["refused", "timed out connecting"])
def test_a_revoke_that_never_left_is_not_revoked_and_never_checked(never_left) -> None:
    """The client raises a plain connection or timeout error only for a DELETE that was never sent."""
    client, token, notes = LostAnswerClient(server_revoked=False, lost=never_left), make_token(1), []
    report = revoke_tokens(client, [token], on_note=notes.append)
    (outcome,) = report.outcomes
    assert report.status_sentence == f"Could not revoke “token 1” ({token.id[:8]}…): {never_left}"  # one full stop
    assert notes == [] and ("GET", token.id) not in client.calls
    assert outcome.result_label == "Not revoked" and not outcome.unknown and not outcome.answer_lost
    assert outcome.message == f"Not revoked: {never_left}" and "nothing was changed" in outcome.message


@pytest.mark.parametrize("refused", [ServerError(status=500), CertificateError()], ids=["500", "certificate"])
def test_an_answer_that_refused_is_not_revoked_and_needs_no_check(refused) -> None:
    client, token = LostAnswerClient(server_revoked=True, lost=refused), make_token(1)
    (outcome,) = revoke_tokens(client, [token]).outcomes
    assert not outcome.succeeded and not outcome.unknown
    assert ("GET", token.id) not in client.calls


def test_cancelling_stops_the_batch_and_says_which_were_not_attempted() -> None:
    cancellation, tokens = Cancellation(), [make_token(n) for n in range(3)]

    class CancelsAfterFirst(FakeClient):
        def get_token(self, kind, token_id):
            cancellation.cancel()
            return super().get_token(kind, token_id)

    client = CancelsAfterFirst()
    with cancellable(cancellation):
        report = revoke_tokens(client, tokens)
    assert [outcome.result_label for outcome in report.outcomes] == ["Revoked", "Not attempted", "Not attempted"]
    assert "cancelled" in report.outcomes[1].message
    assert [call for call in client.calls if call[0] == "DELETE"] == [("DELETE", tokens[0].id)]
