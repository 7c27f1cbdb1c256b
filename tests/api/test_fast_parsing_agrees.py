"""The fast paths that read 100,000-token lists must read exactly what the strict parsers
read: the same Tokens for good objects, and the same error (naming the same field) for bad
ones. Every field of a good token is swapped in turn for values near and far from valid."""

from __future__ import annotations

import json
import re

import pytest
from api_helpers import FakeApi, database_token_json, json_response, make_client, management_token_json

from token_desk.api.errors import InvalidResponseError
from token_desk.api.models import (
    ModelError, Token, TokenKind, _parse_database_token_strictly, _parse_management_token_strictly,
    _parse_timestamp_strictly, _usual_database_token, _usual_management_token, parse_database_token,
    parse_management_token, parse_timestamp,
)
from token_desk.api.retry import RetryPolicy

NO_RETRY = RetryPolicy(max_attempts=1)

TIMESTAMPS = [
    "2024-03-19T19:09:13Z", "2024-03-19T19:09:13.2Z", "2024-03-19T19:09:13.215700999Z",
    "2024-03-19T19:09:13+00:00", "2024-03-19T21:09:13.5+02:00", "2024-03-19T19:09:13-05:30",
    "2024-03-19t19:09:13z", "1970-01-01T00:00:00Z", "1970-01-01T00:00:00.000Z", "1970-01-01T01:00:00+01:00",
    # near misses that datetime.fromisoformat() accepts, and plain garbage
    "2024-03-19 19:09:13Z", "2024-03-19T19:09:13", "2024-03-19T19:09Z", "2024-03-19T19:09:13.Z",
    "2024-03-19T19:09:13,5Z", "2024-03-19T19:09:13.1234567890Z", "2024-03-19T19:09:13+0100",
    "2024-03-19T19:09:13+01:00:30", "2024-W12-2T19:09:13Z", "20240319T190913Z", "2024-03-19",
    "2024-02-30T00:00:00Z", "２０２４-03-19T19:09:13Z", "", "Z", 1710875353, True, [], {}, None, ...,
]
IDS = ["2cc0cc53-8cdb-4a85-8021-1da9e09b82ab", "2CC0CC53-8CDB-4A85-8021-1DA9E09B82AB",
       "2cc0cc538cdb4a8580211da9e09b82ab", "{2cc0cc53-8cdb-4a85-8021-1da9e09b82ab}",
       "2cc0cc53-8cdb-4a85-8021-1da9e09b82ab\n", "2cc0cc53-8cdb-4a85-8021-1da9e09b82a", "", 7, None, ...]
STRINGS = ["", "CI deploy", "Telegraf – production", 0, False, [], {}, None, ...]
PERMISSIONS = [[], [{"action": "read", "resource": "telemetry"}], [{"action": "write", "resource": "*"}] * 2,
               [{"action": "read"}], [{"action": "read", "resource": 1}], ["read"], "read", {}, None, ...]

MANAGEMENT_VARIANTS = {
    "id": IDS, "description": STRINGS, "createdAt": TIMESTAMPS, "expiresAt": TIMESTAMPS,
    "revokedAt": TIMESTAMPS, "tokenPrefix": STRINGS, "createdBy": STRINGS, "accountId": STRINGS,
}
DATABASE_VARIANTS = {
    "id": IDS, "description": STRINGS, "createdAt": TIMESTAMPS, "expiresAt": TIMESTAMPS,
    "revokedAt": TIMESTAMPS, "permissions": PERMISSIONS, "accountId": STRINGS, "clusterId": STRINGS,
}


def variants(make, fields: dict[str, list]) -> list[dict]:
    return [make(**{name: value}) for name, values in fields.items() for value in values]


def strict_outcome(strict, obj):
    try:
        return strict(obj)
    except ModelError as err:
        return err.field_name


def public_outcome(parse, obj):
    try:
        return parse(obj)
    except ModelError as err:
        return err.field_name


@pytest.mark.parametrize(("parse", "strict", "objects"), [
    (parse_management_token, _parse_management_token_strictly, variants(management_token_json, MANAGEMENT_VARIANTS)),
    (parse_database_token, _parse_database_token_strictly, variants(database_token_json, DATABASE_VARIANTS)),
], ids=["management", "database"])
def test_each_token_reads_as_the_strict_parser_reads_it(parse, strict, objects):
    outcomes = [(public_outcome(parse, obj), strict_outcome(strict, obj)) for obj in objects]
    assert [fast for fast, _ in outcomes] == [slow for _, slow in outcomes]
    # Both kinds of outcome are exercised: tokens read, and fields named.
    assert {type(slow) for _, slow in outcomes} == {str, type(parse(objects[0]))}


@pytest.mark.parametrize(("kind", "make", "fields", "strict"), [
    (TokenKind.MANAGEMENT, management_token_json, MANAGEMENT_VARIANTS, _parse_management_token_strictly),
    (TokenKind.DATABASE, database_token_json, DATABASE_VARIANTS, _parse_database_token_strictly),
], ids=["management", "database"])
def test_a_listed_token_reads_as_the_strict_parser_reads_it(kind, make, fields, strict):
    """Through the client, where the fast path runs inside json.loads(): a list of one good
    token and one variant either reads both as the strict parser does, or names the field."""
    good = make()
    for variant in variants(make, fields):
        body = json.loads(json.dumps([good, variant]))  # what the server would send
        client = make_client(FakeApi(json_response(body)), retry=NO_RETRY)
        expected = strict_outcome(strict, variant)
        if isinstance(expected, str):
            with pytest.raises(InvalidResponseError, match=re.escape(f"'{expected}'")):
                client.list_tokens(kind)
        else:
            assert client.list_tokens(kind) == [strict(good), expected]


@pytest.mark.parametrize("stamp", ["2024-03-19T19:09:13Z", "2024-03-19T19:09:13.215700999Z",
                                   "2024-03-19T19:09:13+00:00", "2024-03-19T21:09:13.5+02:00"])
def test_the_usual_shapes_take_the_fast_path(stamp):
    """Otherwise every list would quietly pay for the strict parsers (several times slower)."""
    assert type(_usual_management_token(management_token_json(createdAt=stamp, expiresAt=stamp))) is Token
    assert type(_usual_database_token(database_token_json(createdAt=stamp, revokedAt=stamp))) is Token
    assert type(_usual_management_token(management_token_json(tokenPrefix=None, createdBy=None))) is Token


def test_each_timestamp_reads_as_the_strict_parser_reads_it():
    present = [stamp for stamp in TIMESTAMPS if stamp is not ...]
    fast = [public_outcome(lambda value: parse_timestamp(value, "at"), stamp) for stamp in present]
    assert fast == [strict_outcome(lambda value: _parse_timestamp_strictly(value, "at"), stamp) for stamp in present]
