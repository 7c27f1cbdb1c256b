"""State lives in the SQLite file: revokes survive restarts, seeding happens once, same seed same data."""

from __future__ import annotations

from pathlib import Path

import httpx

from tests.sandbox.conftest import bearer, check_contract, cluster_url
from token_desk.sandbox import start_sandbox

TOKEN = "M.V1.persisted-sandbox-token-0123456789abcdef"


def client(sandbox) -> httpx.Client:
    return httpx.Client(base_url=cluster_url(sandbox), headers=bearer(sandbox.management_token),
                        event_hooks={"response": [check_contract]})


def test_revoke_and_ids_survive_a_restart(tmp_path: Path) -> None:
    data = str(tmp_path / "sandbox.sqlite")
    with start_sandbox(data=data, seed=7, token=TOKEN) as first, client(first) as api:
        ids = (first.account_id, first.cluster_id)
        token_id = api.get("/tokens").json()[0]["id"]
        api.delete(f"/tokens/{token_id}")
        revoked_at = api.get(f"/tokens/{token_id}").json()["revokedAt"]
        count = len(api.get("/managementTokens").json())
    with start_sandbox(data=data, seed=99, token=TOKEN) as second, client(second) as api:
        assert (second.account_id, second.cluster_id) == ids
        assert api.get(f"/tokens/{token_id}").json()["revokedAt"] == revoked_at
        assert len(api.get("/managementTokens").json()) == count  # not seeded again, bearer reused


def test_a_revoked_bearer_stays_revoked_after_restart(tmp_path: Path) -> None:
    data = str(tmp_path / "sandbox.sqlite")
    with start_sandbox(data=data, token=TOKEN) as first, client(first) as api:
        mine = next(t for t in api.get("/managementTokens").json() if TOKEN.startswith(t["tokenPrefix"]))
        api.delete(f"/managementTokens/{mine['id']}")
    with start_sandbox(data=data, token=TOKEN) as second, client(second) as api:
        assert api.get("/tokens").status_code == 401


def test_same_seed_gives_the_same_data() -> None:
    def seeded(seed: int) -> list[tuple]:
        with start_sandbox(seed=seed) as sandbox:
            tokens = sandbox.state.database_tokens() + sandbox.state.management_tokens()
            return [(sandbox.account_id, t["id"], t["description"]) for t in tokens[:38]]
    assert seeded(3) == seeded(3)
    assert seeded(3) != seeded(4)


def test_populate_adds_rows_the_list_serves(sandbox) -> None:
    sandbox.populate(management=500, database=2000)
    with client(sandbox) as api:
        assert len(api.get("/tokens").json()) == 20 + 2000
        management = api.get("/managementTokens").json()
    assert len(management) == 19 + 500
    assert len({t["id"] for t in management}) == len(management)
