"""Which clusters a connection shows: influxctl's `cluster list` in both ways of signing in (the emulator, real
processes), and the connection's own cluster plus the ones added by ID where influxctl cannot list them."""

from __future__ import annotations

import pytest

from tests.api.influxctl.influxctl_standins import calls, make_influxctl
from tests.clusters.conftest import cluster_id_named
from token_desk.api.clusters import Cluster, discover_clusters
from token_desk.api.connect import influxctl_profile_service, management_token_service
from token_desk.api.influxctl import InfluxctlNotInstalledError, InfluxctlOutputError, InfluxctlProgram
from token_desk.api.influxctl.output import parse_cluster_get, parse_cluster_list

ADDED = "7a7a7a7a-1111-4222-8333-444455556666"

# INFLUXCTL.md, "Clusters of an account": the documented example, key for key.
DOCUMENTED = b'''[
  {
    "account_id": "0b1f3c52-8d4e-4a9b-b7c6-1e2d3f4a5b6c",
    "cluster_id": "4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8",
    "name": "Internal - Cluster 1",
    "url": "4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8.a.influxdb.io",
    "state": "ready",
    "created_at": {"seconds": 1686670941, "nanos": 520023000},
    "category": 1
  }
]'''


def test_the_documented_json_reads_as_a_ready_cluster() -> None:
    (cluster,) = parse_cluster_list(DOCUMENTED)
    assert (cluster.id, cluster.name, cluster.state) == ("4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8",
                                                         "Internal - Cluster 1", "ready")
    assert cluster.url == "4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8.a.influxdb.io"
    assert cluster.created_at.isoformat() == "2023-06-13T15:42:21.520023+00:00"
    assert cluster.can_load


def test_only_the_cluster_id_is_required_and_null_is_no_clusters() -> None:
    (cluster,) = parse_cluster_list(b'[{"cluster_id": "4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8", "extra": [1]}]')
    assert (cluster.name, cluster.state, cluster.label) == ("", None, "4e5f6a7b\u2026")
    assert parse_cluster_list(b"null") == []
    assert parse_cluster_get(DOCUMENTED).name == "Internal - Cluster 1"  # a list holding it reads too


@pytest.mark.parametrize("printed, said", [
    (b'[{"name": "x"}]', "item 1 without the 'cluster_id' field"),
    (b'[{"cluster_id": "--config=/tmp/x"}]', "'cluster_id' field is not a UUID"),
    (b"Error: unknown command", "did not print JSON"),
])
def test_output_that_is_not_the_documented_list_is_refused_in_words(printed, said) -> None:
    with pytest.raises(InfluxctlOutputError, match=said):
        parse_cluster_list(printed)


def test_a_cluster_that_is_not_ready_is_never_loaded() -> None:
    assert not Cluster("4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8", state="provisioning").can_load
    assert Cluster("4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8", state="READY").can_load
    assert Cluster("4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8").can_load  # added by ID: the server will say


@pytest.mark.parametrize("way", ["way_a", "way_b"])
def test_both_ways_list_every_cluster_of_the_account_own_first(request, account, way) -> None:
    service = request.getfixturevalue(way)
    found = discover_clusters(service.list_clusters, account.cluster_id, [ADDED])
    assert found.listed_by_influxctl
    by_name = {cluster.name: cluster for cluster in found.clusters if cluster.name}
    assert found.clusters[0].id == account.cluster_id
    assert {name: cluster.state for name, cluster in by_name.items()} == {
        "Production (eu-central-1)": "ready", "staging": "ready", "eu-2": "ready", "analytics": "provisioning"}
    assert by_name["staging"].id == cluster_id_named(account, "staging")
    assert found.clusters[-1] == Cluster(ADDED)  # added by ID, not listed: shown, state unknown


def test_way_a_lists_clusters_with_its_generated_config(account, tmp_path) -> None:
    """The generated config (the kept management token, through a pipe) is what `cluster list` signs in with."""
    program = make_influxctl(tmp_path, f"""
        if 'name = "token-desk"' in config and {account.management_token!r} in config:
            sys.stdout.buffer.write({DOCUMENTED!r})
        else:
            print("error\\tnot signed in", file=sys.stderr)
            sys.exit(1)
    """)
    service = management_token_service(account.url, account.account_id, account.cluster_id, account.management_token,
                                       InfluxctlProgram([str(program)]))
    try:
        assert [cluster.name for cluster in service.list_clusters()] == ["Internal - Cluster 1"]
    finally:
        service.close()
    (arguments,) = [call for call in calls(program) if call[-4:-2] == ["cluster", "list"]]
    assert arguments[arguments.index("--profile") + 1] == "token-desk"
    assert arguments[arguments.index("--config") + 1].startswith("/dev/fd/")  # never a file on disk


def test_without_influxctl_the_own_cluster_and_the_added_ones_are_shown(account) -> None:
    service = management_token_service(account.url, account.account_id, account.cluster_id, account.management_token,
                                       InfluxctlProgram(None))
    try:
        found = discover_clusters(service.list_clusters, account.cluster_id, [ADDED, account.cluster_id])
    finally:
        service.close()
    assert [cluster.id for cluster in found.clusters] == [account.cluster_id, ADDED]
    assert isinstance(found.problem, InfluxctlNotInstalledError)
    assert all(cluster.state is None and cluster.can_load for cluster in found.clusters)


def test_where_cluster_list_does_not_work_the_known_clusters_stand_in(tmp_path) -> None:
    """InfluxDB Clustered: `cluster list` fails; the connection still shows its own and the added clusters."""
    program = make_influxctl(tmp_path, """
        print("error\\tcluster list is not supported for this product; use cluster get", file=sys.stderr)
        sys.exit(1)
    """)
    service = influxctl_profile_service(InfluxctlProgram([str(program)]), None, "default")
    own = "5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f"
    try:
        found = discover_clusters(service.list_clusters, own, [ADDED])
    finally:
        service.close()
    assert [cluster.id for cluster in found.clusters] == [own, ADDED]
    assert not found.listed_by_influxctl and "not supported" in str(found.problem)


@pytest.mark.parametrize("way", ["way_a", "way_b"])
def test_cluster_get_reads_one_cluster_and_an_unknown_one_is_not_found(request, account, way) -> None:
    from token_desk.api.errors import NotFoundError

    bridge = request.getfixturevalue(way).management
    staging = bridge.get_cluster(cluster_id_named(account, "staging"))
    assert (staging.name, staging.state, staging.account_id) == ("staging", "ready", account.account_id)
    with pytest.raises(NotFoundError):
        bridge.get_cluster(ADDED)
