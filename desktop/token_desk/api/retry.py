"""Timeouts and the retry policy of the Management API client, as named constants."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Callable

import msgspec

if TYPE_CHECKING:
    import httpx

# A reachable server accepts a connection within a second or two; waiting longer
# only delays the "check the URL" message.
CONNECT_TIMEOUT_S = 5.0
# Listing 100,000 tokens is tens of megabytes the server has to build first.
READ_TIMEOUT_S = 30.0
WRITE_TIMEOUT_S = 10.0
POOL_TIMEOUT_S = 5.0


def default_timeout() -> httpx.Timeout:
    """The timeouts above, as httpx takes them. A function, so importing this module does not import httpx:
    the client is made on the GUI thread before the first paint, and imports httpx at its first request."""
    import httpx

    return httpx.Timeout(connect=CONNECT_TIMEOUT_S, read=READ_TIMEOUT_S, write=WRITE_TIMEOUT_S, pool=POOL_TIMEOUT_S)


# A Retry-After longer than this is not worth a frozen "Loading…": give up sooner and
# let the person retry.
MAX_RETRY_AFTER_S = 30.0

# Only requests that can be repeated without changing the outcome: GET reads, DELETE
# revokes (revoking a revoked token answers 204). POST would create a second token and
# PATCH could race another edit, so they are never retried.
IDEMPOTENT_METHODS = frozenset({"GET", "DELETE"})
RETRY_AFTER_STATUSES = frozenset({429, 503})
# Bad Gateway and Gateway Timeout: a proxy in front of the server lost its answer, not the server's own refusal.
GATEWAY_LOST_ANSWER = frozenset({502, 504})


class RetryPolicy(msgspec.Struct, frozen=True):
    """Capped exponential backoff with jitter for idempotent requests."""

    max_attempts: int = 3
    base_delay: float = 0.5
    max_delay: float = 8.0

    def __post_init__(self) -> None:
        if self.max_attempts < 1 or self.base_delay < 0 or self.max_delay < 0:
            raise ValueError("RetryPolicy needs max_attempts >= 1 and non-negative delays.")

    def attempts_for(self, method: str) -> int:
        return self.max_attempts if method in IDEMPOTENT_METHODS else 1

    def delay_before_retry(
        self, retry_number: int, retry_after: float | None = None, jitter: Callable[[], float] = random.random
    ) -> float:
        """Seconds to wait before retry `retry_number` (1 = first retry)."""
        ceiling = min(self.max_delay, self.base_delay * 2 ** (retry_number - 1))
        # Half fixed, half random: clients that failed together do not retry in lockstep.
        backoff = ceiling / 2 + jitter() * ceiling / 2
        if retry_after is None:
            return backoff
        return max(backoff, min(retry_after, MAX_RETRY_AFTER_S))


DEFAULT_RETRY_POLICY = RetryPolicy()


def is_server_error(status: int) -> bool:
    """5xx: a status past 599 (a broken proxy's 999) is no server error."""
    return 500 <= status <= 599


def is_retryable_status(status: int) -> bool:
    return status == 429 or is_server_error(status)


def retry_after_seconds(response: httpx.Response) -> float | None:
    """The Retry-After of a 429/503 in seconds; the HTTP-date form is ignored (backoff applies)."""
    if response.status_code not in RETRY_AFTER_STATUSES:
        return None
    value = response.headers.get("Retry-After", "").strip()
    try:
        seconds = float(value)
    except ValueError:
        return None
    return seconds if 0 <= seconds < float("inf") else None
