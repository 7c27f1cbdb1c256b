"""Loads the database tokens of several clusters of one account: at most MAX_PARALLEL at a time, each off the
GUI thread (token_desk.tasks) and cancellable, each cluster's rows or typed error reported as it arrives.

A cluster that is not `ready` (provisioning, say) is not asked at all: it is reported as skipped. Each worker
prepares its cluster's table rows (RowValues) and marks every token with the cluster it was listed from, so
every later action on a token goes to that cluster (token_desk.api.clusters.service_for).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QObject, Signal

from token_desk.api.clusters import Cluster, service_for_cluster
from token_desk.api.models import Token, TokenKind, utc_now
from token_desk.findings import DEFAULT_POLICY, Policy
from token_desk.models.columns import ColumnSpec
from token_desk.models.row_values import RowValues
from token_desk.tasks import Task, run_in_background
from token_desk.ui.tokens.loader import database_names

MAX_PARALLEL = 4  # clusters asked at once: a large account must not open dozens of connections or influxctls


def fetch_cluster_rows(service, cluster: Cluster, columns: Sequence[ColumnSpec],
                       policy: Policy = DEFAULT_POLICY) -> RowValues:
    """One cluster's database tokens, each marked with its cluster, as table rows with their findings (against
    that cluster's own databases); runs on a worker thread."""
    cluster_service = service_for_cluster(service, cluster.id)
    # One request at a time per cluster, the databases after the tokens (not beside them, as the window's own
    # list does): with MAX_PARALLEL clusters in flight, that keeps the account's connections at MAX_PARALLEL.
    tokens = cluster_service.list_tokens(TokenKind.DATABASE)
    return RowValues(columns, marked_with_cluster(tokens, cluster), utc_now(), policy, database_names(cluster_service))


def marked_with_cluster(tokens: Iterable[Token], cluster: Cluster) -> list[Token]:
    """The tokens as listed from `cluster`: their cluster is the one Token Desk asked, whatever the answer says."""
    return [token.replace(cluster=cluster, cluster_id=cluster.id) for token in tokens]


class ClusterTokenLoader(QObject):
    """Per cluster, as it answers: `cluster_loaded(Cluster, RowValues)` or `cluster_failed(Cluster, exception)`;
    `cluster_skipped(Cluster)` at once for a cluster that is not ready. `busy_changed(True)` when a load starts,
    `busy_changed(False)` and then `finished()` once every cluster asked has answered.

    `load()` starts a new round (cancelling one in flight); `retry(cluster)` asks one more cluster within the
    current round (the "Retry" beside a cluster that failed)."""

    cluster_loaded = Signal(object, object)
    cluster_failed = Signal(object, object)
    cluster_skipped = Signal(object)
    busy_changed = Signal(bool)
    finished = Signal()

    def __init__(self, columns: Sequence[ColumnSpec], parent: QObject | None = None, *,
                 max_parallel: int = MAX_PARALLEL) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self.policy = DEFAULT_POLICY  # the findings' numbers the next load uses (Preferences → Policy)
        self._max_parallel = max(1, max_parallel)
        self._generation = 0
        self._service = None
        self._waiting: deque[Cluster] = deque()
        self._running: dict[str, Task] = {}

    @property
    def busy(self) -> bool:
        return bool(self._running or self._waiting)

    @property
    def running_count(self) -> int:
        """Clusters being asked right now (never more than the parallel limit)."""
        return len(self._running)

    def load(self, service, clusters: Sequence[Cluster]) -> None:
        """Ask every ready cluster of `clusters` for its database tokens through `service` (the connection's)."""
        self.cancel()
        self._generation += 1
        self._service = service
        ready = []
        for cluster in clusters:
            if cluster.can_load:
                ready.append(cluster)
            else:
                self.cluster_skipped.emit(cluster)
        if not ready:
            self.finished.emit()
            return
        self._waiting.extend(ready)
        # Announced once `busy` reads True: the window decides "loading" (its indicator, Esc) from it, and read
        # False here whenever its own lists were already in.
        self.busy_changed.emit(True)
        self._start_waiting()

    def retry(self, cluster: Cluster) -> bool:
        """Ask one cluster again (within the current load); False when it is being asked already or no
        connection was loaded from yet."""
        if self._service is None or cluster.id in self._running or cluster in self._waiting:
            return False
        was_busy = self.busy
        self._waiting.append(cluster)
        if not was_busy:
            self.busy_changed.emit(True)
        self._start_waiting()
        return True

    def cancel(self) -> None:
        """Stop every request in flight (Esc, another connection): their answers are dropped."""
        self._generation += 1
        tasks, self._running = list(self._running.values()), {}
        was_busy = bool(tasks or self._waiting)
        self._waiting.clear()
        for task in tasks:
            task.cancel()
        if was_busy:
            self.busy_changed.emit(False)

    def _start_waiting(self) -> None:
        while self._waiting and len(self._running) < self._max_parallel:
            cluster = self._waiting.popleft()
            generation = self._generation
            self._running[cluster.id] = run_in_background(
                fetch_cluster_rows, self._service, cluster, self._columns, self.policy, context=self,
                on_result=lambda rows, cluster=cluster: self._arrived(generation, cluster, rows, None),
                on_error=lambda error, cluster=cluster: self._arrived(generation, cluster, None, error))

    def _arrived(self, generation: int, cluster: Cluster, rows: RowValues | None,
                 error: BaseException | None) -> None:
        if generation != self._generation:
            return
        self._running.pop(cluster.id, None)
        self._start_waiting()  # the next cluster starts before this one's rows are shown
        if rows is not None:
            self.cluster_loaded.emit(cluster, rows)
        else:
            self.cluster_failed.emit(cluster, error)
        if generation == self._generation and not self.busy:  # a handler may have cancelled or reloaded
            self.busy_changed.emit(False)
            self.finished.emit()
