"""Typed, immutable views of what the Management API returns.

msgspec Structs: decoding.py builds them straight from response bytes, and reference.py
from decoded JSON. Frozen (hashable, safe to share between threads) and untracked by the
cyclic garbage collector (gc=False): they hold only strings, datetimes, enums and tuples of
other such Structs, so they can never be part of a reference cycle, and 100,000 of them
add nothing to each collection's walk.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from typing import Any

import msgspec

from token_desk.api.clusters import Cluster
from token_desk.api.errors import ModelError
from token_desk.api.timestamps import format_timestamp, parse_timestamp

# influxctl prints this zero time for tokens that never expire; the contract
# says clients must read it as "never".
NEVER_EXPIRES_SENTINEL = datetime(1970, 1, 1, tzinfo=timezone.utc)
# Go's zero time.Time: what a Go server's JSON holds for a time never set ("0001-01-01T00:00:00Z").
GO_ZERO_TIME = datetime(1, 1, 1, tzinfo=timezone.utc)
# Both mean "never set" for an expiry or a revocation (the API document makes expiresAt and revokedAt
# optional, revokedAt "if applicable"): the Unix epoch (an unset protobuf time, as influxctl prints it) and
# Go's zero time. No token expired or was revoked at either moment, and reading one as such a time would
# show a working token as expired or revoked and hide it among the inactive ones (see given_time).
EXPIRES_SOON_WINDOW = timedelta(days=7)

__all__ = [
    "NEVER_EXPIRES_SENTINEL", "GO_ZERO_TIME", "EXPIRES_SOON_WINDOW", "given_time", "require_complete", "ModelError", "TokenKind",
    "TokenStatus", "Permission",
    "Token", "CreatedToken", "Database", "utc_now", "parse_timestamp", "format_timestamp",
]


class TokenKind(enum.Enum):
    MANAGEMENT = "management"
    DATABASE = "database"

    @property
    def label(self) -> str:
        return "Management Token" if self is TokenKind.MANAGEMENT else "Database Token"


class TokenStatus(enum.Enum):
    """Ordered from most to least usable, which is also the natural sort order."""

    ACTIVE = 0
    EXPIRED = 1
    REVOKED = 2

    @property
    def label(self) -> str:
        return self.name.capitalize()


class Permission(msgspec.Struct, frozen=True, gc=False):
    """One action on one database ("*": all of them); decoded straight from a JSON entry.

    The API document requires neither member: one the server left out (or sent as null) is None, and the
    permission is incomplete. What it allows is unknown, so it is never read as "*" or as read or write
    (models/display.py words it), and never sent back (the client refuses to)."""

    action: str | None = None
    resource: str | None = None

    @property
    def is_complete(self) -> bool:
        return self.action is not None and self.resource is not None


def require_complete(permissions: Sequence[Permission]) -> None:
    """ValueError unless every permission names its action and its database: one the server listed without
    either must never go back to it (over REST or through influxctl) as if it named one."""
    if not all(permission.is_complete for permission in permissions):
        raise ValueError("A permission without its action or its database cannot be sent; choose both.")


class Token(msgspec.Struct, frozen=True, gc=False):
    """A management or database token's metadata (never its secret string)."""

    kind: TokenKind
    id: str
    description: str
    created_at: datetime
    prefix: str | None = None
    created_by: str | None = None
    expires_at: datetime | None = None
    revoked_at: datetime | None = None
    permissions: tuple[Permission, ...] = ()
    account_id: str | None = None
    cluster_id: str | None = None
    # Revoked, but the source did not say when: influxctl's documented `token list` items carry
    # no timestamps, so a revoke is seen only as absence from the list without --include-revoked.
    revoked_time_unknown: bool = False
    # The cluster Token Desk listed this database token from (set by the multi-cluster loader): every
    # action on the token goes there. None: the connection's own cluster.
    cluster: Cluster | None = None

    def replace(self, **changes: Any) -> Token:
        """A copy with some fields changed, like dataclasses.replace()."""
        return msgspec.structs.replace(self, **changes)

    @property
    def cluster_name(self) -> str | None:
        """The name of the cluster it was listed from (the search box matches it)."""
        return self.cluster.name if self.cluster is not None else None

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None or self.revoked_time_unknown

    def status_at(self, now: datetime) -> TokenStatus:
        if self.revoked_at is not None or self.revoked_time_unknown:
            return TokenStatus.REVOKED
        if self.expires_at is not None and self.expires_at <= now:
            return TokenStatus.EXPIRED
        return TokenStatus.ACTIVE

    @property
    def status(self) -> TokenStatus:
        return self.status_at(utc_now())

    @property
    def is_active(self) -> bool:
        return self.status is TokenStatus.ACTIVE

    def expires_soon_at(self, now: datetime, window: timedelta = EXPIRES_SOON_WINDOW) -> bool:
        """Active and expiring within `window` of `now`."""
        return (
            self.status_at(now) is TokenStatus.ACTIVE
            and self.expires_at is not None
            and self.expires_at - now <= window
        )


class CreatedToken(msgspec.Struct, frozen=True, gc=False):
    """The create call's answer: the token, plus its secret string shown only once."""

    token: Token
    access_token: str

    def __repr__(self) -> str:  # the secret stays out of logs and tracebacks
        return f"CreatedToken(token={self.token!r}, access_token=<hidden>)"


class Database(msgspec.Struct, frozen=True, gc=False):
    name: str
    max_tables: int
    max_columns_per_table: int
    retention_period_ns: int


def given_time(when: datetime | None) -> datetime | None:
    """A token's expiry or revocation time, or None when it has none: no time, the Unix epoch or Go's zero time.
    The one rule for the REST answers (reference.py; decoding.py inlines the same test) and influxctl's output.
    Compared, not looked up in a set: hashing a time with a time zone costs as much as 16 comparisons (80 ms
    at 100,000 tokens)."""
    return None if when is None or when == NEVER_EXPIRES_SENTINEL or when == GO_ZERO_TIME else when


def utc_now() -> datetime:
    return datetime.now(timezone.utc)
