"""What the typed path and the reference parsers make of one answer, in comparable form."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import msgspec

from token_desk.api import decoding, reference
from token_desk.api.models import ModelError, TokenKind

NOT_JSON = "(not JSON)"


def exact(tokens: list) -> list[tuple]:
    """Tokens as tuples of their fields, datetimes with their offsets: equal datetimes in
    different zones compare equal, but the app needs UTC ones."""
    return [tuple(_exact_value(value) for value in msgspec.structs.astuple(token)) for token in tokens]


def _exact_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def fast_outcome(kind: TokenKind, answer: Any) -> list[tuple] | str:
    """decode_tokens() of the answer (a JSON value, or bytes as sent): exact tokens, the
    field it names, or NOT_JSON."""
    content = answer if isinstance(answer, bytes) else json.dumps(answer).encode()
    try:
        return exact(decoding.decode_tokens(kind, content))
    except decoding.NotJsonError:
        return NOT_JSON
    except ModelError as err:
        return err.field_name


def reference_outcome(kind: TokenKind, answer: Any) -> list[tuple] | str:
    """The same answer through json.loads() and the reference parsers alone."""
    content = answer if isinstance(answer, bytes) else json.dumps(answer).encode()
    try:
        data = json.loads(content)
    except ValueError:
        return NOT_JSON
    try:
        return exact(reference.parse_list(data, reference.TOKEN_PARSERS[kind], f"{kind.value} tokens"))
    except ModelError as err:
        return err.field_name


def streamed_outcome(kind: TokenKind, content: bytes, piece_size: int, chunk_sizes: list[int]) -> list[tuple] | str:
    """The same answer fed to a TokenListReader as it would arrive, in chunks of the given sizes (the last
    size repeats until the body is all in), the reader cutting it into pieces of about `piece_size`."""
    reader = decoding.TokenListReader(kind, piece_size=piece_size)
    position, sizes = 0, iter(chunk_sizes or [len(content) or 1])
    size = 1
    while position < len(content):
        size = next(sizes, size)
        reader.feed(content[position:position + size])
        position += size
    try:
        return exact(reader.result())
    except decoding.NotJsonError:
        return NOT_JSON
    except ModelError as err:
        return err.field_name
