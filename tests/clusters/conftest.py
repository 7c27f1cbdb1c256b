"""An account of several clusters at the sandbox, and the connection's token service for it (both ways)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from token_desk.api.connect import influxctl_profile_service, management_token_service
from token_desk.api.influxctl import InfluxctlProgram
from token_desk.sandbox import Sandbox, start_sandbox
from token_desk.sandbox.clusters import PROVISIONING, READY, ClusterSeed
from token_desk.sandbox.seed import DATABASE_SEEDS, DATABASE_SEEDS_LIST

# The connection's own cluster (production), staging and eu-2 with tokens of their own, one being set up.
ACCOUNT_CLUSTERS = (
    ClusterSeed("staging", READY, DATABASE_SEEDS[:5], DATABASE_SEEDS_LIST[:2]),
    ClusterSeed("eu-2", READY, DATABASE_SEEDS[5:8], DATABASE_SEEDS_LIST[2:3]),
    ClusterSeed("analytics", PROVISIONING),
)


@pytest.fixture
def account() -> Iterator[Sandbox]:
    with start_sandbox(data=":memory:", seed=3, clusters=ACCOUNT_CLUSTERS) as running:
        yield running


def cluster_id_named(sandbox: Sandbox, name: str) -> str:
    return next(record["id"] for record in sandbox.cluster_records() if record["name"] == name)


@pytest.fixture
def way_a(account):
    """Way a: REST with the kept management token; influxctl (the emulator) with a generated config."""
    service = management_token_service(account.url, account.account_id, account.cluster_id, account.management_token,
                                       InfluxctlProgram(account.influxctl_command), sleep=lambda seconds: None)
    yield service
    service.close()


@pytest.fixture
def way_b(account):
    """Way b: everything through influxctl and its own profile (the emulator reads the sandbox's config)."""
    service = influxctl_profile_service(InfluxctlProgram(account.influxctl_command), str(account.influxctl_config()),
                                        "default")
    yield service
    service.close()
