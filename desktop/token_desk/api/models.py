"""Typed, immutable views of what the Management API returns, and their parsers.

Parsers take decoded JSON (dicts) and raise `ModelError` naming the offending
field; the client turns that into an `InvalidResponseError`.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, Mapping

from token_desk.api.ids import is_uuid

# influxctl prints this zero time for tokens that never expire; the contract
# says clients must read it as "never".
NEVER_EXPIRES_SENTINEL = datetime(1970, 1, 1, tzinfo=timezone.utc)
EXPIRES_SOON_WINDOW = timedelta(days=7)

# RFC 3339 date-time: 0 to 9 fractional digits, Z or a numeric offset.
_RFC3339 = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.(\d{1,9}))?(?:[Zz]|[+-]\d{2}:\d{2})\Z"
)


class ModelError(ValueError):
    """A JSON value does not have the shape the contract promises."""

    def __init__(self, field_name: str, problem: str) -> None:
        super().__init__(f"field '{field_name}' {problem}")
        self.field_name = field_name


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


@dataclass(frozen=True, slots=True)
class Permission:
    action: str
    resource: str

    @property
    def label(self) -> str:
        return "all databases" if self.resource == "*" else self.resource


@dataclass(frozen=True, slots=True)
class Token:
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

    def status_at(self, now: datetime) -> TokenStatus:
        if self.revoked_at is not None:
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


@dataclass(frozen=True, slots=True)
class CreatedToken:
    """The create call's answer: the token, plus its secret string shown only once."""

    token: Token
    access_token: str = field(repr=False)


@dataclass(frozen=True, slots=True)
class Database:
    name: str
    max_tables: int
    max_columns_per_table: int
    retention_period_ns: int


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def parse_timestamp(value: Any, field_name: str) -> datetime:
    """Parse an RFC 3339 timestamp into an aware UTC datetime (nanoseconds truncated)."""
    if not isinstance(value, str):
        raise ModelError(field_name, f"must be an RFC 3339 timestamp string, got {_type_name(value)}")
    match = _RFC3339.match(value)
    if match is None:
        raise ModelError(field_name, f"is not an RFC 3339 timestamp: {value[:40]!r}")
    text = value
    fraction = match.group(1)
    if fraction is not None and len(fraction) > 6:
        # datetime holds microseconds; drop the extra digits rather than round into the next second.
        text = value.replace("." + fraction, "." + fraction[:6], 1)
    try:
        parsed = datetime.fromisoformat(text.upper().replace("Z", "+00:00"))
    except ValueError as err:
        raise ModelError(field_name, f"is not a valid date and time: {value[:40]!r}") from err
    return parsed.astimezone(timezone.utc)


def format_timestamp(moment: datetime) -> str:
    """RFC 3339 in UTC with a Z, the form the app sends and shows in tooltips."""
    text = moment.astimezone(timezone.utc).isoformat()
    return text.replace("+00:00", "Z")


def parse_management_token(obj: Any) -> Token:
    data = _require_object(obj, "management token")
    return Token(
        kind=TokenKind.MANAGEMENT,
        id=_require_uuid(data, "id"),
        description=_require_str(data, "description"),
        created_at=parse_timestamp(_require(data, "createdAt"), "createdAt"),
        prefix=_optional_str(data, "tokenPrefix"),
        created_by=_optional_str(data, "createdBy"),
        expires_at=_optional_expiry(data),
        revoked_at=_optional_timestamp(data, "revokedAt"),
        account_id=_optional_str(data, "accountId"),
    )


def parse_database_token(obj: Any) -> Token:
    data = _require_object(obj, "database token")
    return Token(
        kind=TokenKind.DATABASE,
        id=_require_uuid(data, "id"),
        description=_require_str(data, "description"),
        created_at=parse_timestamp(_require(data, "createdAt"), "createdAt"),
        expires_at=_optional_expiry(data),
        revoked_at=_optional_timestamp(data, "revokedAt"),
        permissions=_parse_permissions(_require(data, "permissions")),
        account_id=_optional_str(data, "accountId"),
        cluster_id=_optional_str(data, "clusterId"),
    )


def parse_created_token(obj: Any, kind: TokenKind) -> CreatedToken:
    data = _require_object(obj, "created token")
    token = parse_management_token(data) if kind is TokenKind.MANAGEMENT else parse_database_token(data)
    return CreatedToken(token=token, access_token=_require_str(data, "accessToken"))


def parse_database(obj: Any) -> Database:
    data = _require_object(obj, "database")
    return Database(
        name=_require_str(data, "name"),
        max_tables=_require_int(data, "maxTables"),
        max_columns_per_table=_require_int(data, "maxColumnsPerTable"),
        retention_period_ns=_require_int(data, "retentionPeriod"),
    )


def parse_list(obj: Any, parse_item, what: str) -> list:
    if not isinstance(obj, list):
        raise ModelError(what, f"must be a JSON array, got {_type_name(obj)}")
    return [parse_item(item) for item in obj]


def _parse_permissions(value: Any) -> tuple[Permission, ...]:
    if not isinstance(value, list):
        raise ModelError("permissions", f"must be an array, got {_type_name(value)}")
    permissions = []
    for index, item in enumerate(value):
        where = f"permissions[{index}]"
        entry = _require_object(item, where)
        action, resource = entry.get("action"), entry.get("resource")
        if not isinstance(action, str) or not isinstance(resource, str):
            raise ModelError(where, "must have string 'action' and 'resource'")
        permissions.append(Permission(action=action, resource=resource))
    return tuple(permissions)


def _optional_expiry(data: Mapping[str, Any]) -> datetime | None:
    expires_at = _optional_timestamp(data, "expiresAt")
    if expires_at is not None and expires_at == NEVER_EXPIRES_SENTINEL:
        return None
    return expires_at


def _optional_timestamp(data: Mapping[str, Any], name: str) -> datetime | None:
    value = data.get(name)
    return None if value is None else parse_timestamp(value, name)


def _require_object(obj: Any, what: str) -> Mapping[str, Any]:
    if not isinstance(obj, dict):
        raise ModelError(what, f"must be a JSON object, got {_type_name(obj)}")
    return obj


def _require(data: Mapping[str, Any], name: str) -> Any:
    if name not in data or data[name] is None:
        raise ModelError(name, "is missing")
    return data[name]


def _require_str(data: Mapping[str, Any], name: str) -> str:
    value = _require(data, name)
    if not isinstance(value, str):
        raise ModelError(name, f"must be a string, got {_type_name(value)}")
    return value


def _require_int(data: Mapping[str, Any], name: str) -> int:
    value = _require(data, name)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ModelError(name, f"must be an integer, got {_type_name(value)}")
    return value


def _require_uuid(data: Mapping[str, Any], name: str) -> str:
    value = _require_str(data, name)
    if not is_uuid(value):
        raise ModelError(name, f"must be a UUID, got {value[:40]!r}")
    return value


def _optional_str(data: Mapping[str, Any], name: str) -> str | None:
    value = data.get(name)
    if value is not None and not isinstance(value, str):
        raise ModelError(name, f"must be a string, got {_type_name(value)}")
    return value


def _type_name(value: Any) -> str:
    return "null" if value is None else type(value).__name__
