"""The clusters of a connection's account: what influxctl lists, or what the connection itself knows.

The REST API has no cluster list (its paths take a cluster ID), so clusters come from influxctl's
`cluster list --format json` (INFLUXCTL.md, "Clusters of an account"). Where influxctl is missing,
or `cluster list` is not available (InfluxDB Clustered), the connection's own cluster and the clusters
the person added by ID to the connection stand in, with their state unknown. No Qt here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, Protocol

import msgspec

from token_desk.api.errors import ApiError
from token_desk.cancellation import CancelledError

READY = "ready"


class Cluster(msgspec.Struct, frozen=True, gc=False):
    """One cluster of the account. `state` is None where nobody told Token Desk (a cluster added by ID)."""

    id: str
    name: str = ""
    state: str | None = None
    url: str = ""
    created_at: datetime | None = None
    account_id: str | None = None

    @property
    def label(self) -> str:
        """What people call it: its name, else the start of its ID."""
        return self.name or (f"{self.id[:8]}\u2026" if self.id else "this connection's cluster")

    @property
    def state_label(self) -> str:
        return (self.state or "unknown").capitalize()

    @property
    def can_load(self) -> bool:
        """Ready, or of unknown state (its tokens are asked for and the server says what it says)."""
        return self.state is None or self.state.casefold() == READY


class ClusterDiscovery(msgspec.Struct, frozen=True):
    """The clusters to show; `problem` says why influxctl's list is not among them (None: it is)."""

    clusters: tuple[Cluster, ...]
    problem: ApiError | None = None

    @property
    def listed_by_influxctl(self) -> bool:
        return self.problem is None

    def find(self, cluster_id: str) -> Cluster | None:
        return next((cluster for cluster in self.clusters if cluster.id == cluster_id), None)


def discover_clusters(list_clusters: Callable[[], list[Cluster]] | None, own_cluster_id: str,
                      added_ids: Sequence[str] = ()) -> ClusterDiscovery:
    """Every cluster influxctl lists, plus the connection's own and the added ones it does not list.

    Runs on a worker thread. Any influxctl failure (missing, too old, `cluster list` unknown to it,
    refused, timed out) falls back to the clusters the connection knows, and is kept as `problem`;
    only a cancel ends discovery."""
    listed: list[Cluster] = []
    problem: ApiError | None = None
    if list_clusters is None:
        problem = ApiError("This connection has no influxctl to list the account's clusters.")
    else:
        try:
            listed = list_clusters()
        except CancelledError:
            raise
        except ApiError as err:
            problem = err
    return ClusterDiscovery(_with_known(listed, own_cluster_id, added_ids), problem)


def _with_known(listed: list[Cluster], own_cluster_id: str, added_ids: Sequence[str]) -> tuple[Cluster, ...]:
    """The connection's own cluster first, then the others in influxctl's order, then added ones it missed."""
    by_id = {cluster.id: cluster for cluster in listed}
    own = by_id.get(own_cluster_id, Cluster(own_cluster_id))
    rest = [cluster for cluster in listed if cluster.id != own_cluster_id]
    seen = {own_cluster_id, *by_id}
    for cluster_id in added_ids:
        if cluster_id not in seen:
            seen.add(cluster_id)
            rest.append(Cluster(cluster_id))
    return (own, *rest)


class ListedFromCluster(Protocol):
    """A token (token_desk.api.models.Token), as far as choosing its cluster goes."""

    @property
    def cluster(self) -> Cluster | None: ...


def service_for(service: Any, token: ListedFromCluster) -> Any:
    """`service` acting on the token's own cluster: the cluster it was listed from, whatever the connection's
    own cluster is. A token without one (listed from the connection's cluster), or a service that serves one
    cluster only, leaves `service` as it is."""
    return service_for_cluster(service, token.cluster.id if token.cluster is not None else None)


def service_for_cluster(service: Any, cluster_id: str | None) -> Any:
    for_cluster = getattr(service, "for_cluster", None)
    if not cluster_id or for_cluster is None:
        return service
    return for_cluster(cluster_id)


def in_cluster_of(fresh: Any, listed: ListedFromCluster) -> Any:
    """The server's fresh copy of a token (a re-read, an edit's answer) marked with the cluster the token was
    listed from, as the list marked it: the next action on it goes to the same cluster."""
    if listed.cluster is None or getattr(fresh, "cluster", None) == listed.cluster:
        return fresh
    return fresh.replace(cluster=listed.cluster, cluster_id=listed.cluster.id)
