"""The influxctl subcommands Token Desk runs, exactly as INFLUXCTL.md documents them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from token_desk.api.models import Permission, format_timestamp

_DATABASE_FLAGS = {"read": "--read-database", "write": "--write-database"}


class Commands:
    """Argument lists after the global flags; one token ID per revoke, so each gets its own result."""

    @staticmethod
    def version() -> list[str]:
        return ["version"]

    @staticmethod
    def management_list() -> list[str]:
        return ["management", "list", "--format", "json"]

    @staticmethod
    def management_revoke(token_id: str) -> list[str]:
        return ["management", "revoke", "--force", token_id]

    @staticmethod
    def management_create(description: str, expires_at: datetime | None) -> list[str]:
        return ["management", "create", "--description", description, *_expiry(expires_at)]

    @staticmethod
    def token_list(include_revoked: bool = True) -> list[str]:
        return ["token", "list", *(["--include-revoked"] if include_revoked else []), "--format", "json"]

    @staticmethod
    def token_revoke(token_id: str) -> list[str]:
        return ["token", "revoke", "--force", token_id]

    @staticmethod
    def token_create(description: str, permissions: Sequence[Permission], expires_at: datetime | None) -> list[str]:
        return ["token", "create", *database_flags(permissions), *_expiry(expires_at), description]

    @staticmethod
    def token_update(token_id: str, permissions: Sequence[Permission]) -> list[str]:
        return ["token", "update", *database_flags(permissions), token_id]

    @staticmethod
    def cluster_list() -> list[str]:
        return ["cluster", "list", "--format", "json"]

    @staticmethod
    def cluster_get(cluster_id: str) -> list[str]:
        return ["cluster", "get", "--format", "json", cluster_id]

    @staticmethod
    def database_list() -> list[str]:
        return ["database", "list", "--format", "json"]


def database_flags(permissions: Sequence[Permission]) -> list[str]:
    """`--read-database NAME` / `--write-database NAME`, one pair of words per permission."""
    flags: list[str] = []
    for permission in permissions:
        flag = _DATABASE_FLAGS.get(permission.action)
        if flag is None:
            raise ValueError(f"influxctl grants only read and write, not {permission.action!r}.")
        flags += [flag, permission.resource]
    return flags


def _expiry(expires_at: datetime | None) -> list[str]:
    return [] if expires_at is None else ["--expires-at", format_timestamp(expires_at)]
