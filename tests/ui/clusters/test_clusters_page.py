"""The Clusters page and the cluster picker, fed by a real multi-cluster load from the sandbox."""

from __future__ import annotations

from token_desk.api.clusters import Cluster, ClusterDiscovery
from token_desk.api.errors import PermissionDeniedError
from token_desk.api.influxctl import InfluxctlNotInstalledError
from token_desk.models.cluster_rows import ClusterRows
from token_desk.models.columns import DATABASE_COLUMNS
from token_desk.ui.clusters import ALL_CLUSTERS, ClusterChoiceMemory, ClusterPicker, ClustersPage
from token_desk.ui.tokens.cluster_loader import ClusterTokenLoader


def clusters_of(sandbox) -> list[Cluster]:
    return [Cluster(r["id"], r["name"], r["state"], r["url"]) for r in sandbox.cluster_records()]


def cells(page: ClustersPage, row: int) -> list[str]:
    return [page.model.index(row, column).data() for column in range(page.model.columnCount())]


def test_the_page_lists_every_cluster_with_counts_filled_as_each_loads(qtbot, account, way_a) -> None:
    clusters = clusters_of(account)
    rows = ClusterRows(DATABASE_COLUMNS, clusters)
    page = ClustersPage(rows)
    qtbot.addWidget(page)
    page.refresh()
    assert [cells(page, row)[0] for row in range(4)] == ["Production (eu-central-1)", "staging", "eu-2", "analytics"]
    assert cells(page, 1)[5:] == ["…", "…"]  # not loaded yet
    account.faults.refuse_cluster(clusters[2].id, 403)
    loader = ClusterTokenLoader(DATABASE_COLUMNS)
    loader.cluster_loaded.connect(lambda cluster, values: (rows.put(cluster, values), page.refresh()))
    loader.cluster_failed.connect(lambda cluster, error: (rows.fail(cluster, error), page.refresh()))
    with qtbot.waitSignal(loader.finished):
        loader.load(way_a, clusters)
    staging_rows = account.state.cluster(clusters[1].id).database_tokens()
    active = sum(1 for row in staging_rows if not row.get("revokedAt"))
    assert cells(page, 1)[5:] == [str(active), str(len(staging_rows))] == [str(active), "5"]
    assert cells(page, 2)[5:] == ["Failed", "Failed"]
    assert isinstance(page.model.error_at(2), PermissionDeniedError)
    assert cells(page, 3)[2:3] == ["Provisioning"] and cells(page, 3)[5:] == ["Not loaded", "Not loaded"]


def test_without_influxctls_list_the_page_says_why_in_plain_words(qtbot) -> None:
    page = ClustersPage(ClusterRows(DATABASE_COLUMNS))
    qtbot.addWidget(page)
    page.show_discovery(ClusterDiscovery((Cluster("4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8"),),
                                         InfluxctlNotInstalledError("Token Desk cannot find influxctl.")))
    assert not page.source_note.isHidden()
    assert "cannot find influxctl" in page.source_note.text()
    assert "<" not in page.source_note.text()


def test_the_picker_offers_all_clusters_and_remembers_the_choice_per_connection(qtbot, account,
                                                                                  isolated_settings) -> None:
    clusters = clusters_of(account)
    memory = ClusterChoiceMemory(isolated_settings)
    picker = ClusterPicker()
    qtbot.addWidget(picker)
    with qtbot.waitSignal(picker.chosen) as first:
        picker.set_clusters(clusters, memory.remembered("Production/EU"))
    assert first.args == [(clusters[0],)]  # nothing chosen yet: the connection's own cluster
    assert [picker.itemText(i) for i in range(picker.count())] == [
        ALL_CLUSTERS, "Production (eu-central-1)", "staging", "eu-2", "analytics (provisioning)"]
    with qtbot.waitSignal(picker.chosen) as everything:
        picker.setCurrentIndex(0)
    assert everything.args == [tuple(clusters)]
    memory.remember("Production/EU", picker.chosen_id())
    memory.remember("Lab", clusters[1].id)

    again = ClusterPicker()
    qtbot.addWidget(again)
    again.set_clusters(clusters, ClusterChoiceMemory(isolated_settings).remembered("Production/EU"))
    assert again.currentText() == ALL_CLUSTERS
    again.set_clusters(clusters, memory.remembered("Lab"))
    assert again.chosen_clusters() == (clusters[1],)


def test_with_one_cluster_the_picker_is_disabled_and_says_why(qtbot) -> None:
    picker = ClusterPicker()
    qtbot.addWidget(picker)
    picker.set_clusters([Cluster("4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8", "Production", "ready")])
    assert not picker.isEnabled() and "add others by ID" in picker.toolTip()
    assert picker.currentText() == "Production"
