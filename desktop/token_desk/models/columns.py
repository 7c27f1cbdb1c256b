"""The columns of the token tables, per token kind, and their header labels."""

from __future__ import annotations

import enum

from token_desk.api.models import TokenKind


class Column(enum.Enum):
    STATUS = "Status"
    DESCRIPTION = "Description"
    TOKEN_ID = "Token ID"
    PREFIX = "Prefix"
    DATABASES = "Databases"
    CREATED_AT = "Created At"
    EXPIRES_AT = "Expires At"
    REVOKED_AT = "Revoked At"
    CREATED_BY = "Created By"

    @property
    def label(self) -> str:
        return self.value


_MANAGEMENT_COLUMNS = (
    Column.STATUS,
    Column.DESCRIPTION,
    Column.TOKEN_ID,
    Column.PREFIX,
    Column.CREATED_AT,
    Column.EXPIRES_AT,
    Column.REVOKED_AT,
    Column.CREATED_BY,
)

_DATABASE_COLUMNS = (
    Column.STATUS,
    Column.DESCRIPTION,
    Column.TOKEN_ID,
    Column.DATABASES,
    Column.CREATED_AT,
    Column.EXPIRES_AT,
    Column.REVOKED_AT,
)

TIME_COLUMNS = frozenset({Column.CREATED_AT, Column.EXPIRES_AT, Column.REVOKED_AT})


def columns_for(kind: TokenKind) -> tuple[Column, ...]:
    return _MANAGEMENT_COLUMNS if kind is TokenKind.MANAGEMENT else _DATABASE_COLUMNS
