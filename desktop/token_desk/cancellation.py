"""A cancel handle that work on a worker thread can listen to. No Qt.

`token_desk.tasks` gives each background task a `Cancellation` and makes it the
*current* one while the task runs, so code deep below (the HTTP transport's
sockets, an influxctl child process, a retry's back-off sleep) can find it with
`current_cancellation()` and register what must stop when the person presses
Cancel or closes the window: `cancellation.on_cancel(callback)`.
"""

from __future__ import annotations

import contextvars
import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

log = logging.getLogger(__name__)


class CancelledError(Exception):
    """The person cancelled (or the app is closing); the work stopped where it was."""

    def __str__(self) -> str:
        return "Cancelled."


class Cancellation:
    """Set once, from any thread; callbacks run on the thread that cancels."""

    def __init__(self) -> None:
        self._event = threading.Event()
        self._lock = threading.Lock()
        self._callbacks: dict[int, Callable[[], None]] = {}
        self._next_key = 0

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def cancel(self) -> None:
        with self._lock:
            if self._event.is_set():
                return
            self._event.set()
            callbacks, self._callbacks = list(self._callbacks.values()), {}
        for callback in callbacks:
            _run_quietly(callback)

    def on_cancel(self, callback: Callable[[], None]) -> Callable[[], None]:
        """Run `callback` on cancel (now, if already cancelled); returns a function that unregisters it."""
        with self._lock:
            if not self._event.is_set():
                key = self._next_key
                self._next_key += 1
                self._callbacks[key] = callback
                return lambda: self._forget(key)
        _run_quietly(callback)
        return _nothing

    def _forget(self, key: int) -> None:
        with self._lock:
            self._callbacks.pop(key, None)

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise CancelledError()

    def sleep(self, seconds: float) -> None:
        """Wait, but wake up and raise CancelledError as soon as cancelled."""
        if self._event.wait(max(0.0, seconds)):
            raise CancelledError()


_NEVER = Cancellation()  # what code sees outside any task: never cancelled
_current: contextvars.ContextVar[Cancellation] = contextvars.ContextVar("token_desk_cancellation", default=_NEVER)


def current_cancellation() -> Cancellation:
    """The running task's handle (a never-cancelled one outside tasks)."""
    return _current.get()


@contextmanager
def cancellable(cancellation: Cancellation) -> Iterator[Cancellation]:
    """Make `cancellation` the current one for the code inside."""
    token = _current.set(cancellation)
    try:
        yield cancellation
    finally:
        _current.reset(token)


def _run_quietly(callback: Callable[[], None]) -> None:
    try:
        callback()
    except Exception:  # noqa: BLE001 - one failing stopper must not keep the others from running
        log.debug("a cancel callback failed", exc_info=True)


def _nothing() -> None:
    """Unregistering a callback that already ran."""
