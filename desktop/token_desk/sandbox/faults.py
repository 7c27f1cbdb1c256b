"""Misbehaviour on demand (slow, failing, garbled answers) and a record of what was asked."""

from __future__ import annotations

import random
import threading
from collections import Counter
from dataclasses import dataclass

# What the chaos mode (soak runs) draws from, per request.
CHAOS_STATUSES = (500, 429)


@dataclass(frozen=True, slots=True)
class Injected:
    """What a fault makes the server answer instead of doing the work."""

    status: int
    garbage: bool = False  # a 200 whose body is not JSON


class Faults:
    """Thread-safe switches a test flips; each 'next N' counter is consumed one request at a time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._release = threading.Event()
        self._hanging = 0
        self.delay_ms = 0
        self.clear()

    def clear(self) -> None:
        with self._lock:
            self.delay_ms = 0
            self._revokes = (0, 500)
            self._requests = (0, 500)
            self._garbage = 0
            self._drops: dict[str, int] = {}
            self._hangs = 0
            self._chaos: tuple[float, random.Random] | None = None
            self.chaos_counts: Counter[str] = Counter()
            self._release.set()  # whoever hangs now goes on (and hangs up)
            self._release = threading.Event()

    def drop_next_answers(self, n: int, method: str = "DELETE") -> None:
        """Do the work of the next N `method` requests, then hang up without answering."""
        with self._lock:
            self._drops[method] = n

    def take_drop(self, method: str) -> bool:
        with self._lock:
            if self._drops.get(method, 0) > 0:
                self._drops[method] -= 1
                return True
        return False

    def hang_next(self, n: int) -> None:
        """The next N requests get no answer at all until `clear()` (a server that never answers)."""
        with self._lock:
            self._hangs = n

    def hang_if_asked(self) -> bool:
        """Block while a hang applies; True if this request hung (and must then be hung up on)."""
        with self._lock:
            if self._hangs <= 0:
                return False
            self._hangs -= 1
            self._hanging += 1
            release = self._release
        release.wait()
        with self._lock:
            self._hanging -= 1
        return True

    @property
    def hanging(self) -> int:
        """Requests waiting right now for an answer that will not come."""
        with self._lock:
            return self._hanging

    def chaos(self, rate: float, seed: int = 0) -> None:
        """Each request, with probability `rate`: a delay, a 500, a 429, or its answer dropped."""
        with self._lock:
            self._chaos = (rate, random.Random(seed))

    def draw_chaos(self) -> str | None:
        """'delay', 'drop', '500', '429' or None for this request."""
        with self._lock:
            if self._chaos is None:
                return None
            rate, rng = self._chaos
            if rng.random() >= rate:
                return None
            drawn = rng.choice(("delay", "drop", "500", "429"))
            self.chaos_counts[drawn] += 1
            return drawn

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
