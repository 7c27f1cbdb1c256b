"""A small token factory and model fixtures for the model tests (no widgets)."""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

import pytest

from token_desk.api.models import Permission, Token, TokenKind
from token_desk.models import Column, TokenFilterProxy, TokenTableModel

NOW = datetime(2026, 11, 29, 10, 0, tzinfo=timezone.utc)
_ids = itertools.count(1)


def token_id(number: int) -> str:
    return f"00000000-0000-4000-8000-{number:012d}"


def make_token(
    description: str = "token",
    *,
    kind: TokenKind = TokenKind.MANAGEMENT,
    number: int | None = None,
    created_at: datetime = NOW - timedelta(days=30),
    expires_at: datetime | None = None,
    revoked_at: datetime | None = None,
    prefix: str | None = "M.V1.k7Q",
    created_by: str | None = "admin@example.com",
    permissions: tuple[Permission, ...] = (),
) -> Token:
    return Token(
        kind=kind,
        id=token_id(next(_ids) if number is None else number),
        description=description,
        created_at=created_at,
        prefix=prefix if kind is TokenKind.MANAGEMENT else None,
        created_by=created_by if kind is TokenKind.MANAGEMENT else None,
        expires_at=expires_at,
        revoked_at=revoked_at,
        permissions=permissions,
    )


def db_token(description: str = "db token", **fields) -> Token:
    return make_token(description, kind=TokenKind.DATABASE, **fields)


def set_time_zone(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.setenv("TZ", name)
    time.tzset()


def local_time_zone(monkeypatch: pytest.MonkeyPatch, name: str) -> Iterator[None]:
    """For a fixture: local time is `name` until the test ends, then this machine's own again."""
    set_time_zone(monkeypatch, name)
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture(autouse=True)
def utc_local_time(monkeypatch):
    """Local time is UTC unless a test picks another zone with set_time_zone()."""
    yield from local_time_zone(monkeypatch, "UTC")


@pytest.fixture
def management_model(qapp) -> TokenTableModel:
    return TokenTableModel(TokenKind.MANAGEMENT, clock=lambda: NOW)


@pytest.fixture
def database_model(qapp) -> TokenTableModel:
    return TokenTableModel(TokenKind.DATABASE, clock=lambda: NOW)


@pytest.fixture
def proxy(management_model) -> TokenFilterProxy:
    proxy = TokenFilterProxy()
    proxy.setSourceModel(management_model)
    return proxy


def section(model, column: Column) -> int:
    """Where `column` is in a token model or a proxy over one: tests never count columns."""
    source = model.sourceModel() if isinstance(model, TokenFilterProxy) else model
    return source.section_of(column)


def column_texts(model, column: Column) -> list[str]:
    at = section(model, column)
    return [model.index(row, at).data() for row in range(model.rowCount())]


def descriptions(model) -> list[str]:
    return column_texts(model, Column.DESCRIPTION)
