"""Tokens of several clusters in one table: each row names its cluster, the search box finds cluster names,
sorting by Cluster groups them, and joining the clusters' rows gives exactly what one list of them all gives."""

from __future__ import annotations

import random

from PySide6.QtCore import Qt

from tests.models.conftest import NOW, make_token
from token_desk.api.clusters import Cluster
from token_desk.api.models import Permission, TokenKind
from token_desk.findings import rules
from token_desk.models import Column, TokenFilterProxy, TokenTableModel
from token_desk.models.cluster_rows import ClusterRows
from token_desk.models.columns import CLUSTER, DATABASE_COLUMNS
from token_desk.models.row_values import RowValues

PRODUCTION = Cluster("11111111-1111-4111-8111-111111111111", "Production", "ready")
STAGING = Cluster("22222222-2222-4222-8222-222222222222", "Staging", "ready")
UNNAMED = Cluster("33333333-3333-4333-8333-333333333333")  # added by ID: no name known


def tokens_of(cluster: Cluster, descriptions: list[str]):
    return [make_token(text, kind=TokenKind.DATABASE).replace(cluster=cluster, cluster_id=cluster.id)
            for text in descriptions]


def test_the_cluster_cell_shows_its_name_and_its_id_in_the_tooltip() -> None:
    (token,) = tokens_of(STAGING, ["grafana"])
    assert CLUSTER.text(token, None) == "Staging"
    assert STAGING.id in CLUSTER.tooltip(token, None, NOW)
    (unnamed,) = tokens_of(UNNAMED, ["x"])
    assert CLUSTER.text(unnamed, None) == "33333333\u2026"
    assert CLUSTER.text(make_token("own", kind=TokenKind.DATABASE), None) == "—"


def test_joined_clusters_equal_one_list_of_all_their_tokens() -> None:
    rng = random.Random(4)
    parts = [tokens_of(cluster, [f"t{rng.randrange(50)}" for _ in range(40)])
             for cluster in (PRODUCTION, STAGING, UNNAMED)]
    rows = ClusterRows(DATABASE_COLUMNS, [PRODUCTION, STAGING, UNNAMED])
    for cluster, tokens in zip((STAGING, UNNAMED, PRODUCTION), (parts[1], parts[2], parts[0])):  # any arrival order
        prepared = RowValues(DATABASE_COLUMNS, tokens, NOW)
        prepared.keys(CLUSTER)
        rows.put(cluster, prepared)
    joined = rows.combined()
    whole = RowValues(DATABASE_COLUMNS, [token for part in parts for token in part], NOW)
    assert joined.tokens == whole.tokens  # in the clusters' order, not the order they arrived in
    assert joined.search_texts == whole.search_texts and joined.statuses == whole.statuses
    assert joined.id_order() == whole.id_order()
    assert joined.keys(CLUSTER) == whole.keys(CLUSTER)
    assert [rows.counts(cluster.id).total for cluster in rows.clusters] == [40, 40, 40]


def test_search_matches_cluster_names_and_sorting_groups_by_cluster(qapp) -> None:
    model = TokenTableModel(TokenKind.DATABASE, clock=lambda: NOW)
    proxy = TokenFilterProxy()
    proxy.setSourceModel(model)
    rows = ClusterRows(DATABASE_COLUMNS, [PRODUCTION, STAGING])
    rows.put(PRODUCTION, RowValues(DATABASE_COLUMNS, tokens_of(PRODUCTION, ["writer", "reader"]), NOW))
    rows.put(STAGING, RowValues(DATABASE_COLUMNS, tokens_of(STAGING, ["writer"]), NOW))
    model.set_tokens(rows.combined())

    proxy.set_search_text("stag")
    assert proxy.rowCount() == 1
    proxy.set_search_text("")
    proxy.sort(model.section_of(Column.CLUSTER), Qt.SortOrder.DescendingOrder)
    column = model.section_of(Column.CLUSTER)
    assert [proxy.index(row, column).data() for row in range(proxy.rowCount())] == ["Staging", "Production",
                                                                                     "Production"]


def test_a_cluster_that_fails_after_loading_shows_no_stale_rows() -> None:
    rows = ClusterRows(DATABASE_COLUMNS, [PRODUCTION, STAGING])
    rows.put(STAGING, RowValues(DATABASE_COLUMNS, tokens_of(STAGING, ["a", "b"]), NOW))
    rows.fail(STAGING, TimeoutError("no answer"))
    assert len(rows.combined()) == 0 and rows.counts(STAGING.id) is None
    assert [cluster for cluster, _error in rows.failed()] == [STAGING]
    assert rows.several_shown


def test_a_token_changed_in_the_table_stays_changed_when_another_cluster_arrives() -> None:
    rows = ClusterRows(DATABASE_COLUMNS, [PRODUCTION, STAGING])
    rows.put(PRODUCTION, RowValues(DATABASE_COLUMNS, tokens_of(PRODUCTION, ["a", "b"]), NOW))
    shown = rows.combined()
    rows.put(STAGING, RowValues(DATABASE_COLUMNS, tokens_of(STAGING, ["c"]), NOW))
    shown = rows.combined()
    revoked = shown.tokens[1].replace(revoked_at=NOW)
    shown.replace(1, revoked)  # the table learns of a revoke
    rows.put(UNNAMED, RowValues(DATABASE_COLUMNS, tokens_of(UNNAMED, ["d"]), NOW))
    assert rows.combined().tokens[1] == revoked and not rows.combined().active[1]


def test_joined_clusters_keep_each_clusters_findings() -> None:
    """A token naming a database its own cluster lacks is flagged, one naming a database only another cluster
    has is flagged too; a description two clusters share is not "shared", one used twice in a cluster is."""
    def token(cluster: Cluster, text: str, database: str):
        return make_token(text, kind=TokenKind.DATABASE, permissions=(Permission("read", database),)).replace(
            cluster=cluster, cluster_id=cluster.id)

    production = [token(PRODUCTION, "grafana", "sensors"), token(PRODUCTION, "writer", "metrics")]
    staging = [token(STAGING, "grafana", "sensors"), token(STAGING, "loader", "sensors"),
               token(STAGING, "loader", "sensors")]
    rows = ClusterRows(DATABASE_COLUMNS, [PRODUCTION, STAGING])
    rows.put(PRODUCTION, RowValues(DATABASE_COLUMNS, production, NOW, databases=["sensors"]))
    rows.put(STAGING, RowValues(DATABASE_COLUMNS, staging, NOW, databases=["sensors", "metrics"]))
    joined = rows.combined()
    joined.apply_shared(joined.findings.count_shared())

    def rules_of(row: int) -> set:
        return {finding.rule for finding in joined.findings_at(row)}

    assert rules.MISSING_DATABASE in rules_of(1) and "metrics" in joined.findings_at(1)[0].sentence
    assert rules.MISSING_DATABASE not in rules_of(0) | rules_of(2)
    assert rules.DUPLICATE_DESCRIPTION not in rules_of(0) | rules_of(2)  # "grafana" once per cluster
    assert rules.DUPLICATE_DESCRIPTION in rules_of(3) & rules_of(4)
    # Renaming one "loader" ends the sharing in its cluster only.
    others = joined.replace(3, joined.tokens[3].replace(description="loader 2"))
    assert others == [4] and rules.DUPLICATE_DESCRIPTION not in rules_of(4)
