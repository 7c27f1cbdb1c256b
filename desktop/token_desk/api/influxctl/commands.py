"""The influxctl subcommands Token Desk runs, exactly as INFLUXCTL.md documents them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from token_desk.api.errors import BadRequestError
from token_desk.api.models import Permission, format_timestamp, require_complete

_DATABASE_FLAGS = {"read": "--read-database", "write": "--write-database"}
# What influxctl's release notes say came when (Token Desk accepts 2.6.0 and later, see program.py).
TIMEOUT_FLAG_SINCE = (2, 9, 7)  # the global --timeout
# `token revoke` (`token delete` before), `token list --include-revoked`, `token create --expires-at`:
TOKEN_REVOKE_SINCE = (2, 10, 0)
CREATE_TABLE_SINCE = (2, 11, 0)  # `create` prints a table with the new token's ID before the secret
Version = tuple[int, int, int] | None  # None: not known yet, so the newest documented form is sent


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
    require_complete(permissions)
    flags: list[str] = []
    for permission in permissions:
        flag = _DATABASE_FLAGS.get(permission.action)
        if flag is None:
            raise ValueError(f"influxctl grants only read and write, not {permission.action!r}.")
        flags += [flag, permission.resource]
    return flags


def _expiry(expires_at: datetime | None) -> list[str]:
    return [] if expires_at is None else ["--expires-at", format_timestamp(expires_at)]


def timeout_flags(seconds: int, version: Version) -> list[str]:
    """influxctl's own deadline, where it has one (before 2.9.7 only Token Desk's kill timer applies)."""
    return [] if _older(version, TIMEOUT_FLAG_SINCE) else ["--timeout", f"{seconds}s"]


def for_version(arguments: list[str], version: Version) -> list[str]:
    """A command in the form `version` knows. Before 2.10.0 a database token is deleted and `token list` has no
    --include-revoked; an expiry it cannot set is refused here, before anything is created without one."""
    if not _older(version, TOKEN_REVOKE_SINCE) or arguments[:1] != ["token"]:
        return arguments
    if arguments[1] == "revoke":
        return ["token", "delete", *arguments[2:]]
    if arguments[1] == "list":
        return [word for word in arguments if word != "--include-revoked"]
    if arguments[1] == "create" and "--expires-at" in arguments[2:-1:2]:  # flags come in pairs, then the description
        raise BadRequestError(f"influxctl {'.'.join(map(str, version))} cannot give a database token an expiry "
                              "(2.10.0 and later can); update influxctl, or create the token without an expiry.")
    return arguments


def prints_created_table(version: Version) -> bool:
    return not _older(version, CREATE_TABLE_SINCE)


def speaks_older_form(version: Version) -> bool:
    """Whether `version` spells some command differently from the newest documented form."""
    return _older(version, TOKEN_REVOKE_SINCE)


def _older(version: Version, since: tuple[int, int, int]) -> bool:
    return version is not None and version < since
