"""What the client sends: methods, paths, headers and exactly the documented bodies."""

import json
from datetime import datetime, timedelta, timezone

import pytest
from api_helpers import (
    ACCOUNT_ID, CLUSTER_ID, CLUSTER_PATH, SECRET, TOKEN_ID, FakeApi, database_token_json, json_response,
    make_client,
)

from token_desk.api.errors import InvalidIdError
from token_desk.api.models import Permission, TokenKind

DB_TOKEN_ID = "55555555-5555-4555-8555-555555555555"


def sent(api: FakeApi):
    request = api.requests[-1]
    body = json.loads(request.content) if request.content else None
    return request.method, request.url.path, request.url.query, body


def test_every_request_authenticates_and_asks_for_json():
    api = FakeApi(json_response([]))
    make_client(api).list_database_tokens()
    headers = api.requests[0].headers
    assert headers["Authorization"] == f"Bearer {SECRET}"
    assert headers["Accept"] == "application/json"


@pytest.mark.parametrize(("call", "path"), [
    (lambda c: c.list_database_tokens(), "/tokens"),
    (lambda c: c.list_tokens(TokenKind.DATABASE), "/tokens"),
    (lambda c: c.list_databases(), "/databases"),
])
def test_lists_are_plain_gets_without_query(call, path):
    api = FakeApi(json_response([]))
    assert call(make_client(api)) == []
    assert sent(api) == ("GET", CLUSTER_PATH + path, b"", None)


def test_get_tokens_by_id():
    api = FakeApi(json_response(database_token_json(id=TOKEN_ID)), json_response(database_token_json()))
    client = make_client(api)
    assert client.get_database_token(TOKEN_ID).id == TOKEN_ID
    assert sent(api)[:2] == ("GET", f"{CLUSTER_PATH}/tokens/{TOKEN_ID}")
    assert client.get_token(TokenKind.DATABASE, DB_TOKEN_ID).kind is TokenKind.DATABASE
    assert sent(api)[:2] == ("GET", f"{CLUSTER_PATH}/tokens/{DB_TOKEN_ID}")


@pytest.mark.parametrize("call", [
    lambda c: c.list_tokens(TokenKind.MANAGEMENT), lambda c: c.get_token(TokenKind.MANAGEMENT, TOKEN_ID),
    lambda c: c.revoke_token(TokenKind.MANAGEMENT, TOKEN_ID),
])
def test_management_tokens_are_never_asked_of_the_rest_api(call):
    """No version of the public Management API has management-token endpoints: influxctl serves them."""
    api = FakeApi(json_response([]))
    with pytest.raises(ValueError, match="influxctl"):
        call(make_client(api))
    assert api.calls == 0
    assert not hasattr(make_client(api), "create_management_token")


def test_create_database_token_sends_permissions():
    api = FakeApi(json_response(database_token_json(accessToken="apiv1_" + "b" * 60)))
    created = make_client(api).create_database_token("Limited", [Permission("read", "DatabaseOne")])
    assert sent(api) == ("POST", f"{CLUSTER_PATH}/tokens", b"",
                         {"description": "Limited", "permissions": [{"action": "read", "resource": "DatabaseOne"}]})
    assert created.token.kind is TokenKind.DATABASE


@pytest.mark.parametrize(("kwargs", "body"), [
    ({"description": "renamed"}, {"description": "renamed"}),
    ({"permissions": []}, {"permissions": []}),
    ({"description": "d", "permissions": [Permission("write", "*")]},
     {"description": "d", "permissions": [{"action": "write", "resource": "*"}]}),
])
def test_update_sends_only_the_fields_given(kwargs, body):
    api = FakeApi(json_response(database_token_json()))
    make_client(api).update_database_token(DB_TOKEN_ID, **kwargs)
    assert sent(api) == ("PATCH", f"{CLUSTER_PATH}/tokens/{DB_TOKEN_ID}", b"", body)


def test_update_with_nothing_to_change_sends_nothing():
    api = FakeApi(json_response(database_token_json()))
    with pytest.raises(ValueError, match="description or new permissions"):
        make_client(api).update_database_token(DB_TOKEN_ID)
    assert api.calls == 0


@pytest.mark.parametrize("status", [204, 200, 202])
def test_revoke_is_a_delete_and_any_2xx_is_success(status):
    api = FakeApi(json_response({"ignored": True}, status) if status != 204 else json_response(None, 204))
    client = make_client(api)
    assert client.revoke_database_token(TOKEN_ID) is None
    assert sent(api)[:2] == ("DELETE", f"{CLUSTER_PATH}/tokens/{TOKEN_ID}")
    client.revoke_token(TokenKind.DATABASE, DB_TOKEN_ID)
    assert sent(api)[:2] == ("DELETE", f"{CLUSTER_PATH}/tokens/{DB_TOKEN_ID}")


def test_trailing_slash_in_base_url_is_accepted():
    api = FakeApi(json_response([]))
    make_client(api, base_url="http://127.0.0.1:8086/api/v0/").list_databases()
    assert str(api.requests[0].url) == f"http://127.0.0.1:8086{CLUSTER_PATH}/databases"


BAD_IDS = ["", "123", "../../admin", f"{TOKEN_ID}/extra", TOKEN_ID.upper().replace("-", ""), f"{TOKEN_ID}\n", None]


@pytest.mark.parametrize("bad_id", BAD_IDS)
def test_invalid_token_ids_raise_before_any_request(bad_id):
    api = FakeApi(json_response({}))
    client = make_client(api)
    calls = [lambda: client.get_database_token(bad_id), lambda: client.revoke_database_token(bad_id),
             lambda: client.get_database_token(bad_id), lambda: client.revoke_database_token(bad_id),
             lambda: client.update_database_token(bad_id, description="x")]
    for call in calls:
        with pytest.raises(InvalidIdError):
            call()
    assert api.calls == 0


@pytest.mark.parametrize("bad_id", BAD_IDS)
def test_invalid_account_or_cluster_ids_are_refused(bad_id):
    from token_desk.api.client import ManagementApiClient
    with pytest.raises(InvalidIdError):
        ManagementApiClient("http://127.0.0.1:1/api/v0", bad_id, CLUSTER_ID, SECRET)
    with pytest.raises(InvalidIdError):
        ManagementApiClient("http://127.0.0.1:1/api/v0", ACCOUNT_ID, bad_id, SECRET)


def test_an_owned_http_client_is_closed_and_an_injected_one_is_not():
    from token_desk.api.client import ManagementApiClient
    with ManagementApiClient("http://127.0.0.1:1/api/v0", ACCOUNT_ID, CLUSTER_ID, SECRET) as owned:
        http = owned._http  # made at the first request
    assert http.is_closed
    with ManagementApiClient("http://127.0.0.1:1/api/v0", ACCOUNT_ID, CLUSTER_ID, SECRET) as unused:
        pass
    with pytest.raises(RuntimeError):  # closed before any request: nothing can be sent afterwards either
        unused._http.get("http://127.0.0.1:1/")
    api = FakeApi(json_response([]))
    client = make_client(api)
    client.close()
    assert not client._http.is_closed
