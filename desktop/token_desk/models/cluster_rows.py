"""The database-token rows of several clusters, gathered as each cluster's list arrives. No Qt.

The table shows one RowValues; this keeps each cluster's own (prepared off the GUI thread) and joins them
in the clusters' order with RowValues.combined(), which reuses every precomputed value. Each cluster's
outcome is kept too: its rows, its error, or that it was not loaded (not ready), for the Clusters page's
counts and the one-line notice of a cluster that failed.
"""

from __future__ import annotations

from collections.abc import Sequence

from msgspec import Struct

from token_desk.api.clusters import Cluster
from token_desk.models.columns import ColumnSpec
from token_desk.models.row_values import RowValues


class ClusterCounts(Struct, frozen=True):
    active: int
    total: int


class ClusterRows:
    """Rows per cluster of one connection, in the order the clusters were given."""

    def __init__(self, columns: Sequence[ColumnSpec], clusters: Sequence[Cluster] = ()) -> None:
        self._columns = tuple(columns)
        self._clusters: list[Cluster] = list(clusters)
        self._rows: dict[str, RowValues] = {}
        self._errors: dict[str, BaseException] = {}

    @property
    def clusters(self) -> tuple[Cluster, ...]:
        return tuple(self._clusters)

    def set_clusters(self, clusters: Sequence[Cluster]) -> None:
        """The clusters to show from now on; rows and errors of clusters no longer among them are dropped."""
        self._clusters = list(clusters)
        ids = {cluster.id for cluster in clusters}
        self._rows = {key: rows for key, rows in self._rows.items() if key in ids}
        self._errors = {key: error for key, error in self._errors.items() if key in ids}

    def put(self, cluster: Cluster, rows: RowValues) -> None:
        """A cluster's fresh list (replacing its previous one, and any error it had)."""
        if rows.columns != self._columns:
            raise ValueError("rows prepared for other columns than this table's")
        self._remember(cluster)
        self._rows[cluster.id] = rows
        self._errors.pop(cluster.id, None)

    def fail(self, cluster: Cluster, error: BaseException) -> None:
        """A cluster that could not be listed: its earlier rows (if any) go, so nothing stale is shown as current."""
        self._remember(cluster)
        self._rows.pop(cluster.id, None)
        self._errors[cluster.id] = error

    def forget(self, cluster_id: str) -> None:
        """Neither rows nor an error for this cluster: it is being listed anew."""
        self._rows.pop(cluster_id, None)
        self._errors.pop(cluster_id, None)

    def rows_of(self, cluster_id: str) -> RowValues | None:
        return self._rows.get(cluster_id)

    def error_of(self, cluster_id: str) -> BaseException | None:
        return self._errors.get(cluster_id)

    def failed(self) -> list[tuple[Cluster, BaseException]]:
        return [(cluster, self._errors[cluster.id]) for cluster in self._clusters if cluster.id in self._errors]

    def is_loaded(self, cluster_id: str) -> bool:
        return cluster_id in self._rows

    def counts(self, cluster_id: str) -> ClusterCounts | None:
        """Active and total database tokens of a loaded cluster; None until it has loaded."""
        rows = self._rows.get(cluster_id)
        if rows is None:
            return None
        return ClusterCounts(rows.active.count(True), len(rows))

    @property
    def several_shown(self) -> bool:
        """Rows of more than one cluster are (or will be) in the table: the Cluster column tells them apart."""
        return len(self._clusters) > 1

    def combined(self, cluster_ids: Sequence[str] | None = None) -> RowValues:
        """Every loaded cluster's rows (or those of `cluster_ids`), in the clusters' order."""
        parts = [self._rows[cluster.id] for cluster in self._clusters
                 if cluster.id in self._rows and (cluster_ids is None or cluster.id in cluster_ids)]
        return RowValues.combined(parts) if parts else RowValues(self._columns)

    def _remember(self, cluster: Cluster) -> None:
        for index, known in enumerate(self._clusters):
            if known.id == cluster.id:
                self._clusters[index] = cluster
                return
        self._clusters.append(cluster)
