"""Which failures mean refused (`failed`) and which mean nobody knows (`unknown`)."""

from __future__ import annotations

from datetime import datetime, timezone

import httpx
import pytest

from tests.api.api_helpers import TOKEN_ID, FakeApi, make_client
from token_desk.api import errors
from token_desk.api.influxctl import errors as influxctl_errors
from token_desk.api.models import Token, TokenKind
from token_desk.cancellation import CancelledError
from token_desk.history import Outcome
from token_desk.history.outcomes import outcome_of_error, revoke_seen_in


def revoke_error(*answers: Exception) -> errors.ApiError:
    """What the client raises for a revoke whose attempts met `answers` (the last one repeats)."""
    try:
        make_client(FakeApi(*answers)).revoke_database_token(TOKEN_ID)
    except errors.ApiError as error:
        return error
    raise AssertionError("the revoke did not fail")


@pytest.mark.parametrize(("error", "outcome"), [
    (errors.PermissionDeniedError(status=403, server_message="forbidden"), Outcome.FAILED),
    (errors.ServerError(status=500), Outcome.FAILED),
    (errors.InvalidIdError(), Outcome.FAILED),
    (revoke_error(httpx.ConnectError("refused")), Outcome.FAILED),
    (revoke_error(httpx.ConnectTimeout("no route")), Outcome.FAILED),
    (revoke_error(httpx.RemoteProtocolError("hung up")), Outcome.UNKNOWN),
    (revoke_error(httpx.ReadTimeout("slow")), Outcome.UNKNOWN),
    # the first DELETE may have revoked it; the retries that could not connect prove nothing
    (revoke_error(httpx.ReadTimeout("slow"), httpx.ConnectTimeout("no route")), Outcome.UNKNOWN),
    (revoke_error(httpx.RemoteProtocolError("hung up"), httpx.ConnectError("refused")), Outcome.UNKNOWN),
    (errors.OutcomeUnknownError(), Outcome.UNKNOWN),
    (errors.InvalidResponseError(status=200), Outcome.UNKNOWN),
    (influxctl_errors.InfluxctlPermissionError(influxctl_message="denied", exit_code=1), Outcome.FAILED),
    (influxctl_errors.InfluxctlError(influxctl_message="bad flag", exit_code=1), Outcome.FAILED),
    # A plain timeout or "could not connect" never reached the server: the bridge raises an
    # InfluxctlOutcomeUnknownError for a change that may have (tests/ui/test_influxctl_never_sent_or_lost.py).
    (influxctl_errors.InfluxctlTimeoutError(exit_code=-9), Outcome.FAILED),
    (influxctl_errors.InfluxctlConnectionError(influxctl_message="dial tcp: connection refused", exit_code=1),
     Outcome.FAILED),
    (influxctl_errors.InfluxctlCancelledError(exit_code=-9), Outcome.UNKNOWN),
    (influxctl_errors.InfluxctlOutcomeUnknownError(), Outcome.UNKNOWN),
    (CancelledError(), Outcome.UNKNOWN),
    (RuntimeError("a bug"), Outcome.UNKNOWN),
])
def test_outcome_of_each_kind_of_failure(error: BaseException, outcome: Outcome) -> None:
    assert outcome_of_error(error)[0] is outcome


def test_the_servers_own_words_are_kept() -> None:
    error = errors.PermissionDeniedError(status=403, server_message="token lacks permission")
    assert outcome_of_error(error) == (Outcome.FAILED, "token lacks permission")


def test_a_re_read_revoked_token_with_no_time_confirms_the_revoke() -> None:
    token = Token(TokenKind.DATABASE, "00000000-0000-4000-8000-000000000001", "d",
                  datetime(2026, 1, 1, tzinfo=timezone.utc), revoked_time_unknown=True)
    outcome, message = revoke_seen_in(token)
    assert outcome is Outcome.CONFIRMED and "revoked" in message and "1970" not in message
    assert revoke_seen_in(token.replace(revoked_time_unknown=False))[0] is Outcome.FAILED
