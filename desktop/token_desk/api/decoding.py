"""Response bytes straight to typed models, with msgspec: the path every answer takes first.

msgspec decodes each answer into wire Structs (the JSON's own shape, timestamps still text)
in C, then one pass per token checks what msgspec does not (canonical UUIDs, the RFC 3339
layout) and builds the Token. Anything unusual (a leap second, an odd offset, a wrong type,
a missing field, text that is not JSON at all) is handed whole to the reference parsers in
reference.py, which either read it or refuse it naming the field. So this path only ever
decides "usual, and read exactly as the reference reads it"; tests hold it to that.
"""

from __future__ import annotations

import codecs
import json
import re
from operator import attrgetter
from typing import Any, Callable, TypeVar

import msgspec

from token_desk.api import reference
from token_desk.api.ids import all_uuids
from token_desk.api.models import (
    GO_ZERO_TIME, NEVER_EXPIRES_SENTINEL, CreatedToken, Database, Permission, Token, TokenKind,
)
from token_desk.api.timestamps import usual_timestamp

T = TypeVar("T")


class NotJsonError(ValueError):
    """The answer's bytes are not JSON at all."""


class _TokenWire(msgspec.Struct, frozen=True, gc=False, kw_only=True, rename="camel"):
    """What both kinds of token object share; unknown members are ignored, as the reference does."""

    id: str
    description: str
    created_at: str
    expires_at: str | None = None
    revoked_at: str | None = None
    account_id: str | None = None


class _ManagementWire(_TokenWire, frozen=True, gc=False, kw_only=True, rename="camel"):
    token_prefix: str | None = None
    created_by: str | None = None


class _DatabaseWire(_TokenWire, frozen=True, gc=False, kw_only=True, rename="camel"):
    permissions: tuple[Permission, ...]
    cluster_id: str | None = None


class _CreatedManagementWire(_ManagementWire, frozen=True, gc=False, kw_only=True, rename="camel"):
    access_token: str


class _CreatedDatabaseWire(_DatabaseWire, frozen=True, gc=False, kw_only=True, rename="camel"):
    access_token: str


class _DatabaseEntry(msgspec.Struct, frozen=True, gc=False, rename="camel"):
    name: str
    max_tables: int
    max_columns_per_table: int
    retention_period: int


_WIRE = {TokenKind.MANAGEMENT: _ManagementWire, TokenKind.DATABASE: _DatabaseWire}
_CREATED_WIRE = {TokenKind.MANAGEMENT: _CreatedManagementWire, TokenKind.DATABASE: _CreatedDatabaseWire}
_LIST_DECODERS = {kind: msgspec.json.Decoder(list[wire]) for kind, wire in _WIRE.items()}
_ONE_DECODERS = {kind: msgspec.json.Decoder(wire) for kind, wire in _WIRE.items()}
_CREATED_DECODERS = {kind: msgspec.json.Decoder(wire) for kind, wire in _CREATED_WIRE.items()}
_DATABASES_DECODER = msgspec.json.Decoder(list[_DatabaseEntry])
_MANAGEMENT, _DATABASE = TokenKind.MANAGEMENT, TokenKind.DATABASE
# models.given_time(), inlined: a call per token costs at 100,000.
_EPOCH, _GO_ZERO = NEVER_EXPIRES_SENTINEL, GO_ZERO_TIME


def decode_tokens(kind: TokenKind, content: bytes | bytearray) -> list[Token]:
    """A token list answer; ModelError naming the field, or NotJsonError."""
    parse_item, what = reference.TOKEN_PARSERS[kind], f"{kind.value} tokens"
    return _decoded(lambda: _token_list(kind, content), content,
                    lambda data: reference.parse_list(data, parse_item, what))


def decode_token(kind: TokenKind, content: bytes | bytearray) -> Token:
    return _decoded(lambda: _tokens(kind, [_ONE_DECODERS[kind].decode(content)])[0], content,
                    reference.TOKEN_PARSERS[kind])


def decode_created_token(kind: TokenKind, content: bytes | bytearray) -> CreatedToken:
    def fast() -> CreatedToken:
        wire = _CREATED_DECODERS[kind].decode(content)
        if not wire.access_token.strip():
            raise ValueError("an empty secret: the reference names it")
        return CreatedToken(token=_tokens(kind, [wire])[0], access_token=wire.access_token)
    return _decoded(fast, content, lambda data: reference.parse_created_token(data, kind))


def decode_databases(content: bytes | bytearray) -> list[Database]:
    def fast() -> list[Database]:
        return [Database(entry.name, entry.max_tables, entry.max_columns_per_table, entry.retention_period)
                for entry in _DATABASES_DECODER.decode(content)]
    return _decoded(fast, content, lambda data: reference.parse_list(data, reference.parse_database, "databases"))


def _decoded(fast: Callable[[], T], content: bytes | bytearray, parse_reference: Callable[[Any], T]) -> T:
    try:
        return fast()
    except _UNUSUAL:  # msgspec's errors are ValueErrors too
        pass
    return _by_reference(content, parse_reference)


# What the typed path raises for an answer it cannot read, which the reference then reads or refuses.
_UNUSUAL = (ValueError, OverflowError, RecursionError)


def _by_reference(content: bytes | bytearray, parse_reference: Callable[[Any], T]) -> T:
    try:
        data = json.loads(content)
    except ValueError as err:  # also UnicodeDecodeError
        raise NotJsonError("the answer is not JSON") from err
    except RecursionError:  # nested deeper than any parser can follow: no answer can be read from it
        raise NotJsonError("the answer is nested too deeply to read") from None
    return parse_reference(data)


def _token_list(kind: TokenKind, content: bytes | bytearray,
                share: Callable[[Any, Any], Any] | None = None) -> list[Token]:
    """A list a chunk of items at a time: msgspec first finds each item's JSON text (without
    reading it), then reads the items into wire Structs 256 at a time, so only one chunk of
    wires and timestamp texts is alive at once, not 100,000: 60 MB less at the peak, and
    faster too (measured: a fifth less time than one pass), as each chunk stays in the CPU's
    cache from decoding to conversion."""
    return _items_to_tokens(kind, _ITEMS.decode(content), share or {}.setdefault)


def _items_to_tokens(kind: TokenKind, items: list, share: Callable[[Any, Any], Any]) -> list[Token]:
    """`share`: values that repeat across a list (account, cluster, creator, permission sets) are
    kept once: msgspec makes a fresh object for each occurrence (35 MB at 100,000 tokens)."""
    decode_chunk = _LIST_DECODERS[kind].decode
    tokens: list[Token] = []
    for start in range(0, len(items), _CHUNK):
        tokens += _tokens(kind, decode_chunk(b"[%b]" % b",".join(items[start:start + _CHUNK])), share)
    return tokens


class TokenListReader:
    """A token list answer read as it arrives (`feed` each piece of the body, then `result`): the
    items complete so far become tokens about every megabyte, and their bytes are let go, so the
    whole body (30 MB at 100,000 tokens) and an object per item for it are never held beside the
    tokens: at a refresh the old list is shown meanwhile, and these were a third of the peak.

    `result()` is always what decode_tokens(kind, whole body) gives (the same tokens, the same
    refusal): anything the typed path does not read goes, with the rest of the body, to the same
    json.loads and reference parsers. A body that is not a JSON array is simply read whole.
    """

    def __init__(self, kind: TokenKind, piece_size: int = 1 << 20) -> None:
        self._kind, self._piece_size = kind, piece_size
        self._read_at = piece_size  # how much pending makes the next try
        self._pending = bytearray()  # what is not tokens yet; once reading in pieces, it starts with "["
        self._tokens: list[Token] = []  # of the items already let go
        self._share = {}.setdefault
        self._in_pieces: bool | None = None  # None: no byte but white space yet; False: read whole from here
        self._let_go_is_utf8 = True  # json.loads reads the whole body as UTF-8; msgspec skips unknown fields unread

    def feed(self, data: bytes) -> None:
        self._pending += data
        if self._in_pieces is not False and len(self._pending) >= self._read_at:
            self._read_complete_items()

    def result(self) -> list[Token]:
        """The tokens of the whole answer; ModelError naming the field, or NotJsonError."""
        if not self._tokens:
            return decode_tokens(self._kind, self._pending)
        try:
            return self._tokens + _token_list(self._kind, self._pending, self._share)
        except _UNUSUAL:  # something unusual: as decode_tokens() would, by the reference
            pass
        if not self._let_go_is_utf8:
            raise NotJsonError("the answer is not JSON")
        # "[" and the items not let go: the rest of the same array. The items let go read the same by the
        # reference (what the differential tests hold).
        parse_item, what = reference.TOKEN_PARSERS[self._kind], f"{self._kind.value} tokens"
        return self._tokens + _by_reference(self._pending, lambda data: reference.parse_list(data, parse_item, what))

    def _read_complete_items(self) -> None:
        pending = self._pending
        if self._in_pieces is None:
            start = len(pending) - len(pending.lstrip(_JSON_SPACE))
            if start == len(pending):
                return
            self._in_pieces = pending[start] == _OPEN
            if not self._in_pieces:
                return
            del pending[:start]
        separators = list(_SEPARATOR.finditer(pending, max(1, len(pending) - _SEPARATOR_WINDOW)))
        for separator in separators[:-_MOST_TRIES - 1:-1]:  # the last ones first
            comma = separator.start(1)
            piece = pending[:comma + 1]
            piece[comma] = _CLOSE
            try:
                items = _ITEMS.decode(piece)
            except (ValueError, RecursionError):  # inside a string or a nested array: not between two items
                continue
            try:
                self._tokens += _items_to_tokens(self._kind, items, self._share)
            except _UNUSUAL:  # unusual: result() reads the rest as decode_tokens() would
                self._in_pieces = False
                return
            self._let_go_is_utf8 = self._let_go_is_utf8 and _is_utf8(piece)
            del items, piece
            del pending[1:comma + 1]  # "[" stays, then the next item
            self._read_at = self._piece_size
            return
        # Not one item boundary among the last separators (an item of many permissions, or not JSON at all):
        # again once more has arrived. Meanwhile what arrives is kept, as a whole body is.
        self._read_at = len(pending) + self._piece_size


def _is_utf8(data: bytearray) -> bool:
    if data.isascii():
        return True
    try:
        codecs.utf_8_decode(data, "surrogatepass", True)  # as json.loads decodes bytes
    except UnicodeDecodeError:
        return False
    return True


_JSON_SPACE = b" \t\n\r"
_OPEN, _CLOSE = ord("["), ord("]")
# Between two items of a token list: the end of one object, a comma, the start of the next (the comma's
# place is group 1). It may also be inside a string or a permissions array: decoding tells.
_SEPARATOR = re.compile(rb"\}[ \t\n\r]*(,)[ \t\n\r]*\{")
_SEPARATOR_WINDOW = 64 * 1024  # the end of what arrived, searched for separators: hundreds of items
_MOST_TRIES = 8


def _tokens(kind: TokenKind, wires: list, share: Callable[[Any, Any], Any] | None = None) -> list[Token]:
    """Tokens of wire Structs msgspec decoded; ValueError or OverflowError for anything unusual."""
    if not all_uuids(list(map(_ID, wires))):
        raise ValueError("an ID is not a canonical UUID")
    convert = _management_tokens if kind is _MANAGEMENT else _database_tokens
    return convert(wires, share or {}.setdefault)


_ITEMS = msgspec.json.Decoder(list[msgspec.Raw])
_CHUNK = 256
_ID = attrgetter("id")


def _management_tokens(wires: list, share: Callable[[Any, Any], Any]) -> list[Token]:
    stamp = usual_timestamp
    # Every field inline: a helper call per token would cost a third more at 100,000 tokens.
    return [Token(
        _MANAGEMENT, w.id, w.description, stamp(w.created_at), w.token_prefix,
        share(w.created_by, w.created_by),
        None if (e := w.expires_at) is None or (e := stamp(e)) == _EPOCH or e == _GO_ZERO else e,
        None if (r := w.revoked_at) is None or (r := stamp(r)) == _EPOCH or r == _GO_ZERO else r,
        (), share(w.account_id, w.account_id), None,
    ) for w in wires]


def _database_tokens(wires: list, share: Callable[[Any, Any], Any]) -> list[Token]:
    stamp = usual_timestamp
    return [Token(
        _DATABASE, w.id, w.description, stamp(w.created_at), None, None,
        None if (e := w.expires_at) is None or (e := stamp(e)) == _EPOCH or e == _GO_ZERO else e,
        None if (r := w.revoked_at) is None or (r := stamp(r)) == _EPOCH or r == _GO_ZERO else r,
        share(w.permissions, w.permissions), share(w.account_id, w.account_id),
        share(w.cluster_id, w.cluster_id),
    ) for w in wires]
