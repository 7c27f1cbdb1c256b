"""What influxctl prints, read as INFLUXCTL.md documents it: JSON lists, ASCII tables, `version`.

JSON is decoded with msgspec into structs that name only the documented snake_case fields:
unknown fields are ignored, every field but `id` is optional, and a missing `id` or an item
that is not an object is refused naming the field. Timestamps are `{seconds, nanos}` objects
(`nanos` may be absent), or RFC 3339 text as protobuf's own JSON form prints them; no `expires_at`
means never, as does the zero time a table prints. `level<TAB>message` log lines beside the JSON are
not part of it.
"""

from __future__ import annotations

import re
from datetime import datetime

import msgspec

from token_desk.api.clusters import Cluster
from token_desk.api.influxctl.errors import InfluxctlOutputError
from token_desk.api.ids import all_uuids, is_uuid
from token_desk.api.models import Database, ModelError, Permission, Token, TokenKind, given_time
from token_desk.api.timestamps import from_unix_time, parse_timestamp

_VERSION = re.compile(r"\bv?(\d+)\.(\d+)\.(\d+)\b")


class Stamp(msgspec.Struct, frozen=True, gc=False):
    seconds: int = 0
    nanos: int = 0


class ManagementItem(msgspec.Struct, frozen=True, gc=False):
    id: str
    account_id: str | None = None
    token_prefix: str | None = None
    description: str | None = None
    created_by: str | None = None
    created_at: Stamp | str | None = None
    expires_at: Stamp | str | None = None
    revoked_at: Stamp | str | None = None


class PermissionItem(msgspec.Struct, frozen=True, gc=False):
    action: str | None = None  # either left out: an incomplete permission, shown as such (api/models.py)
    resource: str | None = None
    id: str | None = None


class DatabaseTokenItem(msgspec.Struct, frozen=True, gc=False):
    id: str
    account_id: str | None = None
    cluster_id: str | None = None
    description: str | None = None
    permissions: list[PermissionItem] | None = None  # null: Go's nil slice, no permissions
    created_at: Stamp | str | None = None
    expires_at: Stamp | str | None = None
    revoked_at: Stamp | str | None = None


class ClusterItem(msgspec.Struct, frozen=True, gc=False):
    """One item of `cluster list --format json` (and `cluster get`), by INFLUXCTL.md's example."""

    cluster_id: str
    account_id: str | None = None
    name: str | None = None
    url: str | None = None
    state: str | None = None
    created_at: Stamp | str | None = None
    category: int | None = None


class DatabaseItem(msgspec.Struct, frozen=True, gc=False):
    database_name: str
    retention_period_ns: int = 0
    max_tables: int = 0
    max_columns_per_table: int = 0


# `null` is an empty list: Go's encoder prints a nil slice that way (found with the independent stand-in).
_MANAGEMENT_LIST = msgspec.json.Decoder(list[ManagementItem] | None, strict=False)
_DATABASE_TOKEN_LIST = msgspec.json.Decoder(list[DatabaseTokenItem] | None, strict=False)
_DATABASE_LIST = msgspec.json.Decoder(list[DatabaseItem] | None, strict=False)
_CLUSTER_LIST = msgspec.json.Decoder(list[ClusterItem] | None, strict=False)
# `cluster get` prints one cluster; its JSON shape is not documented: one object, or a list holding it.
_CLUSTER_GET = msgspec.json.Decoder(ClusterItem | list[ClusterItem], strict=False)


def moment(stamp: Stamp | str | None, name: str = "time") -> datetime | None:
    """An aware UTC datetime (digits past microseconds dropped), or None when absent."""
    if stamp is None:
        return None
    if type(stamp) is str:
        return _text_time(stamp, name)
    return from_unix_time(stamp.seconds, stamp.nanos)


def _text_time(text: str, name: str) -> datetime:
    try:
        return parse_timestamp(text, name)
    except ModelError:
        raise InfluxctlOutputError(f"influxctl printed a '{name}' time Token Desk cannot read ({text[:40]!r}); "
                                   "update influxctl or tell the Token Desk developers.") from None


def expiry(stamp: Stamp | str | None) -> datetime | None:
    """No stamp, or a zero time, means the token never expires: the same rule as the REST answers'."""
    return given_time(moment(stamp, "expires_at"))


def revocation(stamp: Stamp | str | None) -> datetime | None:
    """No stamp, or a zero time (an unset protobuf time prints as {}; Go's zero time), means not revoked:
    the same rule as the REST answers' (api/models.py)."""
    return given_time(moment(stamp, "revoked_at"))


def parse_management_list(data: bytes | str, command: str = "management list") -> list[Token]:
    return [management_token(item) for item in _checked_ids(_decode(_MANAGEMENT_LIST, data, command), command)]


def management_token(item: ManagementItem) -> Token:
    # Token's fields in order (kind, id, description, created_at, prefix, created_by, expires_at,
    # revoked_at, permissions, account_id, cluster_id): positional is a third faster at 10,000.
    return Token(TokenKind.MANAGEMENT, item.id, item.description or "", moment(item.created_at, "created_at"),
                 item.token_prefix or None, item.created_by or None, expiry(item.expires_at),
                 revocation(item.revoked_at), (), item.account_id or None, None)


def parse_database_token_list(data: bytes | str, command: str = "token list") -> list[Token]:
    return [database_token(item) for item in _checked_ids(_decode(_DATABASE_TOKEN_LIST, data, command), command)]


def database_token(item: DatabaseTokenItem) -> Token:
    permissions = tuple(Permission(entry.action, entry.resource) for entry in item.permissions or ())
    return Token(kind=TokenKind.DATABASE, id=item.id, description=item.description or "",
                 created_at=moment(item.created_at, "created_at"), expires_at=expiry(item.expires_at),
                 revoked_at=revocation(item.revoked_at), permissions=permissions,
                 account_id=item.account_id or None, cluster_id=item.cluster_id or None)


def parse_database_list(data: bytes | str, command: str = "database list") -> list[Database]:
    return [Database(name=item.database_name, max_tables=item.max_tables,
                     max_columns_per_table=item.max_columns_per_table,
                     retention_period_ns=item.retention_period_ns)
            for item in _decode(_DATABASE_LIST, data, command)]


def parse_cluster_list(data: bytes | str, command: str = "cluster list") -> list[Cluster]:
    items = _decode(_CLUSTER_LIST, data, command)
    _check_cluster_ids(items, command)
    return [cluster(item) for item in items]


def parse_cluster_get(data: bytes | str, command: str = "cluster get") -> Cluster:
    decoded = _decode(_CLUSTER_GET, data, command)
    items = decoded if isinstance(decoded, list) else [decoded]
    if len(items) != 1:
        raise InfluxctlOutputError(f"influxctl {command} printed {len(items)} clusters instead of one; "
                                   "update influxctl or tell the Token Desk developers.", command=command)
    _check_cluster_ids(items, command)
    return cluster(items[0])


def cluster(item: ClusterItem) -> Cluster:
    return Cluster(id=item.cluster_id, name=item.name or "", state=item.state or None, url=item.url or "",
                   created_at=moment(item.created_at, "created_at"), account_id=item.account_id or None)


def _check_cluster_ids(items: list[ClusterItem], command: str) -> None:
    """Cluster IDs go into REST paths and `--cluster` arguments: only UUIDs."""
    for position, item in enumerate(items, start=1):
        if not is_uuid(item.cluster_id):
            raise InfluxctlOutputError(f"influxctl {command} printed item {position} whose 'cluster_id' field is "
                                       "not a UUID; update influxctl or tell the Token Desk developers.",
                                       command=command)


def _decode(decoder: msgspec.json.Decoder, data: bytes | str, command: str):
    try:
        try:
            return decoder.decode(data) or []
        except msgspec.DecodeError:
            data_only = _without_log_lines(data)
            if data_only is None:
                raise
            return decoder.decode(data_only) or []
    except msgspec.ValidationError as err:
        raise InfluxctlOutputError(f"influxctl {command} printed {_what_was_wrong(str(err))}; "
                                   "update influxctl or tell the Token Desk developers.", command=command) from None
    except msgspec.DecodeError:
        raise InfluxctlOutputError(f"influxctl {command} did not print JSON as documented; "
                                   "update influxctl and try again.", command=command) from None


_LOG_LINE = re.compile(rb"^(debug|info|warn|warning|error)\t.*$\n?", re.IGNORECASE | re.MULTILINE)


def _without_log_lines(data: bytes | str) -> bytes | None:
    """The output without influxctl's `level<TAB>message` lines, should any have landed beside the JSON;
    None when it has none."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    data_only, removed = _LOG_LINE.subn(b"", raw)
    return data_only if removed else None


def _checked_ids(items: list, command: str) -> list:
    """IDs go back to influxctl as arguments: only UUIDs, as the REST parser insists too."""
    if all_uuids([item.id for item in items]):
        return items
    for position, item in enumerate(items, start=1):
        if not is_uuid(item.id):
            raise InfluxctlOutputError(f"influxctl {command} printed item {position} whose 'id' field is not a "
                                       "UUID; update influxctl or tell the Token Desk developers.", command=command)
    return items


def _what_was_wrong(problem: str) -> str:
    """msgspec's "Object missing required field `id` - at `$[0]`" as words; no values are quoted."""
    missing = re.match(r"Object missing required field `([^`]+)` - at `\$\[(\d+)\]", problem)
    if missing:
        return f"item {int(missing[2]) + 1} without the '{missing[1]}' field"
    wrong_item = re.match(r"Expected `object`, got `(\w+)` - at `\$\[(\d+)\]`\Z", problem)
    if wrong_item:
        return f"item {int(wrong_item[2]) + 1} that is not an object (it is {wrong_item[1]})"
    where = re.search(r"at `\$(?:\[(\d+)\])?\.?([\w.\[\]]*)`", problem)
    kind = problem.split(" - at ", 1)[0].replace("`", "")
    if where and where[2]:
        return f"a '{where[2]}' field Token Desk cannot read ({kind}) in item {int(where[1] or 0) + 1}"
    return f"something other than the documented list ({kind})"


def parse_key_value_table(lines: list[str]) -> dict[str, str]:
    """A two-column table without a header row, as `management create` prints: key -> value."""
    pairs = (_cells(line) for line in lines if line.strip().startswith("|"))
    return {cells[0].lower(): cells[1] for cells in pairs if len(cells) == 2}


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def table_time(text: str) -> datetime | None:
    """A table's RFC 3339 cell; empty is None."""
    text = text.strip()
    if not text:
        return None
    try:
        return parse_timestamp(text, "table")
    except ModelError:
        raise InfluxctlOutputError(f"influxctl printed a date Token Desk cannot read: {text[:40]!r}.") from None


def table_expiry(text: str) -> datetime | None:
    """EXPIRES AT in a table: `1970-01-01T00:00:00Z` (or nothing) means never."""
    return given_time(table_time(text))


def parse_version(text: str) -> tuple[int, int, int] | None:
    """The first x.y.z in `influxctl version`'s output, or None."""
    found = _VERSION.search(text)
    return (int(found[1]), int(found[2]), int(found[3])) if found else None
