"""A sandbox that misbehaves on demand (slow, failing, garbled, lost or withheld answers), for tests and
benchmarks only: `Faults` is the sandbox's interceptor (token_desk.sandbox.interceptor), and the packaged app
carries none of it (tests/test_layers.py and tests/packaging check)."""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from dataclasses import dataclass

from token_desk.sandbox import Sandbox, routes
from token_desk.sandbox.handler import error_body
from token_desk.sandbox.interceptor import Respond
from token_desk.sandbox.service import Answer

CHAOS_ANSWERS = {"500": 500, "429": 429}
CHAOS_DELAY_S = 0.05
GARBAGE_BODY = "<html>502 Bad Gateway: upstream answered garbage"  # looks like a proxy error page
_REASONS = {400: "bad request", 401: "unauthorized", 403: "forbidden", 404: "not found",
            405: "method not allowed", 409: "conflict", 429: "too many requests", 500: "internal server error"}


@dataclass(frozen=True, slots=True)
class Injected:
    """What a fault makes the server answer instead of doing the work."""

    status: int
    garbage: bool = False  # a 200 whose body is not JSON


class _Gate:
    """The next N requests wait here until let through; `waiting` counts those waiting right now.

    Counting, not an event: `open(k)` lets k of the N through whether they wait already or arrive later, so a
    release that comes before its request reached the gate is never lost (the request would wait for ever)."""

    def __init__(self) -> None:
        self._turn = threading.Condition()
        self._pending = 0  # of the N, those not arrived yet
        self._waiting = 0
        self._passes = 0  # let through, for requests waiting now or still to arrive

    def close_for(self, n: int) -> None:
        with self._turn:
            self._pending = n
            self._passes = min(self._passes, self._waiting)  # passes meant for an earlier N lapse

    def open(self, count: int | None = None) -> None:
        """Let `count` of the N through, those waiting first; all of them (waiting or still to come) if None."""
        with self._turn:
            if count is None:
                self._passes = self._waiting
                self._pending = 0
            else:
                self._passes += count
            self._turn.notify_all()

    def wait_if_closed(self) -> bool:
        """Block while closed for this request; True if it waited."""
        with self._turn:
            if self._pending <= 0:
                return False
            self._pending -= 1
            self._waiting += 1
            self._turn.wait_for(lambda: self._passes > 0)
            self._passes -= 1
            self._waiting -= 1
        return True

    @property
    def waiting(self) -> int:
        with self._turn:
            return self._waiting


class Faults:
    """Thread-safe switches a test flips; each 'next N' counter is consumed one request at a time."""

    def answer(self, method: str, path: str, respond: Respond) -> Answer | None:
        """The sandbox's interceptor: what reaches the wire, once the switches have had their say.

        The switches count Management API requests only: the sandbox's own cluster list (what the influxctl
        emulator reads for `cluster list`, asked at every load) would otherwise take a fault meant for a token
        list, depending on which thread comes first. influxctl's own failures are tested with broken stand-ins
        of it; chaos, which is random anyway, meets every request."""
        api = path.startswith(routes.BASE_PATH + "/")
        if api and self.hang_if_asked():
            return None
        found = routes.match(path)
        cluster = found[1][1] if found is not None else None  # (account, cluster, …) of a documented path
        if cluster is not None:
            if self.hang_if_cluster_hung(cluster):
                return None
            refusal = self.cluster_refusal(cluster)
            if refusal is not None:
                return injected_answer(refusal)
        chaos = self.draw_chaos()
        if chaos in CHAOS_ANSWERS:
            return injected_answer(Injected(CHAOS_ANSWERS[chaos]))
        if chaos == "delay":
            time.sleep(CHAOS_DELAY_S)
        if self.delay_ms and api:
            time.sleep(self.delay_ms / 1000)
        injected = self.take(method, path) if api else None
        answer = respond() if injected is None else injected_answer(injected)
        if api:
            self.wait_if_held()  # the answer as the service had it when asked, held back on the way
        if chaos == "drop" or (api and self.take_drop(method)):
            return None  # the work is done, but its answer is lost on the way
        return answer

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._hangs = _Gate()
        self._holds = _Gate()
        self.delay_ms = 0
        self.clear()

    def clear(self) -> None:
        with self._lock:
            self.delay_ms = 0
            self._revokes = (0, 500)
            self._requests = (0, 500, "")
            self._garbage = (0, "")
            self._drops: dict[str, int] = {}
            self._chaos: tuple[float, random.Random] | None = None
            self.chaos_counts: Counter[str] = Counter()
            self._cluster_status: dict[str, int] = {}
            self._hung_clusters: set[str] = set()
            released = getattr(self, "_cluster_release", None)
            self._cluster_release = threading.Event()
        if released is not None:
            released.set()  # requests to a hung cluster hang up now
        for gate in (self._hangs, self._holds):
            gate.close_for(0)
            gate.open()  # whoever hangs now goes on (and hangs up); whoever is held is answered

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
        self._hangs.close_for(n)

    def hang_if_asked(self) -> bool:
        """Block while a hang applies; True if this request hung (and must then be hung up on)."""
        return self._hangs.wait_if_closed()

    @property
    def hanging(self) -> int:
        """Requests waiting right now for an answer that will not come."""
        return self._hangs.waiting

    def hold_next(self, n: int) -> None:
        """The answers to the next N requests wait until `release_held()`: each is worked out when its
        request arrives (a list says what the service held then) and held back on its way, like a slow
        network; a test releases them when it has seen what it wanted, with no clock involved."""
        self._holds.close_for(n)

    def release_held(self, count: int | None = None) -> None:
        """Send `count` held answers on (those waiting first, then the next to arrive); every one of the N if
        None, including those whose requests have not arrived yet."""
        self._holds.open(count)

    def wait_if_held(self) -> None:
        """Block while a hold applies; the request is then answered as usual."""
        self._holds.wait_if_closed()

    @property
    def held(self) -> int:
        """Requests waiting right now for `release_held()`."""
        return self._holds.waiting

    def refuse_cluster(self, cluster_id: str, status: int = 403) -> None:
        """Every request to this cluster's paths is answered `status` until `clear()` (a cluster this
        management token may not use, say)."""
        with self._lock:
            self._cluster_status[cluster_id.lower()] = status

    def hang_cluster(self, cluster_id: str) -> None:
        """Requests to this cluster's paths get no answer until `clear()` (a cluster that does not answer)."""
        with self._lock:
            self._hung_clusters.add(cluster_id.lower())

    def cluster_refusal(self, cluster_id: str) -> Injected | None:
        with self._lock:
            status = self._cluster_status.get(cluster_id.lower())
        return None if status is None else Injected(status)

    def hang_if_cluster_hung(self, cluster_id: str) -> bool:
        """Block until `clear()` if this cluster was told to hang; True if this request hung."""
        with self._lock:
            if cluster_id.lower() not in self._hung_clusters:
                return False
            released = self._cluster_release
        released.wait()
        return True

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

    def fail_next_requests(self, n: int, status: int = 500, path_ending: str | tuple[str, ...] = "") -> None:
        """The next N requests whose path ends with `path_ending` (or one of them) are answered `status`."""
        with self._lock:
            self._requests = (n, status, path_ending)

    def invalid_json_next(self, n: int, path_ending: str | tuple[str, ...] = "") -> None:
        """The next N requests whose path ends with `path_ending` (or one of them) read a 200 that is not JSON;
        a window asks for several lists at once, so a test names the ones it means."""
        with self._lock:
            self._garbage = (n, path_ending)

    def take(self, method: str, path: str = "") -> Injected | None:
        """The fault this request meets, if any, using it up."""
        with self._lock:
            left, status, path_ending = self._requests
            if left > 0 and path.endswith(path_ending):
                self._requests = (left - 1, status, path_ending)
                return Injected(status)
            if method == "DELETE" and self._revokes[0] > 0:
                self._revokes = (self._revokes[0] - 1, self._revokes[1])
                return Injected(self._revokes[1])
            left, path_ending = self._garbage
            if left > 0 and path.endswith(path_ending):
                self._garbage = (left - 1, path_ending)
                return Injected(200, garbage=True)
        return None


def injected_answer(injected: Injected) -> Answer:
    if injected.garbage:
        return Answer(200, GARBAGE_BODY)
    return Answer(injected.status, error_body(injected.status, f"{_REASONS.get(injected.status, 'error')} (injected)"))


class FaultySandbox(Sandbox):
    """The sandbox with `faults` standing between each request and its answer."""

    def __init__(self, **options) -> None:
        self.faults = Faults()
        super().__init__(interceptor=self.faults, **options)

    def stop(self) -> None:
        self.faults.clear()  # releases requests told to hang or held back
        super().stop()


def start_faulty_sandbox(populate: dict[str, int] | None = None, **options) -> FaultySandbox:
    """token_desk.sandbox.start_sandbox (the same options), with faults to switch on."""
    sandbox = FaultySandbox(**options)
    if populate:
        sandbox.populate(**populate)
    return sandbox.start()
