"""The one helper that runs work off the GUI thread and hands the outcome back on it.

Network calls must never block the event loop, and widgets must only be touched
on the GUI thread. `run_in_background` runs a callable on Qt's global thread pool
and calls `on_result` or `on_error` on the thread that owns `context` (the GUI
thread for any widget). If `context` is destroyed first, the outcome is dropped,
so a closed dialog never receives a late answer.

Every task carries a `Cancellation` (see token_desk.cancellation): `task.cancel()`
stops its sockets and child processes and drops its outcome. `cancel_all()` is
what the app calls on the way out, so no request or child process outlives it. Work that a task needs
done beside its own (a second request) runs through `alongside`, under the same `Cancellation`.
"""

from __future__ import annotations

import contextvars
import logging
import threading
from typing import Any, Callable, Generic, TypeVar

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

from token_desk.cancellation import Cancellation, CancelledError, cancellable, current_cancellation

__all__ = ["Alongside", "Cancellation", "CancelledError", "Task", "alongside", "cancel_all",
           "current_cancellation", "hold_background_work", "run_in_background", "wait_for_workers"]

log = logging.getLogger(__name__)

T = TypeVar("T")
ResultCallback = Callable[[Any], None]
ErrorCallback = Callable[[BaseException], None]


class Task(QObject):
    """Lives on the GUI thread; its signals carry the outcome back there.

    A task is deliberately not a child of its context: a callback that closes and
    deletes the context (a dialog finishing) would otherwise delete the task in the
    middle of its own slot. Instead the task watches the context's `destroyed`
    signal and stays alive in `_pending` until its outcome is delivered or dropped.
    """

    succeeded = Signal(object)
    failed = Signal(object)

    _pending: set["Task"] = set()

    def __init__(self, context: QObject, on_result: ResultCallback, on_error: ErrorCallback,
                 cancellation: Cancellation | None = None) -> None:
        super().__init__()
        self.moveToThread(context.thread())
        self.cancellation = cancellation if cancellation is not None else Cancellation()
        self._on_result = on_result
        self._on_error = on_error
        self._context_alive = True
        self.done = False
        context.destroyed.connect(self._forget_context)
        # Slots of this object run on its thread, whatever thread emits.
        self.succeeded.connect(self._deliver_result)
        self.failed.connect(self._deliver_error)
        # Hold the wrapper until Qt has really deleted the object (deleteLater),
        # so Python never frees it inside Qt's own event dispatch.
        Task._pending.add(self)
        self.destroyed.connect(lambda *_: Task._pending.discard(self))

    @Slot()
    def _forget_context(self) -> None:
        self._context_alive = False

    def cancel(self, *, deliver: bool = False) -> None:
        """Stop the work where it is; its outcome is dropped unless `deliver` (then it arrives as usual)."""
        if not deliver:
            self._context_alive = False
        self.cancellation.cancel()

    @Slot(object)
    def _deliver_result(self, result: object) -> None:
        self._deliver(self._on_result, result)

    @Slot(object)
    def _deliver_error(self, error: object) -> None:
        self._deliver(self._on_error, error)

    def _deliver(self, callback: Callable[[Any], None], outcome: object) -> None:
        self.done = True
        self.deleteLater()
        # Drop the callbacks (and the context they may keep alive) once used.
        self._on_result = self._on_error = _ignore
        if self._context_alive:
            callback(outcome)


def _ignore(_outcome: object) -> None:
    """Stands in for callbacks already used or dropped."""


class _Runner:
    """The work of one task, handed to the pool as a plain callable (its `run`), not as a QRunnable subclass:
    the binding takes over a QRunnable's Python object only once `start()` has returned, so one that had
    already run and been deleted on its worker by then was never let go: its function and arguments (a whole
    token list, for the shared descriptions' count) stayed in memory for good, a few per hundred tasks."""

    def __init__(self, fn: Callable[..., Any], args: tuple, task: Task) -> None:
        self._fn = fn
        self._args = args
        self._task = task
        # Emitting through a signal (queued across threads) is the only thing
        # the worker does with Qt objects.
        self._succeeded = task.succeeded
        self._failed = task.failed
        self._cancellation = task.cancellation

    def run(self) -> None:  # runs on a pool thread
        try:
            with cancellable(self._cancellation):
                result = self._fn(*self._args)
        except BaseException as exc:  # noqa: BLE001 - every failure is delivered, never lost
            self._emit(self._failed, exc)
        else:
            self._emit(self._succeeded, result)
        finally:
            _running.discard(self._cancellation)

    @staticmethod
    def _emit(signal, value: object) -> None:
        try:
            signal.emit(value)
        except RuntimeError:
            # Only at interpreter shutdown: the task is kept alive until delivery.
            log.debug("background result dropped: receiver is gone")


def run_in_background(
    fn: Callable[..., Any],
    *args: Any,
    on_result: ResultCallback,
    on_error: ErrorCallback,
    context: QObject,
) -> Task:
    """Run `fn(*args)` on a worker thread; deliver the outcome on `context`'s thread."""
    task = Task(context, on_result, on_error)
    _running.add(task.cancellation)  # from now, so work still queued is cancelled too
    runner = _Runner(fn, args, task).run
    if _held is not None:
        _held.append(runner)
    else:
        _pool().start(runner)
    return task


# Work started while held (see hold_background_work), in order; None: work goes to the pool at once.
_held: list[Callable[[], None]] | None = None


def hold_background_work() -> Callable[[], None]:
    """Keep work started from now on from running until the returned `release()` is called (calling it again
    does nothing). The window's first paint calls back into Python (event filters, delegates, the style) while
    Qt draws, and a worker holding the interpreter lock meanwhile (the first loads import httpx, build their
    TLS context and decode) makes each of those calls wait for it: held, the first loads start right after."""
    global _held
    held = _held if _held is not None else []
    _held = held

    def release() -> None:
        global _held
        if _held is held:
            _held = None
        work = list(held)
        held.clear()
        for runner in work:
            _pool().start(runner)

    return release


# The work waits on the network or on influxctl rather than computing, so the pool is not sized by
# cores: on a two-core machine two slow lists would otherwise hold a revoke back until they answer, and a
# multi-cluster load (four clusters at once) needs room beside the management tokens' influxctl.
MIN_WORKERS = 8


def _pool() -> QThreadPool:
    pool = QThreadPool.globalInstance()
    if pool.maxThreadCount() < MIN_WORKERS:
        pool.setMaxThreadCount(MIN_WORKERS)
    return pool


class _Running:
    """The cancel handles of work running right now, across threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._handles: set[Cancellation] = set()

    def add(self, handle: Cancellation) -> None:
        with self._lock:
            self._handles.add(handle)

    def discard(self, handle: Cancellation) -> None:
        with self._lock:
            self._handles.discard(handle)

    def snapshot(self) -> list[Cancellation]:
        with self._lock:
            return list(self._handles)


_running = _Running()


def cancel_all() -> int:
    """Cancel every task still running (the app is closing); returns how many there were."""
    handles = _running.snapshot()
    for handle in handles:
        handle.cancel()
    return len(handles)


class Alongside(Generic[T]):
    """`function(*args)` on a thread of its own, in the caller's context: its task's Cancellation stops it too
    (sockets shut, influxctl ended), so it never outlives the task's cancelling or the app's closing."""

    def __init__(self, function: Callable[..., T], *args: object) -> None:
        self._result: T | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=contextvars.copy_context().run, args=(self._run, function, *args),
                                        name="token-desk-alongside", daemon=True)
        self._thread.start()

    def _run(self, function: Callable[..., T], *args: object) -> None:
        try:
            self._result = function(*args)
        except BaseException as error:  # handed to the caller, on its thread
            self._error = error

    def result(self) -> T:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._result  # type: ignore[return-value]


def alongside(function: Callable[..., T], *args: object) -> Alongside[T]:
    """Start `function(*args)` beside the current task's own work (a second request it will need, say);
    `.result()` waits for it and returns its value or raises its error."""
    return Alongside(function, *args)


def wait_for_workers(timeout_ms: int) -> bool:
    """Wait for the worker threads to finish, at most `timeout_ms`; True if they all did."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
