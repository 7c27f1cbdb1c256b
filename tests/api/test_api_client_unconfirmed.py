"""A change whose answer was lost is unknown, never a failure: the server may well have carried it out.

A request that reached the server and then lost its connection (dropped, reset, cut off mid-answer), or
whose success answer cannot be read, must not read as "could not connect" or "not a Management API": the
dialogs then check what the server holds before anything is sent again (a second create would make a second
token, a revoke's retry may be refused because the first one worked).
"""

from __future__ import annotations

import json

import httpx
import pytest
from api_helpers import FakeApi, database_token_json, error_response, json_response, make_client

from token_desk.api import errors
from token_desk.api.decoding import decode_token
from token_desk.api.models import Permission, Token, TokenKind
from token_desk.api.retry import RetryPolicy
from token_desk.revocation import revoke_tokens

TOKEN_ID = "55555555-5555-4555-8555-555555555555"
NO_RETRY = RetryPolicy(max_attempts=1)
LOST_ANSWERS = [httpx.RemoteProtocolError("Server disconnected without sending a response."),
                httpx.ReadError("connection reset by peer")]
CHANGES = {
    "create": lambda client: client.create_database_token("grafana", [Permission("read", "telemetry")]),
    "update": lambda client: client.update_database_token(TOKEN_ID, description="renamed"),
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
@pytest.mark.parametrize("lost", LOST_ANSWERS, ids=type)
def test_a_create_or_update_whose_connection_dropped_after_sending_is_unknown(change, lost):
    with pytest.raises(errors.OutcomeUnknownError) as caught:
        change(make_client(FakeApi(lost)))
    assert caught.value.__cause__ is lost


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_a_change_that_never_connected_failed_for_certain(change):
    with pytest.raises(errors.ApiConnectionError) as caught:
        change(make_client(FakeApi(httpx.ConnectError("connection refused"))))
    assert not isinstance(caught.value, errors.OutcomeUnknownError)


@pytest.mark.parametrize("refusal", [error_response(404), error_response(409), error_response(400)])
def test_a_revoke_retried_after_a_lost_answer_and_then_refused_is_unknown(refusal):
    """The first DELETE may have revoked it; the retry's refusal ("not found", "already revoked") proves nothing."""
    api = FakeApi(httpx.RemoteProtocolError("Server disconnected without sending a response."), refusal)
    with pytest.raises(errors.OutcomeUnknownError):
        make_client(api).revoke_database_token(TOKEN_ID)
    assert api.calls == 2


SENT_THEN_TIMED_OUT = [httpx.ReadTimeout("no answer in time"), httpx.WriteTimeout("stalled while sending")]
NEVER_SENT = [httpx.ConnectError("connection refused"), httpx.ConnectTimeout("no route"),
              httpx.PoolTimeout("no free connection")]


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
@pytest.mark.parametrize("timeout", SENT_THEN_TIMED_OUT, ids=type)
def test_a_create_or_update_that_timed_out_after_sending_is_unknown_and_says_it_timed_out(change, timeout):
    with pytest.raises(errors.OutcomeUnknownError) as caught:
        change(make_client(FakeApi(timeout)))
    assert isinstance(caught.value, errors.ApiTimeoutError)  # "did not answer in time", not "connection lost"
    assert caught.value.__cause__ is timeout


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
@pytest.mark.parametrize("never_sent", NEVER_SENT, ids=type)
def test_a_create_or_update_that_never_left_is_not_unknown(change, never_sent):
    with pytest.raises((errors.ApiConnectionError, errors.ApiTimeoutError)) as caught:
        change(make_client(FakeApi(never_sent)))
    assert not isinstance(caught.value, errors.OutcomeUnknownError)


@pytest.mark.parametrize("change", [*CHANGES.values(), lambda client: client.revoke_database_token(TOKEN_ID)],
                         ids=[*CHANGES.keys(), "revoke"])
@pytest.mark.parametrize("never_sent", NEVER_SENT, ids=type)
def test_a_change_that_never_left_says_nothing_was_changed_and_retrying_is_safe(change, never_sent):
    """What the dialogs, the revoke report and the history say for it: its own sentence."""
    with pytest.raises((errors.ApiConnectionError, errors.ApiTimeoutError)) as caught:
        change(make_client(FakeApi(never_sent)))
    assert str(caught.value).endswith(" " + errors.NOT_SENT)
    if isinstance(never_sent, httpx.TimeoutException):  # not "did not answer in time": it was never asked
        assert str(caught.value).startswith(errors.ApiTimeoutError.NOT_CONNECTED)


@pytest.mark.parametrize("never_sent", NEVER_SENT, ids=type)
def test_a_read_that_never_left_says_only_what_failed(never_sent):
    with pytest.raises((errors.ApiConnectionError, errors.ApiTimeoutError)) as caught:
        make_client(FakeApi(never_sent)).list_database_tokens()
    assert errors.NOT_SENT not in str(caught.value)


def test_a_change_refused_here_says_what_to_fix_not_that_retrying_is_safe():
    with pytest.raises(errors.ApiConnectionError) as caught:
        make_client(FakeApi(httpx.UnsupportedProtocol("gopher"))).create_database_token("x", [Permission("read", "x")])
    assert errors.NOT_SENT not in str(caught.value)


@pytest.mark.parametrize("lost", LOST_ANSWERS + SENT_THEN_TIMED_OUT, ids=type)
@pytest.mark.parametrize("then", NEVER_SENT, ids=type)
def test_a_revoke_whose_retries_never_left_after_a_lost_answer_is_unknown(lost, then):
    """The retries that could not connect say nothing about the first DELETE, which may have revoked it."""
    api = FakeApi(lost, then)
    with pytest.raises(errors.OutcomeUnknownError) as caught:
        make_client(api).revoke_database_token(TOKEN_ID)
    assert api.calls == 3 and caught.value.__cause__ is then


@pytest.mark.parametrize("lost", SENT_THEN_TIMED_OUT, ids=type)
def test_a_revoke_retried_after_a_timeout_and_then_refused_is_unknown(lost):
    api = FakeApi(lost, error_response(404))
    with pytest.raises(errors.OutcomeUnknownError):
        make_client(api).revoke_database_token(TOKEN_ID)
    assert api.calls == 2


@pytest.mark.parametrize("never_sent", NEVER_SENT, ids=type)
def test_a_revoke_whose_every_attempt_never_left_failed_for_certain(never_sent):
    api = FakeApi(never_sent)
    with pytest.raises((errors.ApiConnectionError, errors.ApiTimeoutError)) as caught:
        make_client(api).revoke_database_token(TOKEN_ID)
    assert api.calls == 3 and not isinstance(caught.value, errors.OutcomeUnknownError)


@pytest.mark.parametrize("lost", LOST_ANSWERS + SENT_THEN_TIMED_OUT, ids=type)
def test_a_read_whose_answers_were_lost_is_never_unknown(lost):
    """Reading changes nothing: a lost answer is a plain connection or timeout failure, retried."""
    api = FakeApi(lost)
    with pytest.raises((errors.ApiConnectionError, errors.ApiTimeoutError)) as caught:
        make_client(api).list_database_tokens()
    assert api.calls == 3 and not isinstance(caught.value, errors.OutcomeUnknownError)


def test_a_revoke_refused_after_attempts_that_never_connected_is_the_refusal():
    api = FakeApi(httpx.ConnectError("connection refused"), error_response(404))
    with pytest.raises(errors.NotFoundError) as caught:
        make_client(api).revoke_database_token(TOKEN_ID)
    assert not isinstance(caught.value, errors.OutcomeUnknownError)


CREATED = {**database_token_json(), "accessToken": "apiv1_" + "5" * 64}
UNREADABLE_SUCCESSES = [httpx.Response(200, content=json.dumps(CREATED).encode()[:-9]),  # cut off mid-answer
                        httpx.Response(200, text="<html>Signed out</html>"),
                        json_response({**CREATED, "createdAt": "yesterday"})]


@pytest.mark.parametrize("answer", UNREADABLE_SUCCESSES)
def test_a_create_answered_with_a_success_that_cannot_be_read_is_unknown_and_says_why(answer):
    with pytest.raises(errors.OutcomeUnknownError) as caught:
        make_client(FakeApi(answer), retry=NO_RETRY).create_database_token("grafana", [Permission("read", "x")])
    assert isinstance(caught.value, errors.InvalidResponseError)
    assert caught.value.status == 200


def test_a_listing_that_cannot_be_read_is_only_invalid():
    answer = httpx.Response(200, content=json.dumps([database_token_json()]).encode()[:-9])
    with pytest.raises(errors.InvalidResponseError) as caught:
        make_client(FakeApi(answer), retry=NO_RETRY).list_database_tokens()
    assert not isinstance(caught.value, errors.OutcomeUnknownError)


@pytest.mark.parametrize("secret", ["", "   "])
def test_a_create_answered_without_a_usable_secret_is_never_shown_as_created(secret):
    answer = json_response({**CREATED, "accessToken": secret})
    with pytest.raises(errors.UnreadableAnswerError) as caught:
        make_client(FakeApi(answer), retry=NO_RETRY).create_database_token("grafana", [Permission("read", "x")])
    assert "'accessToken'" in str(caught.value)


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
@pytest.mark.parametrize("status", [502, 504])
def test_a_create_or_update_a_gateway_gave_up_on_is_unknown(change, status):
    """502 and 504 come from a proxy that lost the server's answer: the server may have acted meanwhile."""
    with pytest.raises(errors.OutcomeUnknownError) as caught:
        change(make_client(FakeApi(error_response(status, "upstream timed out"))))
    assert caught.value.status == status


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
@pytest.mark.parametrize("status", [500, 503])
def test_a_create_or_update_the_server_itself_failed_is_a_failure(change, status):
    with pytest.raises(errors.ServerError) as caught:
        change(make_client(FakeApi(error_response(status))))
    assert not isinstance(caught.value, errors.OutcomeUnknownError)


def test_a_revoke_refused_after_a_gateway_timeout_is_unknown():
    api = FakeApi(error_response(504), error_response(404))
    with pytest.raises(errors.OutcomeUnknownError):
        make_client(api).revoke_database_token(TOKEN_ID)


def test_a_read_retried_after_a_lost_answer_keeps_the_servers_refusal():
    """Reading changes nothing, so a lost answer before it leaves nothing unknown."""
    api = FakeApi(httpx.ReadError("connection reset by peer"), error_response(404))
    with pytest.raises(errors.NotFoundError) as caught:
        make_client(api).get_database_token(TOKEN_ID)
    assert not isinstance(caught.value, errors.OutcomeUnknownError)


def test_a_revoke_whose_retry_is_refused_after_a_lost_answer_is_settled_by_the_servers_copy():
    """End to end with revocation: the first DELETE revoked it, its answer was lost, the retry was refused as
    not found; the token's fresh copy says revoked, so the person reads Revoked, not "no longer exists"."""
    revoked_copy = json_response(database_token_json(id=TOKEN_ID, revokedAt="2024-05-01T10:00:00Z"))
    api = FakeApi(httpx.RemoteProtocolError("Server disconnected without sending a response."),
                  error_response(404), revoked_copy)
    client = make_client(api)
    (outcome,) = revoke_tokens(client, [_token(TOKEN_ID)]).outcomes
    assert outcome.succeeded and outcome.answer_lost and not outcome.gone
    assert outcome.revoked is not None and outcome.revoked.revoked_at is not None
    assert [request.method for request in api.requests] == ["DELETE", "DELETE", "GET"]


def _token(token_id: str) -> Token:
    return decode_token(TokenKind.DATABASE, json.dumps(database_token_json(id=token_id)).encode())


def test_a_create_whose_success_answer_has_damaged_compression_is_unknown():
    answer = lambda request: httpx.Response(200, headers={"Content-Encoding": "gzip"}, content=iter([b"plain"]))  # noqa: E731
    with pytest.raises(errors.UnreadableAnswerError):
        make_client(FakeApi(answer), retry=NO_RETRY).create_database_token("grafana", [Permission("read", "x")])
