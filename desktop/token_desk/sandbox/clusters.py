"""The clusters of the sandbox's one account: each with its own databases and database tokens.

The REST API has no cluster list: its paths take a cluster ID, and the sandbox answers each cluster's
paths from that cluster's own store. Management tokens belong to the account and live in the first
cluster's store. The influxctl emulator learns the account's clusters from CLUSTERS_PATH, a sandbox-only
path standing in for the service behind `influxctl cluster list` (Token Desk itself never calls it).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from token_desk.sandbox.seed import DATABASE_SEEDS, DATABASE_SEEDS_LIST

READY, PROVISIONING = "ready", "provisioning"
PRIMARY_NAME = "Production (eu-central-1)"
# Not under /api/v0: no document describes it, and no Management API client may ever speak it.
CLUSTERS_PATH = re.compile(r"/sandbox/accounts/([^/]+)/clusters")


@dataclass(frozen=True)
class ClusterSeed:
    """Another cluster of the account: its name, state, and which of the seed tokens and databases it has."""

    name: str
    state: str = READY
    token_seeds: tuple = ()
    databases: tuple = ()


# The demo's account: production (the connection's own cluster), a staging cluster with tokens of its own,
# and a cluster still being set up (shown as such, never loaded).
DEMO_CLUSTERS = (
    ClusterSeed("Staging (eu-central-1)", READY, DATABASE_SEEDS[::3], DATABASE_SEEDS_LIST[::2]),
    ClusterSeed("Analytics (us-east-1)", PROVISIONING),
)


def cluster_url(cluster_id: str) -> str:
    """Like the service's `<cluster id>.a.influxdb.io`, under a name that can never resolve."""
    return f"{cluster_id}.sandbox.invalid"


def cluster_record(cluster_id: str, account_id: str, name: str, state: str, created_at: str) -> dict:
    """What the sandbox-only cluster path answers per cluster (the emulator turns it into influxctl's JSON)."""
    return {"id": cluster_id, "accountId": account_id, "name": name, "state": state,
            "url": cluster_url(cluster_id), "createdAt": created_at}


def clusters_json(records: list[dict]) -> str:
    return json.dumps(records, ensure_ascii=False)
