"""Every action acts on the token's own cluster: listed per cluster over REST (each request checked against the
official document) and through influxctl's `--cluster`, revoked and recorded where the token lives."""

from __future__ import annotations

import httpx
import pytest

from tests.api.test_client_requests_contract import ContractCheckingTransport
from tests.clusters.conftest import cluster_id_named
from token_desk.api.client import ManagementApiClient
from token_desk.api.clusters import Cluster
from token_desk.api.models import Permission, TokenKind
from token_desk.history import Journal, RecordingService, Target
from token_desk.revocation import revoke_tokens
from token_desk.ui.tokens.cluster_loader import fetch_cluster_rows
from token_desk.models.columns import DATABASE_COLUMNS


def cluster_of(account, name: str) -> Cluster:
    return Cluster(cluster_id_named(account, name), name, "ready")


def listed_from(service, cluster: Cluster):
    return fetch_cluster_rows(service, cluster, DATABASE_COLUMNS).tokens


def deletes(account) -> list[str]:
    return [entry.path for entry in account.state.request_log if entry.method == "DELETE"]


def test_each_clusters_rest_requests_use_its_id_and_validate_against_the_document(account) -> None:
    transport = ContractCheckingTransport()
    http = httpx.Client(transport=transport)
    client = ManagementApiClient(account.url, account.account_id, account.cluster_id, account.management_token,
                                 http_client=http)
    try:
        for name in ("staging", "eu-2"):
            staging = client.for_cluster(cluster_id_named(account, name))
            assert {token.id for token in staging.list_database_tokens()} == {
                row["id"] for row in account.state.cluster(staging.cluster_id).database_tokens()}
            created = staging.create_database_token("per-cluster", [Permission("read", "*")]).token
            staging.update_database_token(created.id, description="renamed")
            staging.list_databases()
            staging.revoke_database_token(created.id)
            assert account.state.cluster(staging.cluster_id).database_token(created.id)["revokedAt"]
            assert account.state.database_token(created.id) is None  # never in the connection's own cluster
    finally:
        client.close()
        http.close()
    assert {"GetDatabaseTokens", "CreateDatabaseToken", "UpdateDatabaseToken", "DeleteDatabaseToken",
            "GetClusterDatabases"} <= set(transport.operations)


def test_every_token_is_marked_with_the_cluster_it_was_listed_from(account, way_a) -> None:
    staging = cluster_of(account, "staging")
    tokens = listed_from(way_a, staging)
    assert len(tokens) == 5 and {token.cluster for token in tokens} == {staging}
    assert {token.cluster_id for token in tokens} == {staging.id}


def test_way_b_reaches_another_cluster_with_the_cluster_flag(account, way_b) -> None:
    eu2 = cluster_of(account, "eu-2")
    tokens = listed_from(way_b, eu2)
    assert {token.id for token in tokens} == {row["id"] for row in account.state.cluster(eu2.id).database_tokens()}
    (outcome,) = revoke_tokens(way_b, [tokens[0]]).outcomes
    assert outcome.succeeded
    assert account.state.cluster(eu2.id).database_token(tokens[0].id)["revokedAt"]


def test_a_revoke_goes_to_the_tokens_cluster_only(account, way_a) -> None:
    staging = cluster_of(account, "staging")
    token = next(token for token in listed_from(way_a, staging) if token.is_active)
    assert way_a.cluster_id == account.cluster_id != staging.id  # the connection's own cluster is another

    (outcome,) = revoke_tokens(way_a, [token]).outcomes

    assert outcome.succeeded and outcome.revoked.revoked_at is not None
    assert outcome.revoked.cluster == staging  # the row keeps its cluster for whatever is done next
    assert account.state.cluster(staging.id).database_token(token.id)["revokedAt"]
    assert deletes(account) == [f"/api/v0/accounts/{account.account_id}/clusters/{staging.id}/tokens/{token.id}"]


def test_a_bulk_revoke_across_three_clusters_revokes_each_where_it_lives(account, way_a) -> None:
    production = Cluster(account.cluster_id, "Production (eu-central-1)", "ready")
    clusters = [production, cluster_of(account, "staging"), cluster_of(account, "eu-2")]
    chosen = [next(token for token in listed_from(way_a, cluster) if token.is_active) for cluster in clusters]

    report = revoke_tokens(way_a, chosen)

    assert report.all_succeeded and len(report.outcomes) == 3
    for cluster, token in zip(clusters, chosen):
        assert account.state.cluster(cluster.id).database_token(token.id)["revokedAt"]
    assert sorted(deletes(account)) == sorted(
        f"/api/v0/accounts/{account.account_id}/clusters/{cluster.id}/tokens/{token.id}"
        for cluster, token in zip(clusters, chosen))


def test_a_token_listed_without_a_cluster_stays_with_the_connections_own(account, way_a) -> None:
    token = next(token for token in way_a.list_tokens(TokenKind.DATABASE) if token.is_active)
    assert token.cluster is None
    assert revoke_tokens(way_a, [token]).all_succeeded
    assert deletes(account) == [f"/api/v0/accounts/{account.account_id}/clusters/{account.cluster_id}/tokens/{token.id}"]


def test_history_entries_record_the_cluster_the_change_went_to(account, way_a, tmp_path) -> None:
    journal = Journal(tmp_path / "history")
    target = Target("Production", "127.0.0.1", account.account_id, account.cluster_id)
    recording = RecordingService(way_a, journal, target)
    staging = cluster_of(account, "staging")
    token = next(token for token in listed_from(recording, staging) if token.is_active)

    assert revoke_tokens(recording, [token]).all_succeeded

    (entry,) = journal.read().entries
    assert entry.target.cluster_id == staging.id and entry.token_id == token.id
    assert entry.description == token.description  # remembered from the staging list
    assert entry.outcome.value == "confirmed"


@pytest.mark.parametrize("way", ["way_a", "way_b"])
def test_closing_a_cluster_view_leaves_the_connection_working(request, account, way) -> None:
    service = request.getfixturevalue(way)
    service.for_cluster(cluster_id_named(account, "staging")).close()
    assert service.list_tokens(TokenKind.DATABASE)


def test_a_dropped_revoke_answer_is_retried_and_read_back_on_the_tokens_cluster(account, way_a) -> None:
    staging = cluster_of(account, "staging")
    token = next(token for token in listed_from(way_a, staging) if token.is_active)
    account.faults.drop_next_answers(1)  # the revoke happens, its answer never arrives

    (outcome,) = revoke_tokens(way_a, [token]).outcomes

    assert outcome.succeeded and outcome.revoked.cluster == staging
    assert len(deletes(account)) == 2  # the dropped one and its retry
    token_paths = {entry.path for entry in account.state.request_log if token.id in entry.path}
    assert token_paths == {f"/api/v0/accounts/{account.account_id}/clusters/{staging.id}/tokens/{token.id}"}
