"""Management tokens over real HTTP: list, get, create, revoke, and what revoking the bearer does."""

from __future__ import annotations

import httpx

from tests.hostile import HOSTILE, add_hostile_tokens
from tests.sandbox.conftest import bearer
from token_desk.sandbox import Sandbox


def signed_in_token(api: httpx.Client, sandbox: Sandbox) -> dict:
    return next(t for t in api.get("/managementTokens").json() if sandbox.management_token.startswith(t["tokenPrefix"]))


def test_list_includes_revoked_tokens_and_the_signed_in_one(api: httpx.Client, sandbox: Sandbox) -> None:
    tokens = api.get("/managementTokens").json()
    assert len(tokens) >= 18
    assert any("revokedAt" in token for token in tokens)
    mine = signed_in_token(api, sandbox)
    assert "revokedAt" not in mine and "expiresAt" not in mine


def test_get_answers_the_listed_token(api: httpx.Client) -> None:
    listed = api.get("/managementTokens").json()[3]
    assert api.get(f"/managementTokens/{listed['id']}").json() == listed


def test_create_returns_the_secret_once_and_it_works_as_bearer(api: httpx.Client, sandbox: Sandbox) -> None:
    created = api.post("/managementTokens", json={"description": "Ops – 運用", "expiresAt": "2099-01-01T00:00:00Z"})
    assert created.status_code == 200
    secret = created.json()["accessToken"]
    assert secret.startswith(created.json()["tokenPrefix"])
    fetched = api.get(f"/managementTokens/{created.json()['id']}").json()
    assert "accessToken" not in fetched and fetched["description"] == "Ops – 運用"
    assert api.get("/databases", headers=bearer(secret)).status_code == 200


def test_revoke_sets_revoked_at_once(api: httpx.Client, sandbox: Sandbox) -> None:
    token_id = api.post("/managementTokens", json={"description": "to revoke"}).json()["id"]
    first = api.delete(f"/managementTokens/{token_id}")
    assert (first.status_code, first.content) == (204, b"")
    revoked_at = sandbox.state.management_token(token_id)["revokedAt"]
    assert api.delete(f"/managementTokens/{token_id}").status_code == 204
    assert api.get(f"/managementTokens/{token_id}").json()["revokedAt"] == revoked_at
    assert sandbox.state.delete_count(token_id) == 2


def test_revoked_created_token_is_no_longer_accepted(api: httpx.Client) -> None:
    created = api.post("/managementTokens", json={"description": "short-lived"}).json()
    api.delete(f"/managementTokens/{created['id']}")
    assert api.get("/tokens", headers=bearer(created["accessToken"])).status_code == 401


def test_revoking_the_signed_in_token_locks_every_later_request(api: httpx.Client, sandbox: Sandbox) -> None:
    mine = signed_in_token(api, sandbox)
    assert api.delete(f"/managementTokens/{mine['id']}").status_code == 204
    for path in ("/managementTokens", "/tokens", "/databases", f"/managementTokens/{mine['id']}"):
        assert api.get(path).status_code == 401


def test_unknown_token_is_404(api: httpx.Client) -> None:
    missing = "00000000-0000-4000-8000-000000000000"
    assert api.get(f"/managementTokens/{missing}").status_code == 404
    assert api.delete(f"/managementTokens/{missing}").status_code == 404


def test_create_rejects_bad_bodies(api: httpx.Client) -> None:
    bad_bodies = ({}, {"description": 5}, {"description": "x" * 1025}, {"description": "a", "expiresAt": "tomorrow"},
                  {"description": "a", "expiresAt": "2001-01-01T00:00:00Z"}, [])
    for body in bad_bodies:
        answer = api.post("/managementTokens", json=body)
        assert answer.status_code == 400, body
        assert answer.json()["code"] == 400
    assert api.post("/managementTokens", content=b"{not json").status_code == 400


def test_other_account_is_404_even_when_signed_in(sandbox: Sandbox, api: httpx.Client) -> None:
    other = "11111111-1111-4111-8111-111111111111"
    url = f"{sandbox.url}/accounts/{other}/clusters/{sandbox.cluster_id}/managementTokens"
    answer = api.get(url)
    assert answer.status_code == 404 and answer.json()["code"] == 404


def test_every_seeded_token_validates_and_text_is_kept_literally(api: httpx.Client, sandbox: Sandbox) -> None:
    add_hostile_tokens(sandbox)
    descriptions = {t["description"] for t in api.get("/managementTokens").json()}
    assert HOSTILE in descriptions
    assert "Grafana provisioning – Überwachung" in descriptions
    assert HOSTILE in api.get("/managementTokens").text  # not HTML-escaped on the wire


def test_demo_data_reads_like_a_real_account(api: httpx.Client) -> None:
    tokens = api.get("/managementTokens").json() + api.get("/tokens").json()
    descriptions = [token["description"] for token in tokens]
    # One token without a description and one description used twice, as in a real account (and so that
    # the demo shows those findings); otherwise every description is written out and different.
    assert [description for description in descriptions if not description.strip()] == [""]
    assert not any(mark in description for description in descriptions for mark in "<>&")
    repeated = {description for description in descriptions if descriptions.count(description) > 1}
    assert repeated == {"Grafana dashboards"} and descriptions.count("Grafana dashboards") == 2
    creators = [token["createdBy"] for token in api.get("/managementTokens").json()]
    assert 1 < len(set(creators)) < len(creators)  # a few admins create most tokens
