"""Typed, immutable views of what the Management API returns, and their parsers.

Parsers take decoded JSON (dicts) and raise `ModelError` naming the offending
field; the client turns that into an `InvalidResponseError`.
"""

from __future__ import annotations

import enum
import functools
import re
import sys
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, Mapping, NamedTuple

from token_desk.api.ids import is_uuid, uuid_match as _uuid_match

# influxctl prints this zero time for tokens that never expire; the contract
# says clients must read it as "never".
NEVER_EXPIRES_SENTINEL = datetime(1970, 1, 1, tzinfo=timezone.utc)
EXPIRES_SOON_WINDOW = timedelta(days=7)

# RFC 3339 date-time: 0 to 9 fractional digits, Z or a numeric offset.
_RFC3339 = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{1,9})?(?:[Zz]|[+-][0-9]{2}:[0-9]{2})\Z"
)
_rfc3339_match = _RFC3339.match
_fromisoformat = datetime.fromisoformat
_intern = sys.intern
_UTC = timezone.utc


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


class Permission(NamedTuple):
    """One action on one database ("*": all of them). A NamedTuple, like Token, so that
    tokens' permission tuples hash in C: the Databases column groups tokens by them."""

    action: str
    resource: str


class Token(NamedTuple):
    """A management or database token's metadata (never its secret string).

    A NamedTuple rather than a frozen dataclass: lists hold 100,000 of them, and a tuple is
    built in C (0.25 us, against 1.5 us for the dataclass even with its guard bypassed).
    """

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

    def replace(self, **changes: Any) -> Token:
        """A copy with some fields changed, like dataclasses.replace()."""
        return self._replace(**changes)

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
    """Parse an RFC 3339 timestamp into an aware UTC datetime (digits past microseconds dropped)."""
    parsed = _usual_timestamp(value)
    return parsed if parsed is not None else _parse_timestamp_strictly(value, field_name)


def _usual_timestamp(value: Any) -> datetime | None:
    """The usual forms ("...Z", "...+00:00") in UTC, or None for anything else, which the
    strict parser then accepts or names. Runs 200,000 times a list, so it is all inline:
    fromisoformat (3.11+) checks every range and truncates 7-9 fractional digits; the
    separators' positions and the lengths pin the RFC 3339 layout, which fromisoformat alone
    does not (it also takes week dates, "HHMMSS" times and offsets with seconds)."""
    try:
        parsed = _fromisoformat(value)
    except (TypeError, ValueError):
        return None
    # value[4:19:3] is the separators at 4, 7, 10, 13 and 16 in one slice: "YYYY-MM-DDTHH:MM:SS".
    if value[4:19:3] != "--T::":
        return None
    length = len(value)
    if value[-1] == "Z":  # "...SSZ", or 1 to 9 fractional digits before the Z
        return parsed if length == 20 or (22 <= length <= 30 and value[19] == ".") else None
    # "...SS+HH:MM", or 1 to 9 fractional digits before the offset
    if (length == 25 or (27 <= length <= 35 and value[19] == ".")) and value[-6] in "+-" and value[-3] == ":":
        return parsed if parsed.tzinfo is _UTC else parsed.astimezone(_UTC)
    return None


def _parse_timestamp_strictly(value: Any, field_name: str) -> datetime:
    """The reference reading of RFC 3339 (the strict token parsers use it, so the tests can
    hold the fast paths to it): the grammar as a regular expression, then fromisoformat."""
    if type(value) is not str or _rfc3339_match(value) is None:
        raise _timestamp_error(value, field_name)
    try:
        parsed = _fromisoformat(value[:-1] + "Z" if value[-1] == "z" else value)
    except ValueError as err:
        raise ModelError(field_name, f"is not a valid date and time: {value[:40]!r}") from err
    return parsed.astimezone(timezone.utc)


def format_timestamp(moment: datetime) -> str:
    """RFC 3339 in UTC with a Z, the form the app sends and shows in tooltips."""
    text = moment.astimezone(timezone.utc).isoformat()
    return text.replace("+00:00", "Z")


# Parsers run once per row of lists that can hold 100,000 tokens. Each first tries a fast
# path that checks the usual shape inline (no helper calls but the timestamps') and only on
# anything unusual falls back to the field-by-field checks, which name the offending field.
# The fast paths return their argument unchanged when they decline, which lets them serve
# directly as json.loads() object hooks (see token_object_hook).
_OPTIONAL_STRING = frozenset({str, type(None)})
_NO_PERMISSIONS: tuple[Permission, ...] = ()
_MANAGEMENT, _DATABASE = TokenKind.MANAGEMENT, TokenKind.DATABASE
# Token(...) runs the Python __new__ that NamedTuple generates; tuple.__new__(Token, fields)
# builds the same Token in C, a third of the time.
_new_token = tuple.__new__


def _usual_times(get) -> tuple[datetime, datetime | None, datetime | None] | None:
    """createdAt, expiresAt (the zero time read as never) and revokedAt of a token object
    whose dict.get is `get`, or None if any of them is unusual."""
    created_at, expires_at, revoked_at = get("createdAt"), get("expiresAt"), get("revokedAt")
    if (created_at := _usual_timestamp(created_at)) is None:
        return None
    if expires_at is not None:
        if (expires_at := _usual_timestamp(expires_at)) is None:
            return None
        if expires_at == NEVER_EXPIRES_SENTINEL:
            expires_at = None
    if revoked_at is not None and (revoked_at := _usual_timestamp(revoked_at)) is None:
        return None
    return created_at, expires_at, revoked_at


def parse_management_token(obj: Any) -> Token:
    token = _usual_management_token(obj)
    return token if type(token) is Token else _parse_management_token_strictly(obj)


def _usual_management_token(obj: Any) -> Any:
    """The Token of a management token object of the usual shape, else `obj` itself."""
    if type(obj) is not dict:
        return obj
    get = obj.get
    token_id, description = get("id"), get("description")
    prefix, created_by, account_id = get("tokenPrefix"), get("createdBy"), get("accountId")
    if not (type(token_id) is str and _uuid_match(token_id) and type(description) is str
            and type(prefix) in _OPTIONAL_STRING and type(created_by) in _OPTIONAL_STRING
            and type(account_id) in _OPTIONAL_STRING):
        return obj
    times = _usual_times(get)
    if times is None:
        return obj
    created_at, expires_at, revoked_at = times
    return _new_token(Token, (
        _MANAGEMENT, token_id, description, created_at, prefix, created_by and _intern(created_by),
        expires_at, revoked_at, _NO_PERMISSIONS, account_id and _intern(account_id), None,
    ))


def _parse_management_token_strictly(obj: Any) -> Token:
    get = _require_object(obj, "management token").get
    return Token(
        TokenKind.MANAGEMENT,
        _uuid(get("id"), "id"),
        _string(get("description"), "description"),
        _parse_timestamp_strictly(get("createdAt"), "createdAt"),
        _optional_string(get("tokenPrefix"), "tokenPrefix"),
        _repeated_string(get("createdBy"), "createdBy"),
        _expiry(get("expiresAt")),
        _optional_timestamp(get("revokedAt"), "revokedAt"),
        (),
        _repeated_string(get("accountId"), "accountId"),
        None,
    )


def parse_database_token(obj: Any) -> Token:
    token = _usual_database_token(obj)
    return token if type(token) is Token else _parse_database_token_strictly(obj)


def _usual_database_token(obj: Any) -> Any:
    """The Token of a database token object of the usual shape, else `obj` itself (also
    for its permission entries, which a json.loads() object hook sees first)."""
    if type(obj) is not dict:
        return obj
    get = obj.get
    token_id = get("id")
    if type(token_id) is not str:  # every permission entry, as cheaply as possible
        return obj
    description, permissions = get("description"), get("permissions")
    account_id, cluster_id = get("accountId"), get("clusterId")
    if not (_uuid_match(token_id) and type(description) is str and type(permissions) is list
            and type(account_id) in _OPTIONAL_STRING and type(cluster_id) in _OPTIONAL_STRING):
        return obj
    times = _usual_times(get)
    if times is None:
        return obj
    created_at, expires_at, revoked_at = times
    try:
        permissions = _permissions(permissions)
    except ModelError:
        return obj
    return _new_token(Token, (
        _DATABASE, token_id, description, created_at, None, None, expires_at, revoked_at,
        permissions, account_id and _intern(account_id), cluster_id and _intern(cluster_id),
    ))


def _parse_database_token_strictly(obj: Any) -> Token:
    get = _require_object(obj, "database token").get
    return Token(
        TokenKind.DATABASE,
        _uuid(get("id"), "id"),
        _string(get("description"), "description"),
        _parse_timestamp_strictly(get("createdAt"), "createdAt"),
        None,
        None,
        _expiry(get("expiresAt")),
        _optional_timestamp(get("revokedAt"), "revokedAt"),
        _permissions(get("permissions")),
        _repeated_string(get("accountId"), "accountId"),
        _repeated_string(get("clusterId"), "clusterId"),
    )


def parse_created_token(obj: Any, kind: TokenKind) -> CreatedToken:
    data = _require_object(obj, "created token")
    token = parse_management_token(data) if kind is TokenKind.MANAGEMENT else parse_database_token(data)
    return CreatedToken(token=token, access_token=_string(data.get("accessToken"), "accessToken"))


def parse_database(obj: Any) -> Database:
    get = _require_object(obj, "database").get
    return Database(
        name=_string(get("name"), "name"),
        max_tables=_integer(get("maxTables"), "maxTables"),
        max_columns_per_table=_integer(get("maxColumnsPerTable"), "maxColumnsPerTable"),
        retention_period_ns=_integer(get("retentionPeriod"), "retentionPeriod"),
    )


def parse_list(obj: Any, parse_item, what: str) -> list:
    if type(obj) is not list:
        raise ModelError(what, f"must be a JSON array, got {_type_name(obj)}")
    return [parse_item(item) for item in obj]


def parse_list_releasing(obj: Any, parse_item, what: str) -> list:
    """parse_list() that empties `obj` as it goes, freeing each decoded item once parsed;
    items token_object_hook() already turned into Tokens are kept as they are."""
    if type(obj) is not list:
        raise ModelError(what, f"must be a JSON array, got {_type_name(obj)}")
    if _ONLY_TOKENS == set(map(type, obj)):
        return obj  # the usual case: the hook read every item (a C loop, not a Python one)
    obj.reverse()  # pop() from the end is O(1)
    pop = obj.pop
    return [_parsed_token(pop(), parse_item) for _ in range(len(obj))]


_ONLY_TOKENS = {Token}


def _parsed_token(item: Any, parse_item) -> Any:
    return item if type(item) is Token else parse_item(item)


def token_object_hook(kind: TokenKind):
    """A json.loads() object_hook that turns each token object into a Token as soon as it is
    decoded, so a 100,000-token answer never holds all its dicts (about 100 MB) at once.

    It is the parser's fast path itself, called straight from the decoder: any object that
    is not a token of the usual shape (a permission entry, or a token with a problem) stays
    a dict, for parse_list_releasing() to parse strictly, and report, in list order.
    """
    return _usual_management_token if kind is TokenKind.MANAGEMENT else _usual_database_token


def _permissions(value: Any) -> tuple[Permission, ...]:
    if type(value) is not list:
        raise _wrong_type(value, "permissions", "an array")
    return tuple([_permission(entry, index) for index, entry in enumerate(value)])


def _permission(entry: Any, index: int) -> Permission:
    if type(entry) is dict:
        action, resource = entry.get("action"), entry.get("resource")
        if type(action) is str and type(resource) is str:
            return _shared_permission(action, resource)
    raise ModelError(f"permissions[{index}]", "must be an object with string 'action' and 'resource'")


# Permissions are immutable and repeat across thousands of tokens: share one object each.
_shared_permission = functools.lru_cache(maxsize=4096)(Permission)


def _expiry(value: Any) -> datetime | None:
    return _expiry_moment(_optional_timestamp(value, "expiresAt"))


def _expiry_moment(expires_at: datetime | None) -> datetime | None:
    return None if expires_at == NEVER_EXPIRES_SENTINEL else expires_at


def _optional_timestamp(value: Any, name: str) -> datetime | None:
    return None if value is None else _parse_timestamp_strictly(value, name)


def _require_object(obj: Any, what: str) -> Mapping[str, Any]:
    if type(obj) is not dict:
        raise ModelError(what, f"must be a JSON object, got {_type_name(obj)}")
    return obj


def _string(value: Any, name: str) -> str:
    if type(value) is str:
        return value
    raise _wrong_type(value, name, "a string")


def _optional_string(value: Any, name: str) -> str | None:
    if value is None or type(value) is str:
        return value
    raise _wrong_type(value, name, "a string")


def _repeated_string(value: Any, name: str) -> str | None:
    """An optional string that repeats across a list (account, cluster, creator): one copy each."""
    if type(value) is str:
        return _intern(value)
    return _optional_string(value, name)


def _integer(value: Any, name: str) -> int:
    if type(value) is int:  # not bool, which JSON keeps apart from numbers
        return value
    raise _wrong_type(value, name, "an integer")


def _uuid(value: Any, name: str) -> str:
    if is_uuid(value):
        return value
    if type(value) is str:
        raise ModelError(name, f"must be a UUID, got {value[:40]!r}")
    raise _wrong_type(value, name, "a UUID string")


def _wrong_type(value: Any, name: str, expected: str) -> ModelError:
    if value is None:
        return ModelError(name, "is missing")
    return ModelError(name, f"must be {expected}, got {_type_name(value)}")


def _timestamp_error(value: Any, name: str) -> ModelError:
    if type(value) is str:
        return ModelError(name, f"is not an RFC 3339 timestamp: {value[:40]!r}")
    return _wrong_type(value, name, "an RFC 3339 timestamp string")


def _type_name(value: Any) -> str:
    if isinstance(value, (dict, Token)):  # a Token here was a JSON object token_object_hook read
        return "object"
    return "null" if value is None else type(value).__name__
