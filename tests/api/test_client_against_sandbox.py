"""The client over real HTTP on 127.0.0.1 against the sandbox, checked with its SQLite oracle."""

import threading
import time

import pytest

from token_desk.api import errors
from token_desk.api.client import ManagementApiClient
from token_desk.api.models import Permission, TokenKind, TokenStatus
from token_desk.api.retry import RetryPolicy
from token_desk.cancellation import Cancellation, CancelledError, cancellable
from token_desk.revocation import revoke_tokens
from tests.sandbox.faults import start_faulty_sandbox

MISSING_ID = "99999999-9999-4999-8999-999999999999"


@pytest.fixture
def sandbox():
    with start_faulty_sandbox(seed=7) as running:
        yield running


@pytest.fixture
def client(sandbox):
    with ManagementApiClient(sandbox.url, sandbox.account_id, sandbox.cluster_id, sandbox.management_token,
                             sleep=lambda _: None) as api:
        yield api


def test_lists_match_the_servers_records(client, sandbox):
    assert {token.id for token in client.list_database_tokens()} == {
        row["id"] for row in sandbox.state.database_tokens()}
    assert {db.name for db in client.list_databases()} == {row["name"] for row in sandbox.state.databases()}


def test_create_then_revoke_then_revoke_again(client, sandbox):
    created = client.create_database_token("ci reader", [Permission("read", "*")])
    assert len(created.access_token) >= 64
    assert sandbox.state.database_token(created.token.id)["description"] == "ci reader"
    client.revoke_database_token(created.token.id)
    client.revoke_token(TokenKind.DATABASE, created.token.id)  # revoking twice is not an error
    assert sandbox.state.database_token(created.token.id)["revokedAt"]
    assert client.get_database_token(created.token.id).status is TokenStatus.REVOKED
    assert sandbox.state.revoke_count(TokenKind.DATABASE, created.token.id) == 2


def test_unknown_token_is_not_found(client):
    with pytest.raises(errors.NotFoundError) as caught:
        client.get_database_token(MISSING_ID)
    assert caught.value.status == 404 and caught.value.method == "GET"


def test_a_wrong_secret_is_rejected(sandbox):
    with ManagementApiClient(sandbox.url, sandbox.account_id, sandbox.cluster_id, "M.V1.wrong-secret") as api:
        with pytest.raises(errors.AuthenticationError) as caught:
            api.list_database_tokens()
    assert caught.value.status == 401
    assert "wrong-secret" not in str(caught.value) + repr(caught.value)


def test_a_failed_revoke_is_retried_until_it_succeeds(client, sandbox):
    token = client.list_database_tokens()[0]
    sandbox.faults.fail_next_revokes(2, status=503)
    client.revoke_database_token(token.id)
    assert sandbox.state.database_token(token.id)["revokedAt"]
    assert sandbox.state.revoke_count("database", token.id) == 3


def test_a_failed_create_is_not_repeated(client, sandbox):
    before = len(sandbox.state.database_tokens())
    sandbox.faults.fail_next_requests(1, status=500)
    with pytest.raises(errors.ServerError):
        client.create_database_token("once only")
    assert len(sandbox.state.database_tokens()) == before


def test_invalid_json_is_an_invalid_response(client, sandbox):
    sandbox.faults.invalid_json_next(1)
    with ManagementApiClient(sandbox.url, sandbox.account_id, sandbox.cluster_id, sandbox.management_token,
                             retry=RetryPolicy(max_attempts=1)) as api:
        with pytest.raises(errors.InvalidResponseError):
            api.list_database_tokens()


def test_one_client_serves_several_threads_at_once(client, sandbox):
    expected = len(sandbox.state.database_tokens())
    results, failures = [], []

    def work():
        try:
            results.append(len(client.list_database_tokens()))
        except Exception as err:  # noqa: BLE001 - reported below
            failures.append(err)

    workers = [threading.Thread(target=work) for _ in range(8)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert failures == [] and results == [expected] * 8


# ---- lost answers and cancelling ----

def an_active_database_token(client):
    return next(token for token in client.list_tokens(TokenKind.DATABASE) if token.revoked_at is None)


def test_every_answer_to_the_delete_dropped_yet_the_revoke_is_shown_with_the_servers_time(client, sandbox):
    token = an_active_database_token(client)
    sandbox.faults.drop_next_answers(3)  # the DELETE and both retries: done, but never answered
    notes = []
    (outcome,) = revoke_tokens(client, [token], on_note=notes.append).outcomes
    server_row = next(row for row in sandbox.state.database_tokens() if row["id"] == token.id)
    assert notes and "did not confirm" in notes[0]
    assert outcome.succeeded and outcome.answer_lost
    assert outcome.revoked.revoked_at is not None
    assert outcome.revoked.revoked_at.isoformat().startswith(server_row["revokedAt"][:19])


def test_cancelling_a_request_to_a_silent_server_returns_at_once(client, sandbox):
    sandbox.faults.hang_next(1)
    cancellation, failure = Cancellation(), []

    def load() -> None:
        with cancellable(cancellation):
            try:
                client.list_tokens(TokenKind.DATABASE)
            except CancelledError as err:
                failure.append(err)

    worker = threading.Thread(target=load)
    worker.start()
    while not sandbox.faults.hanging:  # until the request has reached the server, which stays silent
        time.sleep(0.01)
    cancellation.cancel()
    worker.join(timeout=5)
    assert not worker.is_alive() and failure  # no 30 s read timeout to sit out

