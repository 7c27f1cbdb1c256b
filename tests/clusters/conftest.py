"""What the multi-cluster tests share (the `account`, `way_a` and `way_b` fixtures are in tests/conftest.py)."""

from __future__ import annotations

from token_desk.sandbox import Sandbox


def cluster_id_named(sandbox: Sandbox, name: str) -> str:
    return next(record["id"] for record in sandbox.cluster_records() if record["name"] == name)
