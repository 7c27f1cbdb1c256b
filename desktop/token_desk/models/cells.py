"""Building blocks of the column specifications (columns.py): cell text, tooltip and sort keys of a
token, as pure functions (no Qt), worded by the display rules in display.py."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime
from operator import attrgetter

from token_desk.api.models import Token
from token_desk.models.display import (
    EMPTY_CELL,
    DisplayStatus,
    optional_local_time,
    permissions_details,
    permissions_summary,
    plain_tooltip,
    revoked_at_missing,
    text_or_empty,
    utc_tooltip,
    visible_text,
)

# Sorts after every real text, so empty cells come last in ascending order.
LAST_TEXT = "\U0010ffff"
# Sorts after every real time: "Never" expires and "not revoked" come last in ascending order.
# Time keys are POSIX seconds, not the datetimes themselves: hashing a fresh aware datetime
# (to count distinct keys) costs twice what converting it does, and floats sort faster.
LAST_TIME = math.inf
# The enum's own _value_ attribute: its .value property costs five times more per row.
_STATUS_RANK = attrgetter("_value_")


# Status

def status_text(token: Token, status: DisplayStatus) -> str:
    return status.label


def status_keys(tokens: Sequence[Token], statuses: Sequence[DisplayStatus]) -> list:
    return list(map(_STATUS_RANK, statuses))


# One text field

def field_text(field: str):
    read = attrgetter(field)
    return lambda token, status: text_or_empty(read(token))


def plain_cell_tooltip(field: str):
    read = attrgetter(field)
    return lambda token, status, now: plain_tooltip(visible_text(text_or_empty(read(token)), line_breaks=True))


def text_keys(field: str):
    read = attrgetter(field)

    def keys(tokens: Sequence[Token], statuses: Sequence[DisplayStatus]) -> list:
        # Keeping the token's own string when folding changes nothing (IDs are lower-case UUIDs)
        # saves a copy per row: 8 MB a column at 100,000 rows. Inlined: a call per row is a third slower.
        return [(text if (folded := text.casefold()) == text else folded) if text else LAST_TEXT
                for text in map(read, tokens)]

    return keys


# One time field

def time_text(field: str, missing: str):
    read = attrgetter(field)
    return lambda token, status: optional_local_time(read(token), missing)


def time_tooltip(field: str, missing: str):
    read = attrgetter(field)
    return lambda token, status, now: utc_tooltip(read(token), missing)


def revoked_at_tooltip(token: Token, status: DisplayStatus, now: datetime) -> str:
    return utc_tooltip(token.revoked_at, revoked_at_missing(token))


def time_keys(field: str):
    read = attrgetter(field)

    def keys(tokens: Sequence[Token], statuses: Sequence[DisplayStatus]) -> list:
        return [LAST_TIME if moment is None else moment.timestamp() for moment in map(read, tokens)]

    return keys


# Databases (database tokens' permissions)

def databases_text(token: Token, status: DisplayStatus) -> str:
    return permissions_summary(token.permissions)


def databases_tooltip(token: Token, status: DisplayStatus, now: datetime) -> str:
    return plain_tooltip(permissions_details(token.permissions))


def databases_keys(tokens: Sequence[Token], statuses: Sequence[DisplayStatus]) -> list:
    # A handful of permission sets repeat across thousands of tokens: summarise each once.
    keys_by_permissions: dict[tuple, str] = {}
    return [keys_by_permissions.get(token.permissions) or keys_by_permissions.setdefault(
        token.permissions, _databases_key(token)) for token in tokens]


def _databases_key(token: Token) -> str:
    return LAST_TEXT if not token.permissions else permissions_summary(token.permissions).casefold()


# Findings (the model reads them from the list's FindingSet; see ColumnSpec.from_findings)

def no_text(token: Token, status: DisplayStatus) -> str:
    return ""


def no_tooltip(token: Token, status: DisplayStatus, now: datetime) -> str:
    return ""


def no_keys(tokens: Sequence[Token], statuses: Sequence[DisplayStatus]) -> list:
    return [0] * len(tokens)


# Cluster (database tokens listed from several clusters)

def cluster_text(token: Token, status: DisplayStatus) -> str:
    return token.cluster.label if token.cluster is not None else EMPTY_CELL


def cluster_tooltip(token: Token, status: DisplayStatus, now: datetime) -> str:
    cluster = token.cluster
    if cluster is None:
        return ""
    return plain_tooltip(f"{cluster.label}\nCluster ID: {cluster.id}")


def cluster_keys(tokens: Sequence[Token], statuses: Sequence[DisplayStatus]) -> list:
    # A handful of clusters across every row: fold each name once.
    keys_by_cluster: dict = {}
    return [keys_by_cluster.get(cluster) or keys_by_cluster.setdefault(cluster, _cluster_key(cluster))
            for cluster in map(_CLUSTER, tokens)]


def _cluster_key(cluster) -> str:
    return LAST_TEXT if cluster is None else cluster.label.casefold()


_CLUSTER = attrgetter("cluster")


# Search

def search_texts(tokens: Sequence[Token], fields: Sequence[str]) -> list[str]:
    """What the search box matches in each row: the searchable fields, casefolded.

    The usual fields get one f-string per row: a generic join per row measured twice as slow."""
    if not fields:
        return [""] * len(tokens)
    if tuple(fields) == ("description", "id", "prefix"):
        return [f"{token.description}\0{token.id}\0{token.prefix or ''}".casefold() for token in tokens]
    if tuple(fields) == ("description", "id"):
        return [f"{token.description}\0{token.id}".casefold() for token in tokens]
    if tuple(fields) == ("description", "id", "cluster_name"):  # database tokens
        return [f"{token.description}\0{token.id}\0{c.name if (c := token.cluster) else ''}".casefold()
                for token in tokens]
    read = attrgetter(*fields) if len(fields) > 1 else (lambda token: (attrgetter(fields[0])(token),))
    return ["\0".join(value or "" for value in read(token)).casefold() for token in tokens]
