"""A scripted fake Management API on httpx.MockTransport, recording every request."""

from __future__ import annotations

import json
from collections import deque
from typing import Any, Callable

import httpx

from token_desk.api.client import ManagementApiClient
from token_desk.api.retry import RetryPolicy

BASE_URL = "https://console.example.test/api/v0"
ACCOUNT_ID = "11111111-1111-4111-8111-111111111111"
CLUSTER_ID = "33333333-3333-4333-8333-333333333333"
TOKEN_ID = "2cc0cc53-8cdb-4a85-8021-1da9e09b82ab"
CLUSTER_PATH = f"/api/v0/accounts/{ACCOUNT_ID}/clusters/{CLUSTER_ID}"
# Unique enough that finding it anywhere in text means the bearer secret leaked.
SECRET = "M.V1.zz-UNIQUE-SECRET-7f3e9a1c44d0b2e8"

Answer = httpx.Response | Exception | Callable[[httpx.Request], httpx.Response]


class FakeApi:
    """Answers requests from a script of responses (or exceptions to raise), in order."""

    def __init__(self, *answers: Answer) -> None:
        self.answers: deque[Answer] = deque(answers)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = self.answers.popleft() if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, Exception):
            raise answer
        return answer(request) if callable(answer) else answer

    @property
    def calls(self) -> int:
        return len(self.requests)


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.Response(status, content=json.dumps(body).encode(), headers={
        "Content-Type": "application/json", **(headers or {})})


def error_response(status: int, message: str = "it went wrong", headers: dict[str, str] | None = None) -> httpx.Response:
    return json_response({"code": status, "message": message}, status, headers)


def make_client(api: FakeApi, *, token: str = SECRET, retry: RetryPolicy = RetryPolicy(),
                sleeps: list[float] | None = None, base_url: str = BASE_URL) -> ManagementApiClient:
    recorded = sleeps if sleeps is not None else []
    return ManagementApiClient(
        base_url, ACCOUNT_ID, CLUSTER_ID, token,
        http_client=httpx.Client(transport=httpx.MockTransport(api)),
        retry=retry, sleep=recorded.append,
    )


def management_token_json(**overrides: Any) -> dict[str, Any]:
    body = {
        "accountId": ACCOUNT_ID, "id": TOKEN_ID, "description": "automation token",
        "tokenPrefix": "M.V1.zz", "createdAt": "2024-03-19T19:09:13.215700000Z",
        "createdBy": "44444444-4444-4444-8444-444444444444",
    }
    body.update(overrides)
    return {key: value for key, value in body.items() if value is not ...}


def database_token_json(**overrides: Any) -> dict[str, Any]:
    body = {
        "accountId": ACCOUNT_ID, "clusterId": CLUSTER_ID, "id": "55555555-5555-4555-8555-555555555555",
        "description": "Limited Access Token",
        "permissions": [{"action": "read", "resource": "DatabaseOne"}, {"action": "write", "resource": "*"}],
        "createdAt": "2023-12-21T17:32:28.000Z",
    }
    body.update(overrides)
    return {key: value for key, value in body.items() if value is not ...}
