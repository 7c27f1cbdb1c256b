"""What the sandbox was asked: every request answered, and the DELETEs per token id (the tests' and the
self-test's oracle for "sent exactly once")."""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LoggedRequest:
    method: str
    path: str
    status: int


class RequestLog:
    """Every request served (status 0: hung up without an answer; never headers, so never the bearer), and
    the DELETEs per token id."""

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
