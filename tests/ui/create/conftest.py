"""Create/edit/rotate fixtures: a scriptable token service, and dialogs opened the way a user sees them."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import pytest

from token_desk.api.models import CreatedToken, Database, Permission, Token, TokenKind

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)
DEMO_SECRET = "apiv1_" + "d3m0" * 16


class FakeService:
    """The TokenService names, in memory; `fail_with` makes the next calls of a method raise, in order."""

    def __init__(self, databases=("telemetry", "metrics", "logs")) -> None:
        self.databases = [Database(name, 500, 200, 0) for name in databases]
        self.tokens: list[Token] = []
        self.calls: list[tuple] = []
        self.fail_with: dict[str, list[BaseException]] = {}
        self.secret = DEMO_SECRET

    def _maybe_fail(self, name: str) -> None:
        queue = self.fail_with.get(name)
        if queue:
            raise queue.pop(0)

    def list_tokens(self, kind: TokenKind) -> list[Token]:
        self.calls.append(("list_tokens", kind))
        self._maybe_fail("list_tokens")
        return [token for token in self.tokens if token.kind is kind]

    def list_databases(self) -> list[Database]:
        self.calls.append(("list_databases",))
        self._maybe_fail("list_databases")
        return list(self.databases)

    def _new(self, kind: TokenKind, description: str, permissions=(), expires_at=None) -> CreatedToken:
        token = Token(kind, str(uuid.uuid4()), description, datetime.now(timezone.utc), expires_at=expires_at,
                      permissions=tuple(permissions))
        self.tokens.append(token)
        return CreatedToken(token, self.secret)

    def create_management_token(self, description, expires_at=None) -> CreatedToken:
        self.calls.append(("create_management_token", description, expires_at))
        created = self._new(TokenKind.MANAGEMENT, description, (), expires_at)
        self._maybe_fail("create")  # after the server made it: an answer lost on the way back
        return created

    def create_database_token(self, description, permissions=(), expires_at=None) -> CreatedToken:
        self.calls.append(("create_database_token", description, tuple(permissions), expires_at))
        self._maybe_fail("create_before")
        created = self._new(TokenKind.DATABASE, description, permissions, expires_at)
        self._maybe_fail("create")
        return created

    def update_database_token(self, token_id, *, description=None, permissions=None) -> Token:
        self.calls.append(("update_database_token", token_id, description, permissions))
        self._maybe_fail("update")
        index = next(i for i, token in enumerate(self.tokens) if token.id == token_id)
        token = self.tokens[index]
        if description is not None:
            token = token.replace(description=description)
        if permissions is not None:
            token = token.replace(permissions=tuple(permissions))
        self.tokens[index] = token
        return token

    def creates(self) -> list[tuple]:
        return [call for call in self.calls if call[0].startswith("create")]


def database_token(description="grafana", permissions=(Permission("read", "telemetry"),), **changes) -> Token:
    return Token(TokenKind.DATABASE, str(uuid.uuid4()), description, NOW - timedelta(days=30),
                 permissions=tuple(permissions), **changes)


@pytest.fixture
def service() -> FakeService:
    return FakeService()
