"""The table of several clusters: arrivals that come together are shown in one refresh, and a cluster
chosen away is gone from the table at once."""

from __future__ import annotations

from tests.models.test_cluster_rows import PRODUCTION, STAGING, UNNAMED, tokens_of
from tests.models.conftest import NOW
from token_desk.api.models import TokenKind
from token_desk.models import TokenTableModel
from token_desk.models.cluster_table import ClusterTable
from token_desk.models.columns import DATABASE_COLUMNS
from token_desk.models.row_values import RowValues


def prepared(cluster, *descriptions):
    return RowValues(DATABASE_COLUMNS, tokens_of(cluster, list(descriptions)), NOW)


def test_clusters_arriving_together_are_shown_in_one_refresh(qtbot) -> None:
    model = TokenTableModel(TokenKind.DATABASE, clock=lambda: NOW)
    table = ClusterTable(model, [PRODUCTION, STAGING, UNNAMED])
    resets = []
    model.modelReset.connect(lambda: resets.append(model.rowCount()))
    table.put(STAGING, prepared(STAGING, "a", "b"))
    table.put(PRODUCTION, prepared(PRODUCTION, "c"))
    assert table.pending and model.rowCount() == 0
    with qtbot.waitSignal(table.changed):
        pass
    assert resets == [3] and not table.pending
    assert [model.token_at(row).cluster for row in range(3)] == [PRODUCTION, STAGING, STAGING]  # clusters' order


def test_choosing_fewer_clusters_drops_the_others_rows_at_once(qtbot) -> None:
    model = TokenTableModel(TokenKind.DATABASE, clock=lambda: NOW)
    table = ClusterTable(model, [PRODUCTION, STAGING])
    table.put(STAGING, prepared(STAGING, "a"))
    table.put(PRODUCTION, prepared(PRODUCTION, "b", "c"))
    table.refresh_now()
    table.show_clusters([STAGING])
    assert model.rowCount() == 1 and model.token_at(0).cluster == STAGING
    assert not table.rows.several_shown
