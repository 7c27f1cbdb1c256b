"""Feeds the database-token table from several clusters as they arrive, joining arrivals that come together.

Each cluster's list replaces the table's rows with every loaded cluster's (RowValues.combined(), cheap), but
the proxy then re-sorts them all: at 10 clusters that would be ten sorts of a growing table. So the first
cluster shows at once, and later ones wait at most as long as the last refresh took: the GUI thread spends
at most about half its time refreshing, whatever the table's size, and clusters arriving within that wait
are shown together, in one refresh. No widgets.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from token_desk.api.clusters import Cluster
from token_desk.models.cluster_rows import ClusterRows
from token_desk.models.columns import ColumnSpec
from token_desk.models.row_values import RowValues


MAX_WAIT_MS = 1000  # a cluster that arrived is in the table within a second, however slow refreshes are


class RowsSink(Protocol):
    """Where the joined rows go: a TokenTableModel, or the TokenPage showing one."""

    columns: tuple[ColumnSpec, ...]

    def set_tokens(self, tokens: RowValues, requested_at: float | None = None) -> None: ...


class ClusterTable(QObject):
    """The rows of every cluster, kept in `rows`; those of the clusters shown (`show_only`, else all) are
    pushed into `model` as they change, while `pushing` (the table may show one cluster's rows loaded
    elsewhere: the rows are then kept for their counts only).

    `changed` follows each refresh (the Clusters page's counts, the failed clusters' notice)."""

    changed = Signal()

    def __init__(self, model: RowsSink, clusters: Sequence[Cluster] = (),
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.rows = ClusterRows(model.columns, clusters)
        self.pushing = True
        self.requested_at: float | None = None  # when the rows being pushed were asked for (see set_tokens)
        self._shown: list[str] | None = None  # IDs of the clusters shown; None: every one
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.timeout.connect(self.refresh_now)
        self._last_refresh_ms = 0  # how long the last refresh took: the next one waits that long

    def show_clusters(self, clusters: Sequence[Cluster]) -> None:
        """Show these clusters (a new choice in the picker, or a new connection): rows of others go at once."""
        self.rows.set_clusters(clusters)
        self._shown = None
        self.refresh_now()

    def show_only(self, cluster_ids: Sequence[str]) -> None:
        """Show these of the clusters (the picker's choice); the others' rows are kept, for their counts."""
        self._shown = list(cluster_ids)
        self.refresh_now()

    @property
    def shown_ids(self) -> list[str]:
        return [cluster.id for cluster in self.rows.clusters] if self._shown is None else list(self._shown)

    def put(self, cluster: Cluster, rows: RowValues) -> None:
        self.rows.put(cluster, rows)
        self._schedule()

    def fail(self, cluster: Cluster, error: BaseException) -> None:
        self.rows.fail(cluster, error)
        self._schedule()

    def refresh_now(self) -> None:
        self._refresh.stop()
        if self.pushing:
            started = time.perf_counter()
            self.model.set_tokens(self.rows.combined(self._shown), self.requested_at)
            self._last_refresh_ms = min(MAX_WAIT_MS, int((time.perf_counter() - started) * 1000))
        self.changed.emit()

    @property
    def pending(self) -> bool:
        """Arrivals not yet in the model (they will be, once the GUI thread is free)."""
        return self._refresh.isActive()

    def _schedule(self) -> None:
        if not self._refresh.isActive():
            self._refresh.start(self._last_refresh_ms)
