"""Several clusters' database tokens loaded off the GUI thread, at most four at a time, each shown as it
arrives; a cluster that hangs, refuses (403) or is still being set up never holds back the others."""

from __future__ import annotations

import httpx
import pytest

from tests.clusters.conftest import cluster_id_named
from token_desk.api.clusters import Cluster
from token_desk.api.connect import management_token_service
from token_desk.api.errors import ApiTimeoutError, PermissionDeniedError
from token_desk.api.influxctl import InfluxctlProgram
from token_desk.api.retry import RetryPolicy
from token_desk.models.cluster_rows import ClusterRows
from token_desk.models.columns import DATABASE_COLUMNS
from tests.sandbox.faults import start_faulty_sandbox
from token_desk.sandbox.clusters import ClusterSeed
from token_desk.sandbox.seed import DATABASE_SEEDS
from token_desk.ui.tokens.cluster_loader import MAX_PARALLEL, ClusterTokenLoader


class Seen:
    """What the loader reported, in order."""

    def __init__(self, loader: ClusterTokenLoader) -> None:
        self.events: list[tuple[str, str]] = []
        self.rows = ClusterRows(DATABASE_COLUMNS)
        self.errors: dict[str, BaseException] = {}
        self.finished = 0
        loader.cluster_loaded.connect(self._loaded)
        loader.cluster_failed.connect(self._failed)
        loader.cluster_skipped.connect(lambda cluster: self.events.append(("skipped", cluster.name)))
        loader.finished.connect(self._finish)

    def _loaded(self, cluster, rows) -> None:
        self.events.append(("loaded", cluster.name))
        self.rows.put(cluster, rows)

    def _failed(self, cluster, error) -> None:
        self.events.append(("failed", cluster.name))
        self.errors[cluster.name] = error
        self.rows.fail(cluster, error)

    def _finish(self) -> None:
        self.finished += 1


def clusters_of(sandbox) -> list[Cluster]:
    return [Cluster(record["id"], record["name"], record["state"]) for record in sandbox.cluster_records()]


@pytest.fixture
def impatient(account):
    """Way a with a short read timeout and no retries, so a hung cluster fails as a timeout soon."""
    service = management_token_service(account.url, account.account_id, account.cluster_id, account.management_token,
                                       InfluxctlProgram(account.influxctl_command), retry=RetryPolicy(max_attempts=1),
                                       timeout=httpx.Timeout(5.0, read=0.5))
    yield service
    service.close()


def test_every_ready_cluster_loads_and_the_provisioning_one_is_skipped(qtbot, account, way_a) -> None:
    loader = ClusterTokenLoader(DATABASE_COLUMNS)
    seen = Seen(loader)
    with qtbot.waitSignal(loader.finished):
        loader.load(way_a, clusters_of(account))
    assert ("skipped", "analytics") in seen.events
    assert sorted(name for event, name in seen.events if event == "loaded") == [
        "Production (eu-central-1)", "eu-2", "staging"]
    combined = seen.rows.combined()
    assert len(combined) == sum(len(account.state.cluster(c.id).database_tokens()) for c in clusters_of(account))
    assert seen.rows.counts(cluster_id_named(account, "staging")).total == 5
    assert not loader.busy and seen.finished == 1


def test_a_cluster_that_hangs_or_refuses_fails_alone(qtbot, account, impatient) -> None:
    staging, eu2 = cluster_id_named(account, "staging"), cluster_id_named(account, "eu-2")
    account.faults.hang_cluster(staging)
    account.faults.refuse_cluster(eu2, 403)
    loader = ClusterTokenLoader(DATABASE_COLUMNS)
    seen = Seen(loader)
    with qtbot.waitSignal(loader.finished, timeout=20_000):
        loader.load(impatient, clusters_of(account))
    account.faults.clear()
    assert isinstance(seen.errors["staging"], ApiTimeoutError)
    assert isinstance(seen.errors["eu-2"], PermissionDeniedError)
    assert seen.rows.is_loaded(account.cluster_id)  # production shows all the same
    assert sorted(cluster.name for cluster, _error in seen.rows.failed()) == ["eu-2", "staging"]
    # Retry, once the cluster answers again: its tokens join the others.
    with qtbot.waitSignal(loader.finished):
        assert loader.retry(next(c for c in clusters_of(account) if c.name == "staging"))
    assert seen.rows.is_loaded(staging) and seen.rows.error_of(staging) is None


def test_at_most_four_clusters_are_asked_at_once_and_each_shows_as_it_arrives(qtbot) -> None:
    seeds = [ClusterSeed(f"cluster {n}", token_seeds=DATABASE_SEEDS[n:n + 2]) for n in range(1, 6)]
    with start_faulty_sandbox(seed=5, clusters=seeds) as sandbox:
        service = management_token_service(sandbox.url, sandbox.account_id, sandbox.cluster_id,
                                           sandbox.management_token, InfluxctlProgram(None))
        loader = ClusterTokenLoader(DATABASE_COLUMNS)
        seen = Seen(loader)
        sandbox.faults.hold_next(6)
        loader.load(service, clusters_of(sandbox))
        qtbot.waitUntil(lambda: sandbox.faults.held == MAX_PARALLEL)
        assert loader.running_count == MAX_PARALLEL and seen.events == []
        sandbox.faults.release_held(MAX_PARALLEL)  # four answer; the last two are asked as places free up
        qtbot.waitUntil(lambda: len(seen.events) == 4 and sandbox.faults.held == 2)
        assert loader.busy and seen.finished == 0
        with qtbot.waitSignal(loader.finished):
            sandbox.faults.release_held()
        assert len(seen.events) == 6 and all(event == "loaded" for event, _name in seen.events)
        service.close()


def test_cancel_stops_every_request_and_drops_the_answers(qtbot, account, way_a) -> None:
    loader = ClusterTokenLoader(DATABASE_COLUMNS)
    seen = Seen(loader)
    account.faults.hold_next(3)
    loader.load(way_a, clusters_of(account))
    qtbot.waitUntil(lambda: account.faults.held == 3)
    with qtbot.waitSignal(loader.busy_changed) as busy:
        loader.cancel()
    assert busy.args == [False] and not loader.busy
    account.faults.release_held()
    with qtbot.waitSignal(loader.finished):  # a new load is answered; the cancelled one never is
        loader.load(way_a, clusters_of(account)[:1])
    assert seen.events == [("skipped", "analytics"), ("loaded", "Production (eu-central-1)")]
