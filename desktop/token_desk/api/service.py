"""The token service seam: the one object the UI calls for everything about tokens.

`TokenService` is the contract (the method names the REST client already had). Two
implementations: `RestWithInfluxctlService` sends database tokens and databases over REST
and management tokens through influxctl (the public Management API has no management-token
endpoints), and `InfluxctlService` does everything through influxctl, for a connection that
uses an influxctl sign-in and stores no secret. No Qt here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol, runtime_checkable

from token_desk.api.clusters import Cluster
from token_desk.api.errors import ApiError
from token_desk.api.models import CreatedToken, Database, Permission, Token, TokenKind


@runtime_checkable
class TokenService(Protocol):
    """What the window, its dialogs and its helpers may ask of a connection."""

    def list_tokens(self, kind: TokenKind) -> list[Token]: ...
    def get_token(self, kind: TokenKind, token_id: str) -> Token: ...
    def revoke_token(self, kind: TokenKind, token_id: str) -> None: ...
    def is_signed_in_with(self, token: Token) -> bool: ...
    def create_management_token(self, description: str, expires_at: datetime | None = None) -> CreatedToken: ...
    def create_database_token(self, description: str, permissions: Sequence[Permission] = (),
                              expires_at: datetime | None = None) -> CreatedToken: ...
    def update_database_token(self, token_id: str, *, description: str | None = None,
                              permissions: Sequence[Permission] | None = None) -> Token: ...
    def list_databases(self) -> list[Database]: ...
    def close(self) -> None: ...


class MultiClusterService(TokenService, Protocol):
    """A TokenService that also knows its account's clusters and can act on any of them."""

    def list_clusters(self) -> list[Cluster]: ...
    def for_cluster(self, cluster_id: str) -> TokenService: ...


class ManagementTokenSource(Protocol):
    """Where management tokens come from: the influxctl bridge (or a stand-in saying why there is none)."""

    def list_management_tokens(self) -> list[Token]: ...
    def get_management_token(self, token_id: str) -> Token: ...
    def revoke_management_token(self, token_id: str) -> None: ...
    def create_management_token(self, description: str, expires_at: datetime | None = None) -> CreatedToken: ...
    def is_signed_in_with(self, token: Token) -> bool: ...
    def close(self) -> None: ...


class DatabaseTokenSource(Protocol):
    """Where database tokens and databases come from: the REST client, or influxctl."""

    def list_tokens(self, kind: TokenKind) -> list[Token]: ...
    def get_token(self, kind: TokenKind, token_id: str) -> Token: ...
    def revoke_token(self, kind: TokenKind, token_id: str) -> None: ...
    def create_database_token(self, description: str, permissions: Sequence[Permission] = (),
                              expires_at: datetime | None = None) -> CreatedToken: ...
    def update_database_token(self, token_id: str, *, description: str | None = None,
                              permissions: Sequence[Permission] | None = None) -> Token: ...
    def list_databases(self) -> list[Database]: ...
    def close(self) -> None: ...


class _SplitService:
    """Management tokens from one source, database tokens and databases from another."""

    def __init__(self, management: ManagementTokenSource, databases: DatabaseTokenSource, *,
                 borrowed: bool = False) -> None:
        self.management = management
        self.databases = databases
        self._borrowed = borrowed  # a for_cluster() view: the service it came from owns and closes the sources

    def list_clusters(self) -> list[Cluster]:
        """Every cluster of the account, through influxctl (the REST API has no cluster list)."""
        list_clusters = getattr(self.management, "list_clusters", None)
        if list_clusters is None:
            raise ApiError("This connection has no influxctl to list the account's clusters.")
        return list_clusters()

    def list_tokens(self, kind: TokenKind) -> list[Token]:
        if kind is TokenKind.MANAGEMENT:
            return self.management.list_management_tokens()
        return self.databases.list_tokens(kind)

    def get_token(self, kind: TokenKind, token_id: str) -> Token:
        if kind is TokenKind.MANAGEMENT:
            return self.management.get_management_token(token_id)
        return self.databases.get_token(kind, token_id)

    def revoke_token(self, kind: TokenKind, token_id: str) -> None:
        if kind is TokenKind.MANAGEMENT:
            self.management.revoke_management_token(token_id)
        else:
            self.databases.revoke_token(kind, token_id)

    def is_signed_in_with(self, token: Token) -> bool:
        return token.kind is TokenKind.MANAGEMENT and self.management.is_signed_in_with(token)

    def create_management_token(self, description: str, expires_at: datetime | None = None) -> CreatedToken:
        return self.management.create_management_token(description, expires_at)

    def create_database_token(self, description: str, permissions: Sequence[Permission] = (),
                              expires_at: datetime | None = None) -> CreatedToken:
        return self.databases.create_database_token(description, permissions, expires_at)

    def update_database_token(self, token_id: str, *, description: str | None = None,
                              permissions: Sequence[Permission] | None = None) -> Token:
        return self.databases.update_database_token(token_id, description=description, permissions=permissions)

    def list_databases(self) -> list[Database]:
        return self.databases.list_databases()

    def use_influxctl(self, program) -> None:
        """Run another influxctl program from the next call on (the person chose one)."""
        for source in (self.management, self.databases):
            if hasattr(source, "program"):
                source.program = program

    def __repr__(self) -> str:
        return f"{type(self).__name__}(management={self.management!r}, databases={self.databases!r})"

    def close(self) -> None:
        if self._borrowed:
            return
        try:
            self.management.close()
        finally:
            if self.databases is not self.management:
                self.databases.close()


class RestWithInfluxctlService(_SplitService):
    """Way a: database tokens and databases over REST, management tokens through influxctl, both
    authenticated with the management token Token Desk keeps (only the REST client and the bridge hold it)."""

    def __init__(self, rest, management: ManagementTokenSource, *, borrowed: bool = False) -> None:
        super().__init__(management, rest, borrowed=borrowed)

    def for_cluster(self, cluster_id: str) -> RestWithInfluxctlService:
        """The same connection acting on another cluster of its account: REST paths with that cluster's ID
        (management tokens belong to the account and stay as they are)."""
        if cluster_id == self.cluster_id:
            return self
        return RestWithInfluxctlService(self.rest.for_cluster(cluster_id), self.management, borrowed=True)

    @property
    def rest(self):
        return self.databases

    @property
    def base_url(self) -> str:
        return self.databases.base_url

    @property
    def account_id(self) -> str:
        return self.databases.account_id

    @property
    def cluster_id(self) -> str:
        return self.databases.cluster_id

    @property
    def allows_plain_http(self) -> bool:
        return self.databases.allows_plain_http


class InfluxctlService(_SplitService):
    """Way b: everything through influxctl and its own sign-in; Token Desk holds no secret."""

    def __init__(self, bridge, *, borrowed: bool = False) -> None:
        super().__init__(bridge, bridge, borrowed=borrowed)

    @property
    def cluster_id(self) -> str | None:
        """The cluster `--cluster` points at; None: the one influxctl's profile names."""
        return self.bridge.cluster_id

    def for_cluster(self, cluster_id: str) -> InfluxctlService:
        """The same sign-in acting on another cluster of the account: influxctl's global `--cluster ID`."""
        if cluster_id == self.cluster_id:
            return self
        return InfluxctlService(self.bridge.for_cluster(cluster_id), borrowed=True)

    @property
    def bridge(self):
        return self.management
