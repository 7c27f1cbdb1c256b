"""The contract helper catches what it must, and the sandbox serves nothing the documents lack."""

from __future__ import annotations

import re

import pytest

from tests.sandbox.contract import find_operation, validate_response
from token_desk.sandbox import Sandbox
from token_desk.sandbox.routes import BASE_PATH, ROUTES
from token_desk.sandbox.wire import TIMESTAMP_STYLES

ID = "11111111-1111-4111-8111-111111111111"
TOKENS = f"{BASE_PATH}/accounts/{ID}/clusters/{ID}/tokens"


def database_token(**changes: object) -> dict:
    return {"accountId": ID, "clusterId": ID, "id": ID, "description": "d", "permissions": [],
            "createdAt": "2024-03-02T04:20:19.123456789Z"} | changes


def test_every_served_route_is_documented() -> None:
    for route in ROUTES:
        path = BASE_PATH + re.sub(r"\(\[\^/\]\+\)", ID, route.pattern.pattern)
        for method in route.operations:
            assert find_operation(method, path) is not None, (method, path)


def test_accepts_nine_fractional_digits_and_plus_zero_offset() -> None:
    validate_response("GET", TOKENS, 200, [database_token(expiresAt="2030-01-01T00:00:00+00:00")])


@pytest.mark.parametrize("bad", [database_token(extra=1), database_token(id="nope"),
                                 database_token(createdAt="2024-03-02 04:20:19"),
                                 database_token(permissions=[{"action": "read", "resource": "*", "x": 1}])])
def test_rejects_undeclared_fields_and_bad_formats(bad: dict) -> None:
    with pytest.raises(AssertionError):
        validate_response("GET", TOKENS, 200, [bad])


def test_rejects_undocumented_paths_statuses_and_bodies() -> None:
    with pytest.raises(AssertionError):
        validate_response("PUT", TOKENS, 200, [])
    with pytest.raises(AssertionError):
        validate_response("GET", TOKENS, 418, {"code": 418, "message": "teapot"})
    with pytest.raises(AssertionError):
        validate_response("DELETE", f"{TOKENS}/{ID}", 204, {"unexpected": "body"})
    with pytest.raises(AssertionError):
        validate_response("GET", TOKENS, 404, {"code": 401, "message": "wrong code for the status"})


def test_seeded_data_covers_every_case_the_app_must_show(sandbox: Sandbox) -> None:
    management, database = sandbox.state.management_tokens(), sandbox.state.database_tokens()
    everything = management + database
    stamps = [t[k] for t in everything for k in ("createdAt", "expiresAt", "revokedAt") if k in t]
    for digits, zone in TIMESTAMP_STYLES:
        fraction = rf"\.\d{{{digits}}}" if digits else ""
        assert any(re.fullmatch(rf".*:\d\d{fraction}{re.escape(zone)}", s) for s in stamps), (digits, zone)
    assert any(t.get("expiresAt") == "1970-01-01T00:00:00Z" for t in management)
    assert any("expiresAt" not in t and "revokedAt" not in t for t in management)
    assert sum("revokedAt" in t for t in database) >= 2
    assert any("東京" in t["description"] or "ログ" in t["description"] for t in database)
