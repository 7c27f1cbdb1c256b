"""Parsing what the API returns: timestamps, expiry, optional fields, bad shapes."""

from datetime import datetime, timedelta, timezone

import pytest
from api_helpers import database_token_json, management_token_json

from token_desk.api.models import ModelError, Permission, Token, TokenKind, TokenStatus, format_timestamp, parse_timestamp
from token_desk.api.reference import (
    parse_created_token, parse_database, parse_database_token, parse_list, parse_management_token,
)

UTC = timezone.utc


@pytest.mark.parametrize(("text", "expected"), [
    ("2024-03-19T19:09:13Z", datetime(2024, 3, 19, 19, 9, 13, tzinfo=UTC)),
    ("2024-03-19T19:09:13.215Z", datetime(2024, 3, 19, 19, 9, 13, 215000, tzinfo=UTC)),
    ("2024-03-19T19:09:13.215700Z", datetime(2024, 3, 19, 19, 9, 13, 215700, tzinfo=UTC)),
    ("2024-03-19T19:09:13.215700999Z", datetime(2024, 3, 19, 19, 9, 13, 215700, tzinfo=UTC)),
    ("2024-03-19T23:59:59.999999999Z", datetime(2024, 3, 19, 23, 59, 59, 999999, tzinfo=UTC)),
    # RFC 3339 sets no limit on fractional digits ("." 1*DIGIT): more than nanoseconds are read too
    ("2024-03-19T23:59:59.9999999999999Z", datetime(2024, 3, 19, 23, 59, 59, 999999, tzinfo=UTC)),
    ("2024-03-19t19:09:13z", datetime(2024, 3, 19, 19, 9, 13, tzinfo=UTC)),
    ("2024-03-19T19:09:13+00:00", datetime(2024, 3, 19, 19, 9, 13, tzinfo=UTC)),
    ("2024-03-19T21:09:13.5+02:00", datetime(2024, 3, 19, 19, 9, 13, 500000, tzinfo=UTC)),
    ("2024-03-19T19:09:13-05:30", datetime(2024, 3, 20, 0, 39, 13, tzinfo=UTC)),
])
def test_timestamps_of_every_documented_form_read_as_utc(text, expected):
    parsed = parse_timestamp(text, "createdAt")
    assert parsed == expected
    assert parsed.tzinfo is UTC  # the UI shows and compares UTC values


@pytest.mark.parametrize("text", [
    "yesterday", "", "2024-03-19", "2024-03-19T19:09:13", "2024-03-19 19:09:13Z", "2024-13-01T00:00:00Z",
    "2024-03-19T25:00:00Z", "2024-03-19T19:09:13.Z", "2024-03-19T19:09:13,5Z", "2024-03-19T19:09Z",
    "2024-03-19T19:09:13+0100", "２０２４-03-19T19:09:13Z",
    "2024-W12-2T19:09:13Z", "2024-03-19T19:09:13+01:00:30", "2024-03-19T19:09:13.5-0530",
])
def test_malformed_timestamps_are_rejected_naming_the_field(text):
    with pytest.raises(ModelError) as caught:
        parse_timestamp(text, "expiresAt")
    assert caught.value.field_name == "expiresAt"
    assert "expiresAt" in str(caught.value)


@pytest.mark.parametrize("value", [1710875353, None, ["2024-03-19T19:09:13Z"], {"seconds": 1}])
def test_non_string_timestamps_are_rejected_naming_the_field(value):
    with pytest.raises(ModelError) as caught:
        parse_timestamp(value, "revokedAt")
    assert caught.value.field_name == "revokedAt"


def test_format_timestamp_sends_utc_with_z():
    moment = datetime(2026, 1, 2, 5, 4, 5, tzinfo=timezone(timedelta(hours=2)))
    assert format_timestamp(moment) == "2026-01-02T03:04:05Z"
    assert parse_timestamp(format_timestamp(moment), "x") == moment


@pytest.mark.parametrize("expires", [..., None, "1970-01-01T00:00:00Z", "1970-01-01T00:00:00.000000000Z"])
def test_absent_null_or_zero_time_expiry_means_never_expires(expires):
    token = parse_management_token(management_token_json(expiresAt=expires))
    assert token.expires_at is None
    assert token.status_at(datetime(2100, 1, 1, tzinfo=UTC)) is TokenStatus.ACTIVE


def test_management_token_fields_are_read():
    token = parse_management_token(management_token_json(
        expiresAt="2026-07-08T00:00:00Z", revokedAt="2025-09-01T10:00:00Z"))
    assert (token.kind, token.id, token.description, token.prefix) == (
        TokenKind.MANAGEMENT, "2cc0cc53-8cdb-4a85-8021-1da9e09b82ab", "automation token", "M.V1.zz")
    assert token.expires_at == datetime(2026, 7, 8, tzinfo=UTC)
    assert token.revoked_at == datetime(2025, 9, 1, 10, tzinfo=UTC)
    assert token.created_by == "44444444-4444-4444-8444-444444444444"


def test_missing_optional_fields_are_none():
    token = parse_management_token({"id": "2cc0cc53-8cdb-4a85-8021-1da9e09b82ab", "description": "",
                                    "createdAt": "2024-03-19T19:09:13Z"})
    assert (token.prefix, token.created_by, token.expires_at, token.revoked_at, token.account_id) == (None,) * 5


def test_database_token_permissions_are_read():
    token = parse_database_token(database_token_json())
    assert token.kind is TokenKind.DATABASE
    assert token.permissions == (Permission("read", "DatabaseOne"), Permission("write", "*"))
    assert token.cluster_id == "33333333-3333-4333-8333-333333333333"


def test_parsed_token_is_a_real_frozen_token():
    token = parse_management_token(management_token_json())
    assert type(token) is Token
    with pytest.raises(AttributeError):
        token.description = "changed"  # type: ignore[misc]
    same = Token(kind=token.kind, id=token.id, description=token.description, created_at=token.created_at,
                 prefix=token.prefix, created_by=token.created_by, account_id=token.account_id)
    assert token == same and hash(token) == hash(same)
    assert token.replace(description="x").description == "x"


@pytest.mark.parametrize(("overrides", "field"), [
    ({"id": ...}, "id"), ({"id": "not-a-uuid"}, "id"), ({"id": 7}, "id"),
    ({"description": ...}, "description"), ({"description": 3}, "description"),
    ({"createdAt": ...}, "createdAt"), ({"createdAt": "garbage"}, "createdAt"),
    ({"expiresAt": 0}, "expiresAt"), ({"revokedAt": "soon"}, "revokedAt"),
    ({"tokenPrefix": 12}, "tokenPrefix"), ({"createdBy": []}, "createdBy"), ({"accountId": False}, "accountId"),
])
def test_bad_management_token_fields_are_named(overrides, field):
    with pytest.raises(ModelError) as caught:
        parse_management_token(management_token_json(**overrides))
    assert caught.value.field_name == field


@pytest.mark.parametrize(("permissions", "field"), [
    (..., "permissions"), ("read", "permissions"), ([{"action": "read", "resource": 1}], "permissions[0]"),
    ([{"action": ["read"]}], "permissions[0]"), (["read"], "permissions[0]"),
    ([{"action": "read", "resource": "a"}, "write"], "permissions[1]"),
])
def test_bad_permissions_are_named(permissions, field):
    with pytest.raises(ModelError) as caught:
        parse_database_token(database_token_json(permissions=permissions))
    assert caught.value.field_name == field


@pytest.mark.parametrize("garbage", [None, "token", 5, [], ["x"]])
def test_a_token_that_is_not_an_object_is_rejected(garbage):
    with pytest.raises(ModelError):
        parse_management_token(garbage)


def test_created_token_needs_its_access_token_and_hides_it():
    created = parse_created_token(management_token_json(accessToken="apiv1_" + "9" * 60), TokenKind.MANAGEMENT)
    assert created.access_token.startswith("apiv1_") and "apiv1_" not in repr(created)
    with pytest.raises(ModelError) as caught:
        parse_created_token(management_token_json(), TokenKind.MANAGEMENT)
    assert caught.value.field_name == "accessToken"


def test_database_and_list_parsing():
    row = {"name": "DatabaseOne", "maxTables": 500, "maxColumnsPerTable": 200, "retentionPeriod": 0}
    assert parse_list([row], parse_database, "databases")[0].max_tables == 500
    with pytest.raises(ModelError) as caught:
        parse_database({**row, "maxTables": True})
    assert caught.value.field_name == "maxTables"
    with pytest.raises(ModelError) as caught:
        parse_list({"tokens": []}, parse_database, "databases")
    assert caught.value.field_name == "databases"


NOW = datetime(2025, 6, 1, 12, tzinfo=UTC)


@pytest.mark.parametrize(("expires", "revoked", "status", "soon"), [
    (None, None, TokenStatus.ACTIVE, False),
    (NOW + timedelta(days=30), None, TokenStatus.ACTIVE, False),
    (NOW + timedelta(days=6), None, TokenStatus.ACTIVE, True),
    (NOW, None, TokenStatus.EXPIRED, False),
    (NOW - timedelta(seconds=1), None, TokenStatus.EXPIRED, False),
    (NOW + timedelta(days=3), NOW - timedelta(days=1), TokenStatus.REVOKED, False),
    (NOW - timedelta(days=3), NOW - timedelta(days=1), TokenStatus.REVOKED, False),
])
def test_status_and_expires_soon(expires, revoked, status, soon):
    token = Token(TokenKind.MANAGEMENT, "2cc0cc53-8cdb-4a85-8021-1da9e09b82ab", "d",
                  datetime(2024, 1, 1, tzinfo=UTC), expires_at=expires, revoked_at=revoked)
    assert token.status_at(NOW) is status
    assert token.expires_soon_at(NOW) is soon
