"""The reference parsers: decoded JSON (dicts and lists from json.loads) in, typed models out.

Plain, field by field, and the only place that decides a refusal: the typed decoder in
decoding.py hands every answer it does not read itself to these, so a bad field is named
the same way whichever path met it (tests hold the two paths to each other).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Callable, Mapping

from token_desk.api.errors import ModelError
from token_desk.api.ids import is_uuid
from token_desk.api.models import (
    CreatedToken, Database, Permission, Token, TokenKind, given_time,
)
from token_desk.api.timestamps import json_type_name, parse_timestamp_strictly


def parse_management_token(obj: Any) -> Token:
    get = _require_object(obj, "management token").get
    shared = _shared_fields(get)  # first: the ID and the times are named before the rest
    return Token(
        kind=TokenKind.MANAGEMENT,
        prefix=_optional_string(get("tokenPrefix"), "tokenPrefix"),
        created_by=_optional_string(get("createdBy"), "createdBy"),
        **shared,
    )


def parse_database_token(obj: Any) -> Token:
    get = _require_object(obj, "database token").get
    shared = _shared_fields(get)  # first: the ID and the times are named before the rest
    return Token(
        kind=TokenKind.DATABASE,
        permissions=_permissions(get("permissions")),
        cluster_id=_optional_string(get("clusterId"), "clusterId"),
        **shared,
    )


def _shared_fields(get: Callable[[str], Any]) -> dict[str, Any]:
    """The fields both kinds of token have, by Token's field name."""
    return {
        "id": _uuid(get("id"), "id"),
        "description": _string(get("description"), "description"),
        "created_at": parse_timestamp_strictly(get("createdAt"), "createdAt"),
        "expires_at": _expiry(get("expiresAt")),
        "revoked_at": given_time(_optional_timestamp(get("revokedAt"), "revokedAt")),
        "account_id": _optional_string(get("accountId"), "accountId"),
    }


TOKEN_PARSERS: dict[TokenKind, Callable[[Any], Token]] = {
    TokenKind.MANAGEMENT: parse_management_token, TokenKind.DATABASE: parse_database_token,
}


def parse_created_token(obj: Any, kind: TokenKind) -> CreatedToken:
    data = _require_object(obj, "created token")
    token = TOKEN_PARSERS[kind](data)
    access_token = _string(data.get("accessToken"), "accessToken")
    if not access_token.strip():  # a secret that cannot be used is no secret: never show it as the new token's
        raise ModelError("accessToken", "is empty")
    return CreatedToken(token=token, access_token=access_token)


def parse_database(obj: Any) -> Database:
    get = _require_object(obj, "database").get
    return Database(
        name=_string(get("name"), "name"),
        max_tables=_integer(get("maxTables"), "maxTables"),
        max_columns_per_table=_integer(get("maxColumnsPerTable"), "maxColumnsPerTable"),
        retention_period_ns=_integer(get("retentionPeriod"), "retentionPeriod"),
    )


def parse_list(obj: Any, parse_item: Callable[[Any], Any], what: str) -> list:
    if type(obj) is not list:
        raise ModelError(what, f"must be a JSON array, got {json_type_name(obj)}")
    return [parse_item(item) for item in obj]


def _permissions(value: Any) -> tuple[Permission, ...]:
    if type(value) is not list:
        raise _wrong_type(value, "permissions", "an array")
    return tuple(_permission(entry, index) for index, entry in enumerate(value))


def _permission(entry: Any, index: int) -> Permission:
    """The API document requires neither member: one left out (or null) makes an incomplete Permission,
    shown as such, rather than a refusal of the whole list. One of another type is refused."""
    if type(entry) is dict:
        action, resource = entry.get("action"), entry.get("resource")
        if (action is None or type(action) is str) and (resource is None or type(resource) is str):
            return Permission(action, resource)
    raise ModelError(f"permissions[{index}]", "must be an object whose 'action' and 'resource' are strings")


def _expiry(value: Any) -> datetime | None:
    return given_time(_optional_timestamp(value, "expiresAt"))


def _optional_timestamp(value: Any, name: str) -> datetime | None:
    return None if value is None else parse_timestamp_strictly(value, name)


def _require_object(obj: Any, what: str) -> Mapping[str, Any]:
    if type(obj) is not dict:
        raise ModelError(what, f"must be a JSON object, got {json_type_name(obj)}")
    return obj


def _string(value: Any, name: str) -> str:
    if type(value) is str:
        return value
    raise _wrong_type(value, name, "a string")


def _optional_string(value: Any, name: str) -> str | None:
    if value is None or type(value) is str:
        return value
    raise _wrong_type(value, name, "a string")


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
    return ModelError(name, f"must be {expected}, got {json_type_name(value)}")
