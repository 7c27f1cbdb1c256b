"""Injected faults: slow answers, failing revokes, failing requests, garbage bodies."""

from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from token_desk.sandbox import Sandbox


def a_database_token(api: httpx.Client) -> str:
    return api.get("/tokens").json()[0]["id"]


def test_delay_holds_every_answer_back(raw_api: httpx.Client, sandbox: Sandbox) -> None:
    sandbox.faults.delay_ms = 3000
    with pytest.raises(httpx.ReadTimeout):  # a client that waits less than the delay gets no answer
        raw_api.get("/databases", timeout=0.3)
    sandbox.faults.delay_ms = 0
    assert raw_api.get("/databases").status_code == 200


def test_a_held_request_gets_its_usual_answer_once_released(raw_api: httpx.Client, sandbox: Sandbox) -> None:
    sandbox.faults.hold_next(1)
    with ThreadPoolExecutor(1) as pool:
        answer = pool.submit(raw_api.get, "/databases")
        deadline = time.monotonic() + 10  # a limit on waiting, not a speed requirement
        while sandbox.faults.held == 0 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert sandbox.faults.held == 1 and not answer.done()
        sandbox.faults.release_held()
        assert answer.result(timeout=10).status_code == 200
    assert sandbox.faults.held == 0
    assert raw_api.get("/databases").status_code == 200  # only the next one was held


def test_failing_revokes_change_nothing_then_revokes_work_again(api: httpx.Client, sandbox: Sandbox) -> None:
    token_id = a_database_token(api)
    sandbox.faults.fail_next_revokes(2)
    assert [api.delete(f"/tokens/{token_id}").status_code for _ in range(2)] == [500, 500]
    assert "revokedAt" not in sandbox.state.database_token(token_id)
    assert api.get(f"/tokens/{token_id}").status_code == 200  # only DELETEs are affected
    assert api.delete(f"/tokens/{token_id}").status_code == 204
    assert "revokedAt" in sandbox.state.database_token(token_id)
    assert sandbox.state.delete_count(token_id) == 3


def test_failing_revokes_with_a_chosen_status(api: httpx.Client, sandbox: Sandbox) -> None:
    sandbox.faults.fail_next_revokes(1, status=403)
    answer = api.delete(f"/tokens/{a_database_token(api)}")
    assert answer.status_code == 403 and answer.json()["code"] == 403


def test_failing_requests_hit_any_method_then_stop(raw_api: httpx.Client, sandbox: Sandbox) -> None:
    sandbox.faults.fail_next_requests(2, 429)
    assert raw_api.get("/tokens").status_code == 429
    answer = raw_api.post("/tokens", json={"description": "x"})
    assert answer.status_code == 429 and answer.json() == {"code": 429, "message": answer.json()["message"]}
    assert raw_api.get("/tokens").status_code == 200
    assert "x" not in {t["description"] for t in sandbox.state.database_tokens()}


def test_invalid_json_answers_200_with_a_body_that_does_not_parse(raw_api: httpx.Client, sandbox: Sandbox) -> None:
    sandbox.faults.invalid_json_next(1)
    answer = raw_api.get("/managementTokens")
    assert answer.status_code == 200 and answer.headers["Content-Type"] == "application/json"
    with pytest.raises(json.JSONDecodeError):
        json.loads(answer.content)
    assert isinstance(raw_api.get("/managementTokens").json(), list)


def test_clear_removes_every_fault(raw_api: httpx.Client, sandbox: Sandbox) -> None:
    sandbox.faults.delay_ms = 5000
    sandbox.faults.fail_next_requests(3, 500)
    sandbox.faults.invalid_json_next(3)
    sandbox.faults.clear()
    assert raw_api.get("/tokens", timeout=2).status_code == 200


def test_a_dropped_answer_still_did_the_work(raw_api: httpx.Client, sandbox: Sandbox) -> None:
    token_id = a_database_token(raw_api)
    sandbox.faults.drop_next_answers(1)
    with pytest.raises(httpx.RemoteProtocolError):  # the connection closes with no answer at all
        raw_api.delete(f"/tokens/{token_id}")
    assert sandbox.state.database_token(token_id)["revokedAt"]
    assert raw_api.delete(f"/tokens/{token_id}").status_code == 204  # answered as usual afterwards


def test_chaos_mixes_delays_drops_500s_and_429s_and_counts_them(raw_api: httpx.Client, sandbox: Sandbox) -> None:
    sandbox.faults.chaos(0.5, seed=3)
    statuses = []
    for _ in range(60):
        try:
            statuses.append(raw_api.get("/databases").status_code)
        except httpx.RemoteProtocolError:
            statuses.append("dropped")
    counts = sandbox.faults.chaos_counts
    assert {"delay", "drop", "500", "429"} <= set(counts)
    assert statuses.count(500) == counts["500"] and statuses.count(429) == counts["429"]
    assert statuses.count("dropped") == counts["drop"]


def test_a_hanging_request_is_released_by_clear(raw_api: httpx.Client, sandbox: Sandbox) -> None:
    sandbox.faults.hang_next(1)
    with pytest.raises(httpx.ReadTimeout):
        raw_api.get("/databases", timeout=0.3)
    assert sandbox.faults.hanging == 1
    sandbox.faults.clear()
    assert raw_api.get("/databases").status_code == 200
