"""Every request the client sends is one the public API document allows (never the invented
management-tokens document: management tokens come from influxctl).

An independent server and a mock that validates requests against the official
spec will judge the client, so each operation runs over real HTTP against the
sandbox through a transport that checks the request against the documents
(and the response, both ways) before and after it crosses the wire.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import httpx
import pytest

from tests.sandbox.contract import in_official_document, validate_request, validate_response
from token_desk.api.client import ManagementApiClient
from token_desk.api.models import Permission

ALL_TOKEN_OPERATIONS = {
    "GetDatabaseTokens", "GetDatabaseToken", "CreateDatabaseToken", "UpdateDatabaseToken",
    "DeleteDatabaseToken", "GetClusterDatabases",
}


class ContractCheckingTransport(httpx.BaseTransport):
    def __init__(self) -> None:
        self._inner = httpx.HTTPTransport()
        self.operations: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content) if request.content else None
        self.operations.append(validate_request(request.method, request.url.path, dict(request.headers), body))
        assert in_official_document(request.method, request.url.path), "the client used the invented document"
        response = self._inner.handle_request(request)
        response.read()
        answer = json.loads(response.content) if response.content else None
        validate_response(request.method, request.url.path, response.status_code, answer)
        return response

    def close(self) -> None:
        self._inner.close()


@pytest.fixture
def checked(sandbox):
    transport = ContractCheckingTransport()
    http = httpx.Client(transport=transport)
    client = ManagementApiClient(sandbox.url, sandbox.account_id, sandbox.cluster_id,
                                 sandbox.management_token, http_client=http)
    yield client, transport
    client.close()
    http.close()


def test_every_token_operation_sends_only_documented_requests(checked):
    client, transport = checked
    later = datetime.now(timezone.utc) + timedelta(days=30)

    databases = client.list_databases()
    client.list_database_tokens()
    read = [Permission("read", databases[0].name)]
    token = client.create_database_token("contract check", read, expires_at=later).token
    client.create_database_token("no access")
    client.get_database_token(token.id)
    client.update_database_token(token.id, description="renamed")
    client.update_database_token(token.id, permissions=[Permission("write", "*")])
    client.update_database_token(token.id, description="both", permissions=[])
    client.revoke_database_token(token.id)

    assert set(transport.operations) == ALL_TOKEN_OPERATIONS


def test_a_request_with_an_undeclared_field_is_caught_by_the_check(sandbox):
    """The check itself has teeth: an extra body field is rejected."""
    path = f"/api/v0/accounts/{sandbox.account_id}/clusters/{sandbox.cluster_id}/managementTokens"
    headers = {"authorization": "Bearer x", "content-type": "application/json"}
    with pytest.raises(AssertionError, match="do not declare"):
        validate_request("POST", path, headers, {"description": "x", "scope": "all"})
    with pytest.raises(AssertionError, match="UUID"):
        validate_request("GET", path.replace(sandbox.account_id, "not-a-uuid"), headers, None)


def test_a_load_of_database_tokens_sends_the_documented_list_calls_once_each(checked):
    """The window's loader: the tokens and, at the same time, the cluster's databases (for the
    missing-database finding)."""
    from token_desk.api.models import TokenKind
    from token_desk.models.columns import columns_for
    from token_desk.ui.tokens.loader import fetch_rows

    client, transport = checked
    rows = fetch_rows(client, TokenKind.DATABASE, columns_for(TokenKind.DATABASE))
    assert sorted(transport.operations) == ["GetClusterDatabases", "GetDatabaseTokens"]
    assert rows.findings.databases and len(rows) > 0
