"""Sandbox fixtures: every response seen through `api` is checked against the OpenAPI documents."""

from __future__ import annotations

from typing import Iterator

import httpx
import pytest

from tests.sandbox.contract import validate_response
from tests.sandbox.faults import FaultySandbox, start_faulty_sandbox
from token_desk.sandbox import Sandbox


def check_contract(response: httpx.Response) -> None:
    response.read()
    body = response.json() if response.content else None
    validate_response(response.request.method, response.url.path, response.status_code, body)


def cluster_url(sandbox: Sandbox) -> str:
    return f"{sandbox.url}/accounts/{sandbox.account_id}/clusters/{sandbox.cluster_id}"


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


@pytest.fixture
def sandbox() -> Iterator[FaultySandbox]:
    with start_faulty_sandbox(data=":memory:", seed=1) as running:
        yield running


@pytest.fixture
def api(sandbox: Sandbox) -> Iterator[httpx.Client]:
    """Signed in as the sandbox's management token; fails the test on any response outside the contract."""
    with httpx.Client(base_url=cluster_url(sandbox), headers=bearer(sandbox.management_token),
                      event_hooks={"response": [check_contract]}) as client:
        yield client


@pytest.fixture
def raw_api(sandbox: Sandbox) -> Iterator[httpx.Client]:
    """No contract check: for injected faults that break the contract on purpose."""
    with httpx.Client(base_url=cluster_url(sandbox), headers=bearer(sandbox.management_token)) as client:
        yield client
