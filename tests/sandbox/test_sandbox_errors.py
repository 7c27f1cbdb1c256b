"""Every error answers with the documents' Error body, and connections stay reusable."""

from __future__ import annotations

import httpx
import pytest

from tests.sandbox.conftest import bearer, check_contract, cluster_url
from token_desk.sandbox import Sandbox

TOKEN_ID = "00000000-0000-4000-8000-000000000000"


@pytest.mark.parametrize("headers", [{}, bearer("M.V1.not-a-real-token"), {"Authorization": "Basic abc"}])
def test_missing_or_wrong_bearer_is_401(sandbox: Sandbox, headers: dict) -> None:
    with httpx.Client(base_url=cluster_url(sandbox), headers=headers, event_hooks={"response": [check_contract]}) as c:
        for path in ("/managementTokens", "/tokens", "/databases", f"/tokens/{TOKEN_ID}"):
            answer = c.get(path)
            assert answer.status_code == 401 and answer.json()["code"] == 401


@pytest.mark.parametrize("path", ["/accounts/nope/clusters/{c}/tokens", "/accounts/{a}/clusters/42/managementTokens",
                                  "/accounts/{a}/clusters/{c}/tokens/1234", "/accounts/{a}/clusters/{c}/managementTokens/x"])
def test_malformed_uuid_in_any_segment_is_400(sandbox: Sandbox, api: httpx.Client, path: str) -> None:
    url = sandbox.url + path.format(a=sandbox.account_id, c=sandbox.cluster_id)
    answer = api.get(url)
    assert answer.status_code == 400 and answer.json()["code"] == 400


def test_unknown_cluster_is_404(sandbox: Sandbox, api: httpx.Client) -> None:
    url = f"{sandbox.url}/accounts/{sandbox.account_id}/clusters/{TOKEN_ID}/tokens"
    assert api.get(url).status_code == 404


def test_unknown_paths_and_methods_answer_with_an_error_body(api: httpx.Client, sandbox: Sandbox) -> None:
    assert api.get(f"{sandbox.url}/accounts").json()["code"] == 404
    assert api.get("http://127.0.0.1:%d/" % sandbox.port).json()["code"] == 404
    not_allowed = api.put("/tokens")
    assert not_allowed.status_code == 405 and not_allowed.headers["Allow"] == "GET, POST"
    assert api.patch(f"/managementTokens/{TOKEN_ID}", json={}).status_code == 405


def test_connection_is_reused_across_every_kind_of_answer(api: httpx.Client) -> None:
    token_id = api.post("/tokens", json={"description": "keep-alive"}).json()["id"]
    ports = set()
    for request in (("GET", "/tokens"), ("DELETE", f"/tokens/{token_id}"), ("GET", "/nowhere"),
                    ("PATCH", f"/tokens/{token_id}"), ("GET", f"/tokens/{token_id}")):
        with api.stream(*request) as answer:
            answer.read()
            ports.add(answer.extensions["network_stream"].get_extra_info("client_addr")[1])
    assert len(ports) == 1


def test_responses_never_echo_the_bearer(api: httpx.Client, sandbox: Sandbox) -> None:
    for path in ("/managementTokens", "/nowhere", "/tokens/bad-id"):
        assert sandbox.management_token not in api.get(path).text


def test_a_whole_number_written_as_a_decimal_is_an_integer_as_json_schema_says(api) -> None:
    created = api.post("/databases", json={"name": "fuzzed", "maxColumnsPerTable": 261.0})
    assert created.status_code == 200 and created.json()["maxColumnsPerTable"] == 261
