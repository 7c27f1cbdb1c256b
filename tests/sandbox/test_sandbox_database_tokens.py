"""Database tokens and databases over real HTTP, as the public Management API documents them."""

from __future__ import annotations

import httpx

from token_desk.sandbox import Sandbox

MISSING = "00000000-0000-4000-8000-000000000000"
READ_TELEMETRY = [{"action": "read", "resource": "telemetry"}]


def create(api: httpx.Client, **body: object) -> dict:
    answer = api.post("/tokens", json={"description": "new token", **body})
    assert answer.status_code == 200
    return answer.json()


def test_list_has_every_permission_shape(api: httpx.Client) -> None:
    tokens = api.get("/tokens").json()
    assert len(tokens) >= 20
    permissions = [token["permissions"] for token in tokens]
    assert [] in permissions
    assert any(p["resource"] == "*" for perms in permissions for p in perms)
    assert {p["action"] for perms in permissions for p in perms} == {"read", "write"}


def test_create_then_get_without_the_secret(api: httpx.Client) -> None:
    created = create(api, permissions=READ_TELEMETRY)
    assert len(created["accessToken"]) >= 64
    fetched = api.get(f"/tokens/{created['id']}").json()
    assert fetched == {k: v for k, v in created.items() if k != "accessToken"}


def test_create_without_permissions_has_none(api: httpx.Client) -> None:
    assert create(api)["permissions"] == []


def test_create_with_future_expiry_keeps_it(api: httpx.Client) -> None:
    assert create(api, expiresAt="2099-06-30T12:00:00.123456789+00:00")["expiresAt"].startswith("2099-06-30T12:00:00")


def test_create_rejects_bad_bodies(api: httpx.Client) -> None:
    bad_bodies = ({}, {"description": None}, {"description": "a", "permissions": "read"},
                  {"description": "a", "permissions": [{"action": "read"}]},
                  {"description": "a", "permissions": [{"action": "read", "resource": ""}]},
                  {"description": "a", "expiresAt": "2020-01-01T00:00:00Z"})
    for body in bad_bodies:
        assert api.post("/tokens", json=body).status_code == 400, body


def test_patch_changes_description_and_permissions(api: httpx.Client, sandbox: Sandbox) -> None:
    token = create(api, permissions=READ_TELEMETRY)
    updated = api.patch(f"/tokens/{token['id']}", json={"description": "renamed", "permissions": []}).json()
    assert (updated["description"], updated["permissions"]) == ("renamed", [])
    assert updated["createdAt"] == token["createdAt"]
    assert sandbox.state.database_token(token["id"])["description"] == "renamed"


def test_patch_one_field_keeps_the_other(api: httpx.Client) -> None:
    token = create(api, permissions=READ_TELEMETRY)
    updated = api.patch(f"/tokens/{token['id']}", json={"description": "only this"}).json()
    assert updated["permissions"] == READ_TELEMETRY


def test_patch_needs_a_property_and_an_existing_token(api: httpx.Client) -> None:
    token = create(api)
    assert api.patch(f"/tokens/{token['id']}", json={}).status_code == 400
    assert api.patch(f"/tokens/{token['id']}", content=b"[").status_code == 400
    assert api.patch(f"/tokens/{MISSING}", json={"description": "x"}).status_code == 404


def test_delete_revokes_but_keeps_the_token_listed(api: httpx.Client, sandbox: Sandbox) -> None:
    token = create(api)
    answer = api.delete(f"/tokens/{token['id']}")
    assert (answer.status_code, answer.content) == (204, b"")
    revoked_at = api.get(f"/tokens/{token['id']}").json()["revokedAt"]
    assert api.delete(f"/tokens/{token['id']}").status_code == 204
    listed = next(t for t in api.get("/tokens").json() if t["id"] == token["id"])
    assert listed["revokedAt"] == revoked_at
    assert sandbox.state.delete_count(token["id"]) == 2
    assert sandbox.state.revoke_count("database", token["id"]) == 2
    assert sandbox.state.revoke_count("management", token["id"]) == 0


def test_unknown_database_token_is_404(api: httpx.Client) -> None:
    assert api.get(f"/tokens/{MISSING}").status_code == 404
    assert api.delete(f"/tokens/{MISSING}").status_code == 404


def test_databases_are_listed_and_can_be_created(api: httpx.Client) -> None:
    names = {database["name"] for database in api.get("/databases").json()}
    assert {"telemetry", "metrics", "logs"} <= names
    created = api.post("/databases", json={"name": "weather", "retentionPeriod": 3_600_000_000_000})
    assert created.json()["maxTables"] == 500
    assert "weather" in {database["name"] for database in api.get("/databases").json()}
    assert api.post("/databases", json={"name": "weather"}).status_code == 409
    assert api.post("/databases", json={"name": ""}).status_code == 400
