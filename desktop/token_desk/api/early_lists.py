"""A connection's service whose first lists were asked for before the window existed. No Qt.

At start-up the connection is known from the command line before PySide6's widgets are imported and the
window is built (a third of a second and more). `EarlyLists(service)` sends the first token lists (both
kinds) and the database list at once, each on its own thread, so the server's work and the transfer overlap
the window's construction. The window's loader then lists as usual through this service: the first
`list_tokens(kind)` and `list_databases()` take the answer already asked for (waiting for it if it is still
on its way) instead of asking again; every later call goes to the server. So what a load shows is never older
than the load: nothing can change a token before the window exists, and a refresh asks afresh.

Cancelling the worker that waits for an early answer stops that early request (its sockets, its influxctl);
`close()` stops every one still running, so none outlives the connection.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from token_desk.api.models import TokenKind
from token_desk.cancellation import Cancellation, CancelledError, cancellable, current_cancellation

THREAD_NAME = "token-desk early list"


class _EarlyCall:
    """One request running on its own thread under its own cancel handle."""

    def __init__(self, call: Callable[[], Any]) -> None:
        self.cancellation = Cancellation()
        self._done = threading.Event()
        self._result: Any = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(call,), name=THREAD_NAME, daemon=True)
        self._thread.start()

    def _run(self, call: Callable[[], Any]) -> None:
        try:
            with cancellable(self.cancellation):
                self._result = call()
        except BaseException as error:  # noqa: BLE001 - delivered to whoever takes the answer
            self._error = error
        finally:
            self._done.set()

    def answer(self) -> Any:
        """The answer (or the failure raised) once it arrives; cancelling the caller's task stops the request."""
        waiting = current_cancellation()
        forget = waiting.on_cancel(self.cancellation.cancel)
        try:
            self._done.wait()
        finally:
            forget()
        waiting.raise_if_cancelled()
        if self._error is not None:
            raise self._error
        return self._result


class EarlyLists:
    """Wraps `service` (any TokenService) and starts its first lists now; everything else is the service's own."""

    def __init__(self, service: Any) -> None:
        self._service = service
        self._lock = threading.Lock()
        self._early: dict[object, _EarlyCall] = {
            kind: _EarlyCall(lambda kind=kind: service.list_tokens(kind)) for kind in TokenKind}
        self._early["databases"] = _EarlyCall(lambda: service.list_databases())
        self._every = list(self._early.values())  # taken or not: close() stops each one still running

    def __getattr__(self, name: str) -> Any:
        return getattr(self._service, name)

    def __repr__(self) -> str:
        return f"EarlyLists({self._service!r})"

    def list_tokens(self, kind: TokenKind) -> Any:
        return self._first(kind, lambda: self._service.list_tokens(kind))

    def list_databases(self) -> Any:
        return self._first("databases", self._service.list_databases)

    def use_influxctl(self, program: Any) -> None:
        """Another influxctl from now on: a management list asked of the previous one is not taken."""
        self._drop(TokenKind.MANAGEMENT)
        self._service.use_influxctl(program)

    def close(self) -> None:
        with self._lock:
            self._early.clear()
        for early in self._every:
            early.cancellation.cancel()
        self._service.close()

    def _first(self, key: object, ask: Callable[[], Any]) -> Any:
        with self._lock:
            early = self._early.pop(key, None)
        if early is None:
            return ask()
        return early.answer()

    def _drop(self, key: object) -> None:
        with self._lock:
            early = self._early.pop(key, None)
        if early is not None:
            early.cancellation.cancel()
