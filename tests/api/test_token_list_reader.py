"""A token list read as it arrives (TokenListReader): the same tokens or the same refusal as the whole body
gives (test_decoding_differential.py holds that over generated answers; these are the long lists and the
cases it meets seldom), without holding the whole body beside the tokens."""

from __future__ import annotations

import json
import tracemalloc
import uuid

import httpx
import pytest

from api_helpers import database_token_json
from decoding_outcomes import NOT_JSON, fast_outcome, streamed_outcome
from token_desk.api import decoding
from token_desk.api.client import ManagementApiClient
from token_desk.api.models import TokenKind
from tests.sandbox.faults import start_faulty_sandbox

NETWORK_CHUNK = 65_536  # what httpx hands over at a time from a socket
DATABASE = TokenKind.DATABASE


def database_list(count: int, **odd_one: object) -> list[dict]:
    """`count` database tokens, the one at two thirds (well after the first pieces) changed by `odd_one`."""
    tokens = [database_token_json(id=str(uuid.UUID(int=number, version=4)), description=f"token {number} – ok",
                                  expiresAt="2030-01-01T00:00:00Z") for number in range(count)]
    tokens[count * 2 // 3].update(odd_one)
    return tokens


def read_in_network_chunks(content: bytes) -> list[tuple] | str:
    return streamed_outcome(DATABASE, content, 1 << 20, [NETWORK_CHUNK])


def test_a_long_list_reads_as_the_whole_body():
    content = json.dumps(database_list(12_000)).encode()
    assert len(content) > 3 << 20  # several pieces
    outcome = read_in_network_chunks(content)
    assert outcome == fast_outcome(DATABASE, content)
    assert len(outcome) == 12_000


def test_a_long_list_spread_over_lines_reads_as_the_whole_body():
    content = json.dumps(database_list(8_000), indent=2).encode()
    assert read_in_network_chunks(content) == fast_outcome(DATABASE, content)


@pytest.mark.parametrize("odd_one", [
    {"createdAt": "2016-12-31T23:59:60Z"},  # a leap second: the reference reads it, the typed path does not
    {"expiresAt": "2024-03-19T19:09:13.5-00:30"},  # an odd offset, read by the reference
    {"id": "not-a-uuid"},  # refused, naming the field
    {"permissions": "all"},
    {"note": float("nan")},  # NaN: json.loads reads it, msgspec does not
])
def test_an_unusual_token_after_pieces_were_read_reads_as_the_whole_body(odd_one):
    content = json.dumps(database_list(9_000, **odd_one)).encode()
    outcome = read_in_network_chunks(content)
    assert outcome == fast_outcome(DATABASE, content)
    assert outcome != NOT_JSON


def test_a_list_nested_too_deeply_after_pieces_were_read_is_refused_as_the_whole_body_is():
    """Hostile nesting well after the first pieces: refused as not JSON, never a RecursionError."""
    nested = "[" * 200_000 + "]" * 200_000
    head = json.dumps(database_list(6_000))[:-1]
    content = f'{head}, {{"note": {nested}}}]'.encode()
    assert read_in_network_chunks(content) == fast_outcome(DATABASE, content) == NOT_JSON


@pytest.mark.parametrize("spoil", [
    lambda content: content[:len(content) * 3 // 4],  # the connection ended early
    lambda content: content + b" and more",
    lambda content: content[:-1],  # no closing bracket
])
def test_a_body_broken_after_pieces_were_read_is_not_json_as_the_whole_body(spoil):
    content = spoil(json.dumps(database_list(9_000)).encode())
    assert read_in_network_chunks(content) == fast_outcome(DATABASE, content) == NOT_JSON


def test_bytes_that_are_not_utf8_in_an_unread_field_count_when_the_rest_goes_to_the_reference():
    """msgspec skips a field it does not know without reading its text; json.loads reads all of it. So when a
    later token sends the list to the reference, the early bad bytes make it not JSON, as the whole body is."""
    tokens = database_list(9_000, createdAt="2016-12-31T23:59:60Z")
    content = json.dumps(tokens).encode().replace(b'"token 5 \\u2013 ok"', b'"token 5", "x": "\xff\xfe"', 1)
    assert read_in_network_chunks(content) == fast_outcome(DATABASE, content) == NOT_JSON


def test_a_body_that_is_not_a_list_is_read_whole():
    content = b'  {"tokens": ' + json.dumps(database_list(9_000)).encode() + b"}"
    assert read_in_network_chunks(content) == fast_outcome(DATABASE, content) == "database tokens"


def test_the_whole_body_is_never_held_beside_the_tokens():
    """At a refresh the shown list stays while the new one is read: the body (about a third of a refresh's
    peak at 100,000 tokens) must not add to it. Measured against reading the body whole, then decoding it."""
    content = json.dumps(database_list(20_000)).encode()

    def peak_of(read) -> int:
        tracemalloc.start()
        try:
            tokens = read()
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
            del tokens

    def whole() -> list:
        body = bytearray()
        for start in range(0, len(content), NETWORK_CHUNK):
            body += content[start:start + NETWORK_CHUNK]
        return decoding.decode_tokens(DATABASE, body)

    def as_it_arrives() -> list:
        reader = decoding.TokenListReader(DATABASE)
        for start in range(0, len(content), NETWORK_CHUNK):
            reader.feed(content[start:start + NETWORK_CHUNK])
        return reader.result()

    # Read in pieces, at most about one piece (a megabyte) of the body is pending at a time, with its items'
    # objects: the whole body (7 MB here) held beside the tokens would overshoot this by far.
    held_at_most = 2 * (1 << 20)  # two of the reader's pieces (its default piece_size)
    assert peak_of(as_it_arrives) < peak_of(whole) - len(content) + held_at_most


def test_the_client_reads_a_long_list_from_the_network_as_the_server_sent_it():
    with start_faulty_sandbox(seed=3, populate={"database": 6_000}) as sandbox:
        path = f"{sandbox.url}/accounts/{sandbox.account_id}/clusters/{sandbox.cluster_id}/tokens"
        sent = httpx.get(path, headers={"Authorization": f"Bearer {sandbox.management_token}"}).content
        assert len(sent) > 1 << 20  # more than one piece
        with ManagementApiClient(sandbox.url, sandbox.account_id, sandbox.cluster_id,
                                 sandbox.management_token) as client:
            assert client.list_tokens(DATABASE) == decoding.decode_tokens(DATABASE, sent)
