"""The token service seam: both implementations route each call to the right source."""

from __future__ import annotations

from datetime import datetime, timezone

from token_desk.api.client import ManagementApiClient
from token_desk.api.models import CreatedToken, Database, Permission, Token, TokenKind
from token_desk.api.service import InfluxctlService, RestWithInfluxctlService, TokenService

ACCOUNT = "11111111-1111-4111-8111-111111111111"
CREATED = datetime(2024, 3, 12, tzinfo=timezone.utc)


def token(kind: TokenKind, token_id: str, prefix: str | None = None) -> Token:
    return Token(kind=kind, id=token_id, description=f"{kind.value} {token_id}", created_at=CREATED, prefix=prefix)


class FakeManagement:
    """Records the calls a management-token source receives."""

    def __init__(self) -> None:
        self.calls: list[tuple] = []
        self.closed = 0

    def list_management_tokens(self):
        self.calls.append(("list",))
        return [token(TokenKind.MANAGEMENT, "m1", "M.V1.abc")]

    def get_management_token(self, token_id):
        self.calls.append(("get", token_id))
        return token(TokenKind.MANAGEMENT, token_id)

    def revoke_management_token(self, token_id):
        self.calls.append(("revoke", token_id))

    def create_management_token(self, description, expires_at=None):
        self.calls.append(("create", description, expires_at))
        return CreatedToken(token=token(TokenKind.MANAGEMENT, "new"), access_token="M.V1.secret")

    def is_signed_in_with(self, candidate):
        return candidate.prefix == "M.V1.abc"

    def close(self):
        self.closed += 1


class FakeDatabases:
    def __init__(self) -> None:
        self.calls: list[tuple] = []
        self.closed = 0

    def list_tokens(self, kind):
        self.calls.append(("list", kind))
        return [token(kind, "d1")]

    def get_token(self, kind, token_id):
        self.calls.append(("get", kind, token_id))
        return token(kind, token_id)

    def revoke_token(self, kind, token_id):
        self.calls.append(("revoke", kind, token_id))

    def create_database_token(self, description, permissions=(), expires_at=None):
        self.calls.append(("create", description, tuple(permissions)))
        return CreatedToken(token=token(TokenKind.DATABASE, "new"), access_token="apiv1_secret")

    def update_database_token(self, token_id, *, description=None, permissions=None):
        self.calls.append(("update", token_id, description, permissions))
        return token(TokenKind.DATABASE, token_id)

    def list_databases(self):
        self.calls.append(("databases",))
        return [Database(name="db", max_tables=1, max_columns_per_table=2, retention_period_ns=0)]

    def close(self):
        self.closed += 1


class FakeBridge(FakeManagement, FakeDatabases):
    def __init__(self) -> None:
        FakeManagement.__init__(self)


def test_both_implementations_are_token_services_and_the_rest_client_alone_is_not():
    client = ManagementApiClient("http://127.0.0.1:9", ACCOUNT, ACCOUNT, "token")
    try:
        for service in (RestWithInfluxctlService(FakeDatabases(), FakeManagement()), InfluxctlService(FakeBridge())):
            assert isinstance(service, TokenService)
        assert not isinstance(client, TokenService)  # no management tokens over REST
    finally:
        client.close()


def test_composite_sends_management_tokens_to_influxctl_and_the_rest_over_rest():
    management, rest = FakeManagement(), FakeDatabases()
    service = RestWithInfluxctlService(rest, management)
    assert [t.id for t in service.list_tokens(TokenKind.MANAGEMENT)] == ["m1"]
    assert [t.id for t in service.list_tokens(TokenKind.DATABASE)] == ["d1"]
    service.revoke_token(TokenKind.MANAGEMENT, "m1")
    service.revoke_token(TokenKind.DATABASE, "d1")
    service.get_token(TokenKind.MANAGEMENT, "m2")
    service.create_management_token("ops")
    service.create_database_token("writer", [Permission("write", "db")])
    service.update_database_token("d1", description="renamed")
    service.list_databases()
    assert management.calls == [("list",), ("revoke", "m1"), ("get", "m2"), ("create", "ops", None)]
    assert [call[0] for call in rest.calls] == ["list", "revoke", "create", "update", "databases"]


def test_composite_knows_the_token_it_signs_in_with_only_among_management_tokens():
    service = RestWithInfluxctlService(FakeDatabases(), FakeManagement())
    assert service.is_signed_in_with(token(TokenKind.MANAGEMENT, "m1", "M.V1.abc"))
    assert not service.is_signed_in_with(token(TokenKind.DATABASE, "d1", "M.V1.abc"))


def test_closing_a_service_closes_each_source_once():
    management, rest, bridge = FakeManagement(), FakeDatabases(), FakeBridge()
    RestWithInfluxctlService(rest, management).close()
    InfluxctlService(bridge).close()
    assert (management.closed, rest.closed, bridge.closed) == (1, 1, 1)
