"""Hostile text for the tests that check it is shown literally: added through the API, never seeded in the demo."""

from __future__ import annotations

import httpx

from token_desk.sandbox import Sandbox

HOSTILE = "<b>bold</b> <img src=x>"


def add_hostile_tokens(sandbox: Sandbox, description: str = HOSTILE) -> None:
    """One management and one database token described by `description`, created as a client would."""
    base = f"{sandbox.url}/accounts/{sandbox.account_id}/clusters/{sandbox.cluster_id}"
    headers = {"Authorization": f"Bearer {sandbox.management_token}"}
    with httpx.Client(base_url=base, headers=headers) as api:
        api.post("/managementTokens", json={"description": description}).raise_for_status()
        permissions = [{"action": "read", "resource": "logs"}]
        api.post("/tokens", json={"description": description, "permissions": permissions}).raise_for_status()
