"""Rows for SQLite, each carrying the exact JSON the documents define for it.

The JSON text is computed once per write so a list of 100,000 tokens is a
string join, not 100,000 dict encodings per request.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from token_desk.sandbox.wire import expiry_epoch


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))  # built once: bulk rows call this 100k times


def to_json(record: dict[str, Any]) -> str:
    return _ENCODER.encode(record)


@dataclass(frozen=True, slots=True)
class ManagementToken:
    id: str
    description: str
    prefix: str
    created_at: str
    created_by: str | None = None
    expires_at: str | None = None
    revoked_at: str | None = None
    secret_hash: str | None = None

    def api_json(self, account_id: str) -> dict[str, Any]:
        """Field names and order as in management-tokens.openapi.yml; absent means unset."""
        record: dict[str, Any] = {
            "accountId": account_id, "id": self.id, "description": self.description,
            "tokenPrefix": self.prefix, "createdAt": self.created_at,
        }
        optional = (("createdBy", self.created_by), ("expiresAt", self.expires_at),
                    ("revokedAt", self.revoked_at))
        record.update((name, value) for name, value in optional if value is not None)
        return record

    def row(self, account_id: str) -> tuple:
        return (self.id, self.secret_hash, self.description, expiry_epoch(self.expires_at),
                self.revoked_at, to_json(self.api_json(account_id)))


@dataclass(frozen=True, slots=True)
class DatabaseToken:
    id: str
    description: str
    permissions: tuple[tuple[str, str], ...]
    created_at: str
    expires_at: str | None = None
    revoked_at: str | None = None
    secret_hash: str | None = None

    def api_json(self, account_id: str, cluster_id: str) -> dict[str, Any]:
        """Field names and order as in cloud-dedicated-management.openapi.yml."""
        record: dict[str, Any] = {
            "accountId": account_id, "clusterId": cluster_id, "id": self.id,
            "description": self.description,
            "permissions": [{"action": a, "resource": r} for a, r in self.permissions],
            "createdAt": self.created_at,
        }
        optional = (("expiresAt", self.expires_at), ("revokedAt", self.revoked_at))
        record.update((name, value) for name, value in optional if value is not None)
        return record

    def row(self, account_id: str, cluster_id: str) -> tuple:
        return (self.id, self.secret_hash, self.description, expiry_epoch(self.expires_at),
                self.revoked_at, to_json(self.api_json(account_id, cluster_id)))


@dataclass(frozen=True, slots=True)
class Database:
    name: str
    max_tables: int = 500
    max_columns_per_table: int = 200
    retention_period: int = 0
    partition_template: tuple[dict[str, Any], ...] = ()

    def api_json(self, account_id: str, cluster_id: str) -> dict[str, Any]:
        record: dict[str, Any] = {
            "accountId": account_id, "clusterId": cluster_id, "name": self.name,
            "maxTables": self.max_tables, "maxColumnsPerTable": self.max_columns_per_table,
            "retentionPeriod": self.retention_period,
        }
        if self.partition_template:
            record["partitionTemplate"] = list(self.partition_template)
        return record

    def row(self, account_id: str, cluster_id: str) -> tuple:
        return (self.name, to_json(self.api_json(account_id, cluster_id)))
