"""The clusters of the connection shown, for the window: found (through influxctl, cached per connection, asked
again on F5), chosen on the Database Tokens page (one cluster or All clusters, remembered per connection),
their database tokens loaded (at most four clusters at a time, each shown as it arrives) and counted on the
Clusters page.

The connection's own cluster, chosen alone, loads as it always did, with the management tokens (the
window's TokenLoader): this only adds the other clusters (for the Clusters page's counts). Any other choice
hands the Database Tokens table to this controller: every ready cluster loads here, the chosen ones show.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from token_desk.api.clusters import Cluster, ClusterDiscovery, discover_clusters
from token_desk.api.models import TokenKind
from token_desk.connection import Connection
from token_desk.models.display import visible_text
from token_desk.models.cluster_table import ClusterTable
from token_desk.models.row_values import RowValues
from token_desk.tasks import Task, run_in_background
from token_desk.ui.clusters.cluster_picker import ClusterChoiceMemory, ClusterPicker
from token_desk.ui.clusters.cluster_problems import ClusterProblems
from token_desk.ui.clusters.clusters_page import ClustersPage
from token_desk.ui.tokens import ClusterTokenLoader, PageActions, TokenPage


def find_clusters(connection: Connection) -> ClusterDiscovery:
    """The connection's clusters, on a worker thread: influxctl's list (both sign-in ways), else the own
    cluster and the ones added by ID. A connection whose own cluster influxctl's profile names (way b) has no
    ID of its own here: influxctl's list stands for it, in its order."""
    service = connection.service
    own = getattr(service, "cluster_id", None) or ""
    found = discover_clusters(getattr(service, "list_clusters", None), own, connection.added_cluster_ids)
    if not own and found.listed_by_influxctl and len(found.clusters) > 1:
        return ClusterDiscovery(found.clusters[1:], found.problem)
    return found


class AccountClusters(QObject):
    """Owns the Database Tokens page (`page`, with the picker and the failed clusters' lines above its table)
    and the Clusters page (`clusters_page`).

    `own_tokens_wanted()`: the choice is back to the connection's own cluster and its tokens are not here; the
    window's loader lists them. `busy_changed(bool)`: clusters are loading. `changed()`: clusters, counts or
    the choice changed (the window updates its counts and commands)."""

    own_tokens_wanted = Signal()
    busy_changed = Signal(bool)
    changed = Signal()

    def __init__(self, settings: QSettings, cluster_actions: Sequence[QAction] = (),
                 page_actions: PageActions | None = None, parent: QObject | None = None) -> None:
        """`cluster_actions`: the Clusters page's row menu (the command registry's, e.g. Copy ID);
        `page_actions`: the Database Tokens page's commands."""
        super().__init__(parent)
        self.memory = ClusterChoiceMemory(settings)
        self.picker = ClusterPicker()
        self.problems = ClusterProblems()
        self.page = TokenPage(TokenKind.DATABASE, header=self._header(), actions=page_actions)
        self.table = ClusterTable(self.page, parent=self)
        self.clusters_page = ClustersPage(self.table.rows, cluster_actions)
        self.loader = ClusterTokenLoader(self.page.columns, self)
        self._connection: Connection | None = None
        self._discovery: ClusterDiscovery | None = None
        self._cache: dict[str, ClusterDiscovery] = {}  # per connection's name: its clusters until F5
        self._finding: Task | None = None
        self._requested_at = 0.0
        self._applying = False
        self._own_rows: RowValues | None = None  # listed by the window's loader before the clusters were known
        self._wire()

    def _header(self) -> QWidget:
        header = QWidget()
        header.setObjectName("clusterHeader")
        layout = QVBoxLayout(header)
        layout.setContentsMargins(0, 0, 0, 6)
        layout.setSpacing(6)
        row = QHBoxLayout()
        label = QLabel("&Cluster:")
        label.setBuddy(self.picker)
        row.addWidget(label)
        row.addWidget(self.picker)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.problems)
        header.hide()  # until a connection's clusters are known
        return header

    def _wire(self) -> None:
        self.picker.chosen.connect(self._on_chosen)
        self.problems.retry_requested.connect(self.retry)
        self.loader.cluster_loaded.connect(self._on_cluster_loaded)
        self.loader.cluster_failed.connect(self.table.fail)
        self.loader.busy_changed.connect(self.busy_changed)
        self.table.changed.connect(self._after_rows_changed)

    # ---- what the window asks ------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """Clusters' tokens are being listed (finding the clusters is quiet: one short influxctl call)."""
        return self.loader.busy

    @property
    def finding(self) -> bool:
        return self._finding is not None

    @property
    def shows_own_cluster_only(self) -> bool:
        """The Database Tokens table shows the connection's own cluster, loaded by the window's loader."""
        if len(self.clusters) <= 1:  # one cluster (or none known yet): the connection's own, as always
            return True
        return self.picker.chosen_id() == self.clusters[0].id

    @property
    def clusters(self) -> tuple[Cluster, ...]:
        return self._discovery.clusters if self._discovery is not None else ()

    def token_loader_kinds(self) -> tuple[TokenKind, ...]:
        """What the window's loader lists: the management tokens, and the own cluster's database tokens when
        they are what the table shows."""
        return tuple(TokenKind) if self.shows_own_cluster_only else (TokenKind.MANAGEMENT,)

    def set_connection(self, connection: Connection | None) -> None:
        """Another connection (None: none): its clusters from the cache, or found now off the GUI thread."""
        self.cancel()
        self._connection = connection
        self._discovery = None
        self._own_rows = None
        self.table.pushing = False
        self.table.show_clusters(())
        self.problems.show_failed(())
        if connection is None:
            self._header_shown(False)
            self.changed.emit()
            return
        cached = self._cache.get(connection.label)
        if cached is not None:
            self._use(cached)
        else:
            self._find()

    def refresh(self) -> None:
        """F5: the clusters are asked for again (the cache refreshed), then the tokens of each."""
        if self._connection is not None:
            self._find()

    def load(self) -> None:
        """List the database tokens of every ready cluster this controller loads (see the module)."""
        if self._connection is None or self._discovery is None:
            return
        own = self._own_cluster()
        skip_own = self.shows_own_cluster_only
        clusters = [cluster for cluster in self.clusters if not (skip_own and cluster == own)]
        self._requested_at = time.monotonic()
        self.table.requested_at = self._requested_at
        self.loader.load(self._connection.service, clusters)

    def cluster_for_new_token(self, parent: QWidget) -> Cluster | None | bool:
        """Where New Database Token… creates: the cluster shown; with several shown, the one the person picks
        (the connection's own offered first). None: the connection's own; False: the person cancelled."""
        chosen = [cluster for cluster in self.picker.chosen_clusters() if cluster.can_load]
        if self.shows_own_cluster_only or not chosen:
            return None
        if len(chosen) == 1:
            return chosen[0]
        from PySide6.QtWidgets import QInputDialog  # at the first ask, as every class only a command uses

        labels = [visible_text(cluster.label) for cluster in chosen]
        label, accepted = QInputDialog.getItem(parent, "New Database Token", "Create the token on cluster:",
                                               labels, 0, False)
        if not accepted:
            return False
        return chosen[labels.index(label)]

    def failed(self, cluster: Cluster | None) -> bool:
        """The cluster's last load failed (its Retry is offered)."""
        return cluster is not None and self.table.rows.error_of(cluster.id) is not None

    def retry(self, cluster: Cluster) -> None:
        if self.loader.retry(cluster):
            self.changed.emit()

    def cancel(self) -> None:
        """Esc, or another connection: nothing more is asked; the tables keep what they show."""
        if self._finding is not None:
            self._finding.cancel()
            self._finding = None
        self.loader.cancel()

    def own_listed(self, rows: RowValues) -> bool:
        """The window's loader listed the own cluster's database tokens: counted here; True when the table
        shows them (the own cluster chosen alone), False when another choice was made since."""
        if not self.shows_own_cluster_only:
            return False  # the table shows other clusters now; the own one is listed with them
        self._own_rows = rows  # counted once the clusters are known, if they are not yet
        self._count_own_rows()
        return True

    def _count_own_rows(self) -> None:
        own = self._own_cluster()
        if own is not None and self._own_rows is not None:
            self.table.rows.put(own, self._own_rows)
            self._own_rows = None
            self._after_rows_changed()

    # ---- clusters found ------------------------------------------------------------------------------
    def _find(self) -> None:
        if self._finding is not None:
            self._finding.cancel()
        connection = self._connection
        self._finding = run_in_background(
            find_clusters, connection, context=self,
            on_result=lambda found: self._found(connection, found),
            on_error=lambda _error: self._found(connection, None))

    def _found(self, connection: Connection, found: ClusterDiscovery | None) -> None:
        if connection is not self._connection:
            return
        self._finding = None
        if found is None:  # cancelled, or a bug: the connection's own cluster, as before clusters existed
            own = getattr(connection.service, "cluster_id", None) or ""
            found = ClusterDiscovery((Cluster(own),), None)
        self._cache[connection.label] = found
        self._use(found)

    def _use(self, found: ClusterDiscovery) -> None:
        self._discovery = found
        self.clusters_page.show_discovery(found)
        self.table.rows.set_clusters(found.clusters)
        self._header_shown(len(found.clusters) > 1)
        self._applying = True  # the remembered choice, not a person's: nothing to remember or load yet
        try:
            self.picker.set_clusters(found.clusters, self.memory.remembered(self._connection.label))
        finally:
            self._applying = False
        if self.shows_own_cluster_only:
            self._count_own_rows()
        self._show_choice(announce=False)  # the own cluster's tokens: listed with the management tokens
        self.load()

    def _header_shown(self, shown: bool) -> None:
        self.page.findChild(QWidget, "clusterHeader").setVisible(shown)

    # ---- the choice ------------------------------------------------------------------------------------
    def _on_chosen(self, _clusters: Sequence[Cluster]) -> None:
        if self._connection is None or self._discovery is None or self._applying:
            return
        self.memory.remember(self._connection.label, self.picker.chosen_id())
        self._show_choice(True)

    def _show_choice(self, announce: bool) -> None:
        """The table follows the picker: the own cluster's rows (the window's loader fills them if missing),
        or the chosen clusters', joined. `announce`: the person chose (else the clusters were just found, and
        the table already shows what the window's loader listed: a newer list than any kept here)."""
        chosen = self.picker.chosen_clusters()
        ids = [cluster.id for cluster in chosen]
        own_only = self.shows_own_cluster_only
        own = self._own_cluster()
        # Listed by the window's loader (or on its way there), without its cluster on each token: listed here
        # instead, so the Cluster column names it and every action on its tokens knows where they are.
        relist_own = (not own_only and own is not None
                      and (self._listed_unmarked(own) or not self.table.rows.is_loaded(own.id)))
        if relist_own:
            self.table.rows.forget(own.id)
        self.table.pushing = not own_only
        self.table.show_only(ids)
        rows = self.table.rows
        if not own_only and not any(rows.is_loaded(key) or rows.error_of(key) for key in ids):
            self.page.clear()  # nothing of the choice here yet: no "no tokens" while they are on their way
        self.page.set_several_clusters(len(chosen) > 1)
        if own_only and announce:  # a person's choice; else the window's loader fills the table as it always did
            if own is not None and rows.is_loaded(own.id):
                self.page.set_tokens(rows.combined([own.id]))
            else:
                self.own_tokens_wanted.emit()
        elif relist_own:
            self.loader.retry(own)
        self.changed.emit()

    def _listed_unmarked(self, cluster: Cluster) -> bool:
        rows = self.table.rows.rows_of(cluster.id)
        return rows is not None and bool(rows.tokens) and rows.tokens[0].cluster is None

    def _own_cluster(self) -> Cluster | None:
        return self.clusters[0] if self.clusters else None

    # ---- arrivals ------------------------------------------------------------------------------------
    def _on_cluster_loaded(self, cluster: Cluster, rows: RowValues) -> None:
        self.table.put(cluster, rows)

    def _after_rows_changed(self) -> None:
        shown = set(self.table.shown_ids)
        if self.table.pushing and self.page.listed and not any(map(self.table.rows.is_loaded, shown)):
            self.page.forget_list()  # every cluster shown failed: "0 tokens" would say they have none
        self.problems.show_failed([(cluster, error) for cluster, error in self.table.rows.failed()
                                   if cluster.id in shown and not self.shows_own_cluster_only])
        self.clusters_page.refresh()
        self.changed.emit()
