"""The demo's sandbox answers from its first request although it is built only then (sandbox/on_demand.py)."""

from __future__ import annotations

import json
import socket
import urllib.request

import pytest

from token_desk.sandbox import start_sandbox
from token_desk.sandbox.clusters import DEMO_CLUSTERS
from token_desk.sandbox.on_demand import OnDemandSandbox


def get(url: str, token: str) -> tuple[int, object]:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}", "Accept": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return answer.status, json.loads(answer.read())


@pytest.fixture
def demo():
    sandbox = OnDemandSandbox(seed=1, clusters=DEMO_CLUSTERS)
    yield sandbox
    sandbox.stop()


def test_the_first_request_is_answered_with_the_account_cluster_and_token_known_before_the_server(demo) -> None:
    base = f"{demo.url}/accounts/{demo.account_id}/clusters/{demo.cluster_id}"
    status, tokens = get(f"{base}/tokens", demo.management_token)  # the request that builds the server
    assert status == 200 and tokens and all(token["clusterId"] == demo.cluster_id for token in tokens)
    assert [token["id"] for token in tokens] == [token["id"] for token in demo.state.database_tokens()]


def test_it_serves_the_same_account_and_clusters_as_the_sandbox_built_at_once(demo) -> None:
    built = start_sandbox(seed=1, clusters=DEMO_CLUSTERS)
    try:
        assert (demo.account_id, demo.cluster_id) == (built.account_id, built.cluster_id)
        assert demo.cluster_ids == built.cluster_ids  # asking the real sandbox's own state builds it
        assert demo.management_token not in repr(demo)
    finally:
        built.stop()


def test_stopped_before_any_request_it_listens_no_more() -> None:
    demo = OnDemandSandbox(seed=1, clusters=())
    demo.stop()
    demo.stop()  # the window's close and the app's exit may both stop it
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", demo.port), timeout=5).close()
    with pytest.raises(OSError):
        demo.state  # noqa: B018 - nothing is built after stop()
