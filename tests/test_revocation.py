"""revoke_tokens with a fake client: order, what counts as revoked, and when the batch stops."""

from __future__ import annotations

from datetime import datetime, timezone

from token_desk.api.errors import (
    ApiError,
    AuthenticationError,
    NotFoundError,
    PermissionDeniedError,
    ServerError,
)
from token_desk.api.models import Token, TokenKind
from token_desk.revocation import NotAttemptedError, RevokeOutcome, RevokeReport, revoke_tokens

CREATED = datetime(2025, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
SERVER_REVOKED_AT = datetime(2025, 6, 7, 8, 9, 10, tzinfo=timezone.utc)


def make_token(n: int, kind: TokenKind = TokenKind.MANAGEMENT, prefix: str | None = None) -> Token:
    return Token(kind=kind, id=f"00000000-0000-4000-8000-{n:012d}", description=f"token {n}",
                 created_at=CREATED, prefix=prefix)


class FakeClient:
    """Records calls; answers from per-token scripted errors, like the real client would raise."""

    def __init__(self, in_use_prefix: str | None = None) -> None:
        self.calls: list[tuple[str, str]] = []
        self.delete_errors: dict[str, ApiError] = {}
        self.get_errors: dict[str, ApiError] = {}
        self.in_use_prefix = in_use_prefix
        self.signed_out = False

    def is_signed_in_with(self, token: Token) -> bool:
        return self.in_use_prefix is not None and token.prefix == self.in_use_prefix

    def revoke_token(self, kind: TokenKind, token_id: str) -> None:
        self.calls.append(("DELETE", token_id))
        self._raise_if_signed_out()
        if token_id in self.delete_errors:
            raise self.delete_errors[token_id]
        if self.in_use_prefix and token_id.endswith("in-use"):
            self.signed_out = True

    def get_token(self, kind: TokenKind, token_id: str) -> Token:
        self.calls.append(("GET", token_id))
        self._raise_if_signed_out()
        if token_id in self.get_errors:
            raise self.get_errors[token_id]
        return Token(kind=kind, id=token_id, description="from server", created_at=CREATED,
                     revoked_at=SERVER_REVOKED_AT)

    def _raise_if_signed_out(self) -> None:
        if self.signed_out:
            raise AuthenticationError(status=401)


def deleted_ids(client: FakeClient) -> list[str]:
    return [token_id for method, token_id in client.calls if method == "DELETE"]


def test_each_token_gets_one_delete_then_its_server_copy_is_reported() -> None:
    client, tokens = FakeClient(), [make_token(1), make_token(2, TokenKind.DATABASE)]
    report = revoke_tokens(client, tokens)
    assert client.calls == [("DELETE", tokens[0].id), ("GET", tokens[0].id),
                            ("DELETE", tokens[1].id), ("GET", tokens[1].id)]
    assert report.all_succeeded and not report.signed_out
    assert [outcome.revoked.revoked_at for outcome in report.outcomes] == [SERVER_REVOKED_AT] * 2
    assert report.outcomes[1].revoked.kind is TokenKind.DATABASE


def test_progress_is_reported_after_each_token() -> None:
    progress: list[tuple[int, int]] = []
    revoke_tokens(FakeClient(), [make_token(n) for n in range(3)], on_progress=lambda *p: progress.append(p))
    assert progress == [(1, 3), (2, 3), (3, 3)]


def test_a_failure_is_recorded_and_the_rest_still_go_through() -> None:
    client, tokens = FakeClient(), [make_token(n) for n in range(3)]
    client.delete_errors[tokens[1].id] = ServerError(status=500)
    report = revoke_tokens(client, tokens)
    assert deleted_ids(client) == [token.id for token in tokens]
    assert [outcome.token for outcome in report.succeeded] == [tokens[0], tokens[2]]
    (failed,) = report.failed
    assert failed.token == tokens[1] and failed.revoked is None
    assert failed.message == f"Not revoked: {ServerError.default_advice}"


def test_404_means_gone_and_is_not_counted_as_revoked() -> None:
    client, token = FakeClient(), make_token(1)
    client.delete_errors[token.id] = NotFoundError(status=404)
    report = revoke_tokens(client, [token])
    (outcome,) = report.outcomes
    assert outcome.gone and not outcome.succeeded and outcome.revoked is None
    assert report.gone == (outcome,) and report.failed == (outcome,)
    assert "no longer exists" in outcome.message
    assert ("GET", token.id) not in client.calls


def test_401_stops_the_batch_and_marks_the_rest_not_attempted() -> None:
    client, tokens = FakeClient(), [make_token(n) for n in range(4)]
    client.delete_errors[tokens[1].id] = AuthenticationError(status=401)
    report = revoke_tokens(client, tokens)
    assert deleted_ids(client) == [tokens[0].id, tokens[1].id]
    assert report.signed_out
    assert [outcome.succeeded for outcome in report.outcomes] == [True, False, False, False]
    assert [outcome.attempted for outcome in report.outcomes] == [True, True, False, False]
    assert isinstance(report.outcomes[3].error, NotAttemptedError)
    assert "sign in again" in report.outcomes[3].message


def test_the_token_in_use_is_revoked_last_and_signs_out() -> None:
    client = FakeClient(in_use_prefix="M.V1.mine")
    mine = make_token(1, prefix="M.V1.mine").replace(id="00000000-0000-4000-8000-0000000in-use")
    others = [make_token(2, prefix="M.V1.aaaa"), make_token(3, prefix="M.V1.bbbb")]
    report = revoke_tokens(client, [mine, *others])
    assert deleted_ids(client) == [others[0].id, others[1].id, mine.id]
    # The re-read of the token in use answers 401: expected, not a failure.
    assert report.all_succeeded and report.signed_out
    assert [outcome.token for outcome in report.outcomes] == [mine, *others]  # the caller's order
    assert report.outcomes[0].was_in_use and report.outcomes[0].revoked is None
    assert isinstance(report.outcomes[0].refresh_error, AuthenticationError)


def test_a_failed_reread_after_a_confirmed_delete_still_counts_as_revoked() -> None:
    client, token = FakeClient(), make_token(1)
    client.get_errors[token.id] = ServerError(status=503)
    report = revoke_tokens(client, [token])
    (outcome,) = report.outcomes
    assert outcome.succeeded and outcome.revoked is None  # revokedAt is never invented locally
    assert isinstance(outcome.refresh_error, ServerError)
    assert not report.signed_out


def test_failure_of_the_token_in_use_does_not_sign_out() -> None:
    client = FakeClient(in_use_prefix="M.V1.mine")
    mine = make_token(1, prefix="M.V1.mine")
    client.delete_errors[mine.id] = PermissionDeniedError(status=403)
    report = revoke_tokens(client, [mine])
    assert not report.signed_out and not report.outcomes[0].succeeded


def test_empty_report_succeeds_trivially() -> None:
    report = revoke_tokens(FakeClient(), [])
    assert report == RevokeReport(()) and report.all_succeeded and not report.signed_out


def test_outcome_message_and_label_for_success() -> None:
    outcome = RevokeOutcome(make_token(1))
    assert (outcome.message, outcome.result_label) == ("Revoked.", "Revoked")


def test_summary_names_each_token_not_revoked_and_why() -> None:
    client, tokens = FakeClient(), [make_token(n) for n in range(3)]
    client.delete_errors[tokens[0].id] = AuthenticationError(status=401)
    report = revoke_tokens(client, tokens)
    assert [outcome.result_label for outcome in report.outcomes] == ["Not revoked", "Not attempted", "Not attempted"]
    assert report.summary.splitlines() == [
        "Revoked 0 of 3 tokens. Not revoked:",
        f"• “token 0” ({tokens[0].id}): {AuthenticationError.default_advice}",
        f"• “token 1” ({tokens[1].id}): {NotAttemptedError.default_advice}",
        f"• “token 2” ({tokens[2].id}): {NotAttemptedError.default_advice}",
        "Token Desk is now signed out; sign in again to continue.",
    ]


def test_summary_of_one_token_is_its_sentence() -> None:
    client, token = FakeClient(), make_token(1)
    client.delete_errors[token.id] = NotFoundError(status=404)
    report = revoke_tokens(client, [token])
    assert report.outcomes[0].result_label == "Gone"
    assert report.summary == report.outcomes[0].message
