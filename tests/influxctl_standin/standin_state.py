"""The stand-in's world, one JSON file named by INFLUXCTL_STANDIN_STATE (stdlib only).

Secrets are kept as SHA-256 digests only, so a test can search every file on disk for a secret and
know a hit is never the stand-in's own state. Each process locks the file while it reads and writes.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import secrets
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

STATE_ENV = "INFLUXCTL_STANDIN_STATE"


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def timestamp(seconds: int, nanos: int = 0) -> dict[str, int]:
    """The documented {seconds, nanos} object; nanos is left out when zero, as the docs' example shows."""
    return {"seconds": seconds, "nanos": nanos} if nanos else {"seconds": seconds}


def new_world(account_id: str | None = None, cluster_id: str | None = None) -> dict:
    return {
        "account_id": account_id or str(uuid.uuid4()),
        "cluster_id": cluster_id or str(uuid.uuid4()),
        "management_tokens": [],   # {"record": <documented JSON item>, "secret_sha256": ...}
        "database_tokens": [],     # {"record": ..., "secret_sha256": ...}
        "databases": [],
        "extra_valid_secrets": [],  # digests that authenticate without being a listed token
        "login": {"cached": False, "approved": False},
        "calls": [],
    }


def new_secret(kind: str) -> str:
    body = secrets.token_urlsafe(48)
    return f"M.V1.{body}" if kind == "management" else f"apiv1_{body}"


def add_management_token(world: dict, description: str, *, created: dict, expires: dict | None = None,
                         revoked: dict | None = None, secret: str | None = None,
                         created_by: str | None = None) -> tuple[str, str]:
    """Adds a management token in the documented JSON shape; returns (id, secret)."""
    secret = secret or new_secret("management")
    token_id = str(uuid.uuid4())
    record = {"id": token_id, "account_id": world["account_id"], "token_prefix": secret[:9]}
    if revoked is not None:
        record["revoked_at"] = revoked
    if expires is not None:
        record["expires_at"] = expires
    record.update({"created_at": created, "description": description,
                   "created_by": created_by or "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"})
    world["management_tokens"].append({"record": record, "secret_sha256": digest(secret)})
    return token_id, secret


def add_database_token(world: dict, description: str, permissions: list[tuple[str, str]], *,
                       created: dict | None = None, revoked: dict | None = None,
                       secret: str | None = None) -> tuple[str, str]:
    secret = secret or new_secret("database")
    token_id = str(uuid.uuid4())
    record = {"account_id": world["account_id"], "cluster_id": world["cluster_id"], "id": token_id,
              "description": description, "permissions": permission_items(permissions)}
    if created is not None:
        record["created_at"] = created
    if revoked is not None:
        record["revoked_at"] = revoked
    world["database_tokens"].append({"record": record, "secret_sha256": digest(secret)})
    return token_id, secret


def permission_items(permissions: list[tuple[str, str]]) -> list[dict]:
    return [{"id": "00000000-0000-0000-0000-000000000000", "action": action, "resource": resource}
            for action, resource in permissions]


def add_database(world: dict, name: str) -> None:
    world["databases"].append({
        "account_id": world["account_id"], "cluster_id": world["cluster_id"], "database_name": name,
        "retention_period_ns": 0, "max_tables": 500, "max_columns_per_table": 200})


def write(path: Path, world: dict) -> None:
    with _locked(path):
        path.write_text(json.dumps(world, indent=1))


def read(path: Path) -> dict:
    with _locked(path):
        return json.loads(path.read_text())


@contextmanager
def changing(path: Path) -> Iterator[dict]:
    """The world, locked against other stand-in processes until the block ends; saved afterwards."""
    with _locked(path):
        world = json.loads(path.read_text())
        yield world
        temporary = path.with_name(path.name + ".new")
        temporary.write_text(json.dumps(world, indent=1))
        os.replace(temporary, path)


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    with open(path.with_name(path.name + ".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def find(world: dict, kind: str, token_id: str) -> dict | None:
    for entry in world[f"{kind}_tokens"]:
        if entry["record"]["id"] == token_id:
            return entry
    return None
