"""What the API document leaves open, read as leniently as is safe: a permission without its `action` or
`resource` (neither is required) and a zero `revokedAt` or `expiresAt` (Go's zero time, the Unix epoch).

A whole token list used to be refused for one such permission, so a person saw none of their tokens. Now
every token is listed, the permission is incomplete (shown as such, never as more access than it names,
never sent back), and a zero revocation time reads "not revoked", as influxctl's zero revoked_at does.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from api_helpers import ACCOUNT_ID, CLUSTER_ID, SECRET, database_token_json, management_token_json

from token_desk.api import reference
from token_desk.api.client import ManagementApiClient
from token_desk.api.decoding import decode_tokens
from token_desk.api.influxctl.commands import database_flags
from token_desk.api.influxctl.output import parse_database_token_list, parse_management_list
from token_desk.api.models import Permission, TokenKind, TokenStatus

GRANTED = {"action": "read", "resource": "telemetry"}
INCOMPLETE = [({"action": "write"}, Permission("write", None)),
              ({"resource": "telemetry"}, Permission(None, "telemetry")),
              ({}, Permission(None, None)),
              ({"action": None, "resource": "*"}, Permission(None, "*")),
              ({"action": "read", "resource": None, "id": "x"}, Permission("read", None))]
ZERO_TIMES = ["0001-01-01T00:00:00Z", "0001-01-01T00:00:00.000Z", "0001-01-01T00:00:00+00:00",
              "1970-01-01T00:00:00Z", "1970-01-01T00:00:00.000000000Z"]
REVOKED_AT = "2024-05-01T10:00:00Z"


def token_id(number: int) -> str:
    return f"{number:08d}-5555-4555-8555-555555555555"


def both_readings(kind: TokenKind, items: list[dict]) -> list:
    """The list as the fast path and the reference parsers read it (they must agree)."""
    fast = decode_tokens(kind, json.dumps(items).encode())
    slow = reference.parse_list(items, reference.TOKEN_PARSERS[kind], "tokens")
    assert fast == slow
    return fast


@pytest.mark.parametrize(("entry", "permission"), INCOMPLETE)
def test_a_permission_missing_a_member_keeps_every_token_listed_and_is_incomplete(entry, permission):
    items = [database_token_json(id=token_id(1)), database_token_json(id=token_id(2), permissions=[GRANTED, entry]),
             database_token_json(id=token_id(3))]
    tokens = both_readings(TokenKind.DATABASE, items)
    assert [token.id for token in tokens] == [token_id(1), token_id(2), token_id(3)]
    assert tokens[1].permissions == (Permission("read", "telemetry"), permission)
    assert not tokens[1].permissions[1].is_complete and tokens[1].permissions[0].is_complete


@pytest.mark.parametrize("entry", [{"action": 7, "resource": "x"}, {"action": "read", "resource": ["x"]}, "read", None])
def test_a_permission_of_the_wrong_shape_is_still_refused_naming_it(entry):
    with pytest.raises(reference.ModelError) as caught:
        decode_tokens(TokenKind.DATABASE, json.dumps([database_token_json(permissions=[GRANTED, entry])]).encode())
    assert caught.value.field_name == "permissions[1]"


@pytest.mark.parametrize("zero", ZERO_TIMES)
@pytest.mark.parametrize(("kind", "make"), [(TokenKind.DATABASE, database_token_json),
                                            (TokenKind.MANAGEMENT, management_token_json)])
@pytest.mark.parametrize(("member", "attribute"), [("revokedAt", "revoked_at"), ("expiresAt", "expires_at")])
def test_a_zero_time_means_not_revoked_and_never_expires(kind, make, zero, member, attribute):
    (token,) = both_readings(kind, [make(**{member: zero})])
    assert getattr(token, attribute) is None and token.status is TokenStatus.ACTIVE


def test_a_real_revocation_time_still_revokes():
    (token,) = both_readings(TokenKind.DATABASE, [database_token_json(revokedAt=REVOKED_AT)])
    assert token.status is TokenStatus.REVOKED and token.revoked_at.year == 2024


GO_ZERO_SECONDS = -62135596800  # 0001-01-01T00:00:00Z as protobuf seconds


@pytest.mark.parametrize("zero", [{}, {"seconds": 0}, {"seconds": GO_ZERO_SECONDS}, "0001-01-01T00:00:00Z",
                                  "1970-01-01T00:00:00Z"])
def test_influxctl_reads_the_same_zero_revocation_times_as_not_revoked(zero):
    listed = json.dumps([{"id": token_id(1), "revoked_at": zero, "permissions": [{"action": "read"}]}])
    (token,) = parse_database_token_list(listed)
    assert token.revoked_at is None and not token.is_revoked
    assert token.permissions == (Permission("read", None),)  # listed, incomplete, as over REST
    (management,) = parse_management_list(json.dumps([{"id": token_id(2), "revoked_at": zero}]))
    assert management.revoked_at is None


@pytest.mark.parametrize("zero", [{}, {"seconds": 0}, {"seconds": GO_ZERO_SECONDS}, "0001-01-01T00:00:00Z",
                                  "1970-01-01T00:00:00Z"])
def test_influxctl_reads_the_same_zero_expiry_times_as_never(zero):
    (token,) = parse_database_token_list(json.dumps([{"id": token_id(1), "expires_at": zero}]))
    (management,) = parse_management_list(json.dumps([{"id": token_id(2), "expires_at": zero}]))
    assert token.expires_at is None and management.expires_at is None
    assert token.status is TokenStatus.ACTIVE and management.status is TokenStatus.ACTIVE


@pytest.mark.parametrize(("entry", "permission"), INCOMPLETE)
def test_influxctl_is_never_asked_to_grant_an_incomplete_permission(entry, permission):
    with pytest.raises(ValueError):
        database_flags([Permission("read", "telemetry"), permission])


class _StubApi(BaseHTTPRequestHandler):
    """A Management API answering every GET with the server's list, and recording every change asked."""

    listing: bytes = b"[]"
    changes: list[tuple[str, str]] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self._answer(200, self.listing)

    def do_PATCH(self) -> None:  # noqa: N802
        self.changes.append(("PATCH", self.path))
        self._answer(500, b'{"code": 500, "message": "not expected"}')

    def _answer(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def stub_server() -> Iterator[type[_StubApi]]:
    handler = type("Handler", (_StubApi,), {"changes": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    handler.url = f"http://127.0.0.1:{server.server_address[1]}/api/v0"
    try:
        yield handler
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_over_real_http_every_token_is_listed_with_its_incomplete_permission_and_zero_revocation(stub_server):
    stub_server.listing = json.dumps([
        database_token_json(id=token_id(1), permissions=[{"action": "write"}], revokedAt="0001-01-01T00:00:00Z"),
        database_token_json(id=token_id(2), revokedAt=REVOKED_AT),
        database_token_json(id=token_id(3), permissions=[{"resource": "*"}, GRANTED]),
    ]).encode()
    with ManagementApiClient(stub_server.url, ACCOUNT_ID, CLUSTER_ID, SECRET, sleep=lambda _s: None) as client:
        tokens = client.list_database_tokens()
        assert [(token.id, token.status) for token in tokens] == [
            (token_id(1), TokenStatus.ACTIVE), (token_id(2), TokenStatus.REVOKED), (token_id(3), TokenStatus.ACTIVE)]
        assert tokens[0].permissions == (Permission("write", None),)
        assert tokens[2].permissions == (Permission(None, "*"), Permission("read", "telemetry"))
        with pytest.raises(ValueError):  # sent back as it was listed, it would name no database
            client.update_database_token(token_id(3), permissions=tokens[2].permissions)
    assert stub_server.changes == []  # nothing was sent
