"""Idempotent requests (GET, DELETE) are retried with capped backoff; POST and PATCH never."""

import httpx
import pytest
from api_helpers import FakeApi, database_token_json, error_response, json_response, make_client

from token_desk.api import errors
from token_desk.api.models import Permission
from token_desk.api.retry import MAX_RETRY_AFTER_S, RetryPolicy

TOKEN_ID = "2cc0cc53-8cdb-4a85-8021-1da9e09b82ab"
RETRYABLE_FAILURES = [error_response(500), error_response(502), error_response(503), error_response(429),
                      httpx.ConnectError("refused"), httpx.ConnectTimeout("slow"), httpx.ReadTimeout("slow")]


@pytest.mark.parametrize("failure", RETRYABLE_FAILURES)
def test_get_is_retried_and_then_succeeds(failure):
    api, sleeps = FakeApi(failure, failure, json_response([database_token_json(id=TOKEN_ID)])), []
    tokens = make_client(api, sleeps=sleeps).list_database_tokens()
    assert [token.id for token in tokens] == [TOKEN_ID]
    assert api.calls == 3 and len(sleeps) == 2


@pytest.mark.parametrize("failure", RETRYABLE_FAILURES)
def test_delete_is_retried_and_then_succeeds(failure):
    api = FakeApi(failure, httpx.Response(204))
    make_client(api).revoke_database_token(TOKEN_ID)
    assert api.calls == 2 and {request.method for request in api.requests} == {"DELETE"}


def test_gives_up_after_max_attempts_with_the_last_error():
    api, sleeps = FakeApi(error_response(503, "down for maintenance")), []
    with pytest.raises(errors.ServerError) as caught:
        make_client(api, retry=RetryPolicy(max_attempts=4), sleeps=sleeps).list_database_tokens()
    assert api.calls == 4 and len(sleeps) == 3
    assert caught.value.server_message == "down for maintenance"


def test_transport_failures_give_up_with_a_typed_error():
    api = FakeApi(httpx.ReadTimeout("slow"))
    with pytest.raises(errors.ApiTimeoutError):
        make_client(api).revoke_database_token("55555555-5555-4555-8555-555555555555")
    assert api.calls == 3


@pytest.mark.parametrize("failure", [error_response(500), error_response(503), error_response(429),
                                     httpx.ConnectError("refused"), httpx.ReadTimeout("slow")])
def test_post_and_patch_are_never_retried(failure):
    create_api, update_api = FakeApi(failure), FakeApi(failure)
    with pytest.raises(errors.ApiError):
        make_client(create_api).create_database_token("x", [Permission("read", "*")])
    with pytest.raises(errors.ApiError):
        make_client(update_api).update_database_token("55555555-5555-4555-8555-555555555555", description="y")
    assert create_api.calls == 1 and update_api.calls == 1


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 600, 999])
def test_client_errors_are_not_retried(status):
    api = FakeApi(error_response(status))
    with pytest.raises(errors.ApiError):
        make_client(api).get_database_token(TOKEN_ID)
    assert api.calls == 1


def test_a_bad_answer_body_is_not_retried():
    api = FakeApi(json_response({"not": "a list"}))
    with pytest.raises(errors.InvalidResponseError):
        make_client(api).list_database_tokens()
    assert api.calls == 1


@pytest.mark.parametrize(("status", "retry_after", "expected"), [
    (429, "7", 7.0), (503, "2.5", 2.5), (429, "86400", MAX_RETRY_AFTER_S),
])
def test_retry_after_is_honoured_but_capped(status, retry_after, expected):
    api, sleeps = FakeApi(error_response(status, headers={"Retry-After": retry_after}), json_response([])), []
    make_client(api, retry=RetryPolicy(base_delay=0.01, max_delay=0.01), sleeps=sleeps).list_databases()
    assert sleeps == [expected]


def test_an_unreadable_retry_after_falls_back_to_backoff():
    api, sleeps = FakeApi(error_response(429, headers={"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}),
                          json_response([])), []
    make_client(api, retry=RetryPolicy(base_delay=1.0, max_delay=1.0), sleeps=sleeps).list_databases()
    assert 0.5 <= sleeps[0] <= 1.0


def test_backoff_grows_exponentially_with_jitter_and_is_capped():
    policy = RetryPolicy(max_attempts=10, base_delay=0.5, max_delay=4.0)
    lowest = [policy.delay_before_retry(n, jitter=lambda: 0.0) for n in range(1, 7)]
    highest = [policy.delay_before_retry(n, jitter=lambda: 1.0) for n in range(1, 7)]
    assert highest == [0.5, 1.0, 2.0, 4.0, 4.0, 4.0]
    assert lowest == [delay / 2 for delay in highest]


def test_retry_policy_rejects_nonsense():
    with pytest.raises(ValueError):
        RetryPolicy(max_attempts=0)


def test_retry_sleeps_use_the_policy_delays():
    api, sleeps = FakeApi(error_response(500), error_response(500), json_response(database_token_json())), []
    make_client(api, retry=RetryPolicy(base_delay=1.0, max_delay=1.5), sleeps=sleeps).get_database_token(
        "55555555-5555-4555-8555-555555555555")
    assert 0.5 <= sleeps[0] <= 1.0 and 0.75 <= sleeps[1] <= 1.5
