"""The msgspec path that reads every answer must read exactly what the reference parsers read:
the same Tokens for good objects, and the same refusal (naming the same field) for bad ones.
Every field of a good token is swapped in turn for values near and far from valid; the
Hypothesis corpus in test_decoding_differential.py does the same at random."""

from __future__ import annotations

import json
import re

import pytest
from api_helpers import FakeApi, database_token_json, json_response, make_client, management_token_json
from decoding_outcomes import exact, fast_outcome, reference_outcome

from token_desk.api import decoding, reference
from token_desk.api.errors import InvalidResponseError
from token_desk.api.models import ModelError, TokenKind, parse_timestamp
from token_desk.api.retry import RetryPolicy
from token_desk.api.timestamps import parse_timestamp_strictly

NO_RETRY = RetryPolicy(max_attempts=1)

TIMESTAMPS = [
    "2024-03-19T19:09:13Z", "2024-03-19T19:09:13.2Z", "2024-03-19T19:09:13.215700999Z",
    "2024-03-19T19:09:13+00:00", "2024-03-19T21:09:13.5+02:00", "2024-03-19T19:09:13-05:30",
    "2024-03-19t19:09:13z", "1970-01-01T00:00:00Z", "1970-01-01T00:00:00.000Z", "1970-01-01T01:00:00+01:00",
    "2016-12-31T23:59:60Z", "2017-01-01T08:59:60.5+09:00", "0001-01-01T00:30:00+01:00",
    "9999-12-31T23:59:59Z", "9999-12-31T23:59:59.999999999-01:00", "0001-01-01T00:00:00Z",
    # near misses that datetime.fromisoformat() or msgspec accept, and plain garbage
    "2024-03-19 19:09:13Z", "2024-03-19T19:09:13", "2024-03-19T19:09Z", "2024-03-19T19:09:13.Z",
    "2024-03-19T19:09:13,5Z", "2024-03-19T19:09:13.1234567890Z", "2024-03-19T19:09:13+0100",
    "2024-03-19T19:09:13+01:00:30", "2024-W12-2T19:09:13Z", "20240319T190913Z", "2024-03-19",
    "2024-02-30T00:00:00Z", "２０２４-03-19T19:09:13Z", "2024-03-19T12:30:60Z", "2024-03-19T23:59:61Z",
    "0000-01-01T00:00:00Z", "2024-03-19T19:09:13+24:00", "2024-03-19T24:00:00Z", "", "Z",
    1710875353, True, [], {}, None, ...,
]
IDS = ["2cc0cc53-8cdb-4a85-8021-1da9e09b82ab", "2CC0CC53-8CDB-4A85-8021-1DA9E09B82AB",
       "2cc0cc538cdb4a8580211da9e09b82ab", "{2cc0cc53-8cdb-4a85-8021-1da9e09b82ab}",
       "2cc0cc53-8cdb-4a85-8021-1da9e09b82ab\n", "2cc0cc53-8cdb-4a85-8021-1da9e09b82a", "", 7, None, ...,
       "2cc0cc53-8cdb-4a85-8021-1da9e09b82ab\n2cc0cc53-8cdb-4a85-8021-1da9e09b82ab"]
STRINGS = ["", "CI deploy", "Telegraf – production", "\ud800 lone surrogate", 0, False, [], {}, None, ...]
PERMISSIONS = [[], [{"action": "read", "resource": "telemetry"}], [{"action": "write", "resource": "*"}] * 2,
               [{"action": "read", "resource": "x", "extra": 1}], [{"action": "read"}],
               [{"action": "read", "resource": 1}], ["read"], "read", {}, None, ...]

MANAGEMENT_VARIANTS = {
    "id": IDS, "description": STRINGS, "createdAt": TIMESTAMPS, "expiresAt": TIMESTAMPS,
    "revokedAt": TIMESTAMPS, "tokenPrefix": STRINGS, "createdBy": STRINGS, "accountId": STRINGS,
}
DATABASE_VARIANTS = {
    "id": IDS, "description": STRINGS, "createdAt": TIMESTAMPS, "expiresAt": TIMESTAMPS,
    "revokedAt": TIMESTAMPS, "permissions": PERMISSIONS, "accountId": STRINGS, "clusterId": STRINGS,
}
KINDS = [(TokenKind.MANAGEMENT, management_token_json, MANAGEMENT_VARIANTS),
         (TokenKind.DATABASE, database_token_json, DATABASE_VARIANTS)]


def variants(make, fields: dict[str, list]) -> list[dict]:
    return [make(**{name: value}) for name, values in fields.items() for value in values]


@pytest.mark.parametrize(("kind", "make", "fields"), KINDS, ids=["management", "database"])
def test_each_token_reads_as_the_reference_reads_it(kind, make, fields):
    outcomes = [(fast_outcome(kind, [obj]), reference_outcome(kind, [obj])) for obj in variants(make, fields)]
    assert [fast for fast, _ in outcomes] == [slow for _, slow in outcomes]
    # Both kinds of outcome are exercised: tokens read, and fields named.
    assert {type(slow) for _, slow in outcomes} == {str, list}


@pytest.mark.parametrize(("kind", "make", "fields"), KINDS[1:], ids=["database"])
def test_a_listed_token_reads_as_the_reference_reads_it(kind, make, fields):
    """Through the client (database tokens only: management tokens come from influxctl): a list of
    one good token and one variant either reads both as the reference does, or names the field."""
    good = make()
    for variant in variants(make, fields):
        client = make_client(FakeApi(json_response([good, variant])), retry=NO_RETRY)
        expected = reference_outcome(kind, [good, variant])
        if isinstance(expected, str):
            with pytest.raises(InvalidResponseError, match=re.escape(f"'{expected}'")):
                client.list_tokens(kind)
        else:
            assert exact(client.list_tokens(kind)) == expected


@pytest.mark.parametrize(("kind", "make", "fields"), KINDS, ids=["management", "database"])
def test_one_token_and_a_created_token_read_as_the_reference_reads_them(kind, make, fields):
    for variant in variants(make, fields):
        content = json.dumps(variant).encode()
        assert _outcome(lambda: exact([decoding.decode_token(kind, content)])) == _outcome(
            lambda: exact([reference.TOKEN_PARSERS[kind](json.loads(content))]))
        created = json.dumps({**variant, "accessToken": "apiv1_secret"}).encode()
        assert _outcome(lambda: decoding.decode_created_token(kind, created)) == _outcome(
            lambda: reference.parse_created_token(json.loads(created), kind))


@pytest.mark.parametrize("text", [
    b"", b"<html>502</html>", b"[1, 2", "[]".encode("utf-16"), b"\xff\xfe[]", b'[{"id": NaN}]',
    b'{"tokens": []}', b"null", b"[null]", b"[[]]",
    # the same key twice: json.loads keeps the last, and so must the typed path
    b'[{"id": "x", "id": "2cc0cc53-8cdb-4a85-8021-1da9e09b82ab", "description": "d",'
    b' "createdAt": "2024-03-19T19:09:13Z"}]',
])
@pytest.mark.parametrize("kind", list(TokenKind))
def test_answers_that_are_not_token_lists_are_refused_as_the_reference_refuses_them(text, kind):
    assert fast_outcome(kind, text) == reference_outcome(kind, text)


@pytest.mark.parametrize("kind", list(TokenKind))
@pytest.mark.parametrize("stamp", ["2024-03-19T19:09:13Z", "2024-03-19T19:09:13.215700999Z",
                                   "2024-03-19T19:09:13+00:00", "2024-03-19T21:09:13.5+02:00"])
def test_the_usual_shapes_take_the_typed_path(kind, stamp, monkeypatch):
    """Otherwise every list would quietly pay for json.loads and the reference parsers."""
    make = management_token_json if kind is TokenKind.MANAGEMENT else database_token_json
    monkeypatch.setattr(decoding.json, "loads", _must_not_be_called)
    tokens = [make(createdAt=stamp, expiresAt=stamp), make(revokedAt=stamp, tokenPrefix=None, createdBy=None)]
    assert len(decoding.decode_tokens(kind, json.dumps(tokens).encode())) == 2


def test_each_timestamp_reads_as_the_reference_reads_it():
    present = [stamp for stamp in TIMESTAMPS if stamp is not ...]
    fast = [_outcome(lambda: parse_timestamp(value, "at")) for value in present]
    assert fast == [_outcome(lambda: parse_timestamp_strictly(value, "at")) for value in present]


def test_databases_read_as_the_reference_reads_them():
    row = {"name": "DatabaseOne", "maxTables": 500, "maxColumnsPerTable": 200, "retentionPeriod": 0}
    for change in [{}, {"maxTables": True}, {"maxTables": 5.0}, {"maxTables": 2**70}, {"name": None},
                   {"retentionPeriod": -1}, {"extra": [1]}, {"maxColumnsPerTable": "200"}]:
        content = json.dumps([{**row, **change}]).encode()
        assert _outcome(lambda: decoding.decode_databases(content)) == _outcome(
            lambda: reference.parse_list(json.loads(content), reference.parse_database, "databases"))


def _outcome(read):
    try:
        return read()
    except ModelError as err:
        return err.field_name


def _must_not_be_called(*args, **kwargs):
    raise AssertionError("the reference path ran for a usual answer")
