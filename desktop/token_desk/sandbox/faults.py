"""Misbehaviour on demand (slow, failing, garbled answers) and a record of what was asked."""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Injected:
    """What a fault makes the server answer instead of doing the work."""

    status: int
    garbage: bool = False  # a 200 whose body is not JSON


class Faults:
    """Thread-safe switches a test flips; each 'next N' counter is consumed one request at a time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.delay_ms = 0
        self.clear()

    def clear(self) -> None:
        with self._lock:
            self.delay_ms = 0
            self._revokes = (0, 500)
            self._requests = (0, 500)
            self._garbage = 0

    def fail_next_revokes(self, n: int, status: int = 500) -> None:
        with self._lock:
            self._revokes = (n, status)

    def fail_next_requests(self, n: int, status: int = 500) -> None:
        with self._lock:
            self._requests = (n, status)

    def invalid_json_next(self, n: int) -> None:
        with self._lock:
            self._garbage = n

    def take(self, method: str) -> Injected | None:
        """The fault this request meets, if any, using it up."""
        with self._lock:
            if self._requests[0] > 0:
                self._requests = (self._requests[0] - 1, self._requests[1])
                return Injected(self._requests[1])
            if method == "DELETE" and self._revokes[0] > 0:
                self._revokes = (self._revokes[0] - 1, self._revokes[1])
                return Injected(self._revokes[1])
            if self._garbage > 0:
                self._garbage -= 1
                return Injected(200, garbage=True)
        return None


@dataclass(frozen=True, slots=True)
class LoggedRequest:
    method: str
    path: str
    status: int


class RequestLog:
    """Every request answered (never headers, so never the bearer), and DELETEs per token id."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: list[LoggedRequest] = []
        self._deletes: Counter[tuple[str, str]] = Counter()

    def record(self, method: str, path: str, status: int) -> None:
        with self._lock:
            self._entries.append(LoggedRequest(method, path, status))

    def count_delete(self, kind: str, token_id: str) -> None:
        with self._lock:
            self._deletes[(kind, token_id)] += 1

    def delete_count(self, token_id: str, kind: str | None = None) -> int:
        with self._lock:
            return sum(n for (k, t), n in self._deletes.items() if t == token_id and kind in (None, k))

    @property
    def entries(self) -> list[LoggedRequest]:
        with self._lock:
            return list(self._entries)
