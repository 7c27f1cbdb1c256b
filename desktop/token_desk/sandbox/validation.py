"""Request bodies checked against the documents' request schemas; any violation is a 400."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

from token_desk.sandbox.records import Database
from token_desk.sandbox.wire import format_timestamp, parse_timestamp

MANAGEMENT_DESCRIPTION_MAX = 1024
DATABASE_NAME_MAX = 64


class ApiFailure(Exception):
    """An error answer: status plus the message that goes into the Error body."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def bad_request(message: str) -> ApiFailure:
    return ApiFailure(400, message)


def json_object(raw: bytes) -> dict[str, Any]:
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise bad_request("the request body is not valid JSON") from None
    if not isinstance(body, dict):
        raise bad_request("the request body must be a JSON object")
    return body


def description(body: dict[str, Any], max_length: int | None = None) -> str:
    value = body.get("description")
    if not isinstance(value, str):
        raise bad_request("'description' is required and must be a string")
    if max_length is not None and len(value) > max_length:
        raise bad_request(f"'description' must be at most {max_length} characters")
    return value


def expires_at(body: dict[str, Any]) -> str | None:
    """The normalised expiry, None when absent; it must be RFC 3339 and in the future."""
    if "expiresAt" not in body:
        return None
    moment = parse_timestamp(body["expiresAt"])
    if moment is None:
        raise bad_request("'expiresAt' must be an RFC 3339 date-time, e.g. 2030-01-31T12:00:00Z")
    if moment <= datetime.now(timezone.utc):
        raise bad_request("'expiresAt' must be in the future")
    return format_timestamp(moment, (6, "Z"))


def _is_resource(value: object) -> bool:
    return isinstance(value, str) and (value == "*" or 1 <= len(value) <= DATABASE_NAME_MAX)


def permissions(body: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """[{action, resource}], resource a database name or '*'; absent means no permissions."""
    value = body.get("permissions", [])
    problem = bad_request("'permissions' must be a list of {\"action\": string, \"resource\": database name or \"*\"}")
    if not isinstance(value, list):
        raise problem
    result = []
    for item in value:
        if not isinstance(item, dict) or not isinstance(item.get("action"), str) or not item["action"]:
            raise problem
        if not _is_resource(item.get("resource")):
            raise problem
        result.append((item["action"], item["resource"]))
    return tuple(result)


def token_update(body: dict[str, Any]) -> dict[str, Any]:
    """PATCH changes in API shape; at least one of description/permissions (minProperties: 1)."""
    changes: dict[str, Any] = {}
    if "description" in body:
        changes["description"] = description(body)
    if "permissions" in body:
        changes["permissions"] = [{"action": a, "resource": r} for a, r in permissions(body)]
    if not changes:
        raise bad_request("nothing to update: give 'description' and/or 'permissions'")
    return changes


def _integer(body: dict[str, Any], name: str, default: int, minimum: int) -> int:
    value = body.get(name, default)
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # JSON Schema counts 261.0 as an integer, so the documents allow it (found by fuzzing)
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise bad_request(f"'{name}' must be an integer of at least {minimum}")
    return value


def _partition_template(body: dict[str, Any]) -> tuple[dict[str, Any], ...]:
    value = body.get("partitionTemplate", [])
    parts_ok = isinstance(value, list) and len(value) <= 8 and all(
        isinstance(part, dict) and part.get("type") in ("tag", "time", "bucket") for part in value)
    if not parts_ok or ("partitionTemplate" in body and not value):
        raise bad_request("'partitionTemplate' must be a list of 1 to 8 tag/time/bucket parts")
    return tuple(value)


def new_database(body: dict[str, Any]) -> Database:
    name = body.get("name")
    if not isinstance(name, str) or not 1 <= len(name) <= DATABASE_NAME_MAX:
        raise bad_request(f"'name' is required: a string of 1 to {DATABASE_NAME_MAX} characters")
    return Database(name, _integer(body, "maxTables", 500, 1), _integer(body, "maxColumnsPerTable", 200, 1),
                    _integer(body, "retentionPeriod", 0, 0), _partition_template(body))
